#include "received_files.h"

#include "check.h"
#include "domain/campaign.h"
#include "domain/ledger_store.h"
#include "domain/weekly_report.h"
#include "formats/table_file.h"
#include "rules/text.h"
#include "rules/uuid.h"
#include "storage/database.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
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

ReceivedFile ReadReceivedFile(const std::string& name, const std::string& bytes, const std::string& modified,
                              const std::string& now, const Campaign& campaign,
                              const std::vector<std::string>& known_units, const LedgerStore& store) {
    ReceivedFile f;
    f.file_name = name;
    f.content_hash = HashHex(bytes);
    std::string error;
    if (!ReadTableFile(name, bytes, &f.book, &error)) {
        f.error = error;
        return f;
    }
    // Read as an import with nothing to match (counts and row errors only):
    // matching happens when the files are merged, in order.
    static const std::vector<Problem> kNone;
    ImportPlan plan = PlanLedgerImport(f.book, name, campaign, store, "", &kNone);
    if (!plan.fatal.empty()) {
        f.error = plan.fatal;
        return f;
    }
    f.rows = int(plan.taken());
    f.errors = std::move(plan.errors);

    // The unit.
    auto prop = f.book.custom_properties.find("htk_unit");
    const bool ours = prop != f.book.custom_properties.end() && !prop->second.empty();
    if (!plan.unit.empty()) {
        const std::string known = MatchUnit(plan.unit, known_units);
        f.unit = known.empty() ? Trim(plan.unit) : known;
        f.unit_from = ours ? "文件信息" : "单位（盖章）行";
    }
    if (f.unit.empty()) {
        std::string base = name.substr(0, name.rfind('.'));
        const std::string first = Trim(base.substr(0, base.find('_')));
        f.unit = MatchUnit(first, known_units);
        if (f.unit.empty()) f.unit = MatchUnit(base, known_units);
        // A unit not (yet) listed in 设置, named as files are: "<单位>_…".
        if (f.unit.empty() && LooksLikeUnitName(first)) f.unit = first;
        if (!f.unit.empty()) f.unit_from = "文件名";
    }
    if (f.unit.empty() && !plan.adds.empty()) {
        const std::string& first = plan.adds.front()[ProblemField::kReportingUnit];
        bool same = !first.empty();
        for (const Problem& p : plan.adds) same = same && p[ProblemField::kReportingUnit] == first;
        if (same) {
            const std::string known = MatchUnit(first, known_units);
            f.unit = known.empty() ? first : known;
            f.unit_from = "填报单位列";
        }
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
    return f;
}

namespace {

// Which file last set a problem, and how new that version is.
struct Source {
    std::string version_time, file_name, unit;
    bool from_file = false;
};

std::unordered_map<int64_t, Source> LoadSources(Database& db, int64_t campaign_id) {
    std::unordered_map<int64_t, Source> out;
    Stmt s = db.Prepare(
        "SELECT ps.problem_id, ps.version_time, f.file_name, f.unit FROM problem_source ps "
        "JOIN received_file f ON f.id = ps.file_id WHERE f.campaign_id = ?1");
    s.Bind(1, campaign_id);
    while (s.Step()) out[s.Int(0)] = Source{s.Text(1), s.Text(2), s.Text(3), true};
    return out;
}

// The file's record: the one made when the same bytes came from the same
// unit for the same week, else a new one.
int64_t RecordFile(Database& db, int64_t campaign_id, const ReceivedFile& f, const std::string& now,
                   bool* received_before) {
    Stmt find = db.Prepare(
        "SELECT id FROM received_file WHERE campaign_id = ?1 AND content_hash = ?2 AND unit = ?3 AND week_no = ?4");
    find.Bind(1, campaign_id).Bind(2, f.content_hash).Bind(3, f.unit).Bind(4, int64_t(f.week_no));
    if (find.Step()) {
        *received_before = true;
        return find.Int(0);
    }
    *received_before = false;
    Stmt ins = db.Prepare(
        "INSERT INTO received_file(campaign_id, unit, week_no, file_name, content_hash, version_time, report_date, "
        "received_at, row_count, rejected) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    ins.Bind(1, campaign_id).Bind(2, f.unit).Bind(3, int64_t(f.week_no)).Bind(4, f.file_name);
    ins.Bind(5, f.content_hash).Bind(6, f.version_time);
    ins.Bind(7, f.report_date.valid() ? FormatIso(f.report_date) : std::string());
    ins.Bind(8, now).Bind(9, int64_t(f.rows)).Bind(10, int64_t(f.errors.size()));
    HTK_CHECK(ins.Run());
    return db.last_insert_rowid();
}

void SetSource(Database& db, int64_t problem_id, int64_t file_id, const std::string& version_time) {
    Stmt& s = db.Cached(
        "INSERT INTO problem_source(problem_id, file_id, version_time) VALUES(?1, ?2, ?3) "
        "ON CONFLICT(problem_id) DO UPDATE SET file_id = excluded.file_id, version_time = excluded.version_time");
    s.Bind(1, problem_id).Bind(2, file_id).Bind(3, version_time);
    HTK_CHECK(s.Run());
}

}  // namespace

MergeSummary MergeReceivedFiles(const std::vector<const ReceivedFile*>& files, const Campaign& campaign,
                                Database& db, LedgerStore& store, const std::vector<Problem>& current,
                                const ChangeContext& ctx) {
    MergeSummary summary;
    std::vector<const ReceivedFile*> order;
    for (const ReceivedFile* f : files)
        if (f->error.empty() && !f->unit.empty() && f->week_no > 0) order.push_back(f);
    // Oldest version first, so that the newest is applied last; ties by name
    // so that the order never depends on the order of arrival.
    std::stable_sort(order.begin(), order.end(), [](const ReceivedFile* a, const ReceivedFile* b) {
        return std::tie(a->version_time, a->file_name, a->unit) < std::tie(b->version_time, b->file_name, b->unit);
    });

    Transaction tx(db);
    std::vector<Problem> working = current;
    std::unordered_map<int64_t, size_t> at;
    for (size_t i = 0; i < working.size(); ++i) at[working[i].id] = i;
    std::unordered_map<int64_t, Source> sources = LoadSources(db, campaign.id);
    size_t steps = 0;

    for (const ReceivedFile* f : order) {
        MergedFile out;
        out.file_name = f->file_name, out.unit = f->unit, out.week_no = f->week_no;
        const int64_t file_id = RecordFile(db, campaign.id, *f, ctx.now, &out.received_before);
        ChangeContext fctx = ctx;
        fctx.actor = f->unit + "（" + f->file_name + "）";
        fctx.source = "import";

        ImportPlan plan = PlanLedgerImport(f->book, f->file_name, campaign, store, f->unit, &working, true);
        out.counts.rejected = int(plan.errors.size());
        out.counts.unchanged = plan.unchanged;
        for (Problem& p : plan.adds)
            if (p.uuid.empty()) p.uuid = NewUuid();

        // Each update is a newer version (taken) or an older one (kept in history).
        std::vector<Problem> taken;
        for (Problem& u : plan.updates) {
            Problem stored_copy;
            const Problem* stored = nullptr;
            if (auto it = at.find(u.id); it != at.end()) stored = &working[it->second];
            else if (store.Load(u.id, &stored_copy)) stored = &stored_copy;  // deleted: comes back
            if (!stored) continue;
            Source src;
            if (auto it = sources.find(u.id); it != sources.end()) src = it->second;
            else src.version_time = stored->updated_at;  // entered or imported here
            const bool newer = std::tie(f->version_time, f->file_name) > std::tie(src.version_time, src.file_name);
            if (newer) {
                if (src.from_file && src.unit != f->unit) ++out.counts.conflicts;
                else ++out.counts.updated;
                taken.push_back(std::move(u));
            } else if (store.RecordLosingVersion(*stored, u, fctx) > 0) {
                ++out.counts.conflicts;
            } else {
                ++out.counts.unchanged;
            }
        }
        // Rows listed as they are: this file's version is at least as new.
        for (int64_t id : plan.unchanged_ids) {
            auto it = sources.find(id);
            if (it == sources.end() || f->version_time > it->second.version_time) {
                SetSource(db, id, file_id, f->version_time);
                sources[id] = Source{f->version_time, f->file_name, f->unit, true};
            }
        }
        out.counts.added = int(plan.adds.size());
        if (!plan.adds.empty() || !taken.empty()) {
            std::vector<Problem> adds = plan.adds;  // ApplyBatch takes its copy; ours gets the ids
            std::vector<int64_t> ids = store.ApplyBatch(std::move(adds), taken, fctx, "导入“" + f->file_name + "”");
            ++steps;
            HTK_CHECK(ids.size() == plan.adds.size() + taken.size());
            for (size_t i = 0; i < ids.size(); ++i) {
                Problem p = i < plan.adds.size() ? std::move(plan.adds[i]) : std::move(taken[i - plan.adds.size()]);
                p.id = ids[i];
                p.deleted = false;
                SetSource(db, p.id, file_id, f->version_time);
                sources[p.id] = Source{f->version_time, f->file_name, f->unit, true};
                if (auto it = at.find(p.id); it != at.end()) {
                    working[it->second] = std::move(p);
                } else {
                    at[p.id] = working.size();
                    working.push_back(std::move(p));
                }
                summary.touched.push_back(ids[i]);
            }
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
    }
    HTK_CHECK(tx.Commit());
    store.MergeLastSteps(steps, "导入 " + std::to_string(summary.files.size()) + " 个单位的文件");
    return summary;
}

std::vector<ReceivedFileInfo> ListReceivedFiles(Database& db, int64_t campaign_id) {
    std::vector<ReceivedFileInfo> out;
    Stmt s = db.Prepare(
        "SELECT id, unit, week_no, file_name, version_time, received_at, report_date, row_count, added, updated, "
        "unchanged, conflicts, rejected FROM received_file WHERE campaign_id = ?1 ORDER BY received_at DESC, id DESC");
    s.Bind(1, campaign_id);
    while (s.Step()) {
        ReceivedFileInfo r;
        r.id = s.Int(0), r.unit = s.Text(1), r.week_no = int(s.Int(2)), r.file_name = s.Text(3);
        r.version_time = s.Text(4), r.received_at = s.Text(5), r.report_date = ParseDate(s.Text(6)).date;
        r.row_count = int(s.Int(7));
        r.counts.added = int(s.Int(8)), r.counts.updated = int(s.Int(9)), r.counts.unchanged = int(s.Int(10));
        r.counts.conflicts = int(s.Int(11)), r.counts.rejected = int(s.Int(12));
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace htk
