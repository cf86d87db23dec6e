// weekly_report.h — 周报: from week one of 排查整改 the unit reports its
// ledger every week. Generating a report freezes a copy of the ledger's rows
// and texts in SQLite; it is compared with the previous week's and exported
// as the official ledger (dated the report day) with a sheet of statistics.
#pragma once

#include "campaign.h"
#include "domain/ledger_xlsx.h"
#include "problem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace htk {

class Database;

// Week k of the 排查整改 phase: week 1 starts on the phase's first day and
// lasts seven days; the last week ends with the phase and may be short.
struct ReportWeek {
    int no = 0;
    Date start, end;
};
std::vector<ReportWeek> ReportWeeks(const Campaign& campaign);
// The week `day` falls in, or 0 before the phase; after it, the last week.
int WeekNumberOn(const std::vector<ReportWeek>& weeks, const Date& day);

struct WeeklyReport {
    int64_t id = 0;
    int week_no = 0;
    std::string unit;
    Date report_date;
    std::string created_at;
    std::vector<Problem> rows;  // frozen, in the ledger's order (ids are 0)
};

struct WeeklyReportInfo {
    int64_t id = 0;
    int week_no = 0;
    std::string unit;
    Date report_date;
    std::string created_at;
    int rows = 0;
};

// The report weeks that ended before `today` with no report of `unit` among
// `reports` ("" = of any unit): what 首页 points out as not yet reported.
std::vector<ReportWeek> MissedReportWeeks(const std::vector<ReportWeek>& weeks,
                                          const std::vector<WeeklyReportInfo>& reports, const std::string& unit,
                                          const Date& today);

// What changed since the previous week's report (by UUID).
struct WeeklyDiff {
    std::vector<const Problem*> added;          // not in last week's report
    std::vector<const Problem*> completed;      // done now, not done last week
    std::vector<const Problem*> newly_overdue;  // overdue on this report day, not on the last one
    std::vector<const Problem*> still_open;     // in both, not done
};
WeeklyDiff DiffReports(const WeeklyReport* previous, const WeeklyReport& current);

// The statistics sheet: totals, status, warnings, the week's changes and the
// counts per area, as rows of text (the first row is the header).
std::vector<std::vector<std::string>> WeeklyStatsTable(const WeeklyReport& report, const WeeklyDiff& diff,
                                                       const Campaign& campaign);

// The week's official ledger (dated the report day, 第 k 周 in the tab name)
// and its statistics sheet. Points into `report`, which must outlive it.
LedgerWorkbook WeeklyReportWorkbook(const WeeklyReport& report, const WeeklyDiff& diff, const Campaign& campaign);
// `<单位>_整改台账_第k周_<YYYYMMDD>.xlsx`
std::string WeeklyReportFileName(const WeeklyReport& report);

class WeeklyReportStore {
public:
    WeeklyReportStore(Database& db, int64_t campaign_id) : db_(db), campaign_id_(campaign_id) {}

    // Freezes `rows` as the unit's report for week `week_no` (replacing one
    // made earlier the same week). One transaction; returns the report id.
    int64_t Create(int week_no, const std::string& unit, const Date& report_date, const std::vector<Problem>& rows,
                   const std::string& now);
    std::vector<WeeklyReportInfo> List() const;  // by week, newest first
    bool Load(int64_t id, WeeklyReport* out) const;
    // The unit's report of the latest week before `week_no`, if any.
    bool LoadPrevious(const std::string& unit, int week_no, WeeklyReport* out) const;

private:
    Database& db_;
    int64_t campaign_id_;
};

}  // namespace htk
