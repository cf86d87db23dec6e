#include "bulletin.h"

#include "domain/campaign.h"
#include "rules/text.h"

#include <algorithm>

namespace htk {
namespace {

std::string N(int n) { return std::to_string(n); }

std::string Join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

// Official Chinese text sets no space between Chinese and numbers ("共 18 个"
// reads "共18个"); ImGui also breaks lines only at spaces, which would cut
// "18\n个". Spaces between two ASCII characters stay.
std::string Tighten(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') {
            const bool ascii_before = !out.empty() && static_cast<unsigned char>(out.back()) < 0x80 && out.back() != ' ';
            const bool ascii_after = i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0x80 && s[i + 1] != ' ';
            if (!(ascii_before && ascii_after)) continue;
        }
        out += s[i];
    }
    return out;
}

// The last report week already due on `today` (or the first when none is).
size_t LatestDueWeek(const ReportingTable& t, const Date& today) {
    size_t latest = 0;
    for (size_t w = 0; w < t.weeks.size(); ++w)
        if (t.due[w].valid() && t.due[w] < today) latest = w;
    return latest;
}

}  // namespace

std::vector<std::vector<std::string>> UnitStatsTable(const std::vector<UnitStats>& stats, const UnitStats* total) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"排名", "单位", "问题数", "已完成", "整改中", "未完成", "超期", "临期", "完成率", "抽查数",
                    "发现问题", "发现率"});
    std::vector<const UnitStats*> order;
    for (const UnitStats& s : stats) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(), [](const UnitStats* a, const UnitStats* b) { return a->rank < b->rank; });
    auto row = [](const UnitStats& s, const std::string& rank) {
        return std::vector<std::string>{rank,         s.unit,         N(s.problems), N(s.done),
                                        N(s.in_progress), N(s.open),  N(s.red),      N(s.yellow),
                                        s.problems ? Percent(s.completion) : "—", N(s.sampled), N(s.adverse),
                                        s.checked ? Percent(s.finding_rate) : "—"};
    };
    for (const UnitStats* s : order) rows.push_back(row(*s, s->rank ? N(s->rank) : ""));
    if (total) rows.push_back(row(*total, ""));
    return rows;
}

Bulletin BuildBulletin(const Campaign& campaign, const std::vector<UnitStats>& stats, const UnitStats& total,
                       const ReportingTable& reporting, const std::vector<SpotCheckInfo>& rounds, const Date& today) {
    Bulletin b;
    b.title = "关于" + campaign.name + "排查整改情况的通报";
    std::vector<const UnitStats*> ranked;
    for (const UnitStats& s : stats) ranked.push_back(&s);
    std::stable_sort(ranked.begin(), ranked.end(), [](const UnitStats* a, const UnitStats* b) { return a->rank < b->rank; });

    int with_problems = 0, open_sum = 0;
    for (const UnitStats* s : ranked)
        if (s->problems) ++with_problems, open_sum += s->open;
    const double avg_open = with_problems ? double(open_sum) / with_problems : 0;
    std::vector<const UnitStats*> by_open = ranked;
    std::stable_sort(by_open.begin(), by_open.end(), [](const UnitStats* a, const UnitStats* b) { return a->open > b->open; });
    for (const UnitStats* s : by_open)
        if (s->open >= 3 && s->open >= 1.5 * avg_open && b.many_open.size() < 5) b.many_open.push_back(s->unit);
    for (const UnitStats* s : ranked)
        if (s->problems && s->completion <= total.completion - 0.10) b.slow.push_back(s->unit);
    std::vector<const UnitStats*> by_red = ranked;
    std::stable_sort(by_red.begin(), by_red.end(), [](const UnitStats* a, const UnitStats* b) { return a->red > b->red; });
    for (const UnitStats* s : by_red)
        if (s->red > 0) b.overdue.push_back(s->unit);
    std::vector<const UnitStats*> by_adverse = ranked;
    std::stable_sort(by_adverse.begin(), by_adverse.end(),
                     [](const UnitStats* a, const UnitStats* b) { return a->adverse > b->adverse; });
    for (const UnitStats* s : by_adverse)
        if (s->adverse > 0) b.adverse.push_back(s->unit);

    auto& P = b.paragraphs;
    int reporting_units = 0;
    for (size_t u = 0; u < reporting.units.size(); ++u) {
        bool any = false;
        for (const ReportCell& c : reporting.cells[u]) any = any || c.files > 0;
        reporting_units += any;
    }
    P.push_back("各乡镇、区直有关单位：");
    P.push_back("按照" + campaign.name + "工作安排，截至" + FormatChinese(today) + "，" +
                (campaign.office.empty() ? std::string("区办") : campaign.office) + "共收到 " + N(reporting_units) +
                " 个单位报送的整改台账。现将有关情况通报如下：");

    P.push_back("一、报送情况");
    if (!reporting.weeks.empty()) {
        const size_t w = LatestDueWeek(reporting, today);
        std::vector<std::string>& late = b.late;
        std::vector<std::string>& missing = b.missing;
        for (size_t u = 0; u < reporting.units.size(); ++u) {
            if (reporting.cells[u][w].state == ReportState::kLate) late.push_back(reporting.units[u]);
            if (reporting.cells[u][w].state == ReportState::kMissing) missing.push_back(reporting.units[u]);
        }
        std::string s = WeekLabel(reporting.weeks[w]) + "台账（" + FormatMonthDay(reporting.due[w]) + "前报送）应报 " +
                        N(int(reporting.units.size())) + " 个单位，按时报送 " + N(reporting.received[w]) + " 个";
        s += "，迟报 " + N(reporting.late[w]) + " 个" + (late.empty() ? "" : "（" + JoinList(late) + "）");
        s += "，未报 " + N(reporting.missing[w]) + " 个" + (missing.empty() ? "" : "（" + JoinList(missing) + "）");
        P.push_back(s + "。");
    }

    P.push_back("二、整改进展");
    P.push_back("全区共排查发现问题 " + N(total.problems) + " 个，已完成整改 " + N(total.done) + " 个，整改中 " +
                N(total.in_progress) + " 个，完成率 " + Percent(total.completion) + "；超期未完成 " + N(total.red) +
                " 个，临近完成时限 " + N(total.yellow) + " 个。");
    auto named = [&](const std::string& unit) {
        for (const auto* list : {&b.many_open, &b.slow, &b.overdue, &b.adverse, &b.late, &b.missing})
            if (std::find(list->begin(), list->end(), unit) != list->end()) return true;
        return false;
    };
    std::vector<std::string> best;
    for (const UnitStats* s : ranked)
        if (s->problems && s->red == 0 && s->adverse == 0 && !named(s->unit) &&
            best.size() < 3) {
            b.praised.push_back(s->unit);
            best.push_back(s->unit + "（" + Percent(s->completion) + "）");
        }
    if (!best.empty()) P.push_back("整改完成率较高的单位：" + JoinList(best) + "。");
    // "<lead>A（detail）、B（detail）。" for the units of `names`, in `order`.
    auto name_units = [&](const char* lead, const std::vector<std::string>& names,
                          const std::vector<const UnitStats*>& order, auto detail) {
        if (names.empty()) return;
        std::vector<std::string> named;
        for (const UnitStats* s : order)
            if (std::find(names.begin(), names.end(), s->unit) != names.end())
                named.push_back(s->unit + "（" + detail(*s) + "）");
        P.push_back(lead + JoinList(named) + "。");
    };
    name_units("未完成问题较多的单位：", b.many_open, by_open, [](const UnitStats& s) { return N(s.open) + " 个"; });
    name_units("整改进度较慢、完成率低于全区 10 个百分点以上的单位：", b.slow, ranked,
               [](const UnitStats& s) { return Percent(s.completion); });
    name_units("存在超期未完成问题的单位：", b.overdue, by_red, [](const UnitStats& s) { return N(s.red) + " 个"; });

    P.push_back("三、抽查情况");
    if (rounds.empty()) {
        P.push_back("尚未开展抽查。");
    } else {
        std::vector<SpotCheckInfo> by_round = rounds;
        std::sort(by_round.begin(), by_round.end(),
                  [](const SpotCheckInfo& a, const SpotCheckInfo& b) { return a.round < b.round; });
        std::vector<std::string> each;
        for (const SpotCheckInfo& r : by_round) {
            const Date on = ParseDate(r.created_at.substr(0, 10)).date;
            each.push_back("第 " + N(r.round) + " 轮" + (on.valid() ? FormatMonthDay(on) : std::string()) + "抽查 " +
                           N(r.items) + " 个、已核查 " + N(r.checked) + " 个");
        }
        std::string s = "共开展抽查 " + N(int(by_round.size())) + " 轮（" + JoinList(each) + "），累计抽查问题 " +
                        N(total.sampled) + " 个，已核查 " + N(total.checked) + " 个，发现问题 " + N(total.adverse) + " 个";
        std::vector<std::string> kinds;
        for (int f = 1; f < kFindingCount; ++f)
            if (total.findings[f]) kinds.push_back(std::string(kFindings[f]) + " " + N(total.findings[f]) + " 个");
        if (!kinds.empty()) s += "，其中" + JoinList(kinds);
        if (total.on_site) s += "；实地发现漏报问题 " + N(total.on_site) + " 个，已登记为所属单位的问题";
        P.push_back(s + "。");
        if (!b.adverse.empty()) {
            std::vector<std::string> named;
            for (const UnitStats* u : by_adverse) {
                if (!u->adverse) continue;
                // Each finding with its round and date: "瞒报 1 个（第 1 轮，6月21日）".
                std::vector<std::string> k;
                for (int f = 1; f < kFindingCount; ++f) {
                    if (!u->findings[f]) continue;
                    std::vector<std::string> when;
                    for (const UnitStats::Finding& x : u->adverse_list)
                        if (x.finding == kFindings[f])
                            when.push_back("第 " + N(x.round) + " 轮" +
                                           (x.on.valid() ? "，" + FormatMonthDay(x.on) : std::string()) +
                                           (x.on_site ? "，实地发现" : ""));
                    k.push_back(std::string(kFindings[f]) + " " + N(u->findings[f]) + " 个（" + Join(when, "；") + "）");
                }
                named.push_back(u->unit + "：" + Join(k, "，"));
            }
            P.push_back("抽查发现问题的单位：" + Join(named, "；") + "。");
        }
    }

    P.push_back("四、下步要求");
    std::vector<std::string> all_named;
    for (const auto* list : {&b.many_open, &b.slow, &b.adverse})
        for (const std::string& u : *list)
            if (std::find(all_named.begin(), all_named.end(), u) == all_named.end()) all_named.push_back(u);
    if (!all_named.empty())
        P.push_back("（一）" + JoinList(all_named) +
                    "要认真查找原因，明确责任领导和完成时限，逐条整改销号；对存在问题较多、推进不力、质量不高、"
                    "敷衍整改、选择性整改、欺上瞒下、弄虚作假的，将按照有关程序严肃追责问责。");
    P.push_back(std::string(all_named.empty() ? "（一）" : "（二）") +
                "各单位要坚持边排查边整改、边整改边落实，按照完成时限推进整改，每周按时报送整改台账，"
                "确保问题清仓见底、整改到位。");
    P.push_back(RulesText());
    P.push_back(campaign.office.empty() ? std::string("区办") : campaign.office);
    P.push_back(FormatChinese(today));

    b.title = Tighten(b.title);
    for (std::string& p : P) p = Tighten(p);
    b.ranking = UnitStatsTable(stats, &total);
    return b;
}

std::string RulesText() {
    return "（说明：未完成问题较多，指未完成问题不少于 3 个且达到有问题单位平均数的 1.5 倍（至多 5 个单位）；进度较慢，"
           "指完成率低于全区 10 个百分点以上；超期，指过了完成时限仍未完成；抽查发现问题，指抽查结果为整改不到位、漏报、"
           "瞒报或弄虚作假；迟报、未报按最近一个已到截止日的周次计。整改完成率较高的单位按排名取前 3 个，须无超期未完成"
           "问题、无抽查发现问题，且未在本通报中被点名。）";
}

std::string BulletinText(const Bulletin& b) {
    std::string s = b.title + "\n\n";
    for (const std::string& p : b.paragraphs) s += p + "\n\n";
    s.pop_back();
    return s;
}

}  // namespace htk
