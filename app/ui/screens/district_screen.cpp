// district_screen.cpp — 区级汇总: the district office merges every unit's
// files, tracks who reported, ranks the units, samples spot checks and
// issues the 通报. The tabs live in ui/district.

#include "screens.h"

#include "district/district_ui.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>

namespace htk::ui {

void DrawDistrictScreen(UiState& ui) {
    DistrictUi& D = *ui.district;
    ScreenTitle("区级汇总", "汇总各乡镇、区直单位报送的整改台账，跟踪报送情况，抽查并通报");
    if (ui.settings.role != Role::kDistrictOffice) {
        ColoredTextWrapped(kColorYellow, "本栏目供区办使用。在“设置”中把角色改为“区办”后，拖入或导入（Ctrl+O）的台账文件"
                                         "会作为各单位报送的文件汇总到这里。");
        if (ImGui::Button("去设置")) ui.section = Section::kSettings;
        return;
    }
    RefreshDistrict(ui);
    ui.ledger->show_reporting_unit = true;

    if (ImGui::Button("导入各单位台账…")) platform::OpenFilePicker();
    Tooltip("可一次选择多个 Excel/CSV 文件（Ctrl+O），也可把文件拖到页面上");
    MarkItem("district.import");
    ImGui::SameLine();
    char line[256];
    int reported = 0;
    for (size_t u = 0; u < D.reporting.units.size(); ++u) {
        bool any = false;
        for (const ReportCell& c : D.reporting.cells[u]) any = any || c.files > 0;
        reported += any;
    }
    std::snprintf(line, sizeof line, "已收到 %zu 个文件，%d/%zu 个单位报送；全区问题 %d 个，已完成 %d 个（%s），超期 %d 个",
                  D.files.size(), reported, D.reporting.units.size(), D.total.problems, D.total.done,
                  D.total.problems ? Percent(D.total.completion).c_str() : "—", D.total.red);
    ImGui::TextUnformatted(line);
    MarkItem("district.overview", line);
    // The last import, file removed or moved (and any ledger edit) can be
    // taken back here as in 整改台账 (Ctrl+Z there).
    if (ui.ledger->store.CanUndo()) {
        ImGui::SameLine(0, 16);
        const std::string undo = "撤销：" + ui.ledger->store.UndoLabel();
        if (ImGui::SmallButton(undo.c_str())) {
            const std::string label = ui.ledger->store.UndoLabel();
            UndoLedger(*ui.ledger, ui.settings);
            ShowDistrictMessage(D, "已撤销：" + label);
        }
        MarkItem("district.undo", undo.c_str());
    }
    DrawMessage(D.message, "district.message", true);

    if (ImGui::BeginTabBar("##district")) {
        auto tab = [&](const char* label, const char* mark, bool select = false) {
            const bool open = ImGui::BeginTabItem(label, nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
            MarkItem(mark);
            return open;
        };
        if (tab("报送情况", "district.tab.reporting")) {
            DrawReportingTab(ui);
            ImGui::EndTabItem();
        }
        const bool to_ledger = D.show_unit_ledger;
        D.show_unit_ledger = false;
        if (tab("合并台账", "district.tab.ledger", to_ledger)) {
            DrawMergedLedgerTab(ui);
            ImGui::EndTabItem();
        }
        if (tab("单位统计与排名", "district.tab.units")) {
            DrawUnitStatsTab(ui);
            ImGui::EndTabItem();
        }
        if (tab("抽查", "district.tab.sample")) {
            DrawSpotCheckTab(ui);
            ImGui::EndTabItem();
        }
        if (tab("通报与汇总表", "district.tab.bulletin")) {
            DrawBulletinTab(ui);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    DrawSampleDialog(ui);
    DrawMissedDialog(ui);
    DrawDistrictImportDialog(ui);
}

}  // namespace htk::ui
