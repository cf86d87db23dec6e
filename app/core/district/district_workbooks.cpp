#include "district_workbooks.h"

#include "domain/campaign.h"

#include <algorithm>
#include <map>

namespace htk {
namespace {

LedgerWorkbook Base(const Campaign& campaign, const DistrictFileInfo& info) {
    LedgerWorkbook book;
    book.campaign_code = campaign.code;
    book.unit = info.office;
    book.exported_at = info.exported_at;
    return book;
}

// Excel's limits on a sheet name: 31 characters, none of []:*?/\ .
std::string SheetName(const std::string& unit) {
    std::string clean;
    for (char c : unit)
        if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) clean += c;
    // Cut at 31 characters, never inside one.
    size_t chars = 0, i = 0;
    while (i < clean.size() && chars < 31) {
        unsigned char c = static_cast<unsigned char>(clean[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++chars;
    }
    return clean.substr(0, std::min(i, clean.size()));
}

}  // namespace

LedgerWorkbook DistrictRollupWorkbook(const Campaign& campaign, const std::vector<UnitStats>& stats,
                                      const UnitStats& total, const std::vector<Problem>& rows,
                                      const DistrictFileInfo& info) {
    LedgerWorkbook book = Base(campaign, info);
    book.tables_first = true;
    TableSheet summary;
    summary.name = "汇总";
    summary.title = campaign.district + "各单位整改情况汇总（截至" + FormatChinese(info.date) + "）";
    summary.rows = UnitStatsTable(stats, &total);
    summary.landscape = true;
    book.tables.push_back(std::move(summary));

    std::map<std::string, std::vector<const Problem*>> by_unit;
    for (const Problem& p : rows)
        if (!p.deleted) by_unit[p[ProblemField::kReportingUnit]].push_back(&p);
    std::vector<const UnitStats*> order;
    for (const UnitStats& s : stats) order.push_back(&s);
    std::stable_sort(order.begin(), order.end(), [](const UnitStats* a, const UnitStats* b) { return a->rank < b->rank; });
    std::vector<std::string> used{"汇总"};
    for (const UnitStats* s : order) {
        auto it = by_unit.find(s->unit);
        if (it == by_unit.end()) continue;
        LedgerSheet sheet;
        std::string name = SheetName(s->unit.empty() ? "未注明单位" : s->unit);
        for (int n = 2; std::find(used.begin(), used.end(), name) != used.end(); ++n)
            name = SheetName(s->unit).substr(0, 24) + "（" + std::to_string(n) + "）";
        used.push_back(name);
        sheet.name = name;
        sheet.title = campaign.ledger_title;
        sheet.unit = s->unit;
        sheet.date = info.date;
        sheet.note = campaign.ledger_note;
        sheet.extended = true;
        sheet.rows = it->second;
        book.sheets.push_back(std::move(sheet));
    }
    return book;
}

LedgerWorkbook BulletinWorkbook(const Bulletin& bulletin, const Campaign& campaign, const DistrictFileInfo& info) {
    LedgerWorkbook book = Base(campaign, info);
    TableSheet text;
    text.name = "通报";
    text.title = bulletin.title;
    for (const std::string& p : bulletin.paragraphs) text.rows.push_back({p});
    text.wide_text = true;
    text.closing_rows = 2;  // the office and the date
    book.tables.push_back(std::move(text));
    TableSheet ranking;
    ranking.name = "单位排名";
    ranking.title = "各单位整改情况排名（截至" + FormatChinese(info.date) + "）";
    ranking.rows = bulletin.ranking;
    ranking.landscape = true;
    book.tables.push_back(std::move(ranking));
    return book;
}

LedgerWorkbook SpotCheckWorkbook(const SpotCheck& check, const std::unordered_map<int64_t, const Problem*>& by_id,
                                 const std::vector<UnitStats>& stats, const Campaign& campaign,
                                 const DistrictFileInfo& info, bool with_results) {
    LedgerWorkbook book = Base(campaign, info);
    TableSheet list;
    list.name = with_results ? "抽查结果" : "抽查清单";
    list.title = campaign.district + "整改情况抽查" + (with_results ? "结果" : "清单") + "（" + check.description + "）";
    list.landscape = true;
    list.rows.push_back({"序号", "填报单位", "所属乡镇", "所属村", "问题类型", "问题性质", "问题表述", "整改措施",
                         "完成时限", "责任单位", "整改状态", "抽查结果", "情况说明", "抽查日期"});
    for (const SpotCheckItem& item : check.items) {
        auto it = by_id.find(item.problem_id);
        if (it == by_id.end()) continue;  // deleted since the sample was drawn
        const Problem& p = *it->second;
        // 所属乡镇 for every row: the township's own, else the unit that reported it.
        const std::string& township = p[ProblemField::kTownship].empty() ? p[ProblemField::kReportingUnit]
                                                                          : p[ProblemField::kTownship];
        list.rows.push_back({std::to_string(item.seq), p[ProblemField::kReportingUnit], township,
                             p[ProblemField::kVillage], p[ProblemField::kArea], p[ProblemField::kNature],
                             p[ProblemField::kDescription], p[ProblemField::kMeasures], p[ProblemField::kDeadline],
                             p[ProblemField::kRespUnits], StatusLabel(p.status()),
                             with_results ? item.finding : std::string(), with_results ? item.note : std::string(),
                             with_results && item.checked_on.valid() ? FormatIso(item.checked_on) : std::string()});
    }
    if (!with_results) {
        // Room to write on site: 抽查结果, 情况说明 and 抽查日期, and every row.
        list.min_widths.assign(14, 0);
        list.min_widths[11] = 10, list.min_widths[12] = 24, list.min_widths[13] = 11;
        list.min_row_points = 42;
    }
    book.tables.push_back(std::move(list));
    if (with_results) {
        TableSheet rates;
        rates.name = "各单位发现率";
        rates.title = "抽查发现问题情况（截至" + FormatChinese(info.date) + "）";
        std::vector<std::string> header{"单位", "抽查数", "已核查"};
        for (const char* f : kFindings) header.push_back(f);
        header.push_back("发现问题");
        header.push_back("发现率");
        rates.rows.push_back(header);
        for (const UnitStats& s : stats) {
            if (!s.sampled) continue;
            std::vector<std::string> row{s.unit, std::to_string(s.sampled), std::to_string(s.checked)};
            for (int f = 0; f < kFindingCount; ++f) row.push_back(std::to_string(s.findings[f]));
            row.push_back(std::to_string(s.adverse));
            row.push_back(s.checked ? Percent(s.finding_rate) : "—");
            rates.rows.push_back(std::move(row));
        }
        book.tables.push_back(std::move(rates));
    } else {
        TableSheet how;
        how.name = "填写说明";
        how.title = "抽查清单填写说明";
        how.wide_text = true;
        how.rows = {{"本清单由" + (info.office.empty() ? std::string("区办") : info.office) + "于" +
                     FormatChinese(info.date) + "生成：" + check.description + "。同一种子在同样的数据上抽到同样的问题。"},
                    {"“抽查结果”填写以下之一：属实、整改不到位、漏报、瞒报、弄虚作假；“情况说明”写明核查发现的具体情况；"
                     "“抽查日期”写实地核查的日期。"}};
        book.tables.push_back(std::move(how));
    }
    return book;
}

}  // namespace htk
