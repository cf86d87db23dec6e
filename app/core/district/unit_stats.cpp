#include "unit_stats.h"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <unordered_map>

namespace htk {

std::string Percent(double rate) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", rate * 100);
    return buf;
}

std::vector<UnitStats> BuildUnitStats(const std::vector<Problem>& rows, const std::vector<std::string>& units,
                                      const Date& today, const std::vector<SpotCheckItem>* findings,
                                      UnitStats* total) {
    std::vector<UnitStats> out;
    std::unordered_map<std::string, size_t> at;
    auto slot = [&](const std::string& unit) -> UnitStats& {
        auto it = at.find(unit);
        if (it != at.end()) return out[it->second];
        at[unit] = out.size();
        out.push_back(UnitStats{});
        out.back().unit = unit;
        return out.back();
    };
    for (const std::string& u : units) slot(u);
    UnitStats all;
    all.unit = "全区合计";
    std::unordered_map<int64_t, const Problem*> by_id;
    for (const Problem& p : rows) {
        if (p.deleted) continue;
        by_id[p.id] = &p;
        for (UnitStats* s : {&slot(p[ProblemField::kReportingUnit]), &all}) {
            ++s->problems;
            switch (p.status()) {
                case ProblemStatus::kDone: ++s->done; break;
                case ProblemStatus::kInProgress: ++s->in_progress; break;
                case ProblemStatus::kOpen: break;
            }
            if (p.status() != ProblemStatus::kDone) ++s->open;
            Warning w = WarningFor(p, today);
            if (w == Warning::kRed) ++s->red;
            if (w == Warning::kYellow) ++s->yellow;
        }
    }
    if (findings)
        for (const SpotCheckItem& item : *findings) {
            auto it = by_id.find(item.problem_id);
            if (it == by_id.end()) continue;
            for (UnitStats* s : {&slot((*it->second)[ProblemField::kReportingUnit]), &all}) {
                if (!item.on_site) ++s->sampled;
                if (item.finding.empty()) continue;
                if (!item.on_site) ++s->checked;
                for (int f = 0; f < kFindingCount; ++f)
                    if (item.finding == kFindings[f]) ++s->findings[f];
                if (!IsAdverse(item.finding)) continue;
                ++s->adverse;
                if (item.on_site) ++s->on_site;
                s->adverse_list.push_back(UnitStats::Finding{item.round, item.finding, item.checked_on, item.on_site});
            }
        }
    auto rates = [](UnitStats& s) {
        s.completion = s.problems ? double(s.done) / s.problems : 1.0;
        s.finding_rate = s.checked ? double(s.adverse - s.on_site) / s.checked : 0.0;
        std::stable_sort(s.adverse_list.begin(), s.adverse_list.end(),
                         [](const UnitStats::Finding& a, const UnitStats::Finding& b) {
                             return std::tie(a.round, a.on) < std::tie(b.round, b.on);
                         });
    };
    for (UnitStats& s : out) rates(s);
    rates(all);
    if (total) *total = all;
    return out;
}

void RankUnits(std::vector<UnitStats>& stats) {
    std::vector<UnitStats*> order;
    for (UnitStats& s : stats) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(), [](const UnitStats* a, const UnitStats* b) {
        const bool a_none = a->problems == 0, b_none = b->problems == 0;
        return std::make_tuple(a_none, -a->completion, a->red, a->open, a->adverse) <
               std::make_tuple(b_none, -b->completion, b->red, b->open, b->adverse);
    });
    for (size_t i = 0; i < order.size(); ++i) order[i]->rank = int(i + 1);
}

}  // namespace htk
