#include "widgets.h"

#include "test_marks.h"
#include "theme.h"
#include "timed_message.h"

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

void SetMessage(TimedMessage& m, std::string text, bool error, double seconds) {
    m.text = std::move(text);
    m.is_error = error;
    m.until = ImGui::GetTime() + seconds;
}

void DrawMessage(const TimedMessage& m, const char* mark, bool wrapped) {
    if (m.text.empty() || ImGui::GetTime() >= m.until) return;
    if (!wrapped) ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, m.is_error ? kColorRed : kColorGreen);
    if (wrapped) ImGui::TextWrapped("%s", m.text.c_str());
    else ImGui::TextUnformatted(m.text.c_str());
    ImGui::PopStyleColor();
    MarkItem(mark, m.text.c_str());
}

}  // namespace htk::ui
