#include "dashboard.h"

#include "weekly_report.h"

#include <unordered_map>

namespace htk {
namespace {

// The day a problem was found: 发现日期, else the day it was entered.
Date FoundOn(const Problem& p) {
    DateParse d = ParseDate(p[ProblemField::kFoundDate]);
    if (d.ok) return d.date;
    if (p.created_at.size() >= 10) return ParseDate(p.created_at.substr(0, 10)).date;
    return {};
}

}  // namespace

Dashboard ComputeDashboard(const std::vector<Problem>& rows, const Campaign& campaign, const Date& today) {
    Dashboard d;
    std::unordered_map<std::string, size_t> area_index;
    for (const Area& a : campaign.areas) {
        area_index[a.name] = d.by_area.size();
        d.by_area.push_back(AreaStatusCounts{a.name});
    }
    const std::vector<ReportWeek> weeks = ReportWeeks(campaign);
    std::vector<WeekCounts> per_week(weeks.size() + 1);
    per_week[0].label = weeks.empty() ? "" : FormatMonthDay(weeks[0].start) + "前";
    for (const ReportWeek& w : weeks) {
        WeekCounts& c = per_week[size_t(w.no)];
        c.week_no = w.no;
        c.label = "第" + std::to_string(w.no) + "周";
    }
    for (const Problem& p : rows) {
        ++d.total;
        const ProblemStatus s = p.status();
        int AreaStatusCounts::*field = s == ProblemStatus::kDone         ? &AreaStatusCounts::done
                                       : s == ProblemStatus::kInProgress ? &AreaStatusCounts::in_progress
                                                                         : &AreaStatusCounts::open;
        (s == ProblemStatus::kDone ? d.done : s == ProblemStatus::kInProgress ? d.in_progress : d.open)++;
        const Warning w = WarningFor(p, today);
        d.red += w == Warning::kRed;
        d.yellow += w == Warning::kYellow;
        auto it = area_index.find(p[ProblemField::kArea]);
        if (it != area_index.end()) ++(d.by_area[it->second].*field);
        if (!weeks.empty()) {
            Date found = FoundOn(p);
            if (found.valid()) ++per_week[size_t(WeekNumberOn(weeks, found))].found;
            DateParse done = ParseDate(p[ProblemField::kDoneDate]);
            if (s == ProblemStatus::kDone && done.ok) ++per_week[size_t(WeekNumberOn(weeks, done.date))].done;
        }
    }
    // The bucket before the phase only when something is in it.
    for (size_t i = 0; i < per_week.size(); ++i)
        if (i > 0 || per_week[0].found || per_week[0].done) d.per_week.push_back(per_week[i]);
    return d;
}

CampaignMoment MomentOf(const Campaign& campaign, const Date& today) {
    CampaignMoment m;
    const auto& ph = campaign.phases;
    if (ph.empty() || !today.valid()) return m;
    if (today < ph.front().start) {
        m.phase = -1;
        m.days_left = int(DaysBetween(today, ph.front().start));
        return m;
    }
    for (size_t i = 0; i < ph.size(); ++i)
        if (today <= ph[i].end) {
            m.phase = int(i);
            m.days_left = int(DaysBetween(today, ph[i].end)) + 1;
            m.week_no = WeekNumberOn(ReportWeeks(campaign), today);
            if (ph[i].code != "rectify") m.week_no = 0;
            return m;
        }
    m.phase = int(ph.size());
    return m;
}

}  // namespace htk
