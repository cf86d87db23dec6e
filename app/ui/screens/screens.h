// screens.h — one function per section of the main window.
#pragma once

#include "app_ui.h"

namespace htk::ui {

void DrawHomeScreen(UiState& ui, const PlatformStatus& status);
void DrawLedgerScreen(UiState& ui);
void DrawScreeningScreen(UiState& ui);
void DrawWeeklyScreen(UiState& ui);
void DrawDistrictScreen(UiState& ui);
void DrawSettingsScreen(UiState& ui, const PlatformStatus& status);

}  // namespace htk::ui
