#include "households_ui.h"

#include "dialogs.h"
#include "platform.h"
#include "rules/id_number.h"
#include "rules/text.h"
#include "test_marks.h"
#include "theme.h"
#include "keys.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace htk::ui {
namespace {

// Milliseconds of searching per frame (a district has ~250,000 households).
constexpr double kSearchBudgetMs = 6.0;

void Table(HouseholdsUi& H, const std::vector<const Household*>& shown) {
    // PgUp/PgDn: the previous/next household, when no field has the keyboard.
    if (!ImGui::GetIO().WantTextInput && !shown.empty()) {
        int step = DomKeyPressed(34, true) ? 1 : DomKeyPressed(33, true) ? -1 : 0;
        if (step) {
            int at = -1;
            for (size_t i = 0; i < shown.size(); ++i)
                if (shown[i]->id == H.selected) at = int(i);
            at = at < 0 ? 0 : std::max(0, std::min(int(shown.size()) - 1, at + step));
            H.selected = shown[size_t(at)]->id;
            H.scroll_to_selected = true;
        }
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##households", 8, flags, ImVec2(0, 0))) return;
    const float fh = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("户编号", ImGuiTableColumnFlags_WidthFixed, 8 * fh);
    ImGui::TableSetupColumn("户主姓名", ImGuiTableColumnFlags_WidthFixed, 5 * fh);
    ImGui::TableSetupColumn("身份证号", ImGuiTableColumnFlags_WidthFixed, 10 * fh);
    ImGui::TableSetupColumn("所属乡镇", ImGuiTableColumnFlags_WidthFixed, 5 * fh);
    ImGui::TableSetupColumn("所属村", ImGuiTableColumnFlags_WidthFixed, 5 * fh);
    ImGui::TableSetupColumn("户类型", ImGuiTableColumnFlags_WidthFixed, 9 * fh);
    ImGui::TableSetupColumn("人口", ImGuiTableColumnFlags_WidthFixed, 2.5f * fh);
    ImGui::TableSetupColumn("联系电话", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    const float row_h = ImGui::GetFrameHeight();
    if (H.scroll_to_selected) {
        H.scroll_to_selected = false;
        for (size_t i = 0; i < shown.size(); ++i)
            if (shown[i]->id == H.selected) {
                float y = float(i) * row_h;
                if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() * 0.8f)
                    ImGui::SetScrollY(y - ImGui::GetWindowHeight() * 0.4f);
            }
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(shown.size()), row_h);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Household& h = *shown[size_t(i)];
            const std::string id = H.show_full_id ? h.id_number : MaskIdNumber(h.id_number);
            ImGui::TableNextRow(0, row_h);
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(int(h.id));
            // The row's selectable spans every column; the code is drawn over it.
            if (ImGui::Selectable("##row", h.id == H.selected, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2)))
                H.selected = h.id;
            ImGui::PopID();
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(h.code.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(h.head_name.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(id.c_str());
            if (i < 50) {
                char mark[32];
                std::snprintf(mark, sizeof mark, "households.row.%d", i);
                std::string text = h.head_name + "|" + id + "|" + h.village;
                MarkItem(mark, text.c_str());
            }
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(h.township.c_str());
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(h.village.c_str());
            ImGui::TableSetColumnIndex(5);
            ImGui::TextUnformatted(h.kind.c_str());
            ImGui::TableSetColumnIndex(6);
            ImGui::Text("%d", h.population);
            ImGui::TableSetColumnIndex(7);
            ImGui::TextUnformatted(h.phone.c_str());
        }
    ImGui::EndTable();
}

}  // namespace

void ShowHouseholdMessage(HouseholdsUi& H, std::string text, bool error) {
    H.message = std::move(text);
    H.message_is_error = error;
    H.message_until = ImGui::GetTime() + 8;
}

void ReceiveHouseholdWorkbook(HouseholdsUi& H, const std::string& file_name, const Workbook& book) {
    if (H.pending_import) return;
    H.pending_import = std::make_unique<HouseholdImportPlan>(
        PlanHouseholdImport(book, file_name, H.store, platform::Today()));
    platform::Mark("htk-households-plan-end");
}

void DrawHouseholdsBar(HouseholdsUi& H) {
    if (!H.loaded) {
        platform::Mark("htk-households-load-start");
        H.view.Reset(H.store.LoadAll());
        H.loaded = true;
        platform::Mark("htk-households-load-end");
    }
    const float fh = ImGui::GetFontSize();
    if (ImGui::Button("导入农户名册… (Ctrl+O)")) platform::OpenFilePicker();
    MarkItem("households.import");
    Tooltip("选择 .xlsx 或 .csv 文件（如防返贫监测系统导出的名册），也可以直接拖到页面上");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(14 * fh);
    ImGui::InputTextWithHint("##h_search", "搜索户主姓名、户编号、身份证号、村", &H.search);
    MarkItem("households.search", H.search.c_str());
    ImGui::SameLine();
    ImGui::Checkbox("显示完整身份证号", &H.show_full_id);
    MarkItem("households.show_full_id", H.show_full_id ? "1" : "0");
    Tooltip("默认打码显示（如 411023********1234）；勾选后本次使用期间显示完整号码");

    H.view.SetSearch(H.search);
    const std::vector<const Household*>& shown = H.view.Refresh(kSearchBudgetMs);
    const bool searching = H.view.pending();
    if (searching) platform::KeepDrawing();
    char count[128];
    if (H.search.empty()) std::snprintf(count, sizeof count, "共 %zu 户", H.view.total());
    else std::snprintf(count, sizeof count, "共 %zu 户，%s %zu 户", H.view.total(), searching ? "正在搜索…已找到" : "搜索到",
                       shown.size());
    ImGui::TextDisabled("%s", count);
    MarkItem("households.count", count);
    if (!H.message.empty() && ImGui::GetTime() < H.message_until) {
        ImGui::SameLine(0, 24);
        ImGui::PushStyleColor(ImGuiCol_Text, H.message_is_error ? kColorRed : kColorGreen);
        ImGui::TextUnformatted(H.message.c_str());
        ImGui::PopStyleColor();
        MarkItem("households.message", H.message.c_str());
    }
}

void DrawHouseholdsTable(HouseholdsUi& H) {
    if (H.view.total() == 0) {
        ImGui::Spacing();
        ColoredTextWrapped(kColorMuted,
                           "还没有农户名册。请导入防返贫监测系统导出的名册，或按“户编号、户主姓名、身份证号、所属乡镇、"
                           "所属村、户类型、人口数、联系电话”整理的表格（.xlsx 或 .csv）。");
        return;
    }
    Table(H, H.view.Current());
}

void DrawHouseholdImportPreview(HouseholdsUi& H, const std::string& now) {
    if (!H.pending_import) return;
    HouseholdImportPlan& plan = *H.pending_import;
    if (!BeginModalDialog("导入农户名册", 46, 32))
        return;
    MarkItem("households.import.dialog", plan.file_name.c_str());
    ImGui::Text("文件：%s", plan.file_name.c_str());
    if (!plan.fatal.empty()) {
        ColoredTextWrapped(kColorRed, ("无法导入：" + plan.fatal).c_str());
        if (ImGui::Button("关闭 (Esc)") || DialogCancelled() || DialogConfirmed()) {
            H.pending_import.reset();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
        return;
    }
    ImGui::Text("工作表：%s，表头在第 %d 行", plan.sheet_name.c_str(), plan.header_row);
    char summary[256];
    std::snprintf(summary, sizeof summary, "将新增 %zu 户，更新 %zu 户；%d 户与现有记录相同；合并重复行 %d 个；%zu 行无法导入",
                  plan.adds.size(), plan.updates.size(), plan.unchanged, plan.merged, plan.errors.size());
    ImGui::TextUnformatted(summary);
    MarkItem("households.import.summary", summary);
    std::string cols = "识别的列：";
    for (size_t i = 0; i < plan.columns.size(); ++i) cols += (i ? "、" : "") + plan.columns[i];
    ColoredTextWrapped(kColorMuted, cols.c_str());
    ImGui::Separator();
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2;
    RowErrorsTable(plan.errors, footer, "households.import.error");
    const bool can = plan.taken() > 0;
    if (!can) ImGui::BeginDisabled();
    bool go = ImGui::Button("确认导入 (Enter)");
    MarkItem("households.import.confirm");
    if (!can) ImGui::EndDisabled();
    ImGui::SameLine();
    bool cancel = ImGui::Button("取消 (Esc)");
    if (go || (can && DialogConfirmed())) {
        platform::Mark("htk-households-apply-start");
        H.store.Apply(plan.adds, plan.updates, now);
        platform::Mark("htk-households-apply-end");
        H.loaded = false;  // reload and search again
        ShowHouseholdMessage(H, "已导入“" + plan.file_name + "”：新增 " + std::to_string(plan.adds.size()) + " 户，更新 " +
                                    std::to_string(plan.updates.size()) + " 户" +
                                    (plan.errors.empty() ? "" : "，" + std::to_string(plan.errors.size()) + " 行未导入"));
        H.pending_import.reset();
        ImGui::CloseCurrentPopup();
    } else if (cancel || DialogCancelled()) {
        ShowHouseholdMessage(H, "已取消导入，数据没有改变");
        H.pending_import.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
