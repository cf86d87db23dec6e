// 设置: one tab per thing set up — the unit, the campaign and its phases, the
// townships, the check points, and where the data lives (with the demo).
#include "screens.h"

#include "settings/settings_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

namespace htk::ui {

static void DrawStorageInfo(UiState& ui, const PlatformStatus& status) {
    ImGui::TextUnformatted("数据保存");
    ImGui::TextWrapped(
        "所有数据只保存在这台电脑的这个浏览器里（IndexedDB），不会上传到任何服务器。每次确认修改后自动保存。");
    if (status.storage_persisted == 1)
        ColoredTextWrapped(kColorGreen, "浏览器已同意长期保存本工具的数据，清理空间时不会自动删除。");
    else if (status.storage_persisted == 0)
        ColoredTextWrapped(kColorYellow,
                           "浏览器未承诺长期保存：清除浏览数据或空间不足时可能被删除。请定期下载备份。");
    ColoredTextWrapped(kColorMuted,
                       "注意：清除浏览器的“Cookie 和网站数据”会删除本工具的数据；换电脑或换浏览器请先下载备份。");
    ImGui::Spacing();
    ImGui::TextDisabled("图形：%s", status.webgl);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawBackupPanel(ui);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::TextUnformatted("示例数据");
    DemoDataButtons(ui);
}

void DrawSettingsScreen(UiState& ui, const PlatformStatus& status) {
    ScreenTitle("设置", "本单位、活动与阶段、乡镇、排查要点和数据保存");
    if (!ImGui::BeginTabBar("##settings_tabs")) return;
    struct Tab {
        const char* label;
        const char* mark;
    };
    static const Tab tabs[] = {{"本单位", "settings.tab.unit"},
                               {"活动与阶段", "settings.tab.campaign"},
                               {"乡镇与单位", "settings.tab.townships"},
                               {"排查要点", "settings.tab.checklist"},
                               {"数据与备份", "settings.tab.storage"}};
    for (int i = 0; i < 5; ++i) {
        const bool open = ImGui::BeginTabItem(tabs[i].label);
        if (!open) MarkItem(tabs[i].mark);  // only an unselected tab's rect is its own
        if (!open) continue;
        ImGui::BeginChild("##settings_page", ImVec2(0, 0), ImGuiChildFlags_NavFlattened);
        switch (i) {
            case 0: DrawUnitPanel(ui); break;
            case 1: DrawCampaignPanel(ui); break;
            case 2: DrawTownshipsPanel(ui); break;
            case 3: DrawChecklistPanel(ui); break;
            case 4: DrawStorageInfo(ui, status); break;
        }
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

}  // namespace htk::ui
