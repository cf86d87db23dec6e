// ledger_model.h — the ledger as the screens use it: the store (SQLite, its
// history and undo) and the view (every row in memory, filtered and sorted),
// owned together so that they cannot disagree.
//
// Invariants (tests/core/ledger_model_test.cpp):
//   1. Every write to the ledger goes through a LedgerModel: the store is only
//      reachable read-only from outside (store()), or inside Write().
//   2. When a write returns, the view holds exactly the stored live rows: what
//      Load would read for every id the write touched, deleted rows gone.
//   3. A write that another owner makes in the same database (the district's
//      merge, a screening finding's transaction) goes through Write(), which
//      hands it the store and brings the view up to date with the ids it returns.
#pragma once

#include "ledger_store.h"
#include "ledger_view.h"
#include "task.h"

#include <functional>
#include <memory>

#include <utility>

namespace htk {

class LedgerModel {
public:
    LedgerModel(Database& db, int64_t campaign_id) : store_(db, campaign_id) {}

    // Reads every live row into the view (the first screen that needs them).
    void Load();
    bool loaded() const { return loaded_; }

    const LedgerStore& store() const { return store_; }
    // The view's filter, sort and scan are the screen's to drive; its rows are the model's.
    LedgerView& view() { return view_; }
    const LedgerView& view() const { return view_; }

    // The store's writes, each one transaction and one undo step (see LedgerStore).
    int64_t Add(const Problem& p, const ChangeContext& ctx);
    std::vector<int64_t> Update(const Problem& after, const ChangeContext& ctx);
    std::vector<int64_t> Delete(const std::vector<int64_t>& ids, const ChangeContext& ctx);
    std::vector<int64_t> Undo(const ChangeContext& ctx);
    std::vector<int64_t> Redo(const ChangeContext& ctx);
    // Rows were written behind the store's back (the demo data): the undo
    // steps no longer apply, and the view is read again.
    void Reload();

    // Any other write: `write(LedgerStore&)` returns the ids it touched.
    template <class F>
    std::vector<int64_t> Write(F&& write) {
        std::vector<int64_t> ids = std::forward<F>(write)(store_);
        Refresh(ids);
        return ids;
    }

    // A write spread over frames (core/task.h): `start(LedgerStore&)` makes
    // the task that writes; `touched(Task&)` gives the ids it touched once it
    // has finished, and the returned task then brings the view up to date in
    // its last step (invariant 2 holds when it finishes; a cancel changes nothing).
    class WriteTask;
    std::unique_ptr<WriteTask> WriteInSteps(const std::function<std::unique_ptr<Task>(LedgerStore&)>& start,
                                            std::function<std::vector<int64_t>(Task&)> touched);

private:
    void Refresh(const std::vector<int64_t>& ids);

    LedgerStore store_;
    LedgerView view_;
    bool loaded_ = false;
};

class LedgerModel::WriteTask : public Task {
public:
    WriteTask(LedgerModel& model, std::unique_ptr<Task> inner, std::function<std::vector<int64_t>(Task&)> touched)
        : model_(model), inner_(std::move(inner)), touched_(std::move(touched)) {}
    bool Step(Slice& slice) override {
        if (!inner_->Step(slice)) return false;
        model_.Refresh(touched_(*inner_));
        return true;
    }
    double progress() const override { return inner_->progress(); }
    std::string stage() const override { return inner_->stage(); }
    Task& inner() { return *inner_; }  // its results, once finished

private:
    LedgerModel& model_;
    std::unique_ptr<Task> inner_;
    std::function<std::vector<int64_t>(Task&)> touched_;
};

inline std::unique_ptr<LedgerModel::WriteTask> LedgerModel::WriteInSteps(
    const std::function<std::unique_ptr<Task>(LedgerStore&)>& start, std::function<std::vector<int64_t>(Task&)> touched) {
    return std::make_unique<WriteTask>(*this, start(store_), std::move(touched));
}

}  // namespace htk
