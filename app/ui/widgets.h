// widgets.h — small building blocks shared by the screens.
#pragma once

#include <imgui.h>

#include <string>

namespace htk::ui {

// A screen's title line with an optional grey subtitle.
void ScreenTitle(const char* title, const char* subtitle = nullptr);
// Text in a colour (ImU32), wrapped to the available width.
void ColoredTextWrapped(ImU32 color, const char* text);
// `text` wrapped to `width` pixels in at most `max_lines` lines, the last
// ending in “…” when the text goes on (a table cell of a fixed height).
// True when it was cut.
bool ClampedTextWrapped(const std::string& text, float width, int max_lines);
// A multi-line field for prose: lines wrap at its width as the user types
// (ImGuiInputTextFlags_WordWrap; display only, no newline is added to the
// text) and its height follows the wrapped lines, from `min_lines` up to
// `max_lines` (it scrolls beyond). `width` as ImGui's (-1: all the width
// left). Returns what InputTextMultiline returns; `*lines`, when given, gets
// how many lines the text took as drawn this frame.
bool WrappedTextField(const char* label, std::string* text, float width, float min_lines, float max_lines,
                      int* lines = nullptr);
// When the last item is hovered: `text` in a tooltip wrapped at `wrap_fonts` font heights.
void WrappedTooltip(const std::string& text, float wrap_fonts = 30);
// A hover tooltip on the last item.
void Tooltip(const char* text);
// Inside ImGui::BeginDisabled(): keys that change data are ignored too, like
// the disabled buttons (the whole screen is disabled while another tab writes).
bool InDisabledBlock();
// Whether the last item (a text field) has just stopped being active after its
// text changed: ImGui::IsItemDeactivatedAfterEdit(), which ImGui 1.92 misses
// when Tab moves from a field on to a multi-line one (another item is active
// for a moment in between and takes ImGui's "deactivated" record). Call it
// right after the widget, every frame.
bool DeactivatedAfterEdit();

}  // namespace htk::ui
