// ledger_table.cpp — the virtualised ledger table: official columns plus
// status and warning, sortable, one selectable row per problem.

#include "ledger_ui.h"

#include "domain/problem_rules.h"

#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace htk::ui {
namespace {

struct TableColumn {
    const char* label;
    float stretch;  // weight of the width left over; 0 = as wide as its content needs
    SortColumn sort;
    ProblemField field;
};

// The two columns an official reads get the width; the others take what
// their content needs (computed from the text, so at any zoom).
const TableColumn kColumns[] = {
    {"序号", 0, SortColumn::kEntry, ProblemField::kArea},
    {"填报单位", 0, SortColumn::kField, ProblemField::kReportingUnit},  // the district's merged ledger only
    {"问题类型", 0, SortColumn::kField, ProblemField::kArea},
    {"性质", 0, SortColumn::kField, ProblemField::kNature},
    {"问题表述", 1.0f, SortColumn::kField, ProblemField::kDescription},
    {"整改措施", 1.0f, SortColumn::kField, ProblemField::kMeasures},
    {"完成时限", 0, SortColumn::kField, ProblemField::kDeadline},
    {"责任单位", 0, SortColumn::kField, ProblemField::kRespUnits},  // wraps: “区卫健委、区医疗保障局” in three lines
    {"状态", 0, SortColumn::kField, ProblemField::kStatus},
    {"预警", 0, SortColumn::kWarning, ProblemField::kArea},
};
constexpr int kColumnCount = int(sizeof(kColumns) / sizeof(kColumns[0]));
constexpr int kColumnArea = 2, kColumnNature = 3, kColumnUnits = 7;

// Lines of 问题表述 and 整改措施 a row shows (the full text on hover).
constexpr int kRowLines = 3;

float TextWidth(const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; }

// Widths of the content-sized columns: the widest of the header (with its
// sort arrow) and the words the column can hold.
float FitWidth(const LedgerUi& L, int c, size_t row_count) {
    const float fh = ImGui::GetFontSize();
    float w = TextWidth(kColumns[c].label) + fh * 0.9f;
    auto fit = [&](const std::string& s) { w = std::max(w, TextWidth(s)); };
    switch (c) {
        case 0: fit(std::string(std::to_string(row_count).size(), '0')); break;
        case 1: fit("陈曹乡人民政府"); break;
        case 2: for (const Area& a : L.campaign.areas) fit(a.name); break;
        case 3: for (const std::string& n : L.campaign.natures) fit(n); break;
        case 6: fit("2022-06-30"); break;
        case 7: fit("区住建局、"); break;
        case 8: fit("整改中"); break;
        case 9: fit("超期"); break;
        default: break;
    }
    return std::ceil(w);
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
                            ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
    const auto& rows = L.view.Current();  // refreshed by the screen this frame
    const float fh = ImGui::GetFontSize();
    // A narrow table (the editor open, 125 % zoom) drops 性质 — nearly
    // always 个性问题, and still a filter — before 问题表述 gets cramped;
    // narrower still, 问题类型 and 责任单位 too (the editor shows them for
    // the problem open, the filters find them).
    const float width_fonts = ImGui::GetContentRegionAvail().x / fh;
    const bool narrow = width_fonts < 52, narrower = width_fonts < 42;
    if (!ImGui::BeginTable("##ledger", kColumnCount, flags)) return;
    // The keyboard inside the table: the focus arriving on the table (Tab, or
    // an arrow from the filters) goes on to the selected row; arrows then move
    // it and the selection follows; Enter, Tab open the editor, Shift+Tab
    // goes back to the search box.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* rows_window = ImGui::GetCurrentWindow();
    const bool keyboard = ImGui::GetIO().NavVisible;
    bool focus_row = keyboard && g.NavId != 0 && g.NavId == rows_window->ChildId;
    if (keyboard && g.NavWindow == rows_window) {
        ImGui::SetKeyOwner(ImGuiKey_Tab, rows_window->ID);
        if (ImGui::IsKeyPressed(ImGuiKey_Tab, false)) {
            if (ImGui::GetIO().KeyShift) L.focus_search = true;
            else if (L.editing) L.focus_editor = true;
        }
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < kColumnCount; ++c) {
        const TableColumn& col = kColumns[c];
        ImGuiTableColumnFlags cf = col.stretch > 0 ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed;
        if (c == 0) cf |= ImGuiTableColumnFlags_DefaultSort;
        if (c == 1 && !L.show_reporting_unit) cf |= ImGuiTableColumnFlags_Disabled;
        if (c == kColumnNature && narrow) cf |= ImGuiTableColumnFlags_Disabled;
        if ((c == kColumnArea || c == kColumnUnits) && narrower) cf |= ImGuiTableColumnFlags_Disabled;
        ImGui::TableSetupColumn(col.label, cf, col.stretch > 0 ? col.stretch : FitWidth(L, c, rows.size()), ImGuiID(c));
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
    const float row_h = ImGui::GetTextLineHeight() * kRowLines + ImGui::GetStyle().CellPadding.y * 2;
    int64_t focus_id = 0;  // the row to take the focus; 0: the first one drawn
    if (focus_row)
        for (const Problem* p : rows)
            if (p->id == L.selected) {
                focus_id = p->id;
                L.scroll_to_selected = true;  // drawn, so focusable, from the next frame at the latest
            }
    if (L.scroll_to_selected) {
        L.scroll_to_selected = false;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows[i]->id == L.selected) {
                float y = float(i) * row_h;
                if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() * 0.8f)
                    ImGui::SetScrollY(y - ImGui::GetWindowHeight() * 0.4f);
                break;
            }
    }

    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Problem& p = *rows[size_t(i)];
            ImGui::TableNextRow(0, row_h);
            ImGui::PushID(int(p.id));
            Warning w = WarningFor(p, L.view.today());
            // 序号 cell holds the row's selectable, spanning every column.
            ImGui::TableSetColumnIndex(0);
            char seq[16];
            std::snprintf(seq, sizeof seq, "%d", i + 1);
            bool selected = p.id == L.selected;
            if (ImGui::Selectable(seq, selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_SelectOnNav,
                                  ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2))) {
                const bool pressed_key = g.NavActivateId == ImGui::GetItemID();  // Enter or Space on the row
                SelectProblem(L, *L.settings, p.id);
                if (pressed_key && L.editing) L.focus_editor = true;
            }
            if (focus_row && (focus_id == 0 || p.id == focus_id)) {
                ImGui::SetFocusID(ImGui::GetItemID(), rows_window);
                ImGui::SetNavCursorVisible(true);
                focus_row = false;
            }
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
            // Up to three wrapped lines each; the whole text on hover.
            for (int c : {4, 5}) {
                ImGui::TableSetColumnIndex(c);
                const std::string& text = p[kColumns[c].field];
                // A measure that is still a placeholder is marked for the unit to make it concrete.
                const std::string weak = c == 5 ? WeakMeasureReason(text) : std::string();
                if (!weak.empty()) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, WarningColor(Warning::kYellow));
                ClampedTextWrapped(text, ImGui::GetContentRegionAvail().x, kRowLines);
                WrappedTooltip(weak.empty() ? text : text + "\n\n【注意】" + weak);
            }
            ImGui::TableSetColumnIndex(6);
            ImGui::TextUnformatted(p[ProblemField::kDeadline].c_str());
            ImGui::TableSetColumnIndex(7);
            ClampedTextWrapped(p[ProblemField::kRespUnits], ImGui::GetContentRegionAvail().x, kRowLines);
            WrappedTooltip(p[ProblemField::kRespUnits], 20);
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
