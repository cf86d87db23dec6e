// weekly_ui.h — the 周报 screen's state: the reports made so far, the one
// shown with its changes since the week before, and the replace confirmation.
#pragma once

#include "domain/weekly_report.h"
#include "domain/work_plan.h"
#include "timed_message.h"

#include <string>
#include <vector>

namespace htk {
class Database;
}

namespace htk::ui {

struct WeeklyUi {
    WeeklyUi(Database& db, int64_t campaign_id) : store(db, campaign_id) {}

    WeeklyReportStore store;
    std::vector<WeeklyReportInfo> list;
    bool list_dirty = true;

    int64_t shown_id = 0;  // the report whose changes are shown
    WeeklyReport shown, previous;
    bool has_previous = false;
    WeeklyDiff diff;

    bool confirm_replace = false;  // this week's report exists: generate again?
    TimedMessage message;

    // 整改报告 (总结验收): the draft being edited, kept in the database.
    std::string report;
    bool report_loaded = false;
    bool confirm_regenerate = false;

    bool tab_chosen = false;  // the 周报 tab was selected on first showing

    // 工作方案 (动员部署) of this unit, as being edited.
    WorkPlan plan;
    bool plan_loaded = false;         // `plan` holds what is stored for plan_unit
    std::string plan_unit;            // the unit `plan` was loaded for
    std::string plan_date;            // 报送日期 as typed
    std::string plan_date_error;
};

struct UiState;
// The 整改报告 tab of the 周报 screen.
void DrawRectificationReport(UiState& ui);
// The 工作方案 tab.
void DrawWorkPlan(UiState& ui);

}  // namespace htk::ui
