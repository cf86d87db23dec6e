// bulletin_ui.cpp — 通报与汇总: the 通报 as text (copied to the clipboard, or
// an xlsx with the ranking) and the district roll-up workbook.

#include "district_ui.h"

#include "app_ui.h"
#include "export_task.h"
#include "district/district_workbooks.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

namespace htk::ui {
namespace {

void Download(UiState& ui, LedgerWorkbook book, const char* document) {
    const std::string name = UnitFileName(OfficeName(ui), document, platform::Today(), ".xlsx");
    ExportXlsxFile(ui.tasks, std::move(book), name,
                   [&ui](const std::string& text, bool error) { ShowDistrictMessage(*ui.district, text, error); });
}

}  // namespace

std::string OfficeName(const UiState& ui) {
    if (!ui.settings.unit_name.empty()) return ui.settings.unit_name;
    return ui.ledger->campaign.office.empty() ? std::string("区办") : ui.ledger->campaign.office;
}

void ExportDistrictRollup(UiState& ui) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    const DistrictFileInfo info{OfficeName(ui), platform::Today(), platform::NowText()};
    Download(ui, DistrictRollupWorkbook(L.campaign, D.stats, D.total, L.view.rows(), info), "全区整改台账汇总");
}

void DrawBulletinTab(UiState& ui) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    if (ImGui::Button("复制通报文字")) {
        ImGui::SetClipboardText(D.bulletin_text.c_str());
        ShowDistrictMessage(D, "通报文字已复制，可粘贴到 WPS/Word 中排版");
    }
    MarkItem("district.bulletin.copy");
    ImGui::SameLine();
    if (ImGui::Button("导出通报 Excel")) {
        const DistrictFileInfo info{OfficeName(ui), platform::Today(), platform::NowText()};
        Download(ui, BulletinWorkbook(D.bulletin, L.campaign, info), "通报");
    }
    MarkItem("district.bulletin.export");
    ImGui::SameLine();
    if (ImGui::Button("导出全区汇总表 Excel")) ExportDistrictRollup(ui);
    Tooltip("一个工作簿：第一张“汇总”为各单位统计和排名，之后每个单位一张官方格式的整改台账");
    MarkItem("district.rollup.export");
    ColoredTextWrapped(kColorMuted, "点名规则：未完成问题不少于 3 个且达到各单位平均数的 1.5 倍（最多 5 个单位）；"
                                    "完成率低于全区 10 个百分点以上；有超期未完成问题；抽查发现问题（属实以外的结果）。");
    ImGui::Separator();
    ImGui::BeginChild("##bulletin", ImVec2(0, 0), ImGuiChildFlags_NavFlattened);
    const float width = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 46);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextUnformatted(D.bulletin.title.c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();
    for (const std::string& p : D.bulletin.paragraphs) {
        ImGui::TextUnformatted(p.c_str());
        ImGui::Spacing();
    }
    ImGui::PopTextWrapPos();
    MarkItem("district.bulletin.text", D.bulletin_text.c_str());
    ImGui::EndChild();
}

}  // namespace htk::ui
