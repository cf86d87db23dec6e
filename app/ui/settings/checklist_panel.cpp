// 排查要点: the campaign's check points by area, in the document's wording.
// A point's words can be changed; points can be added to an area, and removed
// until something has been screened against them.
#include "settings_ui.h"

#include "app_ui.h"
#include "domain/campaign_setup.h"
#include "ledger/ledger_ui.h"
#include "rules/text.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

namespace htk::ui {

static const char* kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// The short-name and wording fields of the point being edited or added.
static void PointFields(SettingsUi& S, float fh) {
    ImGui::SetNextItemWidth(fh * 8);
    ImGui::InputTextWithHint("##short", "简称", &S.point_short);
    MarkItem("checklist.edit.short", S.point_short.c_str());
    WrappedTextField("##text", &S.point_text, -1, 3, 6);
    MarkItem("checklist.edit.text", S.point_text.c_str());
}

static void StopEditing(SettingsUi& S) {
    S.editing_point = 0;
    S.adding_area = 0;
    S.point_short.clear();
    S.point_text.clear();
    S.point_error.clear();
}

void DrawChecklistPanel(UiState& ui) {
    SettingsUi& S = *ui.settings_ui;
    const Campaign& c = ui.ledger->campaign;
    const float fh = ImGui::GetFontSize();
    size_t total = 0;
    for (const Area& a : c.areas) total += a.points.size();
    char head[128];
    std::snprintf(head, sizeof head, "%zu 个方面，%zu 条排查要点", c.areas.size(), total);
    ImGui::TextUnformatted(head);
    MarkItem("checklist.count", head);
    ColoredTextWrapped(kColorMuted, "入户排查按这些要点逐户（村级要点逐村）填写。可以修改文字、增加要点；"
                                    "已经有排查记录的要点不能删除。修改后各页面立即使用新的内容。");
    if (!S.point_error.empty()) {
        ColoredTextWrapped(kColorRed, S.point_error.c_str());
        MarkItem("checklist.error", S.point_error.c_str());
    }
    bool changed = false;
    for (size_t ai = 0; ai < c.areas.size(); ++ai) {
        const Area& a = c.areas[ai];
        char label[160];
        std::snprintf(label, sizeof label, "%s、%s（%zu 条）###area%lld", ai < 10 ? kChineseNumbers[ai] : "",
                      a.section_title.empty() ? a.name.c_str() : a.section_title.c_str(), a.points.size(),
                      static_cast<long long>(a.id));
        const bool open = ImGui::CollapsingHeader(label);
        MarkItem(("checklist.area." + std::to_string(ai + 1)).c_str());
        if (!open) continue;
        ImGui::PushID(int(a.id));
        ColoredTextWrapped(kColorMuted, ("牵头单位：" + JoinList(a.lead_units)).c_str());
        if (ImGui::BeginTable("##points", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("序号", ImGuiTableColumnFlags_WidthFixed, fh * 2.5f);
            ImGui::TableSetupColumn("简称", ImGuiTableColumnFlags_WidthFixed, fh * 9);
            ImGui::TableSetupColumn("排查内容", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("范围", ImGuiTableColumnFlags_WidthFixed, fh * 7.5f);
            ImGui::TableHeadersRow();
            for (const CheckPoint& p : a.points) {
                ImGui::PushID(int(p.id));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%d", p.no);
                const bool editing = S.editing_point == p.id;
                ImGui::TableNextColumn();
                if (editing) {
                    ImGui::TableNextColumn();
                    PointFields(S, fh);
                    if (ImGui::SmallButton("保存")) {
                        S.point_error = SaveCheckPointText(*ui.db, p.id, S.point_short, S.point_text);
                        if (S.point_error.empty()) {
                            StopEditing(S);
                            changed = true;
                        }
                    }
                    MarkItem("checklist.edit.save");
                    ImGui::SameLine();
                    if (ImGui::SmallButton("取消")) StopEditing(S);
                } else {
                    ImGui::TextWrapped("%s", p.short_name.c_str());
                    ImGui::TableNextColumn();
                    ImGui::TextWrapped("%s", p.text.c_str());
                    MarkItem(("checklist.point." + std::to_string(p.id)).c_str(), p.text.c_str());
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(p.scope == "village" ? "村级" : "入户");
                if (!editing) {
                    ImGui::SameLine();
                    if (ImGui::SmallButton("修改")) {
                        StopEditing(S);
                        S.editing_point = p.id;
                        S.point_short = p.short_name;
                        S.point_text = p.text;
                    }
                    MarkItem(("checklist.edit." + std::to_string(p.id)).c_str());
                    ImGui::SameLine();
                    if (ImGui::SmallButton("删除")) {
                        S.point_error = RemoveCheckPoint(*ui.db, p.id);
                        if (S.point_error.empty()) changed = true;
                    }
                    MarkItem(("checklist.remove." + std::to_string(p.id)).c_str());
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        if (S.adding_area == a.id) {
            ImGui::TextUnformatted("新要点");
            PointFields(S, fh);
            ImGui::Checkbox("村级要点（按村排查，不按户）", &S.point_village);
            if (ImGui::Button("添加")) {
                if (AddCheckPoint(*ui.db, a.id, S.point_short, S.point_text,
                                  S.point_village ? "village" : "household", &S.point_error)) {
                    StopEditing(S);
                    changed = true;
                }
            }
            MarkItem("checklist.add.save");
            ImGui::SameLine();
            if (ImGui::Button("取消")) StopEditing(S);
        } else if (ImGui::SmallButton("添加要点")) {
            StopEditing(S);
            S.adding_area = a.id;
            S.point_village = false;
        }
        MarkItem(("checklist.add." + std::to_string(ai + 1)).c_str());
        ImGui::PopID();
    }
    if (changed) ui.switch_campaign = c.id;  // screens read the campaign again between frames
}

}  // namespace htk::ui
