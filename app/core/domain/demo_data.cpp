#include "demo_data.h"

#include "check.h"
#include "household_store.h"
#include "ledger_store.h"
#include "rules/id_number.h"
#include "screening.h"
#include "storage/database.h"
#include "weekly_report.h"

#include <cstdio>

namespace htk {
namespace {

struct DemoPlace {
    const char* township;
    const char* village;
};
const DemoPlace kPlaces[] = {{"示例一乡", "示例甲村"}, {"示例一乡", "示例乙村"}, {"示例二镇", "示例丙村"}};
const char* kSurnames = "张王李赵刘陈杨黄周吴";

std::string DemoUuid(int n) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s000-8000-%012d", kDemoUuidPrefix, n);
    return buf;
}

// A made-up ID number with a valid check character (region 411023 = 建安区).
std::string DemoIdNumber(unsigned n) {
    char first17[18];
    std::snprintf(first17, sizeof first17, "411023%04u%02u%02u%03u", 1950 + n % 50, 1 + n % 12, 1 + n % 28, n % 1000);
    return std::string(first17) + IdNumberCheckChar(first17);
}

}  // namespace

bool HasDemoData(Database& db) {
    // Both look-ups use an index (place; uuid range): this runs at start-up.
    Stmt& q = db.Cached(
        "SELECT EXISTS(SELECT 1 FROM household WHERE township IN ('示例一乡', '示例二镇') AND demo = 1) OR "
        "EXISTS(SELECT 1 FROM problem WHERE uuid >= ?1 AND uuid < ?2)");
    q.Bind(1, kDemoUuidPrefix).Bind(2, std::string(kDemoUuidPrefix) + "~");
    bool has = q.Step() && q.Int(0) != 0;
    q.Reset();
    return has;
}

DemoSummary LoadDemoData(Database& db, const Campaign& c, const std::string& now) {
    DemoSummary sum;
    if (HasDemoData(db)) return sum;
    const std::vector<ReportWeek> weeks = ReportWeeks(c);
    if (weeks.size() < 3) return sum;
    Transaction tx(db);

    // Households: 12 per village.
    std::vector<Household> households;
    int n = 0;
    for (const DemoPlace& place : kPlaces)
        for (int i = 0; i < 12; ++i, ++n) {
            Household h;
            h.code = "示例" + std::to_string(1001 + n);
            h.head_name = std::string(kSurnames + 3 * (n % 10), 3) + "某" + (n % 2 ? "明" : "华");
            h.id_number = DemoIdNumber(unsigned(n));
            h.township = place.township;
            h.village = place.village;
            h.kind = HouseholdKindLabel(HouseholdKind(n % kHouseholdKindCount));
            h.population = 1 + n % 5;
            h.note = "示例数据";
            h.demo = true;
            households.push_back(h);
        }
    HouseholdStore hs(db);
    hs.Apply(households, {}, now);
    sum.households = int(households.size());
    // Its two townships are listed in 设置 → 乡镇 like a unit's own (and go with it).
    Stmt unit = db.Prepare("INSERT OR IGNORE INTO unit(campaign_id, name, kind) VALUES(?1, ?2, 'township')");
    for (const char* township : {"示例一乡", "示例二镇"}) unit.Bind(1, c.id).Bind(2, township).Run();
    std::vector<Household> stored;
    for (const Household& h : hs.LoadAll())
        if (h.demo) stored.push_back(h);

    // Problems found over three weeks by screening the first households.
    LedgerStore ledger(db, c.id);
    ScreeningStore screening(db, c.id);
    const auto points = PointsFor(c, false);
    std::vector<Problem> problems;
    for (size_t k = 0; k < 9 && k < stored.size(); ++k) {
        const Household& h = stored[k];
        const int week = int(k / 3);  // three found in each of weeks 1, 2 and 3
        const Date found = AddDays(weeks[size_t(week)].start, 1);
        ScreeningTarget target{h.id, h.township, h.village};
        for (size_t pi = 0; pi < points.size(); ++pi) {
            ScreeningEntry e;
            e.point_id = points[pi]->id;
            e.checked_on = FormatIso(found);
            e.screener = "示例排查员";
            e.result = pi == 3 * k % points.size() ? ScreenResult::kProblem : pi % 7 == 6 ? ScreenResult::kNotApplicable
                                                                                         : ScreenResult::kOk;
            if (e.result == ScreenResult::kProblem) {
                const Area* area = AreaOfPoint(c, e.point_id);
                e.note = "示例问题";
                Problem p = ProblemFromScreening(c, *area, *points[pi], &h, target, e, found);
                p.uuid = DemoUuid(int(k) + 1);
                p[ProblemField::kReportingUnit] = h.township;
                p[ProblemField::kDeadline] = FormatIso(AddDays(found, 5 + int(k)));
                p[ProblemField::kCause] = "政策宣传不到位，日常排查不细";
                // Those taken in hand have a measure of their own; the others
                // keep the generated one, which the ledger marks to complete.
                if (k % 3 != 2)
                    p[ProblemField::kMeasures] = "村两委入户核实情况，由" + p[ProblemField::kRespUnits] + "牵头落实“" +
                                                 points[pi]->short_name + "”政策，五日内办结并留存佐证资料";
                if (k % 3 == 0) {
                    p[ProblemField::kStatus] = "done";
                    p[ProblemField::kDoneDate] = FormatIso(AddDays(found, 4));
                    p[ProblemField::kEffect] = "已整改到位";
                } else if (k % 3 == 1) {
                    p[ProblemField::kStatus] = "in_progress";
                    p[ProblemField::kProgress] = "正在整改";
                }
                ChangeContext ctx{FormatIso(found) + " 10:00:00", "示例排查员", "demo"};
                e.problem_id = ledger.Add(p, ctx);
                p.id = e.problem_id;
                problems.push_back(p);
                ++sum.problems;
            }
            screening.Set(target, e, now);
            ++sum.screenings;
        }
    }
    ledger.ForgetUndo();

    // 示例一乡's weekly reports: each week, its problems found by then, in the
    // state they had on the report day.
    WeeklyReportStore reports(db, c.id);
    for (int w = 0; w < 3; ++w) {
        const Date day = weeks[size_t(w)].end;
        std::vector<Problem> rows;
        for (Problem p : problems) {
            if (p[ProblemField::kReportingUnit] != kDemoUnit || day < ParseDate(p[ProblemField::kFoundDate]).date)
                continue;
            DateParse done = ParseDate(p[ProblemField::kDoneDate]);
            if (done.ok && day < done.date) {
                p[ProblemField::kStatus] = "in_progress";
                p[ProblemField::kDoneDate].clear();
            }
            rows.push_back(p);
        }
        reports.Create(w + 1, kDemoUnit, day, rows, FormatIso(day) + " 17:00:00");
        ++sum.reports;
    }
    HTK_CHECK(tx.Commit());
    return sum;
}

void RemoveDemoData(Database& db) {
    Transaction tx(db);
    for (const char* sql :
         {"DELETE FROM screening WHERE household_id IN (SELECT id FROM household WHERE demo = 1) OR "
          "(household_id = 0 AND township IN ('示例一乡', '示例二镇'))",
          "DELETE FROM household WHERE demo = 1",
          "DELETE FROM village WHERE township IN ('示例一乡', '示例二镇')",
          "DELETE FROM weekly_report WHERE unit IN ('示例一乡', '示例二镇')",
          "DELETE FROM unit WHERE kind = 'township' AND name IN ('示例一乡', '示例二镇')"}) {
        Stmt q = db.Prepare(sql);
        HTK_CHECK(q.Run());
    }
    Stmt& history = db.Cached(
        "DELETE FROM problem_history WHERE problem_id IN (SELECT id FROM problem WHERE substr(uuid, 1, 15) = ?1)");
    history.Bind(1, kDemoUuidPrefix);
    HTK_CHECK(history.Run());
    Stmt& problems = db.Cached("DELETE FROM problem WHERE substr(uuid, 1, 15) = ?1");
    problems.Bind(1, kDemoUuidPrefix);
    HTK_CHECK(problems.Run());
    HTK_CHECK(tx.Commit());
}

}  // namespace htk
