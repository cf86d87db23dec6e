// home_screen.cpp — 首页: where the campaign stands today and the unit's
// ledger at a glance — the phase timeline, the counts and warnings, each
// policy area by status, and problems found and done per week. Charts are
// drawn with ImGui's draw list; every bar and point shows its numbers on hover.

#include "screens.h"

#include "domain/dashboard.h"
#include "domain/weekly_report.h"
#include "ledger/ledger_ui.h"
#include "storage/database.h"
#include "settings/settings_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace htk::ui {
namespace {

constexpr ImU32 kColorBlue = IM_COL32(37, 99, 235, 255);     // in progress
constexpr ImU32 kColorOpen = IM_COL32(203, 213, 225, 255);   // not started
constexpr ImU32 kColorGrid = IM_COL32(226, 232, 240, 255);
constexpr ImU32 kPhaseColors[] = {IM_COL32(219, 234, 254, 255), IM_COL32(191, 219, 254, 255),
                                  IM_COL32(147, 197, 253, 255)};

// The dashboard is recomputed only when the ledger or the day changes.
struct Cache {
    int64_t campaign_id = 0;  // a new round has a new ledger (whose versions start again)
    uint64_t version = ~0ull;
    Date today;
    Dashboard d;
};

void Timeline(const Campaign& c, const Date& today) {
    if (c.phases.empty()) return;
    const CampaignMoment m = MomentOf(c, today);
    std::string where;
    if (m.phase < 0) where = "距动员部署开始还有 " + std::to_string(m.days_left) + " 天";
    else if (m.phase >= int(c.phases.size())) where = "本轮“回头看”已结束";
    else {
        where = "今天 " + FormatMonthDay(today) + "，" + c.phases[size_t(m.phase)].name + "阶段";
        if (m.week_no) where += "第 " + std::to_string(m.week_no) + " 周";
        where += "，本阶段还剩 " + std::to_string(m.days_left) + " 天";
    }
    ImGui::TextUnformatted(where.c_str());
    MarkItem("home.today", where.c_str());

    const Date first = c.phases.front().start, last = c.phases.back().end;
    const float span = float(DaysBetween(first, last) + 1);
    const float fh = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = fh * 1.6f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto x_of = [&](const Date& d) { return p0.x + w * float(DaysBetween(first, d)) / span; };
    for (size_t i = 0; i < c.phases.size(); ++i) {
        const Phase& ph = c.phases[i];
        // Short phases (one day) still get room for their name.
        float x0 = x_of(ph.start), x1 = std::max(x_of(AddDays(ph.end, 1)), x0 + fh * 5);
        if (x1 > p0.x + w) {  // the last, short phase: keep its name inside the bar
            x0 -= x1 - (p0.x + w);
            x1 = p0.x + w;
        }
        dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + h), kPhaseColors[i % 3]);
        std::string label = ph.name + " " + FormatMonthDay(ph.start) +
                            (ph.end == ph.start ? "" : "—" + FormatMonthDay(ph.end));
        ImVec2 size = ImGui::CalcTextSize(label.c_str());
        if (x1 - x0 < size.x + fh) label = ph.name, size = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(x0 + fh * 0.4f, p0.y + (h - size.y) / 2), IM_COL32(30, 41, 59, 255), label.c_str());
    }
    if (!(today < first) && !(last < today)) {
        const float x = x_of(today) + w / span / 2;
        dl->AddLine(ImVec2(x, p0.y - fh * 0.3f), ImVec2(x, p0.y + h + fh * 0.3f), kColorRed, 2.0f);
    }
    ImGui::Dummy(ImVec2(w, h + fh * 0.4f));
}

// Weeks of 排查整改 that ended without this unit's 周报: said on 首页, with
// the way there. Read again only when the data or the day changes.
void MissedReports(UiState& ui, const Campaign& c, const Date& today) {
    if (ui.settings.role == Role::kDistrictOffice) return;  // it receives reports
    static struct {
        int64_t campaign_id = -1;
        uint64_t commits = ~0ull;
        Date today;
        std::string text;
    } cache;
    if (cache.campaign_id != c.id || cache.commits != ui.db->commit_count() || cache.today != today) {
        cache.campaign_id = c.id;
        cache.commits = ui.db->commit_count();
        cache.today = today;
        const std::vector<ReportWeek> missed = MissedReportWeeks(
            ReportWeeks(c), WeeklyReportStore(*ui.db, c.id).List(), ui.settings.unit_name, today);
        std::string weeks, ends;
        for (const ReportWeek& w : missed) {
            weeks += (weeks.empty() ? "第 " : "、") + std::to_string(w.no);
            ends += (ends.empty() ? "" : "、") + FormatMonthDay(w.end);
        }
        cache.text = missed.empty() ? "" : weeks + " 周的周报还没有生成（各周截至 " + ends + "）。周报按每周的台账生成并报送，"
                                                 "补生成时台账按今天的状态记录。";
    }
    if (cache.text.empty()) return;
    ColoredTextWrapped(kColorYellow, cache.text.c_str());
    MarkItem("home.missed_reports", cache.text.c_str());
    if (ImGui::Button("去生成周报")) ui.section = Section::kWeekly;
    MarkItem("home.go_weekly");
    ImGui::Spacing();
}

void Figures(const Dashboard& d) {
    char text[256];
    std::snprintf(text, sizeof text, "问题 %d 条：已完成 %d（完成率 %.1f%%），整改中 %d，待整改 %d", d.total, d.done,
                  100.0 * d.completion(), d.in_progress, d.open);
    ImGui::TextUnformatted(text);
    MarkItem("home.figures", text);
    ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, d.red ? kColorRed : kColorMuted);
    ImGui::Text("超期 %d", d.red);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, d.yellow ? kColorYellow : kColorMuted);
    ImGui::Text("3 日内到期 %d", d.yellow);
    ImGui::PopStyleColor();
    std::snprintf(text, sizeof text, "%d|%d", d.red, d.yellow);
    MarkItem("home.warnings", text);
}

// One stacked bar per area: done, in progress, not started.
void AreaBars(const Dashboard& d) {
    const float fh = ImGui::GetFontSize();
    int most = 1;
    for (const auto& a : d.by_area) most = std::max(most, a.total());
    float label_w = 0;
    for (const auto& a : d.by_area) label_w = std::max(label_w, ImGui::CalcTextSize(a.area.c_str()).x);
    const float bar_w = std::max(fh * 6, ImGui::GetContentRegionAvail().x - label_w - fh * 4);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < d.by_area.size(); ++i) {
        const AreaStatusCounts& a = d.by_area[i];
        ImGui::TextUnformatted(a.area.c_str());
        ImGui::SameLine(label_w + fh * 1.5f);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        ImGui::PushID(int(i));
        ImGui::InvisibleButton("##bar", ImVec2(bar_w, h));
        ImGui::PopID();
        const bool hovered = ImGui::IsItemHovered();
        float x = p.x;
        for (auto [count, color] : {std::pair<int, ImU32>{a.done, kColorGreen}, {a.in_progress, kColorBlue},
                                    {a.open, kColorOpen}}) {
            const float len = bar_w * float(count) / float(most);
            if (len > 0) dl->AddRectFilled(ImVec2(x, p.y + 2), ImVec2(x + len, p.y + h - 2), color);
            x += len;
        }
        if (a.total() == 0) dl->AddLine(ImVec2(p.x, p.y + h / 2), ImVec2(p.x + 2, p.y + h / 2), kColorGrid);
        char text[160];
        std::snprintf(text, sizeof text, "%d", a.total());
        dl->AddText(ImVec2(x + fh * 0.3f, p.y), IM_COL32(30, 41, 59, 255), text);
        std::snprintf(text, sizeof text, "%s：共 %d 条，已完成 %d，整改中 %d，待整改 %d", a.area.c_str(), a.total(), a.done,
                      a.in_progress, a.open);
        if (hovered) ImGui::SetTooltip("%s", text);
        char mark[32];
        std::snprintf(mark, sizeof mark, "home.area.%zu", i);
        MarkItem(mark, text);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    ImGui::TextUnformatted("绿色：已完成　蓝色：整改中　灰色：待整改（悬停看数字）");
    ImGui::PopStyleColor();
}

// Problems found (red) and done (green) per week, as lines with points.
void WeekChart(const Dashboard& d) {
    if (d.per_week.empty()) return;
    const float fh = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = std::max(fh * 16, ImGui::GetContentRegionAvail().x), h = fh * 9;
    ImGui::InvisibleButton("##weeks", ImVec2(w, h + fh * 1.5f));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Whole-number gridlines: four steps of a round size.
    int top_value = 1;
    for (const WeekCounts& c : d.per_week) top_value = std::max({top_value, c.found, c.done});
    const int step = (top_value + 3) / 4;
    const int most = step * 4;
    const float left = p0.x + fh * 2.5f, right = p0.x + w - fh, top = p0.y + fh * 0.5f, bottom = p0.y + h;
    for (int k = 0; k <= 4; ++k) {
        const float y = bottom - (bottom - top) * float(k) / 4;
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), kColorGrid);
        char v[16];
        std::snprintf(v, sizeof v, "%d", step * k);
        dl->AddText(ImVec2(p0.x, y - fh / 2), kColorMuted, v);
    }
    const size_t n = d.per_week.size();
    auto x_of = [&](size_t i) { return n == 1 ? (left + right) / 2 : left + (right - left) * float(i) / float(n - 1); };
    auto y_of = [&](int v) { return bottom - (bottom - top) * float(v) / float(most); };
    for (auto [found, color] : {std::pair<bool, ImU32>{true, kColorRed}, {false, kColorGreen}}) {
        for (size_t i = 0; i < n; ++i) {
            const int v = found ? d.per_week[i].found : d.per_week[i].done;
            const ImVec2 pt(x_of(i), y_of(v));
            if (i > 0) {
                const int u = found ? d.per_week[i - 1].found : d.per_week[i - 1].done;
                dl->AddLine(ImVec2(x_of(i - 1), y_of(u)), pt, color, 2.0f);
            }
            dl->AddCircleFilled(pt, fh * 0.25f, color);
        }
    }
    size_t nearest = 0;
    const float mx = ImGui::GetIO().MousePos.x;
    for (size_t i = 0; i < n; ++i) {
        const std::string& label = d.per_week[i].label;
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(x_of(i) - size.x / 2, bottom + fh * 0.3f), kColorMuted, label.c_str());
        if (std::abs(x_of(i) - mx) < std::abs(x_of(nearest) - mx)) nearest = i;
        char text[96];
        std::snprintf(text, sizeof text, "%s：新发现 %d 条，完成 %d 条", label.c_str(), d.per_week[i].found,
                      d.per_week[i].done);
        char mark[32];
        std::snprintf(mark, sizeof mark, "home.week.%zu", i);
        MarkItem(mark, text);
    }
    if (hovered) {
        dl->AddLine(ImVec2(x_of(nearest), top), ImVec2(x_of(nearest), bottom), kColorMuted);
        ImGui::SetTooltip("%s：新发现 %d 条，完成 %d 条", d.per_week[nearest].label.c_str(), d.per_week[nearest].found,
                          d.per_week[nearest].done);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    ImGui::TextUnformatted("红线：每周新发现的问题　绿线：每周完成的问题");
    ImGui::PopStyleColor();
}

}  // namespace

void DrawHomeScreen(UiState& ui, const PlatformStatus&) {
    LedgerUi& L = *ui.ledger;
    const Campaign& c = L.campaign;
    ScreenTitle("首页", c.name.c_str());
    if (ui.settings.unit_name.empty()) {
        ColoredTextWrapped(kColorYellow, "还没有填写单位名称。导出的台账要写明“单位（盖章）”，请先到“设置”中填写。");
        if (ImGui::Button("去填写单位名称")) ui.section = Section::kSettings;
        ImGui::Spacing();
    } else {
        ImGui::Text("单位：%s（%s）", ui.settings.unit_name.c_str(), RoleLabel(ui.settings.role));
    }
    const Date today = platform::Today();
    const BackupStatus& backup = BackupState(ui);
    if (!ui.has_demo && backup.due) {
        const int days = backup.days_since;
        std::string text = days < 0 ? "本机的数据还从未备份过。" : "已经 " + std::to_string(days) + " 天没有备份了。";
        text += "数据只存在这个浏览器里，清理浏览器或电脑故障都会丢失，建议每周备份一次。";
        ColoredTextWrapped(kColorYellow, text.c_str());
        MarkItem("home.backup_due", text.c_str());
        if (ImGui::Button("立即备份")) DownloadBackup(ui);
        MarkItem("home.backup");
        ImGui::Spacing();
    }
    Timeline(c, today);
    if (!ui.has_demo) MissedReports(ui, c, today);

    EnsureLedgerLoaded(L);
    static Cache cache;
    if (cache.campaign_id != c.id || cache.version != L.view.version() || cache.today != today) {
        cache.d = ComputeDashboard(L.view.rows(), c, today);
        cache.campaign_id = c.id;
        cache.version = L.view.version();
        cache.today = today;
    }
    const Dashboard& d = cache.d;
    ImGui::Separator();
    if (d.total == 0) {
        ColoredTextWrapped(kColorMuted, "整改台账还是空的：在“入户排查”中标记问题，或到“整改台账”中登记、导入后，"
                                        "这里会显示各问题类型的整改进度、预警和每周新发现的问题。"
                                        "想先看看效果，可以载入示例数据（随时可在这里或“设置”中一键移除）。");
        MarkItem("home.empty");
        DemoDataButtons(ui);
        return;
    }
    Figures(d);
    if (ui.has_demo) {
        ImGui::SameLine(0, 24);
        ImGui::PushStyleColor(ImGuiCol_Text, kColorYellow);
        ImGui::TextUnformatted("（含示例数据）");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        DemoDataButtons(ui);
    }
    ImGui::Spacing();
    if (ImGui::BeginTable("##charts", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("各问题类型的整改进度");
        AreaBars(d);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("每周发现和完成的问题");
        WeekChart(d);
        ImGui::EndTable();
    }
}

}  // namespace htk::ui
