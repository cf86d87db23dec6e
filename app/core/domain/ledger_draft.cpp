#include "ledger_draft.h"

#include "storage/database.h"

#include <nlohmann/json.hpp>

namespace htk {
namespace {

constexpr const char* kKey = "ledger_draft";

}  // namespace

bool SaveLedgerDraft(Database& db, const Problem& draft) {
    nlohmann::json j;
    j["id"] = draft.id;
    for (int f = 0; f < kProblemFieldCount; ++f) j["fields"][FieldInfo(f).column] = draft.v[size_t(f)];
    Stmt put = db.Prepare("INSERT INTO settings(key, value) VALUES(?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    return put.Bind(1, kKey).Bind(2, j.dump()).Run();
}

std::optional<Problem> LoadLedgerDraft(Database& db) {
    Stmt get = db.Prepare("SELECT value FROM settings WHERE key = ?1");
    get.Bind(1, kKey);
    if (!get.Step()) return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(get.Text(0), nullptr, false);
    if (!j.is_object() || !j.contains("fields") || !j["fields"].is_object()) return std::nullopt;
    Problem p = NewProblem();
    p.id = j.value("id", int64_t(0));
    for (int f = 0; f < kProblemFieldCount; ++f) {
        const auto it = j["fields"].find(FieldInfo(f).column);
        if (it != j["fields"].end() && it->is_string()) p.v[size_t(f)] = it->get<std::string>();
    }
    return p;
}

void ClearLedgerDraft(Database& db) {
    Stmt del = db.Prepare("DELETE FROM settings WHERE key = ?1");
    del.Bind(1, kKey).Run();
}

}  // namespace htk
