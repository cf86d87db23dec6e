// ledger_store.h — the ledger in SQLite: every change in one transaction,
// written to the history table (who, when, old, new) and undoable.
//
// Rows are never removed: deleting marks them, so undo can bring them back
// and the history stays whole. Undo/redo steps live in memory for the session.
#pragma once

#include "problem.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace htk {

class Database;
class Transaction;

// What a received file's record (区级汇总, table received_file) holds that
// undo and redo change together with the rows it brought.
enum class FileField { kRemoved, kUnit, kWeek };

// One line of a problem's history.
struct HistoryEntry {
    std::string changed_at, actor, source;
    std::string field;  // a field's Chinese label, or 新增 / 删除 / 恢复
    std::string old_value, new_value;
};

struct ChangeContext {
    std::string now;     // "2022-06-15 14:03:22", local time
    std::string actor;   // who: the unit's 填报人 or the unit
    std::string source;  // edit / import / paste
};

class LedgerStore {
public:
    LedgerStore(Database& db, int64_t campaign_id);
    ~LedgerStore();

    std::vector<Problem> LoadAll(bool with_deleted = false) const;  // oldest first
    std::vector<Problem> LoadDeleted() const;
    bool Load(int64_t id, Problem* out) const;  // also deleted rows
    int64_t FindByUuid(const std::string& uuid) const;  // 0: none
    // A row of the same unit with the same 问题表述 (ignoring spaces): how a
    // hand-made sheet imported twice updates instead of duplicating.
    int64_t FindSameDescription(const std::string& reporting_unit, const std::string& description) const;
    int64_t CountActive() const;
    // A problem's history, newest first.
    std::vector<HistoryEntry> History(int64_t id) const;

    // Each call below is one transaction and one undo step, and returns the
    // ids it touched. Rows must have passed NormalizeAndValidate.
    int64_t Add(Problem p, const ChangeContext& ctx);
    // Writes the fields of `after` that differ from the stored row.
    std::vector<int64_t> Update(const Problem& after, const ChangeContext& ctx);
    std::vector<int64_t> Delete(const std::vector<int64_t>& ids, const ChangeContext& ctx);
    // Adds and updates together (an import or a paste): one undo step.
    std::vector<int64_t> ApplyBatch(std::vector<Problem> adds, const std::vector<Problem>& updates,
                                    const ChangeContext& ctx, const std::string& label);

    // Keeps in the history of `stored` the fields where `incoming` differs, as
    // a version that lost to a newer one (source "conflict"), unless the same
    // entry is there already. Changes no field and no undo step. Returns the
    // number of entries written.
    int RecordLosingVersion(const Problem& stored, const Problem& incoming, const ChangeContext& ctx);

    // A step put together by the caller (the district's received files: an
    // import's record, a file removed or moved to another unit). BeginStep
    // opens a transaction; each call below writes at once; EndStep commits
    // and pushes one undo step (none when nothing changed). Never nested.
    void BeginStep(std::string label);
    int64_t StepAdd(Problem p, const ChangeContext& ctx);
    void StepUpdate(const Problem& after, const ChangeContext& ctx);  // the fields that differ
    void StepSetDeleted(int64_t id, bool deleted, const ChangeContext& ctx);
    void StepSetUuid(int64_t id, const std::string& uuid);
    void StepSetFile(int64_t file_id, FileField field, const std::string& value);
    // Links a file to a problem (with `data`, the problem's fields as that
    // file gave them: file_problem.data) or unlinks them; undo gives an
    // unlinked row its data back.
    void StepLink(int64_t file_id, int64_t problem_id, bool linked, const std::string& data = "");
    // A line in the problem's history that changes no field: `field` is
    // "merged_into" (并入) or "merged_from" (合并); written once, not undone
    // (the history keeps what happened, undo included).
    void StepNote(int64_t id, const char* field, const std::string& old_value, const std::string& new_value,
                  const ChangeContext& ctx);
    // A spot check's item (round `spot_check_id`, number `seq`) and its
    // finding move from one problem to another (并入: the finding goes with
    // the problem).
    void StepMoveFinding(int64_t spot_check_id, int seq, int64_t from_problem, int64_t to_problem);
    // The problem stays open although its unit's latest file lacks it (保留,
    // drift_kept): it is not listed as drift again. Undo lists it again.
    void StepKeepDrifted(int64_t problem_id, const std::string& decided_at);
    bool InStep() const { return step_tx_ != nullptr; }
    // Returns the touched problem ids; `pushed`: whether a step was pushed.
    std::vector<int64_t> EndStep(bool* pushed = nullptr);

    // Makes the last `n` undo steps one, under `label` (a batch of files).
    void MergeLastSteps(size_t n, const std::string& label);

    // A write spread over several steps of a task (core/task.h), inside one
    // transaction of the caller: the undo steps pushed between BeginGroup and
    // EndGroup become one step under `label`, pushed by EndGroup (after the
    // commit); AbandonGroup drops them, with the writes the caller rolls back.
    // Until then the undo and redo stacks stay as they were.
    void BeginGroup();
    void EndGroup(const std::string& label);
    void AbandonGroup();

    bool CanUndo() const { return !undo_.empty(); }
    bool CanRedo() const { return !redo_.empty(); }
    std::string UndoLabel() const;  // e.g. "修改问题表述"
    std::string RedoLabel() const;
    std::vector<int64_t> Undo(const ChangeContext& ctx);
    // Forgets every undo and redo step (rows were added or removed behind the
    // store's back, e.g. the demo data).
    void ForgetUndo() {
        undo_.clear();
        redo_.clear();
    }
    std::vector<int64_t> Redo(const ChangeContext& ctx);

private:
    struct Change {
        // kFile: `id` is a received file, `field` a FileField; kLink: `id` a
        // problem, `other` a file, `field` 1 when the step links them, 0 when
        // it unlinks them, `old_value` the link's data; kUuid: the problem's
        // identity; kFinding: the spot_check_item of round `other`, number
        // `field`, moved from problem `field_from` to problem `id`; kKept: `id` a problem marked kept
        // (drift_kept) at `new_value`.
        enum Kind { kEdit, kCreate, kDelete, kFile, kLink, kUuid, kFinding, kKept } kind;
        int64_t id;
        int field;  // for kEdit
        std::string old_value, new_value;
        int64_t other = 0;
        int64_t field_from = 0;  // kFinding
    };
    struct Step {
        std::string label;
        std::vector<Change> changes;
    };

    int64_t Insert(Problem& p, const ChangeContext& ctx);
    void Apply(const Change& c, bool forward, const ChangeContext& ctx);
    void SetField(int64_t id, int field, const std::string& old_value, const std::string& value,
                  const ChangeContext& ctx);
    void SetDeleted(int64_t id, bool deleted, const ChangeContext& ctx);
    void SetFileField(int64_t file_id, int field, const std::string& value);
    void SetLink(int64_t file_id, int64_t problem_id, bool linked, const std::string& data);
    void SetUuid(int64_t id, const std::string& uuid);
    void SetFindingProblem(int64_t spot_check_id, int seq, int64_t problem_id);
    void SetKept(int64_t problem_id, bool kept, const std::string& decided_at);
    void RecordHistory(int64_t id, const char* field, const std::string* old_value, const std::string* new_value,
                       const ChangeContext& ctx);
    void Push(Step step);
    std::vector<int64_t> Replay(std::vector<Step>& from, std::vector<Step>& to, bool forward,
                                const ChangeContext& ctx);

    Database& db_;
    int64_t campaign_id_;
    std::vector<Step> undo_, redo_;
    std::unique_ptr<Transaction> step_tx_;  // BeginStep … EndStep
    Step building_;
    bool grouping_ = false;  // BeginGroup … EndGroup: steps gather in group_
    Step group_;
};

}  // namespace htk
