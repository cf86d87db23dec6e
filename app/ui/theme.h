// theme.h — colours and spacing: a light, high-contrast office look.
#pragma once

#include <imgui.h>

namespace htk::ui {

void ApplyTheme();

// Colours used by screens for meaning, not decoration.
constexpr ImU32 kColorRed = IM_COL32(185, 28, 28, 255);      // overdue / failure
constexpr ImU32 kColorYellow = IM_COL32(202, 138, 4, 255);   // due soon / in progress
constexpr ImU32 kColorGreen = IM_COL32(21, 128, 61, 255);    // done / saved
constexpr ImU32 kColorMuted = IM_COL32(107, 114, 128, 255);  // secondary text

}  // namespace htk::ui
