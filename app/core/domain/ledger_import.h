// ledger_import.h — turns a ledger sheet (made by this app, or filled by
// hand in Excel/WPS) into rows to add and rows to update, with every row it
// cannot take listed by its sheet row number and the reason.
//
// Planning changes nothing; ApplyLedgerImport writes the plan in one
// transaction (one undo step). Rows exported by this app carry a UUID and
// update the same problem; hand-made rows update the problem of the same
// 填报单位 with the same 问题表述, so importing a file twice adds nothing.
#pragma once

#include "formats/sheet.h"
#include "import_errors.h"
#include "problem.h"
#include "task.h"

#include <memory>
#include <string>
#include <vector>

namespace htk {

struct Campaign;
class Database;
class LedgerStore;
class Transaction;
struct ChangeContext;

struct ImportPlan {
    std::string file_name;
    std::string sheet_name;
    int header_row = 0;           // 1-based; 0 when no header row was found
    std::string unit;             // from the file (单位（盖章）： line or our metadata)
    std::vector<Problem> adds;
    std::vector<Problem> updates;  // complete rows with their ids
    int unchanged = 0;
    std::vector<int64_t> unchanged_ids;  // stored rows the file lists as they are
    int skipped_blank = 0;
    std::vector<ImportRowError> errors;
    std::vector<std::string> columns;  // recognised header labels, in sheet order
    std::string fatal;                 // why nothing at all can be taken

    size_t taken() const { return adds.size() + updates.size(); }
};

// Finds the ledger header row (in the first 20 rows of each sheet) and reads
// the rows under it. `fallback_unit` names the 填报单位 when the file does not.
// `current`, when given, must be every stored row that is not deleted (as the
// ledger screen holds them): then they are not read again. With
// `unit_overrides_file` the rows are `fallback_unit`'s whatever the file says
// (the district office has attributed the file).
//
// With `district_merge` (区级汇总 reading a unit's file) a row without our
// 唯一编号 gets its identity from its content (ProblemContentUuid; the k-th
// equal row of a file gets counter k) and is matched by it first, and a row
// is refused only for what the ledger's 备注 requires (问题类型, 问题性质, a
// 完成时限 to the day, a 问题表述): an unknown 整改状态 reads as 待整改, an
// unreadable 发现日期/完成日期 is left empty, an empty 整改措施 or 责任单位 is
// taken empty.
ImportPlan PlanLedgerImport(const Workbook& book, const std::string& file_name, const Campaign& campaign,
                            const LedgerStore& store, const std::string& fallback_unit,
                            const std::vector<Problem>* current = nullptr, bool unit_overrides_file = false,
                            bool district_merge = false);

// The same a slice at a time (task.h), for a file read by the page (a
// 50,000-row ledger takes ~300 ms in the browser): it holds the workbook;
// `current` (the view's rows) must not change until it ends. Reads only.
class LedgerPlanTask : public Task {
public:
    // unit_overrides_file, district_merge: as PlanLedgerImport's (a unit's file
    // read or merged by 区级汇总).
    LedgerPlanTask(Workbook book, std::string file_name, const Campaign& campaign, const LedgerStore& store,
                   std::string fallback_unit, const std::vector<Problem>* current, bool district_merge = false,
                   bool unit_overrides_file = false);
    // The same over a workbook that stays the caller's (unchanged until the
    // task ends; TakeBook then gives nothing).
    LedgerPlanTask(const Workbook* book, std::string file_name, const Campaign& campaign, const LedgerStore& store,
                   std::string fallback_unit, const std::vector<Problem>* current, bool district_merge = false,
                   bool unit_overrides_file = false);
    ~LedgerPlanTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    ImportPlan TakePlan();  // after Step returned true
    Workbook TakeBook();    // the workbook it planned, after Step returned true

    struct State;

private:
    std::unique_ptr<State> s_;
};

// The identity of a problem read from a file without 唯一编号: derived from
// the campaign, the unit, 所属村 and the 问题表述 (width, spaces, case and a
// final full stop ignored), and `counter` for the k-th equal row of one file;
// the same on every computer.
std::string ProblemContentUuid(const Campaign& campaign, const std::string& unit, const std::string& village,
                               const std::string& description, int counter);
// What makes two rows of one unit “the same” for that counter.
std::string ProblemContentKey(const std::string& village, const std::string& description);

// Rows pasted from Excel/WPS (tab-separated text): with a header row if the
// first line has one, otherwise in the official column order.
ImportPlan PlanPastedRows(const std::string& text, const Campaign& campaign, const LedgerStore& store,
                          const std::string& fallback_unit);

// Writes the plan as one transaction and one undo step; returns touched ids.
std::vector<int64_t> ApplyLedgerImport(const ImportPlan& plan, LedgerStore& store, const ChangeContext& ctx);
// The same, giving up the plan's new rows instead of copying them.
std::vector<int64_t> ApplyLedgerImport(ImportPlan&& plan, LedgerStore& store, const ChangeContext& ctx);

// ApplyLedgerImport a slice of rows at a time (core/task.h), in one
// transaction and one undo step; destroyed unfinished, it rolls back.
class ImportApplyTask : public Task {
public:
    ImportApplyTask(ImportPlan plan, Database& db, LedgerStore& store, const ChangeContext& ctx);
    ~ImportApplyTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override { return "正在写入台账"; }
    const std::vector<int64_t>& touched() const { return touched_; }  // once finished
    const ImportPlan& plan() const { return plan_; }  // its counts (its new rows are given up)

private:
    ImportPlan plan_;
    Database& db_;
    LedgerStore& store_;
    std::unique_ptr<ChangeContext> ctx_;
    std::unique_ptr<Transaction> tx_;
    size_t next_add_ = 0, next_update_ = 0;
    bool finished_ = false;
    std::vector<int64_t> touched_;
};

}  // namespace htk
