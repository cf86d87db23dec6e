// report_panel.cpp — 总结验收: the 整改报告 draft written from the ledger,
// edited in place (kept as it is typed), copied, and exported as .txt and as
// an Excel workbook with the final, signed ledger.

#include "weekly_ui.h"

#include "app_ui.h"
#include "export_task.h"
#include "dialogs.h"
#include "domain/rectification_report.h"
#include "ledger/ledger_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace htk::ui {
namespace {

std::string UnitName(const Settings& s) { return s.unit_name.empty() ? "未填写单位" : s.unit_name; }

void Regenerate(UiState& ui, WeeklyUi& W) {
    LedgerUi& L = *ui.ledger;
    EnsureLedgerLoaded(L);
    W.report = DraftRectificationReport(L.view.rows(), L.campaign, ui.settings.unit_name, platform::Today());
    SaveReportDraft(*ui.db, L.campaign.id, W.report);
}

// The final ledger (all problems, dated today, signature lines) and the report.
void ExportWorkbook(UiState& ui, WeeklyUi& W) {
    LedgerUi& L = *ui.ledger;
    FlushDraft(L, ui.settings);
    LedgerWorkbook book = RectificationReportWorkbook(W.report, L.view.rows(), L.campaign, ui.settings.unit_name,
                                                      platform::Today(), platform::NowText());
    ExportXlsxFile(ui.tasks, std::move(book),
                   RectificationReportFileName(UnitName(ui.settings), platform::Today(), ".xlsx"),
                   [&ui](const std::string& text, bool error) { SetMessage(ui.weekly->message, text, error, error ? 12 : 8); });
}

}  // namespace

void DrawRectificationReport(UiState& ui) {
    WeeklyUi& W = *ui.weekly;
    LedgerUi& L = *ui.ledger;
    if (!W.report_loaded) {
        W.report = LoadReportDraft(*ui.db, L.campaign.id);
        W.report_loaded = true;
    }
    ColoredTextWrapped(kColorMuted, "总结验收：根据整改台账生成整改报告草稿，修改后导出；最终台账带“主要负责同志签字”和"
                                    "日期，打印后加盖单位公章报送。");
    if (ImGui::Button(W.report.empty() ? "根据台账生成草稿" : "重新生成草稿")) {
        if (W.report.empty()) Regenerate(ui, W);
        else W.confirm_regenerate = true;
    }
    MarkItem("report.generate");
    ImGui::SameLine();
    if (ImGui::Button("复制全文")) ImGui::SetClipboardText(W.report.c_str());
    MarkItem("report.copy");
    ImGui::SameLine();
    if (ImGui::Button("导出 .txt")) {
        // With a BOM, so Notepad on an older Windows opens it as UTF-8.
        platform::DownloadFile(RectificationReportFileName(UnitName(ui.settings), platform::Today(), ".txt"),
                               "\xEF\xBB\xBF" + W.report, "text/plain;charset=utf-8");
    }
    MarkItem("report.export_txt");
    ImGui::SameLine();
    if (ImGui::Button("导出 Excel（整改报告 + 最终台账）")) ExportWorkbook(ui, W);
    MarkItem("report.export_xlsx");

    if (W.confirm_regenerate) {
        if (BeginModalDialog("重新生成整改报告", 26, 9)) {
            ImGui::TextWrapped("按台账的当前内容重新生成，会替换已经修改过的草稿。");
            bool yes = ImGui::Button("重新生成 (Enter)");
            ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
            ImGui::SameLine();
            bool no = ImGui::Button("取消 (Esc)");
            if (yes || DialogConfirmed()) {
                W.confirm_regenerate = false;
                Regenerate(ui, W);
                ImGui::CloseCurrentPopup();
            } else if (no || DialogCancelled()) {
                W.confirm_regenerate = false;
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndPopup();
        }
    }
    if (W.report.empty()) {
        ColoredTextWrapped(kColorMuted, "还没有草稿。");
        return;
    }
    ImGui::InputTextMultiline("##report", &W.report, ImVec2(-1, -1), ImGuiInputTextFlags_WordWrap);
    MarkItem("report.text", W.report.c_str());
    // Kept as typed: written when the box is left (and by the page-hide flush).
    if (DeactivatedAfterEdit()) SaveReportDraft(*ui.db, L.campaign.id, W.report);
}

}  // namespace htk::ui
