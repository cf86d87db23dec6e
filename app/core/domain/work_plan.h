// work_plan.h — 工作方案 (动员部署): each unit files one by the end of the
// 动员部署 phase (6 月 1 日): what it screens, its main measures and its
// schedule. Kept per campaign and unit; printable as a workbook.
#pragma once

#include "campaign.h"
#include "domain/ledger_xlsx.h"

#include <string>

namespace htk {

class Database;

struct WorkPlan {
    std::string content;   // 排查的具体内容
    std::string measures;  // 主要措施
    std::string schedule;  // 时间安排
    Date submitted;        // 报送日期; invalid = not yet
};

WorkPlan LoadWorkPlan(Database& db, int64_t campaign_id, const std::string& unit);
void SaveWorkPlan(Database& db, int64_t campaign_id, const std::string& unit, const WorkPlan& plan,
                  const std::string& now);

// The day it is due: the end of the 动员部署 phase.
Date WorkPlanDue(const Campaign& campaign);

// Where the plan stands today, in Chinese (“已按时报送（5月31日）”, “已逾期 3 天，尚未报送” …),
// and whether that is a problem (late or overdue).
struct WorkPlanState {
    std::string text;
    bool late = false;
};
WorkPlanState WorkPlanStateOn(const WorkPlan& plan, const Campaign& campaign, const Date& today);

// A printable sheet: the title, then 项目 / 内容 rows.
TableSheet WorkPlanSheet(const WorkPlan& plan, const Campaign& campaign, const std::string& unit);

}  // namespace htk
