#include "screens.h"

#include "domain/campaign.h"
#include "ledger/ledger_ui.h"

#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace htk::ui {

// A labelled one-line text field, written through on every edit so that a
// typed value survives a reload or a closed tab.
static void SettingsField(UiState& ui, const char* label, const char* id, const char* hint, std::string* value,
                          const char* mark) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(std::min(480.0f, ImGui::GetContentRegionAvail().x));
    if (ImGui::InputTextWithHint(id, hint, value)) SaveSettings(*ui.db, ui.settings);
    MarkItem(mark, value->c_str());
}

static void DrawUnitSettings(UiState& ui) {
    SettingsField(ui, "单位名称", "##unit_name", "例如：椹涧乡、区住建局", &ui.settings.unit_name,
                  "settings.unit_name");
    Tooltip("导出的整改台账在“单位（盖章）：”后写这个名称");

    ImGui::Spacing();
    ImGui::TextUnformatted("角色");
    for (Role r : {Role::kTownship, Role::kDepartment, Role::kDistrictOffice}) {
        if (ImGui::RadioButton(RoleLabel(r), ui.settings.role == r)) {
            ui.settings.role = r;
            SaveSettings(*ui.db, ui.settings);
        }
        MarkItem(r == Role::kTownship ? "settings.role.township"
                 : r == Role::kDepartment ? "settings.role.department"
                                          : "settings.role.district",
                 ui.settings.role == r ? "selected" : "");
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ColoredTextWrapped(kColorMuted,
                       "乡镇和区直单位登记、报送本单位的整改台账；区办汇总各单位报送的文件、抽查并通报。");
    ImGui::Spacing();
    SettingsField(ui, "填报人", "##contact_name", "报送材料上的联系人", &ui.settings.contact_name,
                  "settings.contact_name");
    SettingsField(ui, "联系电话", "##contact_phone", "例如：0374-5119719", &ui.settings.contact_phone,
                  "settings.contact_phone");
}

// The campaigns kept here: switch between them, or start the next round from
// the current one (checklist, units and wording copied; dates a year later).
static void DrawCampaigns(UiState& ui) {
    static std::string code, name, error;
    const int64_t current = ui.ledger->campaign.id;
    ImGui::TextUnformatted("活动");
    for (const CampaignInfo& c : ListCampaigns(*ui.db)) {
        ImGui::PushID(int(c.id));
        if (c.id == current) {
            ImGui::BulletText("%s（当前）", c.name.c_str());
        } else {
            ImGui::BulletText("%s", c.name.c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton("切换到此活动")) ui.switch_campaign = c.id;
            MarkItem(("campaign.switch." + c.code).c_str());
        }
        ImGui::PopID();
    }
    MarkItem("campaign.current", ui.ledger->campaign.name.c_str());
    ColoredTextWrapped(kColorMuted, "新一轮“回头看”：复制本轮的排查要点、问题类型和单位，各阶段日期顺延一年；"
                                    "不复制问题、排查记录和周报。");
    const float fh = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fh * 7);
    ImGui::InputTextWithHint("##next_code", "编号，如 2023-1", &code);
    MarkItem("campaign.next_code");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fh * 22);
    ImGui::InputTextWithHint("##next_name", "名称，如 建安区 2023 年度第一轮……“回头看”", &name);
    MarkItem("campaign.next_name");
    ImGui::SameLine();
    if (ImGui::Button("从本轮创建新一轮")) {
        int64_t id = CreateNextCampaign(*ui.db, current, code, name, &error);
        if (id) {
            ui.switch_campaign = id;
            code.clear();
            name.clear();
            error.clear();
        }
    }
    MarkItem("campaign.create_next");
    if (!error.empty()) {
        ColoredTextWrapped(kColorRed, error.c_str());
        MarkItem("campaign.error", error.c_str());
    }
}

static void DrawStorageInfo(const PlatformStatus& status) {
    ImGui::TextUnformatted("数据保存");
    ImGui::TextWrapped(
        "所有数据只保存在这台电脑的这个浏览器里（IndexedDB），不会上传到任何服务器。每次确认修改后自动保存。");
    if (status.storage_persisted == 1)
        ColoredTextWrapped(kColorGreen, "浏览器已同意长期保存本工具的数据，清理空间时不会自动删除。");
    else if (status.storage_persisted == 0)
        ColoredTextWrapped(kColorYellow,
                           "浏览器未承诺长期保存：清除浏览数据或空间不足时可能被删除。请定期导出台账备份。");
    ColoredTextWrapped(kColorMuted,
                       "注意：清除浏览器的“Cookie 和网站数据”会删除本工具的数据；换电脑或换浏览器请先导出。");
    ImGui::Spacing();
    ImGui::TextDisabled("图形：%s", status.webgl);
}

void DrawSettingsScreen(UiState& ui, const PlatformStatus& status) {
    ScreenTitle("设置", "本单位信息和数据保存方式");
    DrawUnitSettings(ui);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawStorageInfo(status);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::TextUnformatted("示例数据");
    DemoDataButtons(ui);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawCampaigns(ui);
}

}  // namespace htk::ui
