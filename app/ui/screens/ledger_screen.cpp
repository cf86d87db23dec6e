// ledger_screen.cpp — 整改台账: toolbar, filters, the table and the editor,
// and the screen's keyboard shortcuts.

#include "screens.h"

#include "ledger/ledger_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "keys.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace htk::ui {
namespace {

// Milliseconds of filtering per frame, of the ~16 a frame may take: the rest
// of the frame needs 4-6 (building the table, drawing it). A fresh search of
// a large ledger is spread over a few frames (docs/PERFORMANCE.md).
constexpr double kFilterBudgetMs = 7.0;

bool Key(int key_code) { return DomKeyPressed(key_code, false); }
bool KeyRepeat(int key_code) { return DomKeyPressed(key_code, true); }

void Shortcuts(LedgerUi& L, const Settings& s, TaskRunner& tasks) {
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
    const bool ctrl = io.KeyCtrl, shift = io.KeyShift, alt = io.KeyAlt;
    if (ctrl && !shift && Key('E')) ExportXlsx(L, s, tasks);
    if (ctrl && shift && Key('E')) ExportCsv(L, s);
    if (InDisabledBlock()) return;  // read-only: exports only
    if (ctrl && !shift && Key('F')) L.focus_search = true;
    if (ctrl && Key('D')) DuplicateSelected(L, s);
    if ((alt && Key('N')) || (!io.WantTextInput && Key(45))) StartNewProblem(L, s);  // Alt+N, Insert
    if (io.WantTextInput) {
        if (Key(27) && L.editing && L.draft.id == 0) CloseEditor(L, s);
        return;  // the rest belong to the text field
    }
    if (ctrl && !shift && Key('Z')) UndoLedger(L, s);
    if (ctrl && (Key('Y') || (shift && Key('Z')))) RedoLedger(L, s);
    if (Key(46) && L.selected) L.confirm_delete = true;  // Delete
    if (Key(27) && L.editing) CloseEditor(L, s);
    // Up/Down move the selection through the table's current order (with a
    // keyboard focus shown they move the focus, and a row's selection follows it).
    if (!ClaimKeys("ledger.rows", {ImGuiKey_UpArrow, ImGuiKey_DownArrow})) return;
    int step = KeyRepeat(40) ? 1 : KeyRepeat(38) ? -1 : 0;
    if (step) {
        const auto& rows = L.view.Order();
        if (!rows.empty()) {
            int at = -1;
            for (size_t i = 0; i < rows.size(); ++i)
                if (rows[i]->id == L.selected) at = int(i);
            int next = at < 0 ? 0 : std::max(0, std::min(int(rows.size()) - 1, at + step));
            SelectProblem(L, s, rows[size_t(next)]->id);
            L.scroll_to_selected = true;
        }
    }
}

void Toolbar(LedgerUi& L, const Settings& s, TaskRunner& tasks) {
    auto button = [](const char* label, const char* tip, const char* mark) {
        bool pressed = ImGui::Button(label);
        Tooltip(tip);
        MarkItem(mark);
        ImGui::SameLine();
        return pressed;
    };
    if (button("新增", "新增问题（Alt+N 或 Insert）", "ledger.new")) StartNewProblem(L, s);
    if (button("复制", "复制选中的问题为新问题（Ctrl+D）", "ledger.duplicate")) DuplicateSelected(L, s);
    if (button("删除", "删除选中的问题（Delete，可撤销）", "ledger.delete") && L.selected) L.confirm_delete = true;
    ImGui::BeginDisabled(!L.store.CanUndo());
    if (button("撤销", "撤销上一步（Ctrl+Z）", "ledger.undo")) UndoLedger(L, s);
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!L.store.CanRedo());
    if (button("重做", "重做（Ctrl+Y）", "ledger.redo")) RedoLedger(L, s);
    ImGui::EndDisabled();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    if (button("导入…", "导入 Excel（.xlsx）或 CSV 台账（Ctrl+O，也可把文件拖到页面上）", "ledger.import"))
        platform::OpenFilePicker();
    if (button("导出 Excel", "导出官方格式的整改台账（Ctrl+E）", "ledger.export")) ExportXlsx(L, s, tasks);
    if (button("导出 CSV", "导出 CSV（Ctrl+Shift+E）", "ledger.export_csv")) ExportCsv(L, s);
    ImGui::Checkbox("含扩展列", &L.export_extended);
    Tooltip("导出时在官方七列后加上责任领导、原因分析、整改进度、落实效果和整改状态");
    ImGui::SameLine();
    ImGui::Checkbox("CSV 用 GB18030", &L.csv_gb18030);
    Tooltip("默认 UTF-8（带 BOM，Excel 可直接打开）；老旧软件需要时选 GB18030");
    ImGui::SameLine();
    if (ImGui::Button("快捷键 (F1)")) L.show_help = true;
    MarkItem("ledger.help");
}

}  // namespace

void DrawLedgerFilters(LedgerUi& L) {
    LedgerFilter f = L.filter;
    const float fh = ImGui::GetFontSize();
    auto combo = [&](const char* id, const char* any, std::string* value, const std::vector<std::pair<std::string, std::string>>& options, float width) {
        ImGui::SetNextItemWidth(width * fh);
        std::string shown = any;
        for (auto& o : options)
            if (o.first == *value) shown = o.second;
        if (ImGui::BeginCombo(id, shown.c_str())) {
            if (ImGui::Selectable(any, value->empty())) value->clear();
            for (auto& o : options)
                if (ImGui::Selectable(o.second.c_str(), o.first == *value)) *value = o.first;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
    };
    std::vector<std::pair<std::string, std::string>> areas, natures, statuses;
    for (const Area& a : L.campaign.areas) areas.emplace_back(a.name, a.name);
    for (const std::string& n : L.campaign.natures) natures.emplace_back(n, n);
    for (ProblemStatus s : {ProblemStatus::kOpen, ProblemStatus::kInProgress, ProblemStatus::kDone})
        statuses.emplace_back(StatusCode(s), StatusLabel(s));
    if (L.show_reporting_unit) {
        if (L.reporting_units_version != L.view.version()) {
            std::set<std::string> units;
            for (const Problem& p : L.view.rows()) units.insert(p[ProblemField::kReportingUnit]);
            L.reporting_units.assign(units.begin(), units.end());
            L.reporting_units_version = L.view.version();
        }
        std::vector<std::pair<std::string, std::string>> units;
        for (const std::string& u : L.reporting_units)
            if (!u.empty()) units.emplace_back(u, u);
        combo("##f_reporting", "全部填报单位", &f.reporting_unit, units, 7.0f);
        MarkItem("ledger.filter_unit", f.reporting_unit.c_str());
    }
    combo("##f_area", "全部问题类型", &f.area, areas, 7.5f);
    combo("##f_nature", "全部性质", &f.nature, natures, 5.5f);
    combo("##f_status", "全部状态", &f.status, statuses, 5.5f);
    std::string warning = f.warning < 0 ? "" : std::to_string(f.warning);
    combo("##f_warning", "全部预警", &warning,
          {{std::to_string(int(Warning::kRed)), "超期（红）"}, {std::to_string(int(Warning::kYellow)), "临期（黄）"},
           {std::to_string(int(Warning::kNone)), "无预警"}},
          5.5f);
    f.warning = warning.empty() ? -1 : std::stoi(warning);
    ImGui::SetNextItemWidth(7 * fh);
    ImGui::InputTextWithHint("##f_unit", "责任单位", &f.resp_unit);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(14 * fh);
    if (L.focus_search) {
        ImGui::SetKeyboardFocusHere();
        L.focus_search = false;
    }
    ImGui::InputTextWithHint("##f_text", "搜索问题表述、整改措施 (Ctrl+F)", &f.text);
    if (ImGui::IsItemActivated()) L.view.PrepareTextSearch();
    MarkItem("ledger.search", f.text.c_str());
    if (f.any()) {
        ImGui::SameLine();
        if (ImGui::Button("清除筛选")) f = LedgerFilter{};
    }
    if (f.text != L.filter.text) {  // for the benchmark: when the app saw the keystroke, and when it settled
        platform::Mark("htk-search-changed");
        L.search_settle_mark = true;
    }
    L.filter = f;
    L.view.SetFilter(f);
}


void DrawLedgerScreen(UiState& ui) {
    LedgerUi& L = *ui.ledger;
    const Settings& s = ui.settings;
    L.settings = &s;
    L.show_reporting_unit = s.role == Role::kDistrictOffice;  // the district's ledger is every unit's
    EnsureLedgerLoaded(L);
    L.view.SetToday(platform::Today());

    ScreenTitle("整改台账", L.campaign.ledger_title.c_str());
    Toolbar(L, s, ui.tasks);
    DrawLedgerFilters(L);
    // A slice of the filtering per frame: typing stays smooth on any ledger;
    // the table fills in over the next frames.
    const size_t shown = L.view.Refresh(kFilterBudgetMs).size();
    const bool filtering = L.view.pending();
    if (filtering) platform::KeepDrawing();
    if (!filtering && L.search_settle_mark) {
        platform::MarkAfterFrame("htk-search-settled");
        L.search_settle_mark = false;
    }
    char count[128];
    std::snprintf(count, sizeof count, "共 %zu 条问题%s", L.view.total(),
                  filtering        ? ("，正在筛选…已找到 " + std::to_string(shown) + " 条").c_str()
                  : L.filter.any() ? ("，筛选后 " + std::to_string(shown) + " 条").c_str()
                                   : "");
    ImGui::TextDisabled("%s", count);
    MarkItem("ledger.count", count);
    if (!L.editing && L.view.total() > 0 && ImGui::GetTime() >= L.message.until) {
        ImGui::SameLine(0, 24);
        ImGui::TextDisabled("点选一行即可编辑，Alt+N 新增");
    }
    DrawMessage(L.message, "ledger.message");

    // The editor takes room only while a problem is open; its width is the
    // user's (drag the bar between), within what leaves the table readable.
    const float avail = ImGui::GetContentRegionAvail().x, fh = ImGui::GetFontSize();
    const float splitter_w = 8;
    float editor_w = 0;
    if (L.editing) {
        if (L.editor_width <= 0) L.editor_width = std::clamp(avail * 0.28f, fh * 15, fh * 24);
        L.editor_width = std::clamp(L.editor_width, std::min(fh * 14, avail * 0.5f), avail * 0.6f);
        editor_w = L.editor_width;
    }
    ImGui::BeginChild("##table", ImVec2(L.editing ? avail - editor_w - splitter_w : 0, 0), ImGuiChildFlags_NavFlattened);
    if (L.view.total() == 0) {
        ImGui::Spacing();
        ImGui::TextWrapped("台账还是空的。点“新增”（Alt+N）逐条登记，或“导入…”（Ctrl+O）读入已有的 Excel/CSV 台账，"
                           "也可以从 Excel/WPS 复制多行后在这里按 Ctrl+V 粘贴。");
    } else {
        DrawLedgerTable(L);
    }
    ImGui::EndChild();
    if (L.editing) {
        ImGui::SameLine(0, 0);
        ImGui::InvisibleButton("##editor_splitter", ImVec2(splitter_w, std::max(1.0f, ImGui::GetContentRegionAvail().y)));
        if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        if (ImGui::IsItemActive()) L.editor_width -= ImGui::GetIO().MouseDelta.x;
        Tooltip("拖动可调整编辑区宽度");
        ImGui::SameLine(0, 0);
        ImGui::BeginChild("##editor", ImVec2(0, 0), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
        DrawLedgerEditor(L, s);
        ImGui::EndChild();
    }

    std::string pasted;
    if (platform::TakePastedText(&pasted) && !InDisabledBlock()) ReceivePaste(L, s, pasted);
    DrawLedgerDialogs(L, s, ui.tasks);
    Shortcuts(L, s, ui.tasks);
}

}  // namespace htk::ui
