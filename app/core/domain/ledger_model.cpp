#include "ledger_model.h"

namespace htk {

// A large import or its undo: one query beats thousands of single-row reads.
constexpr size_t kReloadAllAbove = 200;

void LedgerModel::Load() {
    view_.Reset(store_.LoadAll());
    loaded_ = true;
}

void LedgerModel::Reload() {
    store_.ForgetUndo();
    if (loaded_) view_.Reset(store_.LoadAll());
}

void LedgerModel::Refresh(const std::vector<int64_t>& ids) {
    if (!loaded_ || ids.empty()) return;  // read whole when first needed
    if (ids.size() > kReloadAllAbove) {
        view_.Reset(store_.LoadAll());
        return;
    }
    for (int64_t id : ids) {
        Problem p;
        if (store_.Load(id, &p)) view_.Upsert(p);  // a deleted row leaves the view
        else view_.Remove(id);
    }
}

int64_t LedgerModel::Add(const Problem& p, const ChangeContext& ctx) {
    const int64_t id = store_.Add(p, ctx);
    Refresh({id});
    return id;
}

std::vector<int64_t> LedgerModel::Update(const Problem& after, const ChangeContext& ctx) {
    return Write([&](LedgerStore& s) { return s.Update(after, ctx); });
}

std::vector<int64_t> LedgerModel::Delete(const std::vector<int64_t>& ids, const ChangeContext& ctx) {
    return Write([&](LedgerStore& s) { return s.Delete(ids, ctx); });
}

std::vector<int64_t> LedgerModel::Undo(const ChangeContext& ctx) {
    return Write([&](LedgerStore& s) { return s.Undo(ctx); });
}

std::vector<int64_t> LedgerModel::Redo(const ChangeContext& ctx) {
    return Write([&](LedgerStore& s) { return s.Redo(ctx); });
}

}  // namespace htk
