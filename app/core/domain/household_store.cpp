#include "household_store.h"

#include "rules/text.h"
#include "storage/database.h"

#include <algorithm>


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

constexpr const char* kMemberColumns =
    "id, household_id, person_code, name, id_number, relation, ethnicity, education, school, health, skill, "
    "work_months, medical_insurance, illness_insurance";

HouseholdMember ReadMember(const Stmt& q) {
    HouseholdMember m;
    m.id = q.Int(0);
    m.household_id = q.Int(1);
    int c = 2;
    for (std::string* f : {&m.person_code, &m.name, &m.id_number, &m.relation, &m.ethnicity, &m.education, &m.school,
                           &m.health, &m.skill, &m.work_months, &m.medical_insurance, &m.illness_insurance})
        *f = q.Text(c++);
    return m;
}

// Binds household_id and every field to ?1..?13.
void BindMember(Stmt& q, int64_t household_id, const HouseholdMember& m) {
    q.Bind(1, household_id);
    int c = 2;
    for (const std::string* f : {&m.person_code, &m.name, &m.id_number, &m.relation, &m.ethnicity, &m.education,
                                 &m.school, &m.health, &m.skill, &m.work_months, &m.medical_insurance,
                                 &m.illness_insurance})
        q.Bind(c++, *f);
}

}  // namespace

std::vector<HouseholdMember> HouseholdStore::LoadMembers(int64_t household_id) const {
    std::vector<HouseholdMember> out;
    Stmt& q = db_.Cached(std::string("SELECT ") + kMemberColumns +
                         " FROM household_member WHERE household_id = ?1 ORDER BY id");
    q.Bind(1, household_id);
    while (q.Step()) out.push_back(ReadMember(q));
    std::stable_partition(out.begin(), out.end(), [](const HouseholdMember& m) { return IsHeadRelation(m.relation); });
    return out;
}

std::vector<HouseholdMember> HouseholdStore::LoadAllMembers() const {
    std::vector<HouseholdMember> out;
    Stmt q = db_.Prepare(std::string("SELECT ") + kMemberColumns + " FROM household_member ORDER BY household_id, id");
    while (q.Step()) out.push_back(ReadMember(q));
    return out;
}

std::vector<Household> HouseholdStore::LoadAll() const {
    HouseholdLoadTask task(db_);
    RunToEnd(task);
    return task.TakeRows();
}

HouseholdLoadTask::HouseholdLoadTask(Database& db)
    : query_(std::make_unique<Stmt>(
          db.Prepare(std::string("SELECT ") + kColumns + " FROM household ORDER BY township, village, code, id"))) {
    Stmt count = db.Prepare("SELECT count(*) FROM household");
    total_ = count.Step() ? count.Int(0) : 0;
    rows_.reserve(size_t(total_));
}

HouseholdLoadTask::~HouseholdLoadTask() = default;

bool HouseholdLoadTask::Step(Slice& slice) {
    while (query_->Step()) {
        rows_.push_back(ReadRow(*query_));
        if (slice.over()) return false;
    }
    query_.reset();  // the read ends here: nothing stays open between frames after it
    return true;
}

double HouseholdLoadTask::progress() const { return total_ ? double(rows_.size()) / double(total_) : 1.0; }

std::string HouseholdLoadTask::stage() const { return "正在读取农户名册（" + std::to_string(total_) + " 户）"; }

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

HouseholdWriter::HouseholdWriter(Database& db, std::string now)
    : db_(db), tx_(std::make_unique<Transaction>(db)), now_(std::move(now)) {
    insert_ = &db_.Cached(
        "INSERT INTO household(code, head_name, id_number, township, village, kind, population, phone, note, demo, "
        "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
    update_ = &db_.Cached(
        "UPDATE household SET code = ?1, head_name = ?2, id_number = ?3, township = ?4, village = ?5, kind = ?6, "
        "population = ?7, phone = ?8, note = ?9, demo = ?10, updated_at = ?11 WHERE id = ?12");
    village_ = &db_.Cached("INSERT OR IGNORE INTO village(township, name) VALUES(?1, ?2)");
    add_member_ = &db_.Cached(
        "INSERT INTO household_member(household_id, person_code, name, id_number, relation, ethnicity, education, "
        "school, health, skill, work_months, medical_insurance, illness_insurance) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    update_member_ = &db_.Cached(
        "UPDATE household_member SET household_id = ?1, person_code = ?2, name = ?3, id_number = ?4, relation = ?5, "
        "ethnicity = ?6, education = ?7, school = ?8, health = ?9, skill = ?10, work_months = ?11, "
        "medical_insurance = ?12, illness_insurance = ?13 WHERE id = ?14");
    remove_member_ = &db_.Cached("DELETE FROM household_member WHERE id = ?1");
}

HouseholdWriter::~HouseholdWriter() = default;  // an uncommitted transaction rolls back

bool HouseholdWriter::Write(HouseholdWrite& w) {
    Household& h = w.household;
    int64_t id = h.id;
    if (id == 0 || w.write_household) {
        Stmt& q = id == 0 ? *insert_ : *update_;
        BindFields(q, h);
        q.Bind(11, now_);
        if (id != 0) q.Bind(12, id);
        if (!q.Run()) return false;
        if (id == 0) id = h.id = db_.last_insert_rowid();
        village_->Bind(1, h.township).Bind(2, h.village);
        if (!village_->Run()) return false;
    }
    for (int64_t gone : w.member_removes) {
        remove_member_->Bind(1, gone);
        if (!remove_member_->Run()) return false;
    }
    for (const HouseholdMember& m : w.member_updates) {
        BindMember(*update_member_, id, m);
        update_member_->Bind(14, m.id);
        if (!update_member_->Run()) return false;
    }
    for (const HouseholdMember& m : w.member_adds) {
        BindMember(*add_member_, id, m);
        if (!add_member_->Run()) return false;
    }
    return true;
}

bool HouseholdWriter::Commit() { return tx_->Commit(); }

bool HouseholdStore::Apply(const std::vector<HouseholdWrite>& adds, const std::vector<HouseholdWrite>& updates,
                           const std::string& now) {
    HouseholdWriter writer(db_, now);
    for (const std::vector<HouseholdWrite>* list : {&adds, &updates})
        for (HouseholdWrite w : *list)
            if (!writer.Write(w)) return false;
    return writer.Commit();
}

bool HouseholdStore::Apply(const std::vector<Household>& adds, const std::vector<Household>& updates,
                           const std::string& now) {
    std::vector<HouseholdWrite> writes[2];
    for (int i = 0; i < 2; ++i)
        for (const Household& h : i == 0 ? adds : updates) writes[i].push_back(HouseholdWrite{h, true, {}, {}, {}});
    return Apply(writes[0], writes[1], now);
}

}  // namespace htk
