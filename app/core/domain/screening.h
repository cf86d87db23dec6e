// screening.h — 入户排查: each household (and each village, for the village
// points such as 村卫生室 and 整村户厕改造率) checked against the campaign's
// points, one result per point: 正常, 有问题 or 不适用; no row means 未查.
//
// A point marked 有问题 links to the ledger problem it created, pre-filled from
// the household and the point (ProblemFromScreening), so the finding is
// rectified and reported like every other problem.
#pragma once

#include "campaign.h"
#include "household.h"
#include "ledger_model.h"
#include "problem.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace htk {

class Database;

enum class ScreenResult { kUnchecked, kOk, kProblem, kNotApplicable };
const char* ScreenResultCode(ScreenResult r);   // "" / ok / problem / na
const char* ScreenResultLabel(ScreenResult r);  // 未查 / 正常 / 有问题 / 不适用
ScreenResult ScreenResultFromCode(const std::string& code);

// What is screened: a household, or a village (household_id 0).
struct ScreeningTarget {
    int64_t household_id = 0;
    std::string township, village;
};

struct ScreeningEntry {
    int64_t point_id = 0;
    ScreenResult result = ScreenResult::kUnchecked;
    std::string note;
    std::string checked_on;  // ISO date
    std::string screener;    // 排查人
    int done = 0, total = 0;  // counts for a min_percent point (e.g. 已改户厕 / 应改户数)
    int64_t problem_id = 0;   // the ledger problem a 有问题 created
};

// A min_percent rule ({"kind":"min_percent","value":85,"of":"整村户厕改造率"}).
struct PercentRule {
    double min = 0;
    std::string of;  // what is measured
};
bool ParsePercentRule(const std::string& json, PercentRule* out);
// 有问题 when done/total is below the rule, 正常 otherwise; 未查 without counts.
ScreenResult ResultFromCounts(const PercentRule& rule, int done, int total);

// The points a target is screened against: household points for a household,
// village points for a village.
std::vector<const CheckPoint*> PointsFor(const Campaign& campaign, bool village);
const Area* AreaOfPoint(const Campaign& campaign, int64_t point_id);

// The ledger problem a 有问题 starts: 问题类型 from the area, 责任单位 from its
// lead units, 个性问题, 问题表述 naming the household (or village) and the
// point, a first 整改措施, 所属乡镇/村, 发现日期 today, 完成时限 the end of the
// 排查整改 phase (or 15 days on) for the user to adjust. `h` is null for a
// village. The result passes NormalizeAndValidate.
Problem ProblemFromScreening(const Campaign& campaign, const Area& area, const CheckPoint& point,
                             const Household* h, const ScreeningTarget& target, const ScreeningEntry& entry,
                             const Date& today);

struct VillageProgress {
    std::string township, village;
    int households = 0;
    int screened = 0;   // every household point has a result
    int started = 0;    // some, not all
    int problems = 0;   // points marked 有问题, households and village together
};

class ScreeningStore {
public:
    ScreeningStore(Database& db, int64_t campaign_id) : db_(db), campaign_id_(campaign_id) {}

    std::map<int64_t, ScreeningEntry> Load(const ScreeningTarget& target) const;  // by point id
    // Records one point's result (kUnchecked removes it). One transaction.
    void Set(const ScreeningTarget& target, const ScreeningEntry& entry, const std::string& now);
    // Records a 有问题 result with the ledger problem it starts, both in one
    // transaction (the problem's Add is its own undo step); returns the
    // problem's id, which `entry` then links.
    int64_t SetWithFinding(const ScreeningTarget& target, ScreeningEntry entry, const Problem& finding,
                           LedgerModel& ledger, const ChangeContext& ctx, const std::string& now);
    // Per village with households, in 乡镇/村 order.
    std::vector<VillageProgress> Progress(int household_points) const;

private:
    Database& db_;
    int64_t campaign_id_;
};

}  // namespace htk
