#include "reporting.h"

#include "domain/campaign.h"
#include "domain/weekly_report.h"

#include <algorithm>
#include <map>

namespace htk {

const char* ReportStateLabel(ReportState s) {
    switch (s) {
        case ReportState::kNotDue: return "未到期";
        case ReportState::kMissing: return "未报";
        case ReportState::kReceived: return "已报";
        case ReportState::kLate: return "迟报";
    }
    return "";
}

std::vector<std::string> ExpectedUnits(const std::vector<std::string>& townships,
                                       const std::vector<std::string>& departments) {
    std::vector<std::string> out;
    for (const auto* list : {&townships, &departments})
        for (const std::string& u : *list)
            if (!u.empty() && std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
    return out;
}

ReportingTable BuildReportingTable(const Campaign& campaign, const std::vector<std::string>& units,
                                   const std::vector<ReceivedFileInfo>& files, const Date& today) {
    ReportingTable t;
    t.units = units;
    for (const ReceivedFileInfo& f : files)
        if (std::find(t.units.begin(), t.units.end(), f.unit) == t.units.end()) t.units.push_back(f.unit);
    for (const ReportWeek& w : ReportWeeks(campaign)) {
        t.weeks.push_back(w.no);
        t.due.push_back(w.end);
    }
    Date final_due;
    for (const Phase& p : campaign.phases)
        if (p.code == "accept") final_due = p.end;
    if (!final_due.valid() && !t.due.empty()) final_due = AddDays(t.due.back(), 1);
    t.weeks.push_back(kFinalWeek);
    t.due.push_back(final_due);

    std::map<std::string, size_t> unit_at;
    for (size_t i = 0; i < t.units.size(); ++i) unit_at[t.units[i]] = i;
    std::map<int, size_t> week_at;
    for (size_t i = 0; i < t.weeks.size(); ++i) week_at[t.weeks[i]] = i;

    t.cells.assign(t.units.size(), std::vector<ReportCell>(t.weeks.size()));
    // The latest file of each unit and week: by the date it carries, then receipt.
    std::vector<std::vector<const ReceivedFileInfo*>> latest(t.units.size(),
                                                             std::vector<const ReceivedFileInfo*>(t.weeks.size()));
    for (const ReceivedFileInfo& f : files) {
        auto w = week_at.find(f.week_no);
        if (w == week_at.end()) continue;
        const size_t u = unit_at[f.unit];
        ReportCell& c = t.cells[u][w->second];
        ++c.files;
        const ReceivedFileInfo*& best = latest[u][w->second];
        if (!best || std::tie(best->version_time, best->id) < std::tie(f.version_time, f.id)) best = &f;
    }
    t.received.assign(t.weeks.size(), 0);
    t.late.assign(t.weeks.size(), 0);
    t.missing.assign(t.weeks.size(), 0);
    for (size_t u = 0; u < t.units.size(); ++u)
        for (size_t w = 0; w < t.weeks.size(); ++w) {
            ReportCell& c = t.cells[u][w];
            if (const ReceivedFileInfo* f = latest[u][w]) {
                c.problems = f->row_count;
                c.report_date = f->report_date;
                const bool late = t.due[w].valid() && f->report_date.valid() && t.due[w] < f->report_date;
                c.state = late ? ReportState::kLate : ReportState::kReceived;
                ++(late ? t.late : t.received)[w];
            } else if (t.due[w].valid() && t.due[w] < today) {
                c.state = ReportState::kMissing;
                ++t.missing[w];
            }
        }
    return t;
}

}  // namespace htk
