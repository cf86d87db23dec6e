#include "screening.h"

#include "check.h"
#include "problem_rules.h"
#include "rules/text.h"
#include "storage/database.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace htk {

const char* ScreenResultCode(ScreenResult r) {
    switch (r) {
        case ScreenResult::kOk: return "ok";
        case ScreenResult::kProblem: return "problem";
        case ScreenResult::kNotApplicable: return "na";
        case ScreenResult::kUnchecked: break;
    }
    return "";
}

const char* ScreenResultLabel(ScreenResult r) {
    switch (r) {
        case ScreenResult::kOk: return "正常";
        case ScreenResult::kProblem: return "有问题";
        case ScreenResult::kNotApplicable: return "不适用";
        case ScreenResult::kUnchecked: break;
    }
    return "未查";
}

ScreenResult ScreenResultFromCode(const std::string& code) {
    if (code == "ok") return ScreenResult::kOk;
    if (code == "problem") return ScreenResult::kProblem;
    if (code == "na") return ScreenResult::kNotApplicable;
    return ScreenResult::kUnchecked;
}

bool ParsePercentRule(const std::string& json, PercentRule* out) {
    if (json.empty()) return false;
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object() || j.value("kind", "") != "min_percent" || !j.contains("value") || !j["value"].is_number())
        return false;
    out->min = j["value"].get<double>();
    out->of = j.value("of", "");
    return true;
}

ScreenResult ResultFromCounts(const PercentRule& rule, int done, int total) {
    if (total <= 0 || done < 0 || done > total) return ScreenResult::kUnchecked;
    // Compare in whole households: 85% of 20 is 17, and 17 of 20 passes.
    return done * 100.0 + 1e-9 >= rule.min * total ? ScreenResult::kOk : ScreenResult::kProblem;
}

std::vector<const CheckPoint*> PointsFor(const Campaign& campaign, bool village) {
    std::vector<const CheckPoint*> out;
    for (const Area& a : campaign.areas)
        for (const CheckPoint& p : a.points)
            if ((p.scope == "village") == village) out.push_back(&p);
    return out;
}

const Area* AreaOfPoint(const Campaign& campaign, int64_t point_id) {
    for (const Area& a : campaign.areas)
        for (const CheckPoint& p : a.points)
            if (p.id == point_id) return &a;
    return nullptr;
}

Problem ProblemFromScreening(const Campaign& campaign, const Area& area, const CheckPoint& point, const Household* h,
                             const ScreeningTarget& target, const ScreeningEntry& entry, const Date& today) {
    Problem p = NewProblem();
    p[ProblemField::kArea] = area.name;
    p[ProblemField::kNature] = "个性问题";
    std::string who = h ? target.village + h->head_name + "户" : target.township + target.village;
    std::string what = point.short_name;
    if (!entry.note.empty()) what += "：" + entry.note;
    else what += "存在问题";
    p[ProblemField::kDescription] = who + what;
    // A first measure so the row is complete at once; the ledger marks it
    // (WeakMeasureReason) until the unit makes it concrete.
    p[ProblemField::kMeasures] = GeneratedMeasure(point.short_name);
    p[ProblemField::kRespUnits] = JoinList(area.lead_units);
    p[ProblemField::kTownship] = target.township;
    p[ProblemField::kVillage] = target.village;
    p[ProblemField::kFoundDate] = FormatIso(today);
    Date deadline;
    for (const Phase& ph : campaign.phases)
        if (ph.code == "rectify") deadline = ph.end;
    if (!deadline.valid() || deadline < today) deadline = AddDays(today, 15);
    p[ProblemField::kDeadline] = FormatIso(deadline);
    return p;
}

std::map<int64_t, ScreeningEntry> ScreeningStore::Load(const ScreeningTarget& t) const {
    std::map<int64_t, ScreeningEntry> out;
    Stmt& q = db_.Cached(
        "SELECT point_id, result, note, checked_on, screener, done_count, total_count, problem_id FROM screening "
        "WHERE campaign_id = ?1 AND household_id = ?2 AND township = ?3 AND village = ?4");
    q.Bind(1, campaign_id_).Bind(2, t.household_id).Bind(3, t.household_id ? "" : t.township);
    q.Bind(4, t.household_id ? "" : t.village);
    while (q.Step()) {
        ScreeningEntry e;
        e.point_id = q.Int(0);
        e.result = ScreenResultFromCode(q.Text(1));
        e.note = q.Text(2);
        e.checked_on = q.Text(3);
        e.screener = q.Text(4);
        e.done = int(q.Int(5));
        e.total = int(q.Int(6));
        e.problem_id = q.Int(7);
        out[e.point_id] = e;
    }
    return out;
}

int64_t ScreeningStore::SetWithFinding(const ScreeningTarget& target, ScreeningEntry entry, const Problem& finding,
                                       LedgerModel& ledger, const ChangeContext& ctx, const std::string& now) {
    Transaction tx(db_);
    entry.problem_id = ledger.Add(finding, ctx);
    Set(target, entry, now);
    HTK_CHECK(tx.Commit());
    return entry.problem_id;
}

void ScreeningStore::Set(const ScreeningTarget& t, const ScreeningEntry& e, const std::string& now) {
    // A household's rows carry no place (the household has it); a village's do.
    const std::string township = t.household_id ? "" : t.township, village = t.household_id ? "" : t.village;
    Transaction tx(db_);
    if (e.result == ScreenResult::kUnchecked) {
        Stmt& del = db_.Cached(
            "DELETE FROM screening WHERE campaign_id = ?1 AND household_id = ?2 AND township = ?3 AND village = ?4 "
            "AND point_id = ?5");
        del.Bind(1, campaign_id_).Bind(2, t.household_id).Bind(3, township).Bind(4, village).Bind(5, e.point_id);
        HTK_CHECK(del.Run());
    } else {
        Stmt& up = db_.Cached(
            "INSERT INTO screening(campaign_id, household_id, township, village, point_id, result, note, checked_on, "
            "screener, done_count, total_count, problem_id, updated_at) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            "ON CONFLICT(campaign_id, household_id, township, village, point_id) DO UPDATE SET result = ?6, "
            "note = ?7, checked_on = ?8, screener = ?9, done_count = ?10, total_count = ?11, problem_id = ?12, "
            "updated_at = ?13");
        up.Bind(1, campaign_id_).Bind(2, t.household_id).Bind(3, township).Bind(4, village).Bind(5, e.point_id);
        up.Bind(6, ScreenResultCode(e.result)).Bind(7, e.note).Bind(8, e.checked_on).Bind(9, e.screener);
        up.Bind(10, int64_t(e.done)).Bind(11, int64_t(e.total)).Bind(12, e.problem_id).Bind(13, now);
        HTK_CHECK_MSG(up.Run(), "screening upsert failed");
    }
    HTK_CHECK(tx.Commit());
}

std::vector<VillageProgress> ScreeningStore::Progress(int household_points) const {
    // Three passes, each over what it counts: households per village (the
    // place index alone), the screened households (only they are joined), and
    // the villages' own points. One query joining every household to its
    // screenings is far too slow for a district (docs/PERFORMANCE.md).
    std::vector<VillageProgress> out;
    std::map<std::pair<std::string, std::string>, size_t> at;
    auto village = [&](std::string township, std::string name) -> VillageProgress& {
        auto [it, added] = at.emplace(std::make_pair(township, name), out.size());
        if (added) out.push_back(VillageProgress{std::move(township), std::move(name)});
        return out[it->second];
    };
    Stmt hh = db_.Prepare("SELECT township, village, count(*) FROM household GROUP BY township, village");
    while (hh.Step()) village(hh.Text(0), hh.Text(1)).households = int(hh.Int(2));
    Stmt sc = db_.Prepare(
        "SELECT h.township, h.village, s.n, s.p FROM (SELECT household_id, count(*) AS n, "
        "  sum(result = 'problem') AS p FROM screening WHERE campaign_id = ?1 AND household_id <> 0 "
        "  GROUP BY household_id) s JOIN household h ON h.id = s.household_id");
    sc.Bind(1, campaign_id_);
    while (sc.Step()) {
        VillageProgress& v = village(sc.Text(0), sc.Text(1));
        const int64_t n = sc.Int(2);
        if (n >= household_points) ++v.screened;
        else if (n > 0) ++v.started;
        v.problems += int(sc.Int(3));
    }
    Stmt vp = db_.Prepare(
        "SELECT township, village, count(*) FROM screening WHERE campaign_id = ?1 AND household_id = 0 "
        "AND result = 'problem' GROUP BY township, village");
    vp.Bind(1, campaign_id_);
    while (vp.Step()) {
        // Only villages with households are listed (as before).
        auto it = at.find(std::make_pair(vp.Text(0), vp.Text(1)));
        if (it != at.end()) out[it->second].problems += int(vp.Int(2));
    }
    std::sort(out.begin(), out.end(), [](const VillageProgress& a, const VillageProgress& b) {
        return std::tie(a.township, a.village) < std::tie(b.township, b.village);
    });
    return out;
}

}  // namespace htk
