// household_import.h — the household registry from a sheet, in either shape
// officials have:
//
//  - person rows, as the national 防返贫监测信息系统 exports them: one row per
//    person (户编号, 人编号, 姓名, 证件号码, 与户主关系, 户类型, 监测对象类别,
//    风险是否消除 …). Rows are grouped into households by 户编号 (else by a
//    户主证件号码 column, else a row follows the household above it); the head
//    is the row whose 与户主关系 is 户主, wherever it stands; 人口数 is the
//    number of person rows; the members are kept.
//  - household rows (户主姓名, 身份证号 …), typed by hand or exported per
//    household: rows for the same household (户编号 or 身份证号) merge.
//
// Like the ledger import: the header row is found wherever it is (bracketed,
// full-width or broken header labels included), every row that cannot be
// taken is listed with its sheet row and the reason, and planning changes
// nothing. A 户类型 the tool does not know never refuses a household: it is
// kept as written and the plan lists it.
#pragma once

#include "formats/sheet.h"
#include "household.h"
#include "household_store.h"
#include "import_errors.h"

#include <memory>
#include <string>
#include <vector>

namespace htk {

// How the file's kind words were read: "脱贫户" -> 脱贫享受政策户, 28 households.
struct KindCount {
    std::string words;  // 户类型 / 监测对象类别 / 风险是否消除 as the file writes them
    std::string kind;   // the tool's kind; "" when not known (kept as written)
    int households = 0;
};

// A household the preview names: no 户主 row, several, or a 人数 that
// disagrees with the person rows.
struct HouseholdNotice {
    std::string household;  // "户编号 4110230010001（王堃）"
    std::string text;       // Chinese: what is the matter
    bool refused = false;   // the household is not imported
};

struct HouseholdImportPlan {
    std::string file_name, sheet_name;
    int header_row = 0;                // 1-based
    std::vector<std::string> columns;  // recognised header labels, in sheet order
    bool person_rows = false;          // one row per person (the national export)
    int people = 0;                    // person rows taken (person_rows only)
    std::vector<HouseholdWrite> adds, updates;
    int unchanged = 0;
    int merged = 0;  // household rows that repeated a household earlier in the file
    int members_added = 0, members_changed = 0, members_removed = 0;
    std::vector<KindCount> kinds;  // known mappings first, by count
    std::vector<HouseholdNotice> notices;
    std::vector<ImportRowError> errors;  // in sheet order
    std::string fatal;  // why nothing at all can be taken

    size_t taken() const { return adds.size() + updates.size(); }
};

// Does a sheet of this workbook look like a household list (rather than a ledger)?
bool IsHouseholdWorkbook(const Workbook& book);

// Plans an import from one sheet's rows as they are read, and compares the
// file's households with the registry a slice at a time: a district's
// registry (800,000 person rows) is never held as a sheet and never blocks
// a frame. The header is looked for among the first kHeaderSearchRows rows.
class HouseholdImport {
public:
    HouseholdImport(std::string file_name, std::string sheet_name, const HouseholdStore& store, const Date& today);
    ~HouseholdImport();
    HouseholdImport(const HouseholdImport&) = delete;
    HouseholdImport& operator=(const HouseholdImport&) = delete;

    // The sheet's rows in order, from its first.
    void AddRow(std::vector<Cell>&& cells);
    // After the last row. False when no header was found (plan().fatal says so).
    bool EndOfRows();
    // Compares with the registry until the slice is over. True once plan()
    // is complete.
    bool Finish(Slice& slice);
    double finish_progress() const;  // 0..1
    HouseholdImportPlan& plan();

private:
    struct State;
    std::unique_ptr<State> s_;
};

HouseholdImportPlan PlanHouseholdImport(const Workbook& book, const std::string& file_name,
                                        const HouseholdStore& store, const Date& today);

}  // namespace htk
