// reporting.h — 报送情况: which unit sent its ledger for which report week,
// on time, late, or not at all, as the district office tracks it.
//
// A week's report is due on the week's last day (the campaign's weeks of
// 排查整改, weekly_report.h); the final ledger (终期) on the last day of
// 总结验收. A report is late when the date it carries is after the due day.
// With several files for one unit and week the latest counts.
#pragma once

#include "received_files.h"
#include "rules/dates.h"

#include <string>
#include <vector>

namespace htk {

struct Campaign;

enum class ReportState { kNotDue, kMissing, kReceived, kLate };
const char* ReportStateLabel(ReportState s);  // 未到期 / 未报 / 已报 / 迟报

struct ReportCell {
    ReportState state = ReportState::kNotDue;
    int problems = 0;   // rows in the report
    Date report_date;   // the date the report carries
    int files = 0;      // files received for this unit and week
};

struct ReportingTable {
    std::vector<std::string> units;
    std::vector<int> weeks;  // week numbers, then kFinalWeek
    std::vector<Date> due;   // per week
    std::vector<std::vector<ReportCell>> cells;  // [unit][week]
    // Per week: how many units reported on time, late, not at all.
    std::vector<int> received, late, missing;
};

// `units` are those expected to report (townships entered in 设置 and the
// campaign's departments); units that sent files without being listed are
// added after them.
ReportingTable BuildReportingTable(const Campaign& campaign, const std::vector<std::string>& units,
                                   const std::vector<ReceivedFileInfo>& files, const Date& today);

// The units the district expects: townships, then departments, no repeats.
std::vector<std::string> ExpectedUnits(const std::vector<std::string>& townships,
                                       const std::vector<std::string>& departments);

}  // namespace htk
