#include "widgets.h"

#include "theme.h"

#include <imgui_internal.h>

#include <unordered_set>

namespace htk::ui {

void ScreenTitle(const char* title, const char* subtitle) {
    // Rasterised at the larger size (ImGui 1.92), not a scaled-up 18 px glyph.
    ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * 1.35f);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    if (subtitle) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("%s", subtitle);
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    ImGui::Spacing();
}

void ComingSoon(const char* what, std::initializer_list<const char*> items) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 255, 255, 255));
    ImGui::BeginChild("coming_soon", ImVec2(0, 0), true);
    ImGui::TextWrapped("%s", what);
    ImGui::Spacing();
    for (const char* item : items) ImGui::BulletText("%s", item);
    ImGui::Spacing();
    ColoredTextWrapped(kColorMuted, "本栏目正在建设中，以上功能将在后续版本提供。");
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void ColoredTextWrapped(ImU32 color, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void Tooltip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

bool DeactivatedAfterEdit() {
    static std::unordered_set<ImGuiID> edited;  // fields changed while active, not yet left
    const ImGuiID id = ImGui::GetItemID();
    if (ImGui::IsItemActive()) {
        if (ImGui::IsItemEdited()) edited.insert(id);
        return false;
    }
    return edited.erase(id) > 0 || ImGui::IsItemDeactivatedAfterEdit();
}

bool InDisabledBlock() { return (GImGui->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0; }

}  // namespace htk::ui
