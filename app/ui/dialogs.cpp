#include "dialogs.h"

#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace htk::ui {

bool BeginModalDialog(const char* title, float w_fonts, float h_fonts) {
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float fh = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->Size.x * 0.9f, w_fonts * fh), std::min(vp->Size.y * 0.85f, h_fonts * fh)));
    return ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
}

bool DialogConfirmed() {
    // With a keyboard focus shown, Enter presses the focused button instead
    // (which starts on the default one: SetItemDefaultFocus after it).
    if (ImGui::GetIO().NavVisible) return false;
    return ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
}

bool DialogCancelled() { return ImGui::IsKeyPressed(ImGuiKey_Escape, false); }

void RowErrorsTable(const std::vector<ImportRowError>& errors, float footer, const char* mark) {
    if (errors.empty()) {
        ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y - footer));
        return;
    }
    ColoredTextWrapped(kColorRed, "以下行不会导入（其余行照常导入）：");
    if (!ImGui::BeginTable("##errors", 2, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter,
                           ImVec2(0, -footer)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("行号", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
    ImGui::TableSetupColumn("原因", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(errors.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ImportRowError& e = errors[size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Text("第 %d 行", e.row);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextWrapped("%s", e.message.c_str());
            if (i < 20) {
                char id[48];
                std::snprintf(id, sizeof id, "%s.%d", mark, i);
                std::string text = std::to_string(e.row) + ":" + e.message;
                MarkItem(id, text.c_str());
            }
        }
    ImGui::EndTable();
}

void KeysHelpDialog(bool* open) {
    if (!*open) return;
    if (!BeginModalDialog("快捷键", 34, 34)) return;
    struct Key {
        const char* keys;
        const char* what;
    };
    static const Key kEverywhere[] = {
        {"Ctrl+1 … Ctrl+6", "切换到 首页、整改台账、入户排查、周报、区级汇总、设置"},
        {"Tab / Shift+Tab", "在输入框、按钮和选项之间前后移动（红框为当前位置）"},
        {"空格 / Enter", "按下当前按钮、勾选、打开下拉框并选定"},
        {"↑ ↓ ← →", "在红框所在的一组按钮、选项或表格行之间移动"},
        {"Esc", "关闭对话框或下拉框，离开表格"},
        {"F1", "显示本帮助"},
    };
    static const Key kLedger[] = {
        {"Alt+N 或 Insert", "新增问题"},
        {"Ctrl+D", "复制选中的问题"},
        {"Delete", "删除选中的问题（需确认）"},
        {"↑ ↓", "在表格中上下选择"},
        {"Enter 或 Tab（表格中）", "转到编辑区"},
        {"Ctrl+S", "保存正在编辑的问题"},
        {"Esc", "关闭编辑区（未保存的新问题会先询问）"},
        {"Ctrl+Z / Ctrl+Y", "撤销 / 重做"},
        {"Ctrl+F", "搜索问题表述和整改措施"},
        {"Ctrl+O", "导入 Excel/CSV（也可把文件拖到页面上）"},
        {"Ctrl+E / Ctrl+Shift+E", "导出官方格式 Excel / CSV"},
        {"Ctrl+V", "粘贴从 Excel/WPS 复制的行"},
    };
    auto table = [](const char* id, const Key* keys, size_t n) {
        if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg)) return;
        ImGui::TableSetupColumn("键", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 11);
        ImGui::TableSetupColumn("作用");
        for (size_t i = 0; i < n; ++i) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(keys[i].keys);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextWrapped("%s", keys[i].what);
        }
        ImGui::EndTable();
    };
    ImGui::TextUnformatted("所有页面");
    table("##keys_all", kEverywhere, sizeof kEverywhere / sizeof kEverywhere[0]);
    ImGui::Spacing();
    ImGui::TextUnformatted("整改台账");
    table("##keys_ledger", kLedger, sizeof kLedger / sizeof kLedger[0]);
    std::string keys;  // for tests: every key listed
    for (const Key& k : kEverywhere) keys += std::string(k.keys) + "；";
    for (const Key& k : kLedger) keys += std::string(k.keys) + "；";
    MarkItem("help.keys", keys.c_str());
    ImGui::Spacing();
    const bool close = ImGui::Button("关闭 (Esc)");
    ImGui::SetItemDefaultFocus();
    MarkItem("help.close");
    if (close || DialogCancelled() || DialogConfirmed()) {
        *open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
