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

}  // namespace htk::ui
