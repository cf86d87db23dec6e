#include "widgets.h"

#include "test_marks.h"
#include "theme.h"
#include "timed_message.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
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

bool ClampedTextWrapped(const std::string& text, float width, int max_lines) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const char* s = text.data();
    const char* const end = s + text.size();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float line_h = ImGui::GetTextLineHeight();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    width = std::max(width, size);  // room for one character at least
    // Where a line from `from` wrapped at `w` ends: one whole character at least.
    auto line_end = [&](const char* from, const char* to, float w) {
        const char* e = font->CalcWordWrapPosition(size, from, to, w);
        if (e == from && from < to) {
            unsigned c = 0;
            e = from + ImTextCharFromUtf8(&c, from, to);
        }
        return e;
    };
    bool cut = false;
    int line = 0;
    for (; line < max_lines && s < end; ++line) {
        const char* nl = static_cast<const char*>(std::memchr(s, '\n', size_t(end - s)));
        const char* para_end = nl ? nl : end;
        const char* e = line_end(s, para_end, width);
        const bool more = e < para_end || (nl && nl + 1 < end);
        const ImVec2 at(start.x, start.y + float(line) * line_h);
        if (line == max_lines - 1 && more) {
            const char* ellipsis = "…";
            e = line_end(s, para_end, std::max(size, width - ImGui::CalcTextSize(ellipsis).x));
            draw->AddText(font, size, at, color, s, e);
            const float w = font->CalcTextSizeA(size, FLT_MAX, 0, s, e).x;
            draw->AddText(font, size, ImVec2(at.x + w, at.y), color, ellipsis);
            cut = true;
            ++line;
            break;
        }
        draw->AddText(font, size, at, color, s, e);
        s = e;
        while (s < para_end && *s == ' ') ++s;  // a wrapped line does not start with its space
        if (s == para_end && nl) s = nl + 1;
    }
    ImGui::Dummy(ImVec2(width, float(std::max(line, 1)) * line_h));
    return cut;
}

bool WrappedTextField(const char* label, std::string* text, float width, float min_lines, float max_lines, int* lines) {
    // The height comes from the line count of the frame before (kept in the
    // window's storage): the count is known once the field has laid it out.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID key = ImHashStr("wrapped lines", 0, ImGui::GetID(label));
    const float line_h = ImGui::GetTextLineHeight();
    const float pad = ImGui::GetStyle().FramePadding.y * 2;
    const float shown = std::clamp(storage->GetFloat(key, min_lines), min_lines, max_lines);
    const bool changed = ImGui::InputTextMultiline(label, text, ImVec2(width, line_h * shown + pad),
                                                   ImGuiInputTextFlags_WordWrap);
    // The field is a child window whose content is its text, one line high per line.
    const ImVector<ImGuiWindow*>& children = ImGui::GetCurrentWindow()->DC.ChildWindows;
    if (!children.empty() && children.back()->ChildId == ImGui::GetItemID()) {
        const ImGuiWindow* field = children.back();
        const float count = std::round((field->DC.CursorMaxPos.y - field->DC.CursorStartPos.y - pad) / line_h);
        if (count >= 1) {
            storage->SetFloat(key, count);
            if (lines) *lines = int(count);
        }
    }
    return changed;
}

void WrappedTooltip(const std::string& text, float wrap_fonts) {
    if (text.empty() || !ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * wrap_fonts);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
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

void DrawMessage(TimedMessage& m, const char* mark, bool wrapped) {
    if (m.text.empty() || ImGui::GetTime() >= m.until) return;
    if (wrapped) {
        ImGui::PushID(mark);
        const bool close = ImGui::SmallButton("×");
        Tooltip("关闭此提示");
        ImGui::PopID();
        if (close) {
            m.text.clear();
            return;
        }
        ImGui::SameLine();
    } else {
        ImGui::SameLine(0, 24);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, m.is_error ? kColorRed : kColorGreen);
    if (wrapped) ImGui::TextWrapped("%s", m.text.c_str());
    else ImGui::TextUnformatted(m.text.c_str());
    ImGui::PopStyleColor();
    MarkItem(mark, m.text.c_str());
}

}  // namespace htk::ui
