// household_import.h — the household registry from a sheet: the national
// monitoring system's exports (户编号, 户主姓名, 证件号码, 所在乡镇, 所在村,
// 户类型 …) or a list typed by hand.
//
// Like the ledger import: the header row is found wherever it is, every row
// that cannot be taken is listed with its sheet row and the reason, and
// planning changes nothing. Rows for the same household — the same 户编号, or
// the same 身份证号 — merge, within the file and with the registry.
#pragma once

#include "formats/sheet.h"
#include "household.h"
#include "ledger_import.h"  // ImportRowError

#include <string>
#include <vector>

namespace htk {

class HouseholdStore;

struct HouseholdImportPlan {
    std::string file_name, sheet_name;
    int header_row = 0;                // 1-based
    std::vector<std::string> columns;  // recognised header labels, in sheet order
    std::vector<Household> adds, updates;
    int unchanged = 0;
    int merged = 0;  // rows that repeated a household earlier in the file
    std::vector<ImportRowError> errors;
    std::string fatal;  // why nothing at all can be taken

    size_t taken() const { return adds.size() + updates.size(); }
};

// Does a sheet of this workbook look like a household list (rather than a ledger)?
bool IsHouseholdWorkbook(const Workbook& book);

HouseholdImportPlan PlanHouseholdImport(const Workbook& book, const std::string& file_name,
                                        const HouseholdStore& store, const Date& today);

}  // namespace htk
