// dashboard.h — the numbers the 首页 shows: the ledger by status and warning,
// each policy area by status, and problems found and done per report week.
#pragma once

#include "campaign.h"
#include "problem.h"

#include <string>
#include <vector>

namespace htk {

struct AreaStatusCounts {
    std::string area;
    int open = 0, in_progress = 0, done = 0;
    int total() const { return open + in_progress + done; }
};

struct WeekCounts {
    int week_no = 0;    // 0: before 排查整改 began
    std::string label;  // 第1周 (6.2–6.8)
    int found = 0;      // by 发现日期, else the day the row was entered
    int done = 0;       // by 完成日期
};

struct Dashboard {
    int total = 0, open = 0, in_progress = 0, done = 0;
    int red = 0, yellow = 0;
    std::vector<AreaStatusCounts> by_area;  // the campaign's areas, in order
    std::vector<WeekCounts> per_week;       // 阶段前 (if any), then every report week
    double completion() const { return total ? double(done) / total : 0; }
};

Dashboard ComputeDashboard(const std::vector<Problem>& rows, const Campaign& campaign, const Date& today);

// Where today is in the campaign: the phase, the report week, days left.
struct CampaignMoment {
    int phase = -1;     // index into campaign.phases; -1 before, phases.size() after
    int week_no = 0;    // report week, 0 outside 排查整改
    int days_left = 0;  // to the end of the current phase (inclusive of today)
};
CampaignMoment MomentOf(const Campaign& campaign, const Date& today);

}  // namespace htk
