#include "screens.h"

#include "dialogs.h"
#include "export_task.h"
#include "ledger/ledger_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "weekly/weekly_ui.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>

namespace htk::ui {
namespace {

std::string UnitOf(const Settings& s) { return s.unit_name.empty() ? "未填写单位" : s.unit_name; }

void Show(WeeklyUi& W, int64_t id) {
    W.shown_id = id;
    if (!W.store.Load(id, &W.shown)) {
        W.shown_id = 0;
        return;
    }
    W.has_previous = W.store.LoadPrevious(W.shown.unit, W.shown.week_no, &W.previous);
    W.diff = DiffReports(W.has_previous ? &W.previous : nullptr, W.shown);
}

// Freezes the ledger as it is now as this week's report.
void Generate(UiState& ui, WeeklyUi& W, int week) {
    LedgerUi& L = *ui.ledger;
    EnsureLedgerLoaded(L);
    FlushDraft(L, ui.settings);
    int64_t id = W.store.Create(week, UnitOf(ui.settings), platform::Today(), L.view.rows(), platform::NowText());
    W.list_dirty = true;
    Show(W, id);
    SetMessage(W.message, "已生成第 " + std::to_string(week) + " 周报告（" + std::to_string(W.shown.rows.size()) + " 条问题）",
               false, 8);
}

void Export(UiState& ui, WeeklyUi& W, const Campaign& campaign, int64_t id) {
    if (W.shown_id != id) Show(W, id);
    ExportXlsxFile(ui.tasks, WeeklyReportWorkbook(W.shown, W.diff, campaign), WeeklyReportFileName(W.shown),
                   [&ui](const std::string& text, bool error) { SetMessage(ui.weekly->message, text, error, error ? 12 : 8); });
}

void ReplaceConfirm(UiState& ui, WeeklyUi& W, int week) {
    if (!W.confirm_replace) return;
    if (!BeginModalDialog("重新生成周报", 26, 9))
        return;
    ImGui::TextWrapped("第 %d 周报告已经生成。重新生成会用台账的当前内容替换它。", week);
    MarkItem("weekly.replace.dialog");
    bool yes = ImGui::Button("重新生成 (Enter)");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    ImGui::SameLine();
    bool no = ImGui::Button("取消 (Esc)");
    if (yes || DialogConfirmed()) {
        W.confirm_replace = false;
        Generate(ui, W, week);
        ImGui::CloseCurrentPopup();
    } else if (no || DialogCancelled()) {
        W.confirm_replace = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void Changes(WeeklyUi& W) {
    if (!W.shown_id) return;
    const WeeklyReport& r = W.shown;
    ImGui::Spacing();
    ImGui::Text("第 %d 周报告（%s，%s）与%s相比：", r.week_no, FormatChinese(r.report_date).c_str(), r.unit.c_str(),
                W.has_previous ? ("第 " + std::to_string(W.previous.week_no) + " 周").c_str() : "开始时（无上周报告）");
    char summary[160];
    std::snprintf(summary, sizeof summary, "新增 %zu 条，完成 %zu 条，新超期 %zu 条，仍未完成 %zu 条",
                  W.diff.added.size(), W.diff.completed.size(), W.diff.newly_overdue.size(), W.diff.still_open.size());
    ImGui::TextUnformatted(summary);
    MarkItem("weekly.diff", summary);
    auto list = [](const char* title, const std::vector<const Problem*>& rows, ImU32 color) {
        if (rows.empty()) return;
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::Text("%s：", title);
        ImGui::PopStyleColor();
        for (size_t i = 0; i < rows.size() && i < 8; ++i)
            ImGui::BulletText("%s", (*rows[i])[ProblemField::kDescription].c_str());
        if (rows.size() > 8) ImGui::TextDisabled("…等 %zu 条", rows.size());
    };
    list("本周新超期", W.diff.newly_overdue, kColorRed);
    list("本周完成", W.diff.completed, kColorGreen);
    list("本周新增", W.diff.added, kColorMuted);
}

void DrawWeeklyReports(UiState& ui) {
    WeeklyUi& W = *ui.weekly;
    const Campaign& c = ui.ledger->campaign;
    if (W.list_dirty) {
        W.list = W.store.List();
        W.list_dirty = false;
    }
    const auto weeks = ReportWeeks(c);
    const Date today = platform::Today();
    const int week = WeekNumberOn(weeks, today);

    // The weeks of the phase, this one marked.
    std::string all_weeks;
    for (const ReportWeek& w : weeks) {
        bool made = false;
        for (const WeeklyReportInfo& i : W.list) made |= i.week_no == w.no && i.unit == UnitOf(ui.settings);
        char label[96];
        std::snprintf(label, sizeof label, "第 %d 周 %s—%s %s", w.no, FormatMonthDay(w.start).c_str(),
                      FormatMonthDay(w.end).c_str(), made ? "（已生成）" : "");
        ImGui::PushStyleColor(ImGuiCol_Text, w.no == week ? kColorRed : made ? kColorGreen : kColorMuted);
        ImGui::TextUnformatted(label);
        ImGui::PopStyleColor();
        ImGui::SameLine(0, 24);
        all_weeks += std::string(all_weeks.empty() ? "" : "；") + label;
    }
    ImGui::NewLine();
    MarkItem("weekly.weeks", all_weeks.c_str());

    if (week == 0) {
        ColoredTextWrapped(kColorMuted, ("排查整改阶段从 " + FormatChinese(weeks.empty() ? Date{} : weeks[0].start) +
                                         " 开始，届时每周生成一次报告。")
                                            .c_str());
    } else {
        char label[64];
        std::snprintf(label, sizeof label, "生成本周报告（第 %d 周）", week);
        if (ImGui::Button(label)) {
            bool exists = false;
            for (const WeeklyReportInfo& i : W.list) exists |= i.week_no == week && i.unit == UnitOf(ui.settings);
            if (exists) W.confirm_replace = true;
            else Generate(ui, W, week);
        }
        MarkItem("weekly.generate");
        Tooltip("把整改台账此刻的内容冻结为本周报告；之后台账再怎么改，这份报告都不变，可随时原样再导出");
    }
    DrawMessage(W.message, "weekly.message");
    ReplaceConfirm(ui, W, week);

    ImGui::Spacing();
    if (W.list.empty()) {
        ColoredTextWrapped(kColorMuted, "还没有生成过周报。");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV;
    if (ImGui::BeginTable("##reports", 5, flags)) {
        for (const char* h : {"周次", "报告日期", "单位", "问题数", ""}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < W.list.size(); ++i) {
            const WeeklyReportInfo& r = W.list[i];
            ImGui::TableNextRow();
            ImGui::PushID(int(r.id));
            ImGui::TableSetColumnIndex(0);
            char week_label[32];
            std::snprintf(week_label, sizeof week_label, "第 %d 周", r.week_no);
            // Not spanning the row: the export button in the last column must get its clicks.
            if (ImGui::Selectable(week_label, r.id == W.shown_id)) Show(W, r.id);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(FormatChinese(r.report_date).c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(r.unit.c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::Text("%d", r.rows);
            ImGui::TableSetColumnIndex(4);
            if (ImGui::SmallButton("导出 Excel")) Export(ui, W, c, r.id);
            char mark[32];
            std::snprintf(mark, sizeof mark, "weekly.export.%d", r.week_no);
            MarkItem(mark, week_label);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    Changes(W);
}

}  // namespace

void DrawWeeklyScreen(UiState& ui) {
    ScreenTitle("周报", "动员部署报送工作方案，排查整改每周报送整改台账，总结验收报送整改报告");
    if (ImGui::BeginTabBar("##weekly")) {
        if (ImGui::BeginTabItem("工作方案（动员部署）")) {
            DrawWorkPlan(ui);
            ImGui::EndTabItem();
        }
        MarkItem("weekly.tab.plan");
        // The weekly reports open first: they are what a unit does most.
        const ImGuiTabItemFlags first = ui.weekly->tab_chosen ? 0 : ImGuiTabItemFlags_SetSelected;
        ui.weekly->tab_chosen = true;
        if (ImGui::BeginTabItem("周报（排查整改）", nullptr, first)) {
            DrawWeeklyReports(ui);
            ImGui::EndTabItem();
        }
        MarkItem("weekly.tab.reports");
        if (ImGui::BeginTabItem("整改报告（总结验收）")) {
            DrawRectificationReport(ui);
            ImGui::EndTabItem();
        }
        MarkItem("weekly.tab.final");
        ImGui::EndTabBar();
    }
}

}  // namespace htk::ui
