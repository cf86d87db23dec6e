#include "received_files.h"

#include "check.h"
#include "domain/campaign.h"
#include "domain/ledger_store.h"
#include "domain/weekly_report.h"
#include "formats/table_file.h"
#include "rules/text.h"
#include "rules/uuid.h"
#include "storage/database.h"

#include <nlohmann/json.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace htk {

std::string WeekLabel(int week_no) {
    if (week_no == kFinalWeek) return "终期";
    return "第" + std::to_string(week_no) + "周";
}

namespace {

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// "第2周", "第 二 周", "第02周" in `text`: the week number, or 0.
int WeekInText(const std::string& text) {
    const std::string t = NormalizeKey(text);
    static const char* const kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (size_t at = t.find("第"); at != std::string::npos; at = t.find("第", at + 1)) {
        size_t i = at + std::string("第").size();
        int n = 0;
        bool any = false;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') n = n * 10 + (t[i++] - '0'), any = true;
        if (!any) {
            // Chinese numerals up to 十九 (a campaign of a few weeks).
            for (bool more = true; more;) {
                more = false;
                for (int d = 0; d < 10; ++d)
                    if (t.compare(i, std::strlen(kDigits[d]), kDigits[d]) == 0) {
                        n = d == 9 ? (n == 0 ? 10 : n * 10) : n + d + 1;
                        i += std::strlen(kDigits[d]);
                        any = more = true;
                        break;
                    }
            }
        }
        if (any && t.compare(i, std::string("周").size(), "周") == 0 && n > 0 && n < 100) return n;
    }
    return 0;
}

// A date written above the header (“2022年6月15日”, “填报日期：2022-06-15”, a date
// cell), or an invalid date.
Date DateAboveHeader(const Sheet& sheet, int header_row, int year) {
    for (int r = 0; r < header_row && size_t(r) < sheet.rows.size(); ++r)
        for (const Cell& c : sheet.rows[size_t(r)]) {
            if (c.type == Cell::kDate) {
                Date d = DateFromExcelSerial(c.number);
                if (d.valid()) return d;
            }
            const std::string t = NormalizeKey(c.text);
            // From each run of four digits to the 日 after it.
            for (size_t i = 0; i + 4 <= t.size(); ++i) {
                if (!(isdigit((unsigned char)t[i]) && isdigit((unsigned char)t[i + 1]) &&
                      isdigit((unsigned char)t[i + 2]) && isdigit((unsigned char)t[i + 3])))
                    continue;
                if (i > 0 && isdigit((unsigned char)t[i - 1])) continue;
                size_t end = t.find("日", i);
                std::string part = end == std::string::npos ? t.substr(i) : t.substr(i, end - i + 3);
                DateParse p = ParseDate(part, year);
                if (p.ok) return p.date;
            }
        }
    return Date{};
}

// Rows under the table that a final ledger carries: the 主要负责同志 signature.
bool HasSignature(const Sheet& sheet) {
    for (const auto& row : sheet.rows)
        for (const Cell& c : row)
            if (Contains(c.text, "主要负责同志签字") || Contains(c.text, "主要负责人签字")) return true;
    return false;
}

std::string HashHex(const std::string& bytes) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)XXH64(bytes.data(), bytes.size(), 0));
    return buf;
}

bool IsTimestamp(const std::string& s) {
    return s.size() >= 19 && ParseDate(s.substr(0, 10)).ok && s[10] == ' ' && s[13] == ':' && s[16] == ':';
}

const Sheet* SheetNamed(const Workbook& book, const std::string& name) {
    for (const Sheet& s : book.sheets)
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace

std::string ProblemData(const Problem& p) {
    nlohmann::json j = nlohmann::json::object();
    for (int f = 0; f < kProblemFieldCount; ++f) j[FieldInfo(f).column] = p.v[size_t(f)];
    return j.dump();
}

bool ReadProblemData(const std::string& data, Problem* p) {
    nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) return false;
    for (int f = 0; f < kProblemFieldCount; ++f)
        if (auto it = j.find(FieldInfo(f).column); it != j.end() && it->is_string())
            p->v[size_t(f)] = it->get<std::string>();
    return true;
}

bool LooksLikeUnitName(const std::string& s) {
    const size_t n = Utf8Length(s);
    if (n < 2 || n > 16) return false;
    for (const char* end : {"乡", "镇", "街道", "办事处", "局", "委", "办", "公司", "联", "院", "中心"})
        if (s.size() > std::strlen(end) && s.compare(s.size() - std::strlen(end), std::string::npos, end) == 0)
            return true;
    return false;
}

std::string MatchUnit(const std::string& typed, const std::vector<std::string>& known_units) {
    const std::string t = NormalizeKey(typed);
    if (t.empty()) return "";
    for (const std::string& u : known_units)
        if (NormalizeKey(u) == t) return u;
    // The longest known name inside the typed one ("椹涧乡人民政府"), or the
    // typed one inside a known name ("住建局" in 区住建局) when only one has it.
    const std::string* best = nullptr;
    for (const std::string& u : known_units) {
        const std::string k = NormalizeKey(u);
        if (!k.empty() && t.find(k) != std::string::npos && (!best || k.size() > NormalizeKey(*best).size())) best = &u;
    }
    if (best) return *best;
    const std::string* only = nullptr;
    for (const std::string& u : known_units)
        if (NormalizeKey(u).find(t) != std::string::npos) {
            if (only) return "";
            only = &u;
        }
    return only && Utf8Length(t) >= 2 ? *only : "";
}

namespace {

// Its unit and week, from what the file says (plan: its rows read and checked).
void Attribute(ReceivedFile& f, const ImportPlan& plan, const std::string& name, const std::string& modified,
               const std::string& now, const Campaign& campaign, const UnitDirectory& dir) {
    // The unit: what our own metadata, the seal line, the file name and the
    // 填报单位 column name, each matched to a unit (never copied into a new one).
    auto prop = f.book.custom_properties.find("htk_unit");
    const bool ours = prop != f.book.custom_properties.end() && !prop->second.empty();
    const std::string seal_text = Trim(plan.unit);
    const std::string seal_unit = ResolveUnit(dir, seal_text);
    const std::string base = name.substr(0, name.rfind('.'));
    const std::string first = Trim(base.substr(0, base.find('_')));
    std::string name_unit = ResolveUnit(dir, first);
    if (name_unit.empty()) name_unit = ResolveUnit(dir, base);
    std::string column_text, column_unit;
    if (!plan.adds.empty()) {
        const std::string& c = plan.adds.front()[ProblemField::kReportingUnit];
        bool same = !c.empty();
        for (const Problem& p : plan.adds) same = same && p[ProblemField::kReportingUnit] == c;
        if (same) column_text = c, column_unit = ResolveUnit(dir, c);
    }
    if (!seal_unit.empty()) f.unit = seal_unit, f.unit_from = ours ? "文件信息" : "单位（盖章）行";
    else if (!name_unit.empty()) f.unit = name_unit, f.unit_from = "文件名";
    else if (!column_unit.empty()) f.unit = column_unit, f.unit_from = "填报单位列";
    if (!seal_unit.empty() && !name_unit.empty() && seal_unit != name_unit)
        f.unit_note = "文件名指向“" + name_unit + "”，盖章行是“" + seal_text + "”（" + seal_unit + "），请确认";
    else if (!seal_unit.empty() && !column_unit.empty() && seal_unit != column_unit)
        f.unit_note = "填报单位列是“" + column_text + "”，盖章行是“" + seal_text + "”，请确认";
    else if (!seal_text.empty() && seal_unit.empty() && !f.unit.empty())
        f.unit_note = "盖章行是“" + seal_text + "”，不是已登记的单位；按" + f.unit_from + "归入" + f.unit + "，请确认";
    if (f.unit.empty()) {
        // A name that matches no unit: shown, and the unit must be chosen.
        if (!seal_text.empty()) f.unit_typed = seal_text;
        else if (!column_text.empty()) f.unit_typed = column_text;
        else if (LooksLikeUnitName(first)) f.unit_typed = first;
        if (!f.unit_typed.empty()) f.unit_note = "“" + f.unit_typed + "”不是已登记的单位，请选择";
    }
    // The same bytes received before go where they went then.
    auto remembered = dir.remembered.find(f.content_hash);
    const bool again = remembered != dir.remembered.end() && !remembered->second.unit.empty();
    if (again) {
        f.unit = remembered->second.unit, f.unit_from = "上次的选择";
        f.unit_note.clear();
    }

    // The date and the version time.
    const Sheet* sheet = SheetNamed(f.book, plan.sheet_name);
    f.report_date = sheet ? DateAboveHeader(*sheet, plan.header_row - 1, campaign.Year()) : Date{};
    const char* date_from = f.report_date.valid() ? "表上日期" : nullptr;
    auto exported = f.book.custom_properties.find("htk_exported_at");
    const bool has_export_time = exported != f.book.custom_properties.end() && IsTimestamp(exported->second);
    if (has_export_time) f.version_time = exported->second.substr(0, 19);
    else if (f.report_date.valid()) f.version_time = FormatIso(f.report_date) + " 23:59:59";
    else if (IsTimestamp(modified)) f.version_time = modified.substr(0, 19);
    else f.version_time = now.substr(0, 19);
    if (!f.report_date.valid()) {
        f.report_date = ParseDate(f.version_time.substr(0, 10)).date;
        date_from = has_export_time ? "导出日期" : IsTimestamp(modified) ? "文件日期" : "导入日期";
    }

    // The week.
    const std::vector<ReportWeek> weeks = ReportWeeks(campaign);
    const int last_week = weeks.empty() ? 1 : weeks.back().no;
    const int week_in_name = WeekInText(name), week_in_sheet = sheet ? WeekInText(sheet->name) : 0;
    const bool final_in_name = Contains(name, "终期") || Contains(name, "最终") || Contains(name, "验收");
    if (week_in_name) {
        f.week_no = std::min(week_in_name, last_week), f.week_from = "文件名";
    } else if (week_in_sheet) {
        f.week_no = std::min(week_in_sheet, last_week), f.week_from = "表名";
    } else if (final_in_name || (sheet && HasSignature(*sheet))) {
        f.week_no = kFinalWeek, f.week_from = final_in_name ? "文件名" : "负责人签字";
    } else {
        // The week the date falls in; a date up to three days after a week's
        // due day is that week's report sent late, not the next one's early.
        int k = WeekNumberOn(weeks, f.report_date);
        if (k >= 2 && size_t(k - 2) < weeks.size() && DaysBetween(weeks[size_t(k - 2)].end, f.report_date) <= kLateDays)
            --k;
        f.week_no = std::max(1, k);
        f.week_from = date_from;
    }
    if (again && remembered->second.week_no > 0)
        f.week_no = remembered->second.week_no, f.week_from = "上次的选择";
}

}  // namespace

struct ReceivedFileTask::State {
    enum class Stage { kRead, kPlan, kDone } stage = Stage::kRead;
    std::string name, modified, now;
    Campaign campaign;
    UnitDirectory dir;
    const LedgerStore& store;
    ReceivedFile file;
    std::unique_ptr<ReadTableTask> read;
    std::unique_ptr<LedgerPlanTask> plan;
    State(std::string n, std::string m, std::string t, const Campaign& c, UnitDirectory d, const LedgerStore& s)
        : name(std::move(n)), modified(std::move(m)), now(std::move(t)), campaign(c), dir(std::move(d)), store(s) {}
};

ReceivedFileTask::ReceivedFileTask(std::string name, std::string bytes, std::string modified, std::string now,
                                   const Campaign& campaign, UnitDirectory dir, const LedgerStore& store)
    : s_(std::make_unique<State>(name, std::move(modified), std::move(now), campaign, std::move(dir), store)) {
    s_->file.file_name = name;
    s_->file.content_hash = HashHex(bytes);
    s_->read = std::make_unique<ReadTableTask>(std::move(name), std::move(bytes));
}

ReceivedFileTask::~ReceivedFileTask() = default;

bool ReceivedFileTask::Step(Slice& slice) {
    State& s = *s_;
    if (s.stage == State::Stage::kRead) {
        if (!s.read->Step(slice)) return false;
        if (!s.read->ok()) {
            s.file.error = s.read->error();
            s.read.reset();
            s.stage = State::Stage::kDone;
            return true;
        }
        // Read as an import with nothing to match (counts and row errors only):
        // matching happens when the files are merged, in order.
        static const std::vector<Problem> kNone;
        s.plan = std::make_unique<LedgerPlanTask>(std::move(s.read->workbook()), s.name, s.campaign, s.store, "",
                                                  &kNone, /*district_merge=*/true);
        s.read.reset();
        s.stage = State::Stage::kPlan;
        if (slice.over_now()) return false;
    }
    if (s.stage == State::Stage::kPlan) {
        if (!s.plan->Step(slice)) return false;
        ImportPlan plan = s.plan->TakePlan();
        s.file.book = s.plan->TakeBook();
        s.plan.reset();
        s.stage = State::Stage::kDone;
        if (!plan.fatal.empty()) {
            s.file.error = plan.fatal;
            return true;
        }
        s.file.rows = int(plan.taken());
        s.file.errors = std::move(plan.errors);
        Attribute(s.file, plan, s.name, s.modified, s.now, s.campaign, s.dir);
    }
    return true;
}

double ReceivedFileTask::progress() const {
    const State& s = *s_;
    // Reading is most of the work (inflating and parsing), checking the rest.
    if (s.read) return 0.7 * s.read->progress();
    if (s.plan) return 0.7 + 0.3 * s.plan->progress();
    return s.stage == State::Stage::kDone ? 1.0 : 0.0;
}

std::string ReceivedFileTask::stage() const { return "正在读取“" + s_->name + "”"; }

ReceivedFile ReceivedFileTask::TakeFile() { return std::move(s_->file); }

ReceivedFile ReadReceivedFile(const std::string& name, const std::string& bytes, const std::string& modified,
                              const std::string& now, const Campaign& campaign, const UnitDirectory& dir,
                              const LedgerStore& store) {
    ReceivedFileTask task(name, bytes, modified, now, campaign, dir, store);
    RunToEnd(task);
    return task.TakeFile();
}

namespace {

// The newest version of a problem seen in a received file still counted.
struct Source {
    std::string version_time, file_name, unit;
    bool from_file = false;
};

// The newest received version of each problem, read a slice of rows at a time.
class SourceLoader {
public:
    SourceLoader(Database& db, int64_t campaign_id)
        : q_(db.Prepare("SELECT fp.problem_id, f.version_time, f.file_name, f.unit FROM file_problem fp "
                        "JOIN received_file f ON f.id = fp.file_id WHERE f.campaign_id = ?1 AND f.removed = 0")) {
        q_.Bind(1, campaign_id);
    }
    // True when every row is read into *out.
    bool Load(std::unordered_map<int64_t, Source>* out, Slice& slice) {
        while (q_.Step()) {
            Source src{q_.Text(1), q_.Text(2), q_.Text(3), true};
            auto [it, fresh] = out->emplace(q_.Int(0), src);
            if (!fresh &&
                std::tie(it->second.version_time, it->second.file_name) < std::tie(src.version_time, src.file_name))
                it->second = std::move(src);
            if (slice.over()) return false;
        }
        return true;
    }

private:
    Stmt q_;
};

// The file's record: the one made when the same bytes came from the same
// unit for the same week (brought back if it was removed), else a new one.
// Either way its being counted is part of the import's undo step.
int64_t RecordFile(Database& db, LedgerStore& store, int64_t campaign_id, const ReceivedFile& f,
                   const std::string& now, bool* received_before) {
    Stmt find = db.Prepare(
        "SELECT id, removed FROM received_file WHERE campaign_id = ?1 AND content_hash = ?2 AND unit = ?3 AND "
        "week_no = ?4");
    find.Bind(1, campaign_id).Bind(2, f.content_hash).Bind(3, f.unit).Bind(4, int64_t(f.week_no));
    int64_t id = 0;
    if (find.Step()) {
        id = find.Int(0);
        *received_before = find.Int(1) == 0;
    } else {
        *received_before = false;
        Stmt ins = db.Prepare(
            "INSERT INTO received_file(campaign_id, unit, week_no, file_name, content_hash, version_time, "
            "report_date, received_at, row_count, rejected, removed) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)");
        ins.Bind(1, campaign_id).Bind(2, f.unit).Bind(3, int64_t(f.week_no)).Bind(4, f.file_name);
        ins.Bind(5, f.content_hash).Bind(6, f.version_time);
        ins.Bind(7, f.report_date.valid() ? FormatIso(f.report_date) : std::string());
        ins.Bind(8, now).Bind(9, int64_t(f.rows)).Bind(10, int64_t(f.errors.size()));
        HTK_CHECK(ins.Run());
        id = db.last_insert_rowid();
        int seq = 0;
        for (const ImportRowError& e : f.errors) {
            Stmt& err = db.Cached("INSERT INTO received_file_error(file_id, seq, row, message) VALUES(?1, ?2, ?3, ?4)");
            err.Bind(1, id).Bind(2, int64_t(seq++)).Bind(3, int64_t(e.row)).Bind(4, e.message);
            HTK_CHECK(err.Run());
        }
    }
    store.BeginStep("导入“" + f.file_name + "”");
    store.StepSetFile(id, FileField::kRemoved, "0");
    return id;
}

// Links the file to a problem it lists, with the problem as the file gives it.
void Link(Database& db, int64_t problem_id, int64_t file_id, const Problem& as_given) {
    Stmt& s = db.Cached(
        "INSERT INTO file_problem(file_id, problem_id, data) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(file_id, problem_id) DO UPDATE SET data = excluded.data");
    s.Bind(1, file_id).Bind(2, problem_id).Bind(3, ProblemData(as_given));
    HTK_CHECK(s.Run());
}

}  // namespace

// Rows per ApplyBatch call while a file is applied (as ImportApplyTask's).
constexpr size_t kMergeBatchRows = 256;

struct MergeTask::State {
    State(Database& db_, LedgerStore& store_, const Campaign& campaign_, const std::vector<Problem>& current_,
          const ChangeContext& ctx_)
        : db(db_), store(store_), campaign(campaign_), current(current_), ctx(ctx_) {}
    Database& db;
    LedgerStore& store;
    const Campaign& campaign;
    const std::vector<Problem>& current;
    ChangeContext ctx;
    std::vector<const ReceivedFile*> order;
    size_t rows = 0, rows_done = 0;  // rows of the files, of those merged
    size_t next = 0;                 // the next file in `order`
    bool started = false, finished = false;
    bool files_merged = false;  // every file is merged: the drift search and the commit come next
    std::unique_ptr<Transaction> tx;
    std::vector<Problem> working;
    std::unordered_map<int64_t, size_t> at;
    std::unordered_map<int64_t, Source> sources;
    MergeSummary summary;
    // The file in `order[next]` once planned (a step of its own: planning is
    // most of a file's merge), until applied in the next step.
    // Applied a piece at a time too: its updates weighed, the rows it lists
    // as they are linked, then its adds and newer versions written
    // kMergeBatchRows at a time (a unit's 2,800 rows linked in one piece took
    // 64 ms in the browser).
    struct Planned {
        enum class Phase { kUpdates, kUnchanged, kWrite };
        ImportPlan plan;
        int64_t file_id = 0;
        MergedFile out;
        ChangeContext ctx;
        Phase phase = Phase::kUpdates;
        size_t at = 0;  // within the phase's rows
        std::vector<Problem> taken;  // newer versions of its updates
    };
    std::unique_ptr<Planned> planned;
    // Its rows being checked, a slice at a time (a unit's 2,800 rows took
    // ~110 ms in one piece on a busy machine).
    std::unique_ptr<LedgerPlanTask> planning;
    // Starting: `current` copied into `working`, then the sources read, a
    // slice at a time (50,000 rows copied in one piece took 145 ms natively).
    std::unique_ptr<SourceLoader> loading;

    bool Start(Slice& slice);
    void BeginFile(const ReceivedFile& f);
    void EndPlan();
    bool ApplyFile(const ReceivedFile& f, Slice& slice);  // true once applied
};

MergeTask::MergeTask(const std::vector<const ReceivedFile*>& files, const Campaign& campaign, Database& db,
                     LedgerStore& store, const std::vector<Problem>& current, const ChangeContext& ctx)
    : s_(std::make_unique<State>(db, store, campaign, current, ctx)) {
    for (const ReceivedFile* f : files)
        if (f->error.empty() && !f->unit.empty() && f->week_no > 0) s_->order.push_back(f);
    // Oldest version first, so that the newest is applied last; ties by name
    // so that the order never depends on the order of arrival.
    std::stable_sort(s_->order.begin(), s_->order.end(), [](const ReceivedFile* a, const ReceivedFile* b) {
        return std::tie(a->version_time, a->file_name, a->unit) < std::tie(b->version_time, b->file_name, b->unit);
    });
    for (const ReceivedFile* f : s_->order) s_->rows += size_t(std::max(f->rows, 1));
}

MergeTask::~MergeTask() {
    if (s_->tx && !s_->finished) {  // begun (its start may be unfinished too)
        s_->tx.reset();  // rolls back every file merged so far
        s_->store.AbandonGroup();
    }
}

bool MergeTask::State::Start(Slice& slice) {
    if (!tx) {
        tx = std::make_unique<Transaction>(db);
        store.BeginGroup();
        working.reserve(current.size());
        at.reserve(current.size());
    }
    while (working.size() < current.size()) {
        working.push_back(current[working.size()]);
        at[working.back().id] = working.size() - 1;
        if (slice.over()) return false;
    }
    if (!loading) loading = std::make_unique<SourceLoader>(db, campaign.id);
    if (!loading->Load(&sources, slice)) return false;
    loading.reset();
    started = true;
    return true;
}

bool MergeTask::Step(Slice& slice) {
    State& s = *s_;
    if (!s.started) {
        if (!s.Start(slice)) return false;
        if (slice.over_now()) return false;
    }
    while (s.next < s.order.size()) {
        if (!s.planned || s.planning) {
            if (!s.planned) s.BeginFile(*s.order[s.next]);
            if (!s.planning->Step(slice)) return false;
            s.EndPlan();
            if (slice.over_now()) return false;
        }
        if (!s.ApplyFile(*s.order[s.next], slice)) return false;
        s.rows_done += size_t(std::max(s.order[s.next]->rows, 1));
        ++s.next;
        if (slice.over_now()) return false;
    }
    // What the units' newer files no longer list: a step of its own (60 ms
    // natively for a district whose 18 files each lack a twentieth of their
    // problems), read inside the transaction, before the commit, so that a
    // cancel still changes nothing.
    if (!s.files_merged) {
        s.files_merged = true;
        if (slice.over_now()) return false;
    }
    std::vector<std::string> units;
    for (const MergedFile& m : s.summary.files)
        if (std::find(units.begin(), units.end(), m.unit) == units.end()) units.push_back(m.unit);
    if (!units.empty()) s.summary.drift = FindDrift(s.db, s.store, s.campaign.id, units);
    HTK_CHECK(s.tx->Commit());
    s.tx.reset();
    s.finished = true;
    s.store.EndGroup("导入 " + std::to_string(s.summary.files.size()) + " 个单位的文件");
    return true;
}

double MergeTask::progress() const {
    if (!s_->rows) return 1.0;
    // A file's planning is its first half, applying it the second.
    double share = 0;
    if (s_->planning) {
        share = 0.5 * s_->planning->progress();
    } else if (const State::Planned* p = s_->planned.get()) {
        const size_t n = p->phase == State::Planned::Phase::kUpdates     ? p->plan.updates.size()
                         : p->phase == State::Planned::Phase::kUnchanged ? p->plan.unchanged_ids.size()
                                                                          : p->plan.adds.size() + p->taken.size();
        share = 0.5 + 0.5 * (double(int(p->phase)) + (n ? double(p->at) / double(n) : 0.0)) / 3.0;
    }
    const double planned = share > 0 ? share * double(std::max(s_->order[s_->next]->rows, 1)) : 0.0;
    return (double(s_->rows_done) + planned) / double(s_->rows);
}

std::string MergeTask::stage() const {
    if (s_->next >= s_->order.size()) return "正在合并";
    return "正在合并“" + s_->order[s_->next]->file_name + "”";
}

MergeSummary& MergeTask::summary() { return s_->summary; }

void MergeTask::State::BeginFile(const ReceivedFile& file) {
    const ReceivedFile* f = &file;
    planned = std::make_unique<Planned>();
    MergedFile& out = planned->out;
    out.file_name = f->file_name, out.unit = f->unit, out.week_no = f->week_no;
    planned->file_id = RecordFile(db, store, campaign.id, *f, ctx.now, &out.received_before);
    store.EndStep();
    planned->ctx = ctx;
    planned->ctx.actor = f->unit + "（" + f->file_name + "）";
    planned->ctx.source = "import";
    // As PlanLedgerImport(f->book, …, f->unit, &working, unit_overrides_file, district_merge).
    planning = std::make_unique<LedgerPlanTask>(&f->book, f->file_name, campaign, store, f->unit, &working,
                                                /*district_merge=*/true, /*unit_overrides_file=*/true);
}

void MergeTask::State::EndPlan() {
    planned->plan = planning->TakePlan();
    planning.reset();
    planned->out.counts.rejected = int(planned->plan.errors.size());
    planned->out.counts.unchanged = planned->plan.unchanged;
}

bool MergeTask::State::ApplyFile(const ReceivedFile& file, Slice& slice) {
    using Phase = Planned::Phase;
    const ReceivedFile* f = &file;
    Planned& p = *planned;
    ImportPlan& plan = p.plan;
    MergedFile& out = p.out;
    const int64_t file_id = p.file_id;
    const ChangeContext& fctx = p.ctx;

    // Each update is a newer version (taken) or an older one (kept in history).
    while (p.phase == Phase::kUpdates && p.at < plan.updates.size()) {
        Problem& u = plan.updates[p.at++];
        Problem stored_copy;
        const Problem* stored = nullptr;
        if (auto it = at.find(u.id); it != at.end()) stored = &working[it->second];
        else if (store.Load(u.id, &stored_copy)) stored = &stored_copy;  // deleted: comes back
        if (stored) {
            Source src;
            if (auto it = sources.find(u.id); it != sources.end()) src = it->second;
            else src.version_time = stored->updated_at;  // entered or imported here
            // A deleted problem the file lists comes back, whatever its version.
            const bool newer = stored->deleted ||
                               std::tie(f->version_time, f->file_name) > std::tie(src.version_time, src.file_name);
            if (newer) {
                if (stored->deleted) ++out.counts.added;
                else if (src.from_file && src.unit != f->unit) ++out.counts.conflicts;
                else ++out.counts.updated;
                p.taken.push_back(std::move(u));
            } else if (store.RecordLosingVersion(*stored, u, fctx) > 0) {
                ++out.counts.conflicts;
                Link(db, u.id, file_id, u);
            } else {
                ++out.counts.unchanged;
                Link(db, u.id, file_id, u);
            }
        }
        if (slice.over()) return false;
    }
    if (p.phase == Phase::kUpdates) p.phase = Phase::kUnchanged, p.at = 0;
    // Rows listed as they are: this file's version is at least as new.
    while (p.phase == Phase::kUnchanged && p.at < plan.unchanged_ids.size()) {
        const int64_t id = plan.unchanged_ids[p.at++];
        Problem listed;
        if (auto w = at.find(id); w != at.end()) listed = working[w->second];
        else HTK_CHECK(store.Load(id, &listed));
        Link(db, id, file_id, listed);
        auto it = sources.find(id);
        if (it == sources.end() || f->version_time > it->second.version_time)
            sources[id] = Source{f->version_time, f->file_name, f->unit, true};
        if (slice.over()) return false;
    }
    if (p.phase == Phase::kUnchanged) {
        p.phase = Phase::kWrite, p.at = 0;
        out.counts.added += int(plan.adds.size());
    }
    // Its adds, then the newer versions, a batch per piece.
    const size_t adds = plan.adds.size(), total = adds + p.taken.size();
    while (p.at < total) {
        const size_t from = p.at, to = std::min(total, from + kMergeBatchRows);
        std::vector<Problem> batch_adds, batch_taken;  // ApplyBatch takes its copy; ours gets the ids
        for (size_t i = from; i < to; ++i) {
            if (i < adds) batch_adds.push_back(plan.adds[i]);
            else batch_taken.push_back(std::move(p.taken[i - adds]));
        }
        std::vector<int64_t> ids =
            store.ApplyBatch(std::move(batch_adds), batch_taken, fctx, "导入“" + f->file_name + "”");
        HTK_CHECK(ids.size() == to - from);
        for (size_t i = from; i < to; ++i) {
            Problem q = i < adds ? std::move(plan.adds[i]) : std::move(batch_taken[i - std::max(from, adds)]);
            q.id = ids[i - from];
            q.deleted = false;
            Link(db, q.id, file_id, q);
            sources[q.id] = Source{f->version_time, f->file_name, f->unit, true};
            if (auto it = at.find(q.id); it != at.end()) {
                working[it->second] = std::move(q);
            } else {
                at[q.id] = working.size();
                working.push_back(std::move(q));
            }
            summary.touched.push_back(ids[i - from]);
        }
        p.at = to;
        if (p.at < total && slice.over_now()) return false;
    }
    Stmt counts = db.Prepare(
        "UPDATE received_file SET added = added + ?2, updated = updated + ?3, unchanged = ?4, "
        "conflicts = conflicts + ?5, rejected = ?6 WHERE id = ?1");
    counts.Bind(1, file_id).Bind(2, int64_t(out.counts.added)).Bind(3, int64_t(out.counts.updated));
    counts.Bind(4, int64_t(out.counts.unchanged)).Bind(5, int64_t(out.counts.conflicts));
    counts.Bind(6, int64_t(out.counts.rejected));
    HTK_CHECK(counts.Run());
    summary.total += out.counts;
    summary.files.push_back(std::move(out));
    planned.reset();
    return true;
}

MergeSummary MergeReceivedFiles(const std::vector<const ReceivedFile*>& files, const Campaign& campaign,
                                Database& db, LedgerStore& store, const std::vector<Problem>& current,
                                const ChangeContext& ctx) {
    MergeTask task(files, campaign, db, store, current, ctx);
    RunToEnd(task);
    return std::move(task.summary());
}

std::vector<ReceivedFileInfo> ListReceivedFiles(Database& db, int64_t campaign_id) {
    std::vector<ReceivedFileInfo> out;
    Stmt s = db.Prepare(
        "SELECT id, unit, week_no, file_name, version_time, received_at, report_date, row_count, added, updated, "
        "unchanged, conflicts, rejected, content_hash FROM received_file WHERE campaign_id = ?1 AND removed = 0 "
        "ORDER BY received_at DESC, id DESC");
    s.Bind(1, campaign_id);
    while (s.Step()) {
        ReceivedFileInfo r;
        r.id = s.Int(0), r.unit = s.Text(1), r.week_no = int(s.Int(2)), r.file_name = s.Text(3);
        r.version_time = s.Text(4), r.received_at = s.Text(5), r.report_date = ParseDate(s.Text(6)).date;
        r.row_count = int(s.Int(7));
        r.counts.added = int(s.Int(8)), r.counts.updated = int(s.Int(9)), r.counts.unchanged = int(s.Int(10));
        r.counts.conflicts = int(s.Int(11)), r.counts.rejected = int(s.Int(12));
        r.content_hash = s.Text(13);
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<ImportRowError> ListFileErrors(Database& db, int64_t file_id) {
    std::vector<ImportRowError> out;
    Stmt s = db.Prepare("SELECT row, message FROM received_file_error WHERE file_id = ?1 ORDER BY seq");
    s.Bind(1, file_id);
    while (s.Step()) out.push_back(ImportRowError{int(s.Int(0)), s.Text(1)});
    return out;
}

namespace {

struct FileRecord {
    int64_t id = 0;
    std::string unit, file_name, content_hash;
    int week_no = 0;
    bool removed = false;
};

bool LoadFile(Database& db, int64_t id, FileRecord* out) {
    Stmt s = db.Prepare("SELECT unit, file_name, content_hash, week_no, removed FROM received_file WHERE id = ?1");
    s.Bind(1, id);
    if (!s.Step()) return false;
    *out = FileRecord{id, s.Text(0), s.Text(1), s.Text(2), int(s.Int(3)), s.Int(4) != 0};
    return true;
}

// The problems a file lists (not deleted), oldest first.
std::vector<int64_t> LinkedProblems(Database& db, int64_t file_id) {
    std::vector<int64_t> out;
    Stmt s = db.Prepare(
        "SELECT p.id FROM file_problem fp JOIN problem p ON p.id = fp.problem_id WHERE fp.file_id = ?1 AND "
        "p.deleted = 0 ORDER BY p.id");
    s.Bind(1, file_id);
    while (s.Step()) out.push_back(s.Int(0));
    return out;
}

// Whether a counted file other than `file_id` lists the problem.
bool ListedElsewhere(Database& db, int64_t problem_id, int64_t file_id) {
    Stmt& s = db.Cached(
        "SELECT 1 FROM file_problem fp JOIN received_file f ON f.id = fp.file_id WHERE fp.problem_id = ?1 AND "
        "fp.file_id <> ?2 AND f.removed = 0 LIMIT 1");
    s.Bind(1, problem_id).Bind(2, file_id);
    return s.Step();
}

// The problem as file `file_id` gave it (its link's data); false when the
// link predates the data (schema 10) or is missing.
bool AsGiven(Database& db, int64_t problem_id, int64_t file_id, Problem* out) {
    Stmt& s = db.Cached("SELECT data FROM file_problem WHERE file_id = ?1 AND problem_id = ?2");
    s.Bind(1, file_id).Bind(2, problem_id);
    if (!s.Step()) return false;
    const std::string data = s.Text(0);
    s.Reset();
    return !data.empty() && ReadProblemData(data, out);
}

// `file_id` no longer counts for a problem other counted files still list.
// When its version was the one in effect (it is newer than each of theirs),
// the fields it set go back to the latest remaining file's version; a field
// changed since by hand stays as it is. Must run while the link still exists.
void RevertToRemainingFiles(Database& db, LedgerStore& store, int64_t problem_id, int64_t file_id,
                            const ChangeContext& ctx) {
    Stmt own = db.Prepare("SELECT version_time, file_name FROM received_file WHERE id = ?1");
    own.Bind(1, file_id);
    HTK_CHECK(own.Step());
    Stmt rest = db.Prepare(
        "SELECT f.id, f.version_time, f.file_name FROM file_problem fp JOIN received_file f ON f.id = fp.file_id "
        "WHERE fp.problem_id = ?1 AND fp.file_id <> ?2 AND f.removed = 0 "
        "ORDER BY f.version_time DESC, f.file_name DESC, f.id DESC LIMIT 1");
    rest.Bind(1, problem_id).Bind(2, file_id);
    if (!rest.Step()) return;
    if (std::make_tuple(own.Text(0), own.Text(1)) < std::make_tuple(rest.Text(1), rest.Text(2))) return;
    Problem current;
    HTK_CHECK(store.Load(problem_id, &current));
    Problem mine = current, theirs = current;
    if (!AsGiven(db, problem_id, file_id, &mine) || !AsGiven(db, problem_id, rest.Int(0), &theirs)) return;
    Problem after = current;
    for (int f = 0; f < kProblemFieldCount; ++f) {
        if (f == int(ProblemField::kReportingUnit)) continue;
        if (current.v[size_t(f)] == mine.v[size_t(f)]) after.v[size_t(f)] = theirs.v[size_t(f)];
    }
    if (after.v != current.v) store.StepUpdate(after, ctx);
}

}  // namespace

std::vector<int64_t> RemoveReceivedFile(Database& db, LedgerStore& store, int64_t file_id, const ChangeContext& ctx) {
    FileRecord f;
    HTK_CHECK(LoadFile(db, file_id, &f));
    if (f.removed) return {};
    ChangeContext rctx = ctx;
    rctx.actor = "区办（移除“" + f.file_name + "”）";
    store.BeginStep("移除文件“" + f.file_name + "”");
    store.StepSetFile(file_id, FileField::kRemoved, "1");
    for (int64_t id : LinkedProblems(db, file_id)) {
        if (!ListedElsewhere(db, id, file_id)) store.StepSetDeleted(id, true, rctx);
        else RevertToRemainingFiles(db, store, id, file_id, rctx);
    }
    return store.EndStep();
}

std::string MoveReceivedFile(Database& db, LedgerStore& store, const Campaign& campaign, int64_t file_id,
                             const std::string& unit, int week_no, const ChangeContext& ctx,
                             std::vector<int64_t>* touched) {
    FileRecord f;
    HTK_CHECK(LoadFile(db, file_id, &f));
    if (f.removed) return "该文件已移除";
    if (unit.empty()) return "请选择单位";
    if (week_no <= 0) return "请选择周次";
    if (unit == f.unit && week_no == f.week_no) return "";
    {
        Stmt same = db.Prepare(
            "SELECT removed FROM received_file WHERE campaign_id = ?1 AND content_hash = ?2 AND unit = ?3 AND "
            "week_no = ?4 AND id <> ?5");
        same.Bind(1, campaign.id).Bind(2, f.content_hash).Bind(3, unit).Bind(4, int64_t(week_no)).Bind(5, file_id);
        if (same.Step())
            return unit + WeekLabel(week_no) + "已经收到过同一个文件" +
                   (same.Int(0) ? "（已移除；可在整改台账中撤销移除）" : "");
    }
    ChangeContext mctx = ctx;
    mctx.actor = "区办（改为" + unit + "）";
    store.BeginStep("把“" + f.file_name + "”改为" + unit + WeekLabel(week_no));
    if (unit != f.unit) {
        // As if the file were removed from its unit and received from the
        // other: a problem another file of the old unit lists stays there
        // (with the latest remaining file's values); the new unit gets the
        // file's rows as the file gave them.
        std::unordered_map<std::string, int> equal_rows;
        std::set<int64_t> taken;
        for (int64_t id : LinkedProblems(db, file_id)) {
            Problem p;
            HTK_CHECK(store.Load(id, &p));
            const bool elsewhere = ListedElsewhere(db, id, file_id);
            Problem given = p;
            const bool has_given = AsGiven(db, id, file_id, &given);
            given.id = id;
            given[ProblemField::kReportingUnit] = unit;
            const std::string data = has_given ? ProblemData(given) : std::string();
            if (!IsContentUuid(p.uuid) && !elsewhere) {
                // Our own export's row: its identity stays; its unit follows the file.
                Problem after = p;
                after[ProblemField::kReportingUnit] = unit;
                store.StepUpdate(after, mctx);
                continue;
            }
            const std::string key = ProblemContentKey(given[ProblemField::kVillage], given[ProblemField::kDescription]);
            const std::string uuid = ProblemContentUuid(campaign, unit, given[ProblemField::kVillage],
                                                        given[ProblemField::kDescription], equal_rows[key]++);
            int64_t target = store.FindByUuid(uuid);
            if (!target) {
                const int64_t same = store.FindSameDescription(unit, given[ProblemField::kDescription]);
                if (same && !taken.count(same)) target = same;
            }
            if (target && target != id) {
                // The new unit has it already: the file lists that one.
                taken.insert(target);
                Problem t;
                HTK_CHECK(store.Load(target, &t));
                if (t.deleted) store.StepSetDeleted(target, false, mctx);
                if (elsewhere) RevertToRemainingFiles(db, store, id, file_id, mctx);
                store.StepLink(file_id, target, true, data);
                store.StepLink(file_id, id, false);
                if (!elsewhere) store.StepSetDeleted(id, true, mctx);
            } else if (!elsewhere) {
                Problem after = p;
                after[ProblemField::kReportingUnit] = unit;
                store.StepUpdate(after, mctx);
                store.StepSetUuid(id, uuid);
            } else {
                // Another file of the old unit still lists it: it stays there,
                // and the new unit gets the file's own version of it.
                RevertToRemainingFiles(db, store, id, file_id, mctx);
                Problem copy = given;
                copy.id = 0;
                copy.uuid = uuid;
                copy.deleted = false;
                const int64_t added = store.StepAdd(std::move(copy), mctx);
                store.StepLink(file_id, added, true, data);
                store.StepLink(file_id, id, false);
            }
        }
        store.StepSetFile(file_id, FileField::kUnit, unit);
    }
    store.StepSetFile(file_id, FileField::kWeek, std::to_string(week_no));
    std::vector<int64_t> ids = store.EndStep();
    if (touched) *touched = std::move(ids);
    return "";
}

std::vector<std::string> CheckReceivedFiles(Database& db, int64_t campaign_id) {
    std::vector<std::string> out;
    Stmt files = db.Prepare(
        "SELECT f.id, f.file_name, f.unit, f.row_count, "
        "(SELECT count(*) FROM file_problem fp JOIN problem p ON p.id = fp.problem_id "
        " WHERE fp.file_id = f.id AND p.deleted = 0), "
        "(SELECT count(*) FROM file_problem fp JOIN problem p ON p.id = fp.problem_id "
        " WHERE fp.file_id = f.id AND (p.deleted = 1 OR p.reporting_unit <> f.unit)) "
        "FROM received_file f WHERE f.campaign_id = ?1 AND f.removed = 0 ORDER BY f.id");
    files.Bind(1, campaign_id);
    while (files.Step()) {
        const std::string name = files.Text(1) + "（" + files.Text(2) + "）";
        if (files.Int(3) != files.Int(4))
            out.push_back(name + "：文件有 " + std::to_string(files.Int(3)) + " 条，台账中列有 " +
                          std::to_string(files.Int(4)) + " 条");
        if (files.Int(5) != 0)
            out.push_back(name + "：" + std::to_string(files.Int(5)) + " 条已删除或属于其他单位");
    }
    Stmt orphans = db.Prepare(
        "SELECT p.id, p.reporting_unit, p.description FROM problem p WHERE p.campaign_id = ?1 AND p.deleted = 0 "
        "AND EXISTS (SELECT 1 FROM file_problem fp WHERE fp.problem_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM file_problem fp JOIN received_file f ON f.id = fp.file_id "
        "                WHERE fp.problem_id = p.id AND f.removed = 0)");
    orphans.Bind(1, campaign_id);
    while (orphans.Step())
        out.push_back("问题 " + std::to_string(orphans.Int(0)) + "（" + orphans.Text(1) + "：" + orphans.Text(2) +
                      "）不在任何已收文件中");
    return out;
}

}  // namespace htk
