#include "screens.h"

#include "households/households_ui.h"
#include "households/screening_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "widgets.h"

#include <imgui.h>

namespace htk::ui {

void DrawScreeningScreen(UiState& ui) {
    ScreenTitle("入户排查", "农户名册；对照八个方面 39 个排查要点逐户筛查，村级要点按村排查");
    HouseholdsUi& H = *ui.households;
    EnsureHouseholdsLoaded(ui);
    if (ImGui::BeginTabBar("##screening")) {
        if (ImGui::BeginTabItem("逐户排查")) {
            DrawHouseholdsBar(H);
            // The list takes more room until a household is open.
            const float list_w = ImGui::GetContentRegionAvail().x * (H.selected ? 0.5f : 0.62f);
            ImGui::BeginChild("##list", ImVec2(list_w, 0), ImGuiChildFlags_NavFlattened);
            DrawHouseholdsTable(H);
            ImGui::EndChild();
            ImGui::SameLine();
            ImGui::BeginChild("##screen", ImVec2(0, 0), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
            DrawHouseholdScreening(ui, H.selected);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        MarkItem("screening.tab.households");
        if (ImGui::BeginTabItem("村级要点")) {
            DrawVillageScreening(ui);
            ImGui::EndTabItem();
        }
        MarkItem("screening.tab.villages");
        if (ImGui::BeginTabItem("排查进度")) {
            DrawScreeningProgress(ui);
            ImGui::EndTabItem();
        }
        MarkItem("screening.tab.progress");
        ImGui::EndTabBar();
    }
    DrawHouseholdImportPreview(ui);
    DrawVillageImportPreview(ui);
}

}  // namespace htk::ui
