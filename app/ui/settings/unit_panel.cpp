// 本单位: the unit's name (written on every export), its role, the contact.
#include "settings_ui.h"

#include "app_ui.h"
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

void DrawUnitPanel(UiState& ui) {
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

}  // namespace htk::ui
