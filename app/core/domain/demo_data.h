// demo_data.h — 示例数据: a small, clearly marked campaign a newcomer can load
// to see every screen working, and remove again in one step.
//
// Two made-up townships (示例一乡, 示例二镇) with villages and households,
// screenings with findings, problems entered over three weeks in different
// states, and the three weekly reports of 示例一乡. Everything demo is marked:
// households by their `demo` flag, places and units by the 示例 names, and
// problems by a UUID prefix, so removing it leaves the user's own data alone.
#pragma once

#include "campaign.h"

#include <string>

namespace htk {

class Database;

constexpr const char* kDemoUuidPrefix = "00000000-de00-4";  // then "xxx-8xxx-…"
constexpr const char* kDemoUnit = "示例一乡";

bool HasDemoData(Database& db);

struct DemoSummary {
    int households = 0, screenings = 0, problems = 0, reports = 0;
};

// Loads the demo (one transaction) unless it is there already. Dates follow
// the campaign's 排查整改 phase.
DemoSummary LoadDemoData(Database& db, const Campaign& campaign, const std::string& now);
// Removes every demo row (one transaction).
void RemoveDemoData(Database& db);

}  // namespace htk
