#include "ledger_store.h"

#include "check.h"
#include "rules/text.h"
#include "rules/uuid.h"
#include "storage/database.h"

#include <algorithm>

namespace htk {
namespace {

constexpr size_t kMaxUndoSteps = 200;

// "area, nature, …" in ProblemField order.
std::string FieldColumns() {
    std::string cols;
    for (int i = 0; i < kProblemFieldCount; ++i) {
        if (i) cols += ", ";
        cols += FieldInfo(i).column;
    }
    return cols;
}

std::string SelectSql(const char* where) {
    return "SELECT id, uuid, created_at, updated_at, deleted, " + FieldColumns() + " FROM problem WHERE " + where;
}

Problem ReadRow(const Stmt& q) {
    Problem p;
    p.id = q.Int(0);
    p.uuid = q.Text(1);
    p.created_at = q.Text(2);
    p.updated_at = q.Text(3);
    p.deleted = q.Int(4) != 0;
    for (int i = 0; i < kProblemFieldCount; ++i) p.v[size_t(i)] = q.Text(5 + i);
    return p;
}

std::string Today(const ChangeContext& ctx) { return ctx.now.substr(0, 10); }

}  // namespace

LedgerStore::LedgerStore(Database& db, int64_t campaign_id) : db_(db), campaign_id_(campaign_id) {}
LedgerStore::~LedgerStore() = default;

std::vector<Problem> LedgerStore::LoadAll(bool with_deleted) const {
    std::vector<Problem> out;
    Stmt q = db_.Prepare(SelectSql(with_deleted ? "campaign_id = ?1 ORDER BY id" : "campaign_id = ?1 AND deleted = 0 ORDER BY id"));
    q.Bind(1, campaign_id_);
    while (q.Step()) out.push_back(ReadRow(q));
    return out;
}

std::vector<Problem> LedgerStore::LoadDeleted() const {
    std::vector<Problem> out;
    Stmt q = db_.Prepare(SelectSql("campaign_id = ?1 AND deleted = 1 ORDER BY id"));
    q.Bind(1, campaign_id_);
    while (q.Step()) out.push_back(ReadRow(q));
    return out;
}

bool LedgerStore::Load(int64_t id, Problem* out) const {
    Stmt& q = db_.Cached(SelectSql("id = ?1"));
    q.Bind(1, id);
    if (!q.Step()) return false;
    *out = ReadRow(q);
    return true;
}

int64_t LedgerStore::FindByUuid(const std::string& uuid) const {
    Stmt& q = db_.Cached("SELECT id FROM problem WHERE uuid = ?1 AND campaign_id = ?2");
    q.Bind(1, uuid).Bind(2, campaign_id_);
    return q.Step() ? q.Int(0) : 0;
}

int64_t LedgerStore::FindSameDescription(const std::string& unit, const std::string& description) const {
    Stmt& q = db_.Cached(
        "SELECT id, description FROM problem WHERE campaign_id = ?1 AND reporting_unit = ?2 AND deleted = 0");
    q.Bind(1, campaign_id_).Bind(2, unit);
    const std::string key = NormalizeKey(description);
    while (q.Step())
        if (NormalizeKey(q.Text(1)) == key) return q.Int(0);
    return 0;
}

int64_t LedgerStore::CountActive() const {
    Stmt q = db_.Prepare("SELECT count(*) FROM problem WHERE campaign_id = ?1 AND deleted = 0");
    q.Bind(1, campaign_id_);
    return q.Step() ? q.Int(0) : 0;
}

std::vector<HistoryEntry> LedgerStore::History(int64_t id) const {
    std::vector<HistoryEntry> out;
    Stmt q = db_.Prepare(
        "SELECT changed_at, actor, source, field, coalesce(old_value, ''), coalesce(new_value, '') "
        "FROM problem_history WHERE problem_id = ?1 ORDER BY id DESC");
    q.Bind(1, id);
    while (q.Step()) {
        HistoryEntry e{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)};
        if (e.field == "created") e.field = "新增";
        else if (e.field == "deleted") e.field = "删除";
        else if (e.field == "restored") e.field = "恢复";
        else if (e.field == "merged_into") e.field = "并入改述后的问题";
        else if (e.field == "merged_from") e.field = "合并改述前的问题";
        else
            for (int f = 0; f < kProblemFieldCount; ++f)
                if (e.field == FieldInfo(f).column) e.field = FieldInfo(f).label;
        if (e.field == FieldInfo(ProblemField::kStatus).label) {
            e.old_value = e.old_value.empty() ? "" : StatusLabel(StatusFromCode(e.old_value));
            e.new_value = StatusLabel(StatusFromCode(e.new_value));
        }
        out.push_back(std::move(e));
    }
    return out;
}

void LedgerStore::RecordHistory(int64_t id, const char* field, const std::string* old_value,
                          const std::string* new_value, const ChangeContext& ctx) {
    Stmt& h = db_.Cached(
        "INSERT INTO problem_history(problem_id, field, old_value, new_value, changed_at, actor, source) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    h.Bind(1, id).Bind(2, field);
    if (old_value) h.Bind(3, *old_value);
    if (new_value) h.Bind(4, *new_value);
    h.Bind(5, ctx.now).Bind(6, ctx.actor).Bind(7, ctx.source);
    HTK_CHECK(h.Run());
}

int64_t LedgerStore::Insert(Problem& p, const ChangeContext& ctx) {
    if (IsContentUuid(p.uuid)) {
        // A content identity taken already (the same content in another
        // campaign with the same code): this row gets a random one.
        Stmt& taken = db_.Cached("SELECT 1 FROM problem WHERE uuid = ?1");
        taken.Bind(1, p.uuid);
        if (taken.Step()) p.uuid.clear();
    }
    if (p.uuid.empty()) p.uuid = NewUuid();
    std::string sql = "INSERT INTO problem(uuid, campaign_id, created_at, updated_at, " + FieldColumns() +
                      ") VALUES(?1, ?2, ?3, ?3";
    for (int i = 0; i < kProblemFieldCount; ++i) sql += ", ?" + std::to_string(4 + i);
    sql += ")";
    Stmt& ins = db_.Cached(sql);
    ins.Bind(1, p.uuid).Bind(2, campaign_id_).Bind(3, ctx.now);
    for (int i = 0; i < kProblemFieldCount; ++i) ins.Bind(4 + i, p.v[size_t(i)]);
    HTK_CHECK_MSG(ins.Run(), "insert of a validated problem failed");
    p.id = db_.last_insert_rowid();
    p.created_at = p.updated_at = ctx.now;
    RecordHistory(p.id, "created", nullptr, &p[ProblemField::kDescription], ctx);
    return p.id;
}

void LedgerStore::SetField(int64_t id, int field, const std::string& old_value, const std::string& value,
                           const ChangeContext& ctx) {
    // The column name comes from our own field table; the values are bound.
    Stmt& u = db_.Cached(std::string("UPDATE problem SET ") + FieldInfo(field).column +
                         " = ?1, updated_at = ?2 WHERE id = ?3");
    u.Bind(1, value).Bind(2, ctx.now).Bind(3, id);
    HTK_CHECK(u.Run());
    RecordHistory(id, FieldInfo(field).column, &old_value, &value, ctx);
}

void LedgerStore::SetDeleted(int64_t id, bool deleted, const ChangeContext& ctx) {
    Stmt& u = db_.Cached("UPDATE problem SET deleted = ?1, updated_at = ?2 WHERE id = ?3");
    u.Bind(1, int64_t(deleted)).Bind(2, ctx.now).Bind(3, id);
    HTK_CHECK(u.Run());
    RecordHistory(id, deleted ? "deleted" : "restored", nullptr, nullptr, ctx);
}

int LedgerStore::RecordLosingVersion(const Problem& stored, const Problem& incoming, const ChangeContext& ctx) {
    int written = 0;
    Transaction tx(db_);
    for (int i = 0; i < kProblemFieldCount; ++i) {
        const std::string& mine = stored.v[size_t(i)];
        const std::string& theirs = incoming.v[size_t(i)];
        if (mine == theirs) continue;
        const char* column = FieldInfo(i).column;
        // Already there, as this version's own change or as a losing version.
        Stmt& seen = db_.Cached(
            "SELECT 1 FROM problem_history WHERE problem_id = ?1 AND field = ?2 AND new_value = ?3 AND actor = ?4");
        seen.Bind(1, stored.id).Bind(2, column).Bind(3, theirs).Bind(4, ctx.actor);
        if (seen.Step()) continue;
        ChangeContext lost = ctx;
        lost.source = "conflict";
        RecordHistory(stored.id, column, &mine, &theirs, lost);
        ++written;
    }
    HTK_CHECK(tx.Commit());
    return written;
}

void LedgerStore::MergeLastSteps(size_t n, const std::string& label) {
    n = std::min(n, undo_.size());
    if (n == 0) return;
    Step merged{label, {}};
    for (size_t i = undo_.size() - n; i < undo_.size(); ++i)
        for (Change& c : undo_[i].changes) merged.changes.push_back(std::move(c));
    undo_.resize(undo_.size() - n);
    undo_.push_back(std::move(merged));
}

void LedgerStore::BeginGroup() {
    HTK_CHECK(!grouping_);
    grouping_ = true;
    group_ = Step{};
}

void LedgerStore::EndGroup(const std::string& label) {
    HTK_CHECK(grouping_);
    grouping_ = false;
    group_.label = label;
    Push(std::move(group_));
    group_ = Step{};
}

void LedgerStore::AbandonGroup() {
    grouping_ = false;
    group_ = Step{};
}

void LedgerStore::Push(Step step) {
    if (step.changes.empty()) return;
    if (grouping_) {
        for (Change& c : step.changes) group_.changes.push_back(std::move(c));
        return;
    }
    undo_.push_back(std::move(step));
    if (undo_.size() > kMaxUndoSteps) undo_.erase(undo_.begin());
    redo_.clear();
}

int64_t LedgerStore::Add(Problem p, const ChangeContext& ctx) {
    Transaction tx(db_);
    int64_t id = Insert(p, ctx);
    HTK_CHECK(tx.Commit());
    Push(Step{"新增问题", {Change{Change::kCreate, id, 0, {}, {}}}});
    return id;
}

std::vector<int64_t> LedgerStore::Update(const Problem& after, const ChangeContext& ctx) {
    Problem before;
    if (!Load(after.id, &before)) return {};
    Step step;
    Problem target = after;
    FillDoneDate(before, target, Today(ctx));
    Transaction tx(db_);
    for (int i = 0; i < kProblemFieldCount; ++i) {
        if (before.v[size_t(i)] == target.v[size_t(i)]) continue;
        SetField(after.id, i, before.v[size_t(i)], target.v[size_t(i)], ctx);
        step.changes.push_back(Change{Change::kEdit, after.id, i, before.v[size_t(i)], target.v[size_t(i)]});
    }
    if (step.changes.empty()) return {};
    HTK_CHECK(tx.Commit());
    step.label = step.changes.size() == 1 ? std::string("修改") + FieldInfo(step.changes[0].field).label
                                          : "修改问题";
    Push(std::move(step));
    return {after.id};
}

std::vector<int64_t> LedgerStore::Delete(const std::vector<int64_t>& ids, const ChangeContext& ctx) {
    Step step{ids.size() == 1 ? "删除问题" : "删除 " + std::to_string(ids.size()) + " 个问题", {}};
    Transaction tx(db_);
    for (int64_t id : ids) {
        SetDeleted(id, true, ctx);
        step.changes.push_back(Change{Change::kDelete, id, 0, {}, {}});
    }
    HTK_CHECK(tx.Commit());
    Push(std::move(step));
    return ids;
}

std::vector<int64_t> LedgerStore::ApplyBatch(std::vector<Problem> adds, const std::vector<Problem>& updates,
                                             const ChangeContext& ctx, const std::string& label) {
    Step step{label, {}};
    std::vector<int64_t> touched;
    Transaction tx(db_);
    for (Problem& p : adds) {
        int64_t id = Insert(p, ctx);
        step.changes.push_back(Change{Change::kCreate, id, 0, {}, {}});
        touched.push_back(id);
    }
    for (const Problem& after : updates) {
        Problem before;
        if (!Load(after.id, &before)) continue;
        if (before.deleted) {  // the file still lists it: bring it back
            SetDeleted(after.id, false, ctx);
            step.changes.push_back(Change{Change::kCreate, after.id, 0, {}, {}});
        }
        for (int i = 0; i < kProblemFieldCount; ++i) {
            if (before.v[size_t(i)] == after.v[size_t(i)]) continue;
            SetField(after.id, i, before.v[size_t(i)], after.v[size_t(i)], ctx);
            step.changes.push_back(Change{Change::kEdit, after.id, i, before.v[size_t(i)], after.v[size_t(i)]});
        }
        touched.push_back(after.id);
    }
    HTK_CHECK(tx.Commit());
    Push(std::move(step));
    return touched;
}

namespace {
const char* FileColumn(int field) {
    switch (FileField(field)) {
        case FileField::kRemoved: return "removed";
        case FileField::kUnit: return "unit";
        case FileField::kWeek: return "week_no";
    }
    return "removed";
}
}  // namespace

void LedgerStore::SetFileField(int64_t file_id, int field, const std::string& value) {
    // The column comes from our own table; the value is bound.
    Stmt& u = db_.Cached(std::string("UPDATE received_file SET ") + FileColumn(field) + " = ?1 WHERE id = ?2");
    if (FileField(field) == FileField::kUnit) u.Bind(1, value);
    else u.Bind(1, int64_t(std::stoll(value)));
    u.Bind(2, file_id);
    HTK_CHECK(u.Run());
}

void LedgerStore::SetLink(int64_t file_id, int64_t problem_id, bool linked, const std::string& data) {
    if (linked) {
        Stmt& s = db_.Cached("INSERT OR IGNORE INTO file_problem(file_id, problem_id, data) VALUES(?1, ?2, ?3)");
        s.Bind(1, file_id).Bind(2, problem_id).Bind(3, data);
        HTK_CHECK(s.Run());
    } else {
        Stmt& s = db_.Cached("DELETE FROM file_problem WHERE file_id = ?1 AND problem_id = ?2");
        s.Bind(1, file_id).Bind(2, problem_id);
        HTK_CHECK(s.Run());
    }
}

void LedgerStore::SetUuid(int64_t id, const std::string& uuid) {
    Stmt& u = db_.Cached("UPDATE problem SET uuid = ?1 WHERE id = ?2");
    u.Bind(1, uuid).Bind(2, id);
    HTK_CHECK(u.Run());
}

void LedgerStore::SetFindingProblem(int64_t spot_check_id, int seq, int64_t problem_id) {
    Stmt& u = db_.Cached("UPDATE spot_check_item SET problem_id = ?1 WHERE spot_check_id = ?2 AND seq = ?3");
    u.Bind(1, problem_id).Bind(2, spot_check_id).Bind(3, int64_t(seq));
    HTK_CHECK(u.Run());
}

void LedgerStore::SetKept(int64_t problem_id, bool kept, const std::string& decided_at) {
    if (kept) {
        Stmt& s = db_.Cached("INSERT INTO drift_kept(problem_id, campaign_id, decided_at) VALUES(?1, ?2, ?3)");
        s.Bind(1, problem_id).Bind(2, campaign_id_).Bind(3, decided_at);
        HTK_CHECK(s.Run());
    } else {
        Stmt& s = db_.Cached("DELETE FROM drift_kept WHERE problem_id = ?1");
        s.Bind(1, problem_id);
        HTK_CHECK(s.Run());
    }
}

void LedgerStore::BeginStep(std::string label) {
    HTK_CHECK(!step_tx_);
    step_tx_ = std::make_unique<Transaction>(db_);
    building_ = Step{std::move(label), {}};
}

int64_t LedgerStore::StepAdd(Problem p, const ChangeContext& ctx) {
    HTK_CHECK(step_tx_);
    const int64_t id = Insert(p, ctx);
    building_.changes.push_back(Change{Change::kCreate, id, 0, {}, {}});
    return id;
}

void LedgerStore::StepUpdate(const Problem& after, const ChangeContext& ctx) {
    HTK_CHECK(step_tx_);
    Problem before;
    HTK_CHECK(Load(after.id, &before));
    for (int i = 0; i < kProblemFieldCount; ++i) {
        if (before.v[size_t(i)] == after.v[size_t(i)]) continue;
        SetField(after.id, i, before.v[size_t(i)], after.v[size_t(i)], ctx);
        building_.changes.push_back(Change{Change::kEdit, after.id, i, before.v[size_t(i)], after.v[size_t(i)]});
    }
}

void LedgerStore::StepSetDeleted(int64_t id, bool deleted, const ChangeContext& ctx) {
    HTK_CHECK(step_tx_);
    SetDeleted(id, deleted, ctx);
    building_.changes.push_back(Change{deleted ? Change::kDelete : Change::kCreate, id, 0, {}, {}});
}

void LedgerStore::StepSetUuid(int64_t id, const std::string& uuid) {
    HTK_CHECK(step_tx_);
    Problem before;
    HTK_CHECK(Load(id, &before));
    if (before.uuid == uuid) return;
    SetUuid(id, uuid);
    building_.changes.push_back(Change{Change::kUuid, id, 0, before.uuid, uuid});
}

void LedgerStore::StepSetFile(int64_t file_id, FileField field, const std::string& value) {
    HTK_CHECK(step_tx_);
    Stmt q = db_.Prepare(std::string("SELECT ") + FileColumn(int(field)) + " FROM received_file WHERE id = ?1");
    q.Bind(1, file_id);
    HTK_CHECK(q.Step());
    const std::string old = q.Text(0);
    if (old == value) return;
    SetFileField(file_id, int(field), value);
    building_.changes.push_back(Change{Change::kFile, file_id, int(field), old, value});
}

void LedgerStore::StepLink(int64_t file_id, int64_t problem_id, bool linked, const std::string& data) {
    HTK_CHECK(step_tx_);
    Stmt& q = db_.Cached("SELECT data FROM file_problem WHERE file_id = ?1 AND problem_id = ?2");
    q.Bind(1, file_id).Bind(2, problem_id);
    const bool was = q.Step();
    const std::string had = was ? q.Text(0) : std::string();
    q.Reset();
    if (was == linked) return;
    SetLink(file_id, problem_id, linked, data);
    Change c{Change::kLink, problem_id, linked ? 1 : 0, linked ? data : had, {}};
    c.other = file_id;
    building_.changes.push_back(c);
}

void LedgerStore::StepMoveFinding(int64_t spot_check_id, int seq, int64_t from_problem, int64_t to_problem) {
    HTK_CHECK(step_tx_);
    if (from_problem == to_problem) return;
    SetFindingProblem(spot_check_id, seq, to_problem);
    Change c{Change::kFinding, to_problem, seq, {}, {}};
    c.other = spot_check_id, c.field_from = from_problem;
    building_.changes.push_back(c);
}

void LedgerStore::StepKeepDrifted(int64_t problem_id, const std::string& decided_at) {
    HTK_CHECK(step_tx_);
    Stmt& q = db_.Cached("SELECT 1 FROM drift_kept WHERE problem_id = ?1");
    q.Bind(1, problem_id);
    const bool was = q.Step();
    q.Reset();
    if (was) return;
    SetKept(problem_id, true, decided_at);
    building_.changes.push_back(Change{Change::kKept, problem_id, 0, {}, decided_at});
}

void LedgerStore::StepNote(int64_t id, const char* field, const std::string& old_value, const std::string& new_value,
                           const ChangeContext& ctx) {
    HTK_CHECK(step_tx_);
    RecordHistory(id, field, &old_value, &new_value, ctx);
}

std::vector<int64_t> LedgerStore::EndStep(bool* pushed) {
    HTK_CHECK(step_tx_);
    HTK_CHECK(step_tx_->Commit());
    step_tx_.reset();
    std::vector<int64_t> touched;
    for (const Change& c : building_.changes)
        if (c.kind != Change::kFile) touched.push_back(c.id);
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    if (pushed) *pushed = !building_.changes.empty();
    Push(std::move(building_));
    building_ = Step{};
    return touched;
}

void LedgerStore::Apply(const Change& c, bool forward, const ChangeContext& ctx) {
    switch (c.kind) {
        case Change::kFile: SetFileField(c.id, c.field, forward ? c.new_value : c.old_value); break;
        case Change::kLink: SetLink(c.other, c.id, (c.field == 1) == forward, c.old_value); break;
        case Change::kUuid: SetUuid(c.id, forward ? c.new_value : c.old_value); break;
        case Change::kFinding: SetFindingProblem(c.other, c.field, forward ? c.id : c.field_from); break;
        case Change::kKept: SetKept(c.id, forward, c.new_value); break;
        case Change::kEdit:
            if (forward) SetField(c.id, c.field, c.old_value, c.new_value, ctx);
            else SetField(c.id, c.field, c.new_value, c.old_value, ctx);
            break;
        case Change::kCreate: SetDeleted(c.id, !forward, ctx); break;
        case Change::kDelete: SetDeleted(c.id, forward, ctx); break;
    }
}

std::vector<int64_t> LedgerStore::Replay(std::vector<Step>& from, std::vector<Step>& to, bool forward,
                                         const ChangeContext& ctx) {
    if (from.empty()) return {};
    Step step = std::move(from.back());
    from.pop_back();
    std::vector<int64_t> touched;
    Transaction tx(db_);
    auto replay = [&](const Change& c) {
        Apply(c, forward, ctx);
        if (c.kind != Change::kFile) touched.push_back(c.id);  // a file's id is no problem's
    };
    if (forward) {
        for (const Change& c : step.changes) replay(c);
    } else {
        for (auto it = step.changes.rbegin(); it != step.changes.rend(); ++it) replay(*it);
    }
    HTK_CHECK(tx.Commit());
    to.push_back(std::move(step));
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    return touched;
}

std::vector<int64_t> LedgerStore::Undo(const ChangeContext& ctx) {
    ChangeContext c = ctx;
    c.source = "undo";
    return Replay(undo_, redo_, false, c);
}

std::vector<int64_t> LedgerStore::Redo(const ChangeContext& ctx) {
    ChangeContext c = ctx;
    c.source = "redo";
    return Replay(redo_, undo_, true, c);
}

std::string LedgerStore::UndoLabel() const { return undo_.empty() ? "" : undo_.back().label; }
std::string LedgerStore::RedoLabel() const { return redo_.empty() ? "" : redo_.back().label; }

}  // namespace htk
