// drift_ui.cpp — problems a unit's latest file no longer lists (drift.h),
// drawn in the import's summary and on a unit's page (合并台账 filtered to
// the unit): each with what it may have become, 并入 (merge into the reworded
// problem) or 保留 (keep it open), each undoable.

#include "district_ui.h"

#include "app_ui.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace htk::ui {
namespace {

const Problem* InLatest(const UnitDrift& d, int64_t id) {
    for (const Problem& p : d.new_in_latest)
        if (p.id == id) return &p;
    return nullptr;
}

void Merge(UiState& ui, int64_t old_id, int64_t into) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    EnsureLedgerLoaded(L);
    FlushDraft(L, ui.settings);
    std::string error;
    L.model.Write([&](LedgerStore& store) {
        std::vector<int64_t> ids;
        error = MergeDriftedProblem(*ui.db, store, old_id, into, MakeContext(ui.settings, "edit"), &ids);
        return ids;
    });
    if (!error.empty()) {
        ShowDistrictMessage(D, error, true);
        return;
    }
    AfterWrite(L, false);
    D.drift_into.erase(old_id);
    ShowDistrictMessage(D, "已并入改述后的问题，原问题不再计数（修改记录中两者都保留）。可在整改台账中按 Ctrl+Z 撤销");
}

void Keep(UiState& ui, int64_t id) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    EnsureLedgerLoaded(L);
    FlushDraft(L, ui.settings);
    std::string error;
    L.model.Write([&](LedgerStore& store) {
        error = KeepDriftedProblem(store, id, MakeContext(ui.settings, "edit"));
        return std::vector<int64_t>{};
    });
    if (!error.empty()) {
        ShowDistrictMessage(D, error, true);
        return;
    }
    AfterWrite(L, false);
    ShowDistrictMessage(D, "已保留该问题，照常计数。可在整改台账中按 Ctrl+Z 撤销");
}

}  // namespace

bool DrawDrift(UiState& ui, const std::vector<std::string>& units, const char* mark) {
    DistrictUi& D = *ui.district;
    const float fh = ImGui::GetFontSize();
    bool any = false;
    int row = 0, head = 0;
    for (const UnitDrift& d : D.drift) {
        if (!units.empty() && std::find(units.begin(), units.end(), d.unit) == units.end()) continue;
        any = true;
        const std::string heading = d.unit + "：" + DriftHeading(d) + "（“" + d.latest_file_name + "”）";
        ImGui::PushStyleColor(ImGuiCol_Text, kColorYellow);
        ImGui::TextWrapped("%s", heading.c_str());
        ImGui::PopStyleColor();
        char m[64];
        std::snprintf(m, sizeof m, "%s.head.%d", mark, head++);
        MarkItem(m, heading.c_str());
        ImGui::PushID(d.unit.c_str());
        if (ImGui::BeginTable("##drift", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn("以前报过的问题", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("状态", 0, fh * 3.4f);
            ImGui::TableSetupColumn("改述后的问题（本次台账中的新问题）", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("", 0, fh * 5.4f);
            ImGui::TableHeadersRow();
            for (const DriftProblem& m_ : d.missing) {
                const Problem& p = m_.problem;
                ImGui::PushID(int(p.id));
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextWrapped("%s", p[ProblemField::kDescription].c_str());
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(StatusLabel(p.status()));
                ImGui::TableSetColumnIndex(2);
                auto chosen = D.drift_into.find(p.id);
                const int64_t into = chosen != D.drift_into.end() ? chosen->second : m_.proposed;
                const Problem* target = InLatest(d, into);
                ImGui::SetNextItemWidth(-1);
                const std::string shown = target ? (*target)[ProblemField::kDescription] : "（不是改述，请选择或保留）";
                if (ImGui::BeginCombo("##into", shown.c_str())) {
                    for (const Problem& c : d.new_in_latest) {
                        const std::string label = c[ProblemField::kDescription] + (c.id == m_.proposed ? "（相近）" : "");
                        if (ImGui::Selectable(label.c_str(), c.id == into)) D.drift_into[p.id] = c.id;
                    }
                    ImGui::EndCombo();
                }
                if (m_.proposed && into == m_.proposed)
                    Tooltip("同一单位、所属村、问题类型和完成时限，表述相近：可能是同一问题改了表述");
                ImGui::TableSetColumnIndex(3);
                ImGui::BeginDisabled(!target);
                const bool merge = ImGui::SmallButton("并入");
                ImGui::EndDisabled();
                Tooltip("原问题并入改述后的问题：原问题不再计数，两者的修改记录都保留；可撤销");
                char mm[64];
                std::snprintf(mm, sizeof mm, "%s.merge.%d", mark, row);
                MarkItem(mm);
                ImGui::SameLine();
                const bool keep = ImGui::SmallButton("保留");
                Tooltip("问题仍在整改，照常计数，不再列出；可撤销");
                std::snprintf(mm, sizeof mm, "%s.keep.%d", mark, row);
                MarkItem(mm);
                std::snprintf(mm, sizeof mm, "%s.row.%d", mark, row);
                const std::string text = p[ProblemField::kDescription] + "→" + (target ? (*target)[ProblemField::kDescription] : "");
                MarkItem(mm, text.c_str());
                ++row;
                ImGui::PopID();
                if (merge && target) {
                    Merge(ui, p.id, into);
                    break;  // D.drift changes at the next refresh
                }
                if (keep) {
                    Keep(ui, p.id);
                    break;
                }
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
    return any;
}

}  // namespace htk::ui
