#include "screens.h"

#include "households/households_ui.h"
#include "platform.h"
#include "widgets.h"

#include <imgui.h>

namespace htk::ui {

void DrawScreeningScreen(UiState& ui) {
    ScreenTitle("入户排查", "农户名册；对照八个方面 39 个排查要点逐户筛查");
    HouseholdsUi& H = *ui.households;
    DrawHouseholds(H);
    DrawHouseholdImportPreview(H, platform::NowText());
}

}  // namespace htk::ui
