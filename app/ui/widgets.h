// widgets.h — small building blocks shared by the screens.
#pragma once

#include <imgui.h>


namespace htk::ui {

// A screen's title line with an optional grey subtitle.
void ScreenTitle(const char* title, const char* subtitle = nullptr);
// Text in a colour (ImU32), wrapped to the available width.
void ColoredTextWrapped(ImU32 color, const char* text);
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
