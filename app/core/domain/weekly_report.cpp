#include "weekly_report.h"

#include "check.h"
#include "storage/database.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace htk {

std::vector<ReportWeek> ReportWeeks(const Campaign& campaign) {
    std::vector<ReportWeek> weeks;
    for (const Phase& ph : campaign.phases) {
        if (ph.code != "rectify" || !ph.start.valid() || !ph.end.valid()) continue;
        for (Date start = ph.start; start <= ph.end; start = AddDays(start, 7)) {
            Date end = AddDays(start, 6);
            if (ph.end < end) end = ph.end;
            weeks.push_back(ReportWeek{int(weeks.size()) + 1, start, end});
        }
    }
    return weeks;
}

int WeekNumberOn(const std::vector<ReportWeek>& weeks, const Date& day) {
    if (weeks.empty() || day < weeks.front().start) return 0;
    for (const ReportWeek& w : weeks)
        if (day <= w.end) return w.no;
    return weeks.back().no;
}

std::vector<ReportWeek> MissedReportWeeks(const std::vector<ReportWeek>& weeks,
                                          const std::vector<WeeklyReportInfo>& reports, const std::string& unit,
                                          const Date& today) {
    std::vector<ReportWeek> missed;
    for (const ReportWeek& w : weeks) {
        if (!(w.end < today)) break;
        const bool reported = std::any_of(reports.begin(), reports.end(), [&](const WeeklyReportInfo& r) {
            return r.week_no == w.no && (unit.empty() || r.unit == unit);
        });
        if (!reported) missed.push_back(w);
    }
    return missed;
}

WeeklyDiff DiffReports(const WeeklyReport* previous, const WeeklyReport& current) {
    WeeklyDiff d;
    std::unordered_map<std::string, const Problem*> before;
    if (previous)
        for (const Problem& p : previous->rows) before[p.uuid] = &p;
    for (const Problem& p : current.rows) {
        auto it = before.find(p.uuid);
        const Problem* old = it == before.end() ? nullptr : it->second;
        const bool done = p.status() == ProblemStatus::kDone;
        if (!old) d.added.push_back(&p);
        else if (done && old->status() != ProblemStatus::kDone) d.completed.push_back(&p);
        else if (!done) d.still_open.push_back(&p);
        const bool overdue = WarningFor(p, current.report_date) == Warning::kRed;
        const bool was_overdue = old && previous && WarningFor(*old, previous->report_date) == Warning::kRed;
        if (overdue && !was_overdue) d.newly_overdue.push_back(&p);
    }
    return d;
}

std::vector<std::vector<std::string>> WeeklyStatsTable(const WeeklyReport& r, const WeeklyDiff& d,
                                                       const Campaign& campaign) {
    int open = 0, in_progress = 0, done = 0, red = 0, yellow = 0;
    struct Counts {
        int total = 0, done = 0, overdue = 0;
    };
    std::map<std::string, Counts> by_area;
    for (const Problem& p : r.rows) {
        ProblemStatus s = p.status();
        open += s == ProblemStatus::kOpen;
        in_progress += s == ProblemStatus::kInProgress;
        done += s == ProblemStatus::kDone;
        Warning w = WarningFor(p, r.report_date);
        red += w == Warning::kRed;
        yellow += w == Warning::kYellow;
        Counts& c = by_area[p[ProblemField::kArea]];
        ++c.total;
        c.done += s == ProblemStatus::kDone;
        c.overdue += w == Warning::kRed;
    }
    auto n = [](size_t v) { return std::to_string(v); };
    auto rate = [](int part, int whole) {
        if (!whole) return std::string("—");
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * part / whole);
        return std::string(buf);
    };
    const int total = int(r.rows.size());
    std::vector<std::vector<std::string>> t = {
        {"项目", "数量", "说明"},
        {"问题总数", n(size_t(total)), "本周报告台账中的全部问题"},
        {"已完成", n(size_t(done)), "完成率 " + rate(done, total)},
        {"整改中", n(size_t(in_progress)), ""},
        {"待整改", n(size_t(open)), ""},
        {"超期未完成", n(size_t(red)), "已过完成时限仍未完成（红色预警）"},
        {"3 日内到期", n(size_t(yellow)), "黄色预警"},
        {"本周新增", n(d.added.size()), "上周报告中没有的问题"},
        {"本周完成", n(d.completed.size()), "上周未完成、本周已完成"},
        {"本周新超期", n(d.newly_overdue.size()), "上周未超期、本周超期"},
        {"仍未完成", n(d.still_open.size()), "上周已有、本周仍未完成"},
        {"", "", ""},
        {"问题类型", "问题数", "已完成 / 超期"},
    };
    for (const Area& a : campaign.areas) {
        auto it = by_area.find(a.name);
        Counts c = it == by_area.end() ? Counts{} : it->second;
        t.push_back({a.name, n(size_t(c.total)), n(size_t(c.done)) + " / " + n(size_t(c.overdue))});
    }
    return t;
}

LedgerWorkbook WeeklyReportWorkbook(const WeeklyReport& r, const WeeklyDiff& d, const Campaign& c) {
    LedgerWorkbook book;
    book.campaign_code = c.code;
    book.unit = r.unit;
    book.exported_at = r.created_at;  // the same file whenever it is exported again
    LedgerSheet sheet;
    sheet.name = "整改台账（第" + std::to_string(r.week_no) + "周）";
    sheet.title = c.ledger_title;
    sheet.unit = r.unit;
    sheet.date = r.report_date;
    sheet.note = c.ledger_note;
    for (const Problem& p : r.rows) sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    TableSheet stats;
    stats.name = "本周统计";
    stats.title = r.unit + " 第 " + std::to_string(r.week_no) + " 周整改情况统计（" + FormatChinese(r.report_date) + "）";
    stats.rows = WeeklyStatsTable(r, d, c);
    book.tables.push_back(stats);
    return book;
}

std::string WeeklyReportFileName(const WeeklyReport& r) {
    return UnitFileName(r.unit, "整改台账_第" + std::to_string(r.week_no) + "周", r.report_date, ".xlsx");
}

int64_t WeeklyReportStore::Create(int week_no, const std::string& unit, const Date& report_date,
                                  const std::vector<Problem>& rows, const std::string& now) {
    Transaction tx(db_);
    Stmt& del = db_.Cached("DELETE FROM weekly_report WHERE campaign_id = ?1 AND week_no = ?2 AND unit = ?3");
    del.Bind(1, campaign_id_).Bind(2, int64_t(week_no)).Bind(3, unit);
    HTK_CHECK(del.Run());
    Stmt& ins = db_.Cached(
        "INSERT INTO weekly_report(campaign_id, week_no, unit, report_date, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    ins.Bind(1, campaign_id_).Bind(2, int64_t(week_no)).Bind(3, unit).Bind(4, FormatIso(report_date)).Bind(5, now);
    HTK_CHECK(ins.Run());
    const int64_t id = db_.last_insert_rowid();
    Stmt& row = db_.Cached("INSERT INTO weekly_report_row(report_id, seq, uuid, data) VALUES(?1, ?2, ?3, ?4)");
    int seq = 0;
    for (const Problem& p : rows) {
        nlohmann::json j = nlohmann::json::object();
        for (int f = 0; f < kProblemFieldCount; ++f) j[FieldInfo(f).column] = p.v[size_t(f)];
        row.Bind(1, id).Bind(2, int64_t(++seq)).Bind(3, p.uuid).Bind(4, j.dump());
        HTK_CHECK(row.Run());
    }
    HTK_CHECK(tx.Commit());
    return id;
}

std::vector<WeeklyReportInfo> WeeklyReportStore::List() const {
    std::vector<WeeklyReportInfo> out;
    Stmt q = db_.Prepare(
        "SELECT r.id, r.week_no, r.unit, r.report_date, r.created_at, "
        "(SELECT count(*) FROM weekly_report_row w WHERE w.report_id = r.id) FROM weekly_report r "
        "WHERE r.campaign_id = ?1 ORDER BY r.week_no DESC, r.unit");
    q.Bind(1, campaign_id_);
    while (q.Step()) {
        WeeklyReportInfo i;
        i.id = q.Int(0);
        i.week_no = int(q.Int(1));
        i.unit = q.Text(2);
        i.report_date = ParseDate(q.Text(3)).date;
        i.created_at = q.Text(4);
        i.rows = int(q.Int(5));
        out.push_back(i);
    }
    return out;
}

bool WeeklyReportStore::Load(int64_t id, WeeklyReport* out) const {
    Stmt& q = db_.Cached("SELECT week_no, unit, report_date, created_at FROM weekly_report WHERE id = ?1");
    q.Bind(1, id);
    if (!q.Step()) return false;
    *out = WeeklyReport{};
    out->id = id;
    out->week_no = int(q.Int(0));
    out->unit = q.Text(1);
    out->report_date = ParseDate(q.Text(2)).date;
    out->created_at = q.Text(3);
    q.Reset();
    Stmt& rows = db_.Cached("SELECT uuid, data FROM weekly_report_row WHERE report_id = ?1 ORDER BY seq");
    rows.Bind(1, id);
    while (rows.Step()) {
        Problem p;
        p.uuid = rows.Text(0);
        nlohmann::json j = nlohmann::json::parse(rows.Text(1), nullptr, false);
        for (int f = 0; f < kProblemFieldCount; ++f)
            if (j.is_object() && j.contains(FieldInfo(f).column) && j[FieldInfo(f).column].is_string())
                p.v[size_t(f)] = j[FieldInfo(f).column].get<std::string>();
        out->rows.push_back(std::move(p));
    }
    return true;
}

bool WeeklyReportStore::LoadPrevious(const std::string& unit, int week_no, WeeklyReport* out) const {
    Stmt& q = db_.Cached(
        "SELECT id FROM weekly_report WHERE campaign_id = ?1 AND unit = ?2 AND week_no < ?3 "
        "ORDER BY week_no DESC LIMIT 1");
    q.Bind(1, campaign_id_).Bind(2, unit).Bind(3, int64_t(week_no));
    if (!q.Step()) return false;
    int64_t id = q.Int(0);
    q.Reset();
    return Load(id, out);
}

}  // namespace htk
