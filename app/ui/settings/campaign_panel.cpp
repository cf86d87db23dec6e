// 活动与阶段: the current campaign's name, ledger title and phase dates, and
// the campaigns kept here (switch, or start the next round from this one).
#include "settings_ui.h"

#include "app_ui.h"
#include "domain/campaign_setup.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace htk::ui {

static void FillFromCampaign(SettingsUi& S, const Campaign& c) {
    S.name = c.name;
    S.ledger_title = c.ledger_title;
    S.phase_start.clear();
    S.phase_end.clear();
    for (const Phase& p : c.phases) {
        S.phase_start.push_back(FormatIso(p.start));
        S.phase_end.push_back(FormatIso(p.end));
    }
    S.loaded_for = c.id;
}

// Parses the typed dates; "" or why not.
static std::string ReadPhases(const SettingsUi& S, const Campaign& c, std::vector<Phase>* out) {
    *out = c.phases;
    for (size_t i = 0; i < out->size(); ++i) {
        for (bool start : {true, false}) {
            const std::string& typed = start ? S.phase_start[i] : S.phase_end[i];
            DateParse d = ParseDate(typed, c.Year());
            if (!d.ok) return (*out)[i].name + (start ? "的开始日期：" : "的结束日期：") + d.error;
            (start ? (*out)[i].start : (*out)[i].end) = d.date;
        }
    }
    return "";
}

static void DrawCampaignInfo(UiState& ui, SettingsUi& S) {
    const Campaign& c = ui.ledger->campaign;
    if (S.loaded_for != c.id) FillFromCampaign(S, c);
    const float fh = ImGui::GetFontSize();
    const float wide = std::min(fh * 36, ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted("活动名称");
    ImGui::SetNextItemWidth(wide);
    ImGui::InputText("##campaign_name", &S.name);
    MarkItem("campaign.name", S.name.c_str());
    ImGui::TextUnformatted("整改台账标题");
    ImGui::SetNextItemWidth(wide);
    ImGui::InputText("##ledger_title", &S.ledger_title);
    MarkItem("campaign.ledger_title", S.ledger_title.c_str());
    Tooltip("导出的整改台账第一行的标题");

    ImGui::Spacing();
    if (ImGui::BeginTable("##phases", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("阶段", 0, fh * 6);
        ImGui::TableSetupColumn("开始日期", 0, fh * 8);
        ImGui::TableSetupColumn("结束日期", 0, fh * 8);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < c.phases.size() && i < S.phase_start.size(); ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.phases[i].name.c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("##start", &S.phase_start[i]);
            MarkItem(("campaign.phase." + c.phases[i].code + ".start").c_str(), S.phase_start[i].c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("##end", &S.phase_end[i]);
            MarkItem(("campaign.phase." + c.phases[i].code + ".end").c_str(), S.phase_end[i].c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ColoredTextWrapped(kColorMuted, "日期写到日，如 2022-06-02 或 2022年6月2日。周报按“排查整改”阶段分周，"
                                    "问题的默认完成时限是该阶段的最后一天。");
    if (ImGui::Button("保存活动信息")) {
        CampaignInfoEdit edit{S.name, S.ledger_title, {}};
        std::string error = ReadPhases(S, c, &edit.phases);
        if (error.empty()) error = SaveCampaignInfo(*ui.db, c.id, edit);
        S.info_error = !error.empty();
        S.info_message = S.info_error ? error : "已保存活动信息";
        if (!S.info_error) ui.switch_campaign = c.id;  // every screen reads the campaign again
    }
    MarkItem("campaign.save");
    ImGui::SameLine();
    if (ImGui::Button("恢复为已保存的内容")) {
        FillFromCampaign(S, c);
        S.info_message.clear();
    }
    if (!S.info_message.empty()) {
        ColoredTextWrapped(S.info_error ? kColorRed : kColorGreen, S.info_message.c_str());
        MarkItem("campaign.message", S.info_message.c_str());
    }
}

static void DrawCampaignList(UiState& ui, SettingsUi& S) {
    const int64_t current = ui.ledger->campaign.id;
    ImGui::TextUnformatted("本机保存的活动");
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
    ImGui::Spacing();
    ColoredTextWrapped(kColorMuted, "新一轮“回头看”：复制本轮的排查要点、问题类型和单位，各阶段日期顺延一年；"
                                    "不复制问题、排查记录和周报。");
    const float fh = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fh * 7);
    ImGui::InputTextWithHint("##next_code", "编号，如 2023-1", &S.next_code);
    MarkItem("campaign.next_code");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fh * 22);
    ImGui::InputTextWithHint("##next_name", "名称，如 建安区 2023 年度第一轮……“回头看”", &S.next_name);
    MarkItem("campaign.next_name");
    ImGui::SameLine();
    if (ImGui::Button("从本轮创建新一轮")) {
        if (int64_t id = CreateNextCampaign(*ui.db, current, S.next_code, S.next_name, &S.next_error)) {
            ui.switch_campaign = id;
            S.next_code.clear();
            S.next_name.clear();
            S.next_error.clear();
        }
    }
    MarkItem("campaign.create_next");
    if (!S.next_error.empty()) {
        ColoredTextWrapped(kColorRed, S.next_error.c_str());
        MarkItem("campaign.error", S.next_error.c_str());
    }
}

void DrawCampaignPanel(UiState& ui) {
    SettingsUi& S = *ui.settings_ui;
    DrawCampaignInfo(ui, S);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawCampaignList(ui, S);
}

}  // namespace htk::ui
