#include "theme.h"

namespace htk::ui {

void ApplyTheme() {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowPadding = ImVec2(14, 12);
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(10, 8);
    s.ItemInnerSpacing = ImVec2(6, 5);
    s.CellPadding = ImVec2(6, 4);
    s.ScrollbarSize = 16;
    s.WindowRounding = 0;
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.PopupRounding = 4;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = 1;
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);  // dialogs opaque: nothing of the screen shows through
    c[ImGuiCol_Text] = ImVec4(0.12f, 0.13f, 0.15f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.82f, 0.85f, 1);
    c[ImGuiCol_Button] = ImVec4(0.93f, 0.94f, 0.95f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.99f, 0.89f, 0.89f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.97f, 0.78f, 0.78f, 1);
    c[ImGuiCol_Header] = ImVec4(0.99f, 0.89f, 0.89f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.99f, 0.92f, 0.92f, 1);
    c[ImGuiCol_HeaderActive] = ImVec4(0.97f, 0.80f, 0.80f, 1);
    c[ImGuiCol_CheckMark] = ImVec4(0.73f, 0.11f, 0.11f, 1);
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.98f, 0.75f, 0.75f, 1);
    c[ImGuiCol_NavCursor] = ImVec4(0.73f, 0.11f, 0.11f, 1);
}

}  // namespace htk::ui
