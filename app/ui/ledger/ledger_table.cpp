// ledger_table.cpp — the virtualised ledger table: official columns plus
// status and warning, sortable, one selectable row per problem.

#include "ledger_ui.h"

#include "test_marks.h"
#include "theme.h"

#include <imgui.h>

#include <string>

namespace htk::ui {
namespace {

struct TableColumn {
    const char* label;
    float width;  // in font heights; 0 = stretch
    SortColumn sort;
    ProblemField field;
};

const TableColumn kColumns[] = {
    {"序号", 2.4f, SortColumn::kEntry, ProblemField::kArea},
    {"填报单位", 5.6f, SortColumn::kField, ProblemField::kReportingUnit},  // the district's merged ledger only
    {"问题类型", 6.2f, SortColumn::kField, ProblemField::kArea},
    {"性质", 4.4f, SortColumn::kField, ProblemField::kNature},
    {"问题表述", 0, SortColumn::kField, ProblemField::kDescription},
    {"整改措施", 0, SortColumn::kField, ProblemField::kMeasures},
    {"完成时限", 5.4f, SortColumn::kField, ProblemField::kDeadline},
    {"责任单位", 5.6f, SortColumn::kField, ProblemField::kRespUnits},
    {"状态", 3.4f, SortColumn::kField, ProblemField::kStatus},
    {"预警", 2.6f, SortColumn::kWarning, ProblemField::kArea},
};
constexpr int kColumnCount = int(sizeof(kColumns) / sizeof(kColumns[0]));

// First line of a cell's text (the table shows one line per row).
std::string FirstLine(const std::string& s) {
    size_t nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl) + " …";
}

ImU32 WarningColor(Warning w) {
    switch (w) {
        case Warning::kRed: return IM_COL32(254, 202, 202, 255);
        case Warning::kYellow: return IM_COL32(254, 240, 138, 255);
        default: return 0;
    }
}

}  // namespace

void DrawLedgerTable(LedgerUi& L) {
    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                            ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable | ImGuiTableFlags_Sortable |
                            ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##ledger", kColumnCount, flags)) return;
    const float fh = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < kColumnCount; ++c) {
        const TableColumn& col = kColumns[c];
        ImGuiTableColumnFlags cf = col.width > 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch;
        if (c == 0) cf |= ImGuiTableColumnFlags_DefaultSort;
        if (c == 1 && !L.show_reporting_unit) cf |= ImGuiTableColumnFlags_Disabled;
        ImGui::TableSetupColumn(col.label, cf, col.width > 0 ? col.width * fh : 1.0f, ImGuiID(c));
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
            const TableColumn& col = kColumns[s.ColumnUserID];
            L.view.SetSort(col.sort, col.field, s.SortDirection != ImGuiSortDirection_Descending);
            specs->SpecsDirty = false;
        }
    }
    const auto& rows = L.view.Current();  // refreshed by the screen this frame
    if (L.scroll_to_selected) {
        L.scroll_to_selected = false;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows[i]->id == L.selected) {
                float y = float(i) * ImGui::GetFrameHeight();
                if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() * 0.8f)
                    ImGui::SetScrollY(y - ImGui::GetWindowHeight() * 0.4f);
                break;
            }
    }

    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()), ImGui::GetFrameHeight());
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Problem& p = *rows[size_t(i)];
            ImGui::TableNextRow(0, ImGui::GetFrameHeight());
            ImGui::PushID(int(p.id));
            Warning w = WarningFor(p, L.view.today());
            // 序号 cell holds the row's selectable, spanning every column.
            ImGui::TableSetColumnIndex(0);
            char seq[16];
            std::snprintf(seq, sizeof seq, "%d", i + 1);
            bool selected = p.id == L.selected;
            if (ImGui::Selectable(seq, selected, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, ImGui::GetFrameHeight() - ImGui::GetStyle().CellPadding.y * 2)))
                SelectProblem(L, *L.settings, p.id);
            if (i < 50) {
                char id[24];
                std::snprintf(id, sizeof id, "ledger.row.%d", i);
                MarkItem(id, p[ProblemField::kDescription].c_str());
            }
            if (L.show_reporting_unit) {
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(p[ProblemField::kReportingUnit].c_str());
            }
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(p[ProblemField::kArea].c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(p[ProblemField::kNature].c_str());
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(FirstLine(p[ProblemField::kDescription]).c_str());
            if (ImGui::IsItemHovered() && !p[ProblemField::kDescription].empty()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(fh * 30);
                ImGui::TextUnformatted(p[ProblemField::kDescription].c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::TableSetColumnIndex(5);
            ImGui::TextUnformatted(FirstLine(p[ProblemField::kMeasures]).c_str());
            ImGui::TableSetColumnIndex(6);
            ImGui::TextUnformatted(p[ProblemField::kDeadline].c_str());
            ImGui::TableSetColumnIndex(7);
            ImGui::TextUnformatted(p[ProblemField::kRespUnits].c_str());
            ImGui::TableSetColumnIndex(8);
            ProblemStatus st = p.status();
            ImGui::PushStyleColor(ImGuiCol_Text, st == ProblemStatus::kDone ? kColorGreen
                                                 : st == ProblemStatus::kInProgress ? kColorYellow
                                                                                    : ImGui::GetColorU32(ImGuiCol_Text));
            ImGui::TextUnformatted(StatusLabel(st));
            ImGui::PopStyleColor();
            ImGui::TableSetColumnIndex(9);
            if (w != Warning::kNone) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, WarningColor(w));
                ImGui::TextUnformatted(WarningLabel(w));
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace htk::ui
