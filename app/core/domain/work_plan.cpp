#include "work_plan.h"

#include "rules/text.h"
#include "storage/database.h"

namespace htk {

WorkPlan LoadWorkPlan(Database& db, int64_t campaign_id, const std::string& unit) {
    WorkPlan p;
    Stmt& q = db.Cached(
        "SELECT content, measures, schedule, submitted_on FROM work_plan WHERE campaign_id = ?1 AND unit = ?2");
    q.Bind(1, campaign_id).Bind(2, unit);
    if (q.Step()) {
        p.content = q.Text(0);
        p.measures = q.Text(1);
        p.schedule = q.Text(2);
        p.submitted = ParseDate(q.Text(3)).date;
    }
    q.Reset();
    return p;
}

void SaveWorkPlan(Database& db, int64_t campaign_id, const std::string& unit, const WorkPlan& p,
                  const std::string& now) {
    Transaction tx(db);
    Stmt& q = db.Cached(
        "INSERT INTO work_plan(campaign_id, unit, content, measures, schedule, submitted_on, updated_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(campaign_id, unit) DO UPDATE SET content = ?3, "
        "measures = ?4, schedule = ?5, submitted_on = ?6, updated_at = ?7");
    q.Bind(1, campaign_id).Bind(2, unit).Bind(3, p.content).Bind(4, p.measures).Bind(5, p.schedule);
    q.Bind(6, FormatIso(p.submitted)).Bind(7, now);
    q.Run();
    tx.Commit();
}

Date WorkPlanDue(const Campaign& c) {
    for (const Phase& ph : c.phases)
        if (ph.code == "mobilize") return ph.end;
    return c.phases.empty() ? Date{} : c.phases.front().end;
}

WorkPlanState WorkPlanStateOn(const WorkPlan& plan, const Campaign& c, const Date& today) {
    const Date due = WorkPlanDue(c);
    WorkPlanState s;
    if (plan.submitted.valid()) {
        if (due.valid() && due < plan.submitted) {
            s.text = "已报送（" + FormatMonthDay(plan.submitted) + "），逾期 " +
                     std::to_string(DaysBetween(due, plan.submitted)) + " 天";
            s.late = true;
        } else {
            s.text = "已按时报送（" + FormatMonthDay(plan.submitted) + "）";
        }
        return s;
    }
    if (!due.valid()) return WorkPlanState{"尚未报送", false};
    const int64_t left = DaysBetween(today, due);
    if (left < 0) {
        s.text = "已逾期 " + std::to_string(-left) + " 天，尚未报送（应于" + FormatMonthDay(due) + "前报送）";
        s.late = true;
    } else if (left == 0) {
        s.text = "今天（" + FormatMonthDay(due) + "）是报送截止日";
    } else {
        s.text = "应于" + FormatMonthDay(due) + "前报送，还有 " + std::to_string(left) + " 天";
    }
    return s;
}

TableSheet WorkPlanSheet(const WorkPlan& plan, const Campaign& c, const std::string& unit) {
    TableSheet t;
    t.name = "工作方案";
    // The campaign's name begins with the district (“建安区 2022 年度…”) and a
    // unit's name often does too (“建安区灵井镇”): name the district once.
    std::string name = c.name;
    if (!c.district.empty() && name.rfind(c.district, 0) == 0) name = Trim(name.substr(c.district.size()));
    std::string who = Trim(unit);
    if (!c.district.empty() && who.rfind(c.district, 0) != 0) who = c.district + who;
    t.title = who + (name.empty() || static_cast<unsigned char>(name[0]) < 0x80 ? " " : "") + name + "工作方案";
    t.fill_width = true;
    t.rows = {{"项目", "内容"},
              {"排查的具体内容", plan.content},
              {"主要措施", plan.measures},
              {"时间安排", plan.schedule},
              {"报送日期", plan.submitted.valid() ? FormatChinese(plan.submitted) : ""},
              {"报送单位", unit}};
    return t;
}

}  // namespace htk
