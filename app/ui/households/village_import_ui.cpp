// The 村名单 import preview: how many villages are new, which rows cannot be
// taken; Enter adds them (and their townships as units), Esc changes nothing.
#include "households_ui.h"

#include "app_ui.h"
#include "dialogs.h"
#include "screening_ui.h"
#include "ledger/ledger_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>

namespace htk::ui {

void ReceiveVillageWorkbook(UiState& ui, const std::string& file_name, const Workbook& book) {
    HouseholdsUi& H = *ui.households;
    if (H.pending_villages) return;
    H.pending_villages = std::make_unique<VillageImportPlan>(PlanVillageImport(*ui.db, book, file_name));
}

void DrawVillageImportPreview(UiState& ui) {
    HouseholdsUi& H = *ui.households;
    if (!H.pending_villages) return;
    const VillageImportPlan& plan = *H.pending_villages;
    const char* title = "导入村名单";
    if (!BeginModalDialog(title, 40, 26)) return;
    MarkItem("villages.import.dialog", plan.file_name.c_str());
    ImGui::Text("文件：%s", plan.file_name.c_str());
    bool close = false;
    if (!plan.fatal.empty()) {
        ColoredTextWrapped(kColorRed, ("无法导入：" + plan.fatal).c_str());
        close = ImGui::Button("关闭 (Esc)") || DialogCancelled() || DialogConfirmed();
    } else {
        ImGui::Text("工作表：%s，表头在第 %d 行", plan.sheet_name.c_str(), plan.header_row);
        char summary[256];
        std::snprintf(summary, sizeof summary, "将新增 %zu 个村（%zu 个乡镇）；%d 个村已在名单中；%zu 行无法导入",
                      plan.adds.size(), plan.townships.size(), plan.already_listed, plan.errors.size());
        ImGui::TextUnformatted(summary);
        MarkItem("villages.import.summary", summary);
        ColoredTextWrapped(kColorMuted, "乡镇一栏只在每组第一行填写的，下面各行按上一行的乡镇计。表中的乡镇同时加入本轮活动的单位名单。");
        ImGui::Separator();
        RowErrorsTable(plan.errors, ImGui::GetFrameHeightWithSpacing() * 2, "villages.import.error");
        const bool can = !plan.adds.empty() || !plan.townships.empty();
        if (!can) ImGui::BeginDisabled();
        const bool go = ImGui::Button("确认导入 (Enter)");
        MarkItem("villages.import.confirm");
        ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
        if (!can) ImGui::EndDisabled();
        ImGui::SameLine();
        const bool cancel = ImGui::Button("取消 (Esc)");
        if (go || (can && DialogConfirmed())) {
            ApplyVillageImport(*ui.db, ui.ledger->campaign.id, plan);
            ui.screening->villages_dirty = true;
            ui.screening->progress_dirty = true;
            ShowHouseholdMessage(H, "已导入村名单“" + plan.file_name + "”：新增 " + std::to_string(plan.adds.size()) + " 个村");
            close = true;
        } else if (cancel || DialogCancelled()) {
            ShowHouseholdMessage(H, "已取消导入，数据没有改变");
            close = true;
        }
    }
    if (close) {
        H.pending_villages.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
