#include "rectification_report.h"

#include "domain/ledger_xlsx.h"
#include "problem_rules.h"
#include "rules/text.h"
#include "storage/database.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace htk {
namespace {

// The most frequent distinct texts of a field, with their counts.
// The `n` most frequent texts of field f, most frequent first, ties in the
// order the ledger first has them (not in string order); texts `skip` refuses
// are left out.
std::vector<std::pair<std::string, int>> MostCommon(const std::vector<Problem>& rows, ProblemField f, size_t n,
                                                    bool (*skip)(const std::string&) = nullptr) {
    std::map<std::string, size_t> at;  // text -> its place in out
    std::vector<std::pair<std::string, int>> out;
    for (const Problem& p : rows) {
        std::string t = Trim(p[f]);
        if (t.empty() || (skip && skip(t))) continue;
        auto [it, added] = at.emplace(t, out.size());
        if (added) out.emplace_back(std::move(t), 0);
        ++out[it->second].second;
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (out.size() > n) out.resize(n);
    return out;
}

bool NotSpecific(const std::string& measures) { return !WeakMeasureReason(measures).empty(); }

std::string Percent(int part, int whole) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * part / whole : 0.0);
    return buf;
}

std::string DraftKey(int64_t campaign_id) { return "report_draft:" + std::to_string(campaign_id); }

}  // namespace

std::string DraftRectificationReport(const std::vector<Problem>& rows, const Campaign& c, const std::string& unit,
                                     const Date& today) {
    const std::string who = unit.empty() ? "本单位" : unit;
    int common = 0, single = 0, done = 0, in_progress = 0, open = 0;
    std::map<std::string, int> by_area;
    std::vector<const Problem*> overdue;
    for (const Problem& p : rows) {
        (p[ProblemField::kNature] == "共性问题" ? common : single)++;
        ++by_area[p[ProblemField::kArea]];
        switch (p.status()) {
            case ProblemStatus::kDone: ++done; break;
            case ProblemStatus::kInProgress: ++in_progress; break;
            case ProblemStatus::kOpen: ++open; break;
        }
        if (WarningFor(p, today) == Warning::kRed) overdue.push_back(&p);
    }
    const int total = int(rows.size());
    Date start, end;
    if (!c.phases.empty()) start = c.phases.front().start, end = c.phases.back().end;

    std::string t;
    t += who + "关于" + c.name + "工作的整改报告\n\n";
    t += "按照" + (c.office.empty() ? std::string("区里") : c.office) + "统一部署，" + who + "于" + FormatChinese(start) +
         "至" + FormatChinese(end) + "开展了" + c.name + "工作，现将排查整改情况报告如下。\n\n";

    t += "一、问题排查情况\n";
    t += "共排查发现问题 " + std::to_string(total) + " 个，其中共性问题 " + std::to_string(common) + " 个、个性问题 " +
         std::to_string(single) + " 个。";
    std::string areas;
    for (const Area& a : c.areas) {
        auto it = by_area.find(a.name);
        if (it != by_area.end() && it->second)
            areas += (areas.empty() ? "" : "，") + a.name + " " + std::to_string(it->second) + " 个";
    }
    if (!areas.empty()) t += "按问题类型分：" + areas + "。";
    t += "\n\n";

    t += "二、整改进展情况\n";
    t += "截至" + FormatChinese(today) + "，已完成整改 " + std::to_string(done) + " 个，正在整改 " +
         std::to_string(in_progress) + " 个，尚未整改 " + std::to_string(open) + " 个，整改完成率 " +
         Percent(done, total) + "。";
    if (overdue.empty()) {
        t += "没有超过完成时限仍未完成的问题。\n\n";
    } else {
        t += "超过完成时限仍未完成的问题 " + std::to_string(overdue.size()) + " 个：\n";
        for (size_t i = 0; i < overdue.size() && i < 5; ++i) {
            const Problem& p = *overdue[i];
            t += "（" + std::to_string(i + 1) + "）" + p[ProblemField::kDescription] + "（完成时限 " +
                 FormatChinese(p.deadline()) + "，责任单位 " + p[ProblemField::kRespUnits] + "）；\n";
        }
        if (overdue.size() > 5) t += "等。\n";
        t += "\n";
    }

    t += "三、问题产生的主要原因\n";
    auto causes = MostCommon(rows, ProblemField::kCause, 5);
    if (causes.empty()) t += "（请根据台账中的原因分析补充。）\n";
    for (size_t i = 0; i < causes.size(); ++i)
        t += std::to_string(i + 1) + ". " + causes[i].first + "（涉及 " + std::to_string(causes[i].second) + " 个问题）。\n";
    t += "\n";

    t += "四、主要整改措施\n";
    // Generated or too short measures say nothing about what was done.
    auto measures = MostCommon(rows, ProblemField::kMeasures, 5, NotSpecific);
    if (measures.empty()) t += "（请根据台账中的整改措施补充。）\n";
    for (size_t i = 0; i < measures.size(); ++i) {
        std::string m = measures[i].first;  // one line; its own full stop gives way to the list's
        for (size_t at; (at = m.find('\n')) != std::string::npos;) m.replace(at, 1, "；");
        for (const std::string stop : {"。", "；", "，", "."})
            if (m.size() > stop.size() && m.compare(m.size() - stop.size(), stop.size(), stop) == 0)
                m.resize(m.size() - stop.size());
        t += std::to_string(i + 1) + ". " + m + (measures[i].second > 1 ? "（涉及 " + std::to_string(measures[i].second) + " 个问题）" : "") + "。\n";
    }
    t += "\n";

    t += "五、下一步工作\n";
    if (done < total)
        t += "对尚未完成整改的 " + std::to_string(total - done) +
             " 个问题，明确责任单位和责任人，倒排工期、挂图作战，确保按期整改到位；对已完成整改的问题开展"
             "“回头看”，防止问题反弹。\n\n";
    else
        t += "对已完成整改的问题开展“回头看”，巩固整改成效，防止问题反弹，建立健全长效机制。\n\n";
    t += who + "\n" + FormatChinese(today) + "\n";
    return t;
}

LedgerWorkbook RectificationReportWorkbook(const std::string& report, const std::vector<Problem>& rows,
                                           const Campaign& campaign, const std::string& unit, const Date& date,
                                           const std::string& exported_at) {
    LedgerWorkbook book;
    book.campaign_code = campaign.code;
    book.unit = unit;
    book.exported_at = exported_at;
    LedgerSheet sheet;
    sheet.name = "整改台账（最终）";
    sheet.title = campaign.ledger_title;
    sheet.unit = unit;
    sheet.date = date;
    sheet.note = campaign.ledger_note;
    sheet.signature = true;
    for (const Problem& p : rows) sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    TableSheet t;
    t.name = "整改报告";
    t.wide_text = true;
    size_t start = 0;
    bool first = true;
    while (start <= report.size()) {
        const size_t nl = report.find('\n', start);
        std::string line = report.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (first) t.title = line;
        else t.rows.push_back({line});
        first = false;
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    while (!t.rows.empty() && Trim(t.rows.back()[0]).empty()) t.rows.pop_back();
    // The sender and the date: the short lines after the last blank one (two at most).
    int closing = 0;
    for (size_t i = t.rows.size(); i > 0 && closing < 2; --i) {
        const std::string line = Trim(t.rows[i - 1][0]);
        if (line.empty() || Utf8Length(line) > 30) break;
        ++closing;
    }
    if (closing < int(t.rows.size()) && Trim(t.rows[t.rows.size() - size_t(closing) - 1][0]).empty())
        t.closing_rows = closing;
    book.tables.push_back(std::move(t));
    return book;
}

std::string RectificationReportFileName(const std::string& unit, const Date& date, const char* extension) {
    return UnitFileName(unit, "整改报告", date, extension);
}

std::string LoadReportDraft(Database& db, int64_t campaign_id) {
    Stmt& q = db.Cached("SELECT value FROM settings WHERE key = ?1");
    q.Bind(1, DraftKey(campaign_id));
    std::string text = q.Step() ? q.Text(0) : "";
    q.Reset();
    return text;
}

void SaveReportDraft(Database& db, int64_t campaign_id, const std::string& text) {
    Transaction tx(db);
    Stmt& q = db.Cached("INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    q.Bind(1, DraftKey(campaign_id)).Bind(2, text);
    q.Run();
    tx.Commit();
}

}  // namespace htk
