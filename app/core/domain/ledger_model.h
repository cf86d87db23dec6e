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

private:
    void Refresh(const std::vector<int64_t>& ids);

    LedgerStore store_;
    LedgerView view_;
    bool loaded_ = false;
};

}  // namespace htk
