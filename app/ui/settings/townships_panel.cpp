// 乡镇与单位: the township-level units the user enters (pasted as a list,
// e.g. 建安区's 18), and the district departments built into the campaign.
#include "settings_ui.h"

#include "app_ui.h"
#include "district/reporting.h"
#include "district/unit_names.h"
#include "domain/campaign_setup.h"
#include "domain/household_store.h"
#include "households/households_ui.h"
#include "ledger/ledger_ui.h"
#include "rules/text.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <map>

namespace htk::ui {

static void ReadTownships(UiState& ui, SettingsUi& S) {
    S.townships = ListTownships(*ui.db, ui.ledger->campaign.id);
    std::map<std::string, int> villages;
    for (const VillageCount& v : ui.households->store.Villages()) ++villages[v.township];
    S.township_villages.clear();
    for (const std::string& t : S.townships) S.township_villages.push_back(villages[t]);
    S.aliases = ListUnitAliases(*ui.db, ui.ledger->campaign.id);
    S.townships_dirty = false;
}

// 单位别名: every unit's built-in other names, and those added here; a file
// signed with any of them goes to the unit (区级汇总).
static void DrawAliases(UiState& ui, SettingsUi& S) {
    const Campaign& c = ui.ledger->campaign;
    const float fh = ImGui::GetFontSize();
    const std::vector<std::string> units = ExpectedUnits(S.townships, c.departments);
    ImGui::TextUnformatted("单位别名");
    ColoredTextWrapped(kColorMuted, "区办汇入各单位的文件时，盖章行、文件名或“填报单位”列中的名称按单位名称和别名归入单位，不会新建单位。");
    ColoredTextWrapped(kColorMuted, "常见全称、简称已内置（如“建安区人力资源和社会保障局”即区人社局，“陈曹乡人民政府”即陈曹乡；"
                                    "鼠标移到下拉框中的单位上可查看），其他写法在这里添加。");
    if (S.alias_unit.empty() && !units.empty()) S.alias_unit = units.front();
    ImGui::SetNextItemWidth(fh * 9);
    if (ImGui::BeginCombo("##alias_unit", S.alias_unit.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const std::string& u : units) {
            if (ImGui::Selectable(u.c_str(), u == S.alias_unit)) S.alias_unit = u;
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("内置别名：%s", JoinList(BuiltInAliases(u, c.district)).c_str());
            MarkItem(("aliases.pick." + u).c_str(), u.c_str());
        }
        ImGui::EndCombo();
    }
    MarkItem("aliases.unit", S.alias_unit.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted("也写作");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fh * 14);
    ImGui::InputText("##alias_text", &S.alias_text);
    MarkItem("aliases.text", S.alias_text.c_str());
    ImGui::SameLine();
    if (ImGui::Button("添加别名")) {
        const UnitDirectory dir = LoadUnitDirectory(*ui.db, c.id, units, c.district);
        const std::string error = AddUnitAlias(*ui.db, c.id, dir, S.alias_unit, S.alias_text);
        S.alias_message = error.empty() ? "已添加：" + S.alias_text + " → " + S.alias_unit : error;
        if (error.empty()) S.alias_text.clear();
        S.townships_dirty = true;
    }
    MarkItem("aliases.add");
    if (!S.alias_message.empty()) {
        ColoredTextWrapped(kColorMuted, S.alias_message.c_str());
        MarkItem("aliases.message", S.alias_message.c_str());
    }
    std::string removed;
    if (!S.aliases.empty() &&
        ImGui::BeginTable("##aliases", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY,
                          ImVec2(fh * 27, ImGui::GetFrameHeight() * float(std::min<size_t>(S.aliases.size(), 8) + 1)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("别名", 0, fh * 14);
        ImGui::TableSetupColumn("单位", 0, fh * 8);
        ImGui::TableSetupColumn("", 0, fh * 3);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < S.aliases.size(); ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(S.aliases[i].alias.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(S.aliases[i].unit.c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("移除")) removed = S.aliases[i].alias;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!removed.empty()) {
        RemoveUnitAlias(*ui.db, c.id, removed);
        S.alias_message = "已移除别名“" + removed + "”";
        S.townships_dirty = true;
    }
}

void DrawTownshipsPanel(UiState& ui) {
    SettingsUi& S = *ui.settings_ui;
    if (S.townships_dirty) ReadTownships(ui, S);
    const float fh = ImGui::GetFontSize();
    ImGui::TextUnformatted("添加乡镇");
    ImGui::InputTextMultiline("##townships_text", &S.townships_text, ImVec2(std::min(fh * 24, ImGui::GetContentRegionAvail().x), fh * 5),
                              ImGuiInputTextFlags_WordWrap);
    MarkItem("townships.text", S.townships_text.c_str());
    ColoredTextWrapped(kColorMuted, "每行一个，或用顿号、逗号隔开；可以从 Excel 复制一列粘贴进来。已有的名称会跳过。"
                                    "导入村名单时，表中的乡镇也会加进来。");
    if (ImGui::Button("添加")) {
        AddTownshipsResult r = AddTownships(*ui.db, ui.ledger->campaign.id, S.townships_text);
        S.townships_message = "添加了 " + std::to_string(r.added.size()) + " 个乡镇";
        if (!r.already_listed.empty()) S.townships_message += "；已有：" + JoinList(r.already_listed);
        if (!r.added.empty()) S.townships_text.clear();
        S.townships_dirty = true;
    }
    MarkItem("townships.add");
    if (!S.townships_message.empty()) {
        ColoredTextWrapped(kColorMuted, S.townships_message.c_str());
        MarkItem("townships.message", S.townships_message.c_str());
    }

    ImGui::Spacing();
    char head[96];
    std::snprintf(head, sizeof head, "乡镇（街道）：%zu 个", S.townships.size());
    ImGui::TextUnformatted(head);
    MarkItem("townships.count", head);
    std::string removed;
    if (!S.townships.empty() &&
        ImGui::BeginTable("##townships", 3,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY,
                          ImVec2(fh * 21 + ImGui::GetStyle().ScrollbarSize + ImGui::GetStyle().CellPadding.x * 6, ImGui::GetFrameHeight() * float(std::min<size_t>(S.townships.size(), 10) + 1)))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("乡镇", 0, fh * 10);
        ImGui::TableSetupColumn("已登记的村", 0, fh * 6);
        ImGui::TableSetupColumn("", 0, fh * 3.5f);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < S.townships.size(); ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(S.townships[i].c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", S.township_villages[i]);
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("移除")) removed = S.townships[i];
            MarkItem(("townships.remove." + S.townships[i]).c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (!removed.empty()) {
        std::string error = RemoveTownship(*ui.db, ui.ledger->campaign.id, removed);
        S.townships_message = error.empty() ? "已移除" + removed + "（它的村和农户仍保留）" : error;
        S.townships_dirty = true;
    }

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const Campaign& c = ui.ledger->campaign;
    ImGui::Text("区直单位：%zu 个（文件所列，随活动内置）", c.departments.size());
    ColoredTextWrapped(kColorMuted, JoinList(c.departments).c_str());

    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawAliases(ui, S);
}

}  // namespace htk::ui
