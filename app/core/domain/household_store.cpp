#include "household_store.h"

#include "rules/text.h"
#include "storage/database.h"

#include <cassert>

namespace htk {
namespace {

constexpr const char* kColumns =
    "id, code, head_name, id_number, township, village, kind, population, phone, note, demo";

Household ReadRow(const Stmt& q) {
    Household h;
    h.id = q.Int(0);
    h.code = q.Text(1);
    h.head_name = q.Text(2);
    h.id_number = q.Text(3);
    h.township = q.Text(4);
    h.village = q.Text(5);
    h.kind = q.Text(6);
    h.population = int(q.Int(7));
    h.phone = q.Text(8);
    h.note = q.Text(9);
    h.demo = q.Int(10) != 0;
    return h;
}

// Binds every field but id to ?1..?10.
void BindFields(Stmt& q, const Household& h) {
    q.Bind(1, h.code).Bind(2, h.head_name).Bind(3, h.id_number).Bind(4, h.township).Bind(5, h.village);
    q.Bind(6, h.kind).Bind(7, int64_t(h.population)).Bind(8, h.phone).Bind(9, h.note).Bind(10, int64_t(h.demo));
}

}  // namespace

std::vector<Household> HouseholdStore::LoadAll() const {
    std::vector<Household> out;
    Stmt q = db_.Prepare(std::string("SELECT ") + kColumns + " FROM household ORDER BY township, village, code, id");
    while (q.Step()) out.push_back(ReadRow(q));
    return out;
}

int64_t HouseholdStore::Count() const {
    Stmt& q = db_.Cached("SELECT count(*) FROM household");
    return q.Step() ? q.Int(0) : 0;
}

std::vector<VillageCount> HouseholdStore::Villages() const {
    std::vector<VillageCount> out;
    Stmt q = db_.Prepare(
        "SELECT v.township, v.name, (SELECT count(*) FROM household h WHERE h.township = v.township AND "
        "h.village = v.name) FROM village v ORDER BY v.township, v.name");
    while (q.Step()) out.push_back(VillageCount{q.Text(0), q.Text(1), int(q.Int(2))});
    return out;
}

std::string HouseholdStore::AddVillage(const std::string& township_typed, const std::string& village_typed) {
    const std::string township = Trim(township_typed), village = Trim(village_typed);
    if (township.empty() || village.empty()) return "请填写乡镇和村的名称";
    Transaction tx(db_);
    Stmt& q = db_.Cached("INSERT OR IGNORE INTO village(township, name) VALUES(?1, ?2)");
    q.Bind(1, township).Bind(2, village);
    q.Run();
    const bool added = db_.changes() == 1;
    tx.Commit();
    return added ? "" : township + village + "已在名单中";
}

void HouseholdStore::Apply(const std::vector<Household>& adds, const std::vector<Household>& updates,
                           const std::string& now) {
    Transaction tx(db_);
    Stmt& ins = db_.Cached(
        "INSERT INTO household(code, head_name, id_number, township, village, kind, population, phone, note, demo, "
        "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
    Stmt& upd = db_.Cached(
        "UPDATE household SET code = ?1, head_name = ?2, id_number = ?3, township = ?4, village = ?5, kind = ?6, "
        "population = ?7, phone = ?8, note = ?9, demo = ?10, updated_at = ?11 WHERE id = ?12");
    Stmt& village = db_.Cached("INSERT OR IGNORE INTO village(township, name) VALUES(?1, ?2)");
    auto record_village = [&](const Household& h) {
        village.Bind(1, h.township).Bind(2, h.village);
        bool ok = village.Run();
        assert(ok);
        (void)ok;
    };
    for (const Household& h : adds) {
        BindFields(ins, h);
        ins.Bind(11, now);
        bool ok = ins.Run();
        assert(ok && "insert of a validated household failed");
        (void)ok;
        record_village(h);
    }
    for (const Household& h : updates) {
        BindFields(upd, h);
        upd.Bind(11, now).Bind(12, h.id);
        bool ok = upd.Run();
        assert(ok);
        (void)ok;
        record_village(h);
    }
    bool ok = tx.Commit();
    assert(ok);
    (void)ok;
}

}  // namespace htk
