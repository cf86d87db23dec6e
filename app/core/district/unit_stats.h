// unit_stats.h — the merged ledger per unit: problems, done, overdue, the
// completion rate, red/yellow warnings and spot-check findings, and a ranking.
#pragma once

#include "domain/problem.h"
#include "spot_check.h"

#include <string>
#include <vector>

namespace htk {

struct UnitStats {
    std::string unit;
    int problems = 0, done = 0, in_progress = 0, open = 0;  // open: not done
    int red = 0, yellow = 0;                                 // 超期 (past 完成时限, not done) / 临期
    double completion = 0;                                   // done / problems, 0…1 (1 with no problems)
    // Spot checks, every round: drawn, drawn with a finding, findings other
    // than 属实 (drawn ones and 漏报 found on site).
    int sampled = 0, checked = 0, adverse = 0;
    int on_site = 0;                   // 漏报 found on site and registered as new problems
    int findings[kFindingCount] = {};  // per kFindings, on-site 漏报 included
    double finding_rate = 0;           // adverse among the drawn ones / checked
    struct Finding {
        int round = 0;
        std::string finding;
        Date on;
        bool on_site = false;
    };
    std::vector<Finding> adverse_list;  // each adverse finding, by round then date
    int rank = 0;                                            // 1 = best
};

// One row per unit in `units` (those expected, even with no problems), then
// any other 填报单位 found in `rows`, plus the whole district as `total`.
// `findings` (may be null): every spot check round's items
// (SpotCheckStore::AllItems); an item counts while its problem is not deleted.
std::vector<UnitStats> BuildUnitStats(const std::vector<Problem>& rows, const std::vector<std::string>& units,
                                      const Date& today, const std::vector<SpotCheckItem>* findings,
                                      UnitStats* total);

// Ranks by completion rate (higher first), then fewer overdue, then fewer
// open, then fewer adverse findings; units with no problems rank last.
void RankUnits(std::vector<UnitStats>& stats);

// "85.0%"
std::string Percent(double rate);

}  // namespace htk
