// district_import.cpp — 汇入各单位台账: files dropped or chosen while the role is
// 区办 gather in one dialog (more may arrive while it is open), each with the
// unit and week it was attributed to and the rows it could not give; Enter
// merges them all in one step, Esc drops them. Then a summary of what each
// file added, updated, left unchanged or brought in conflict.

#include "district_ui.h"

#include "app_ui.h"
#include "dialogs.h"
#include "domain/household_import.h"
#include "domain/village_import.h"
#include "households/households_ui.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace htk::ui {

void ReceiveDistrictFile(UiState& ui, platform::OpenedFile&& file) {
    DistrictUi& D = *ui.district;
    RefreshDistrict(ui);
    platform::Mark("htk-district-read-start");
    auto task = std::make_unique<ReceivedFileTask>(file.name, std::move(file.bytes), file.modified, platform::NowText(),
                                                   ui.ledger->campaign, D.dir, ui.ledger->store);
    // Read on the task runner (a unit's 2,800 rows took a 70 ms frame); the
    // files chosen together follow one another, then the dialog shows them.
    StartTask(ui.tasks, "读取报送文件", std::move(task), [&ui](Task& t) {
        platform::Mark("htk-district-read-end");
        ReceivedFile f = static_cast<ReceivedFileTask&>(t).TakeFile();
        if (!f.error.empty() && IsHouseholdWorkbook(f.book)) {  // not a ledger: where it belongs
            ReceiveHouseholdWorkbook(ui, f.file_name, std::move(f.book));
            ui.section = Section::kScreening;
            return;
        }
        if (!f.error.empty() && IsVillageWorkbook(f.book)) {
            ReceiveVillageWorkbook(ui, f.file_name, f.book);
            ui.section = Section::kScreening;
            return;
        }
        DistrictUi& D = *ui.district;
        D.incoming.push_back(std::move(f));
        D.show_import = true;
        ui.section = Section::kDistrict;
    });
}

namespace {

bool Importable(const ReceivedFile& f) { return f.error.empty() && !f.unit.empty() && f.week_no > 0; }

void UnitCombo(DistrictUi& D, ReceivedFile& f, int i) {
    ImGui::SetNextItemWidth(-1);
    char id[32];
    std::snprintf(id, sizeof id, "##unit%d", i);
    const bool missing = f.unit.empty();
    const std::string shown = missing ? (f.unit_typed.empty() ? "请选择单位" : f.unit_typed + "？") : f.unit;
    if (missing) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
        ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(254, 226, 226, 255));
    }
    if (ImGui::BeginCombo(id, shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (missing) ImGui::PopStyleColor(2);
        for (const std::string& u : D.units) {
            if (ImGui::Selectable(u.c_str(), u == f.unit)) f.unit = u, f.unit_from = "手动选择", f.unit_note.clear();
            MarkItem(("district.import.pick." + u).c_str(), u.c_str());
        }
        ImGui::EndCombo();
    } else if (missing) {
        ImGui::PopStyleColor(2);
    }
    char mark[40];
    std::snprintf(mark, sizeof mark, "district.import.unit.%d", i);
    MarkItem(mark, (f.unit.empty() ? "缺少:" + f.unit_typed : f.unit).c_str());
}

void WeekCombo(DistrictUi& D, ReceivedFile& f, int i) {
    ImGui::SetNextItemWidth(-1);
    char id[32];
    std::snprintf(id, sizeof id, "##week%d", i);
    if (ImGui::BeginCombo(id, WeekLabel(f.week_no).c_str())) {
        for (int w : D.reporting.weeks)
            if (ImGui::Selectable(WeekLabel(w).c_str(), w == f.week_no)) f.week_no = w, f.week_from = "手动选择";
        ImGui::EndCombo();
    }
}

std::string Counts(const MergeCounts& c) {
    return "新增 " + std::to_string(c.added) + " 条，更新 " + std::to_string(c.updated) + " 条，未变 " +
           std::to_string(c.unchanged) + " 条，冲突 " + std::to_string(c.conflicts) + " 条" +
           (c.rejected ? "，" + std::to_string(c.rejected) + " 行无法导入" : "");
}

// Merges the importable files a file per slice of a frame (MergeTask); the
// dialog's files stay in D.incoming, unchanged, until the task ends.
void Apply(UiState& ui) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    EnsureLedgerLoaded(L);
    FlushDraft(L, ui.settings);
    std::vector<const ReceivedFile*> files;
    for (const ReceivedFile& f : D.incoming)
        if (Importable(f)) files.push_back(&f);
    platform::Mark("htk-district-merge-start");
    const ChangeContext ctx = MakeContext(ui.settings, "import");
    auto task = L.model.WriteInSteps(
        [&](LedgerStore& store) {
            return std::make_unique<MergeTask>(files, L.campaign, *ui.db, store, L.view.rows(), ctx);
        },
        [](Task& t) { return static_cast<MergeTask&>(t).summary().touched; });
    StartTask(
        ui.tasks, "汇入各单位台账", std::move(task),
        [&ui](Task& t) {
            DistrictUi& D = *ui.district;
            MergeSummary& m = static_cast<MergeTask&>(static_cast<LedgerModel::WriteTask&>(t).inner()).summary();
            platform::Mark("htk-district-merge-end");
            // Its 18 workbooks are freed between frames.
            FreeBetweenFrames(ui.tasks, std::make_shared<std::vector<ReceivedFile>>(std::move(D.incoming)));
            D.incoming.clear();
            AfterWrite(*ui.ledger, false);
            D.summary = std::make_unique<MergeSummary>(std::move(m));
        },
        [&ui] { ShowDistrictMessage(*ui.district, "已取消汇入，数据没有改变；文件仍在对话框中"); });
}

void SummaryDialog(UiState& ui) {
    DistrictUi& D = *ui.district;
    if (!D.summary) return;
    if (!BeginModalDialog("导入结果", 56, 30)) return;
    const MergeSummary& m = *D.summary;
    const std::string head = "已导入 " + std::to_string(m.files.size()) + " 个文件：" + Counts(m.total);
    ImGui::TextWrapped("%s", head.c_str());
    MarkItem("district.summary", head.c_str());
    ColoredTextWrapped(kColorMuted, "同一问题在不同文件中内容不同时，以较新的版本为准，两个版本都记入该问题的修改记录。"
                                    "整批导入可在整改台账中用 Ctrl+Z 撤销（连同收文记录）；单个文件可在“报送情况”下的"
                                    "“已收到的文件”中移除或改为其他单位、周次。");
    // Drift of the units just received: shown below the files, live (D.drift).
    std::vector<std::string> units;
    for (const MergedFile& f : m.files) units.push_back(f.unit);
    bool drift = false;
    for (const UnitDrift& d : D.drift) drift = drift || std::find(units.begin(), units.end(), d.unit) != units.end();
    const float footer = ImGui::GetFrameHeightWithSpacing() * 1.5f +
                         (drift ? ImGui::GetContentRegionAvail().y * 0.5f : 0.0f);
    if (ImGui::BeginTable("##merged", 8, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetContentRegionAvail().y - footer))) {
        const float fh = ImGui::GetFontSize();
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("文件");
        ImGui::TableSetupColumn("单位", ImGuiTableColumnFlags_WidthFixed, fh * 6);
        ImGui::TableSetupColumn("周次", ImGuiTableColumnFlags_WidthFixed, fh * 3.5f);
        for (const char* c : {"新增", "更新", "未变", "冲突", "未导入"})
            ImGui::TableSetupColumn(c, ImGuiTableColumnFlags_WidthFixed, fh * 3);
        ImGui::TableHeadersRow();
        for (const MergedFile& f : m.files) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(f.file_name.c_str());
            if (f.received_before) {
                ImGui::SameLine();
                ImGui::TextDisabled("（曾导入）");
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(f.unit.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(WeekLabel(f.week_no).c_str());
            const int v[] = {f.counts.added, f.counts.updated, f.counts.unchanged, f.counts.conflicts, f.counts.rejected};
            for (int c = 0; c < 5; ++c) {
                ImGui::TableSetColumnIndex(3 + c);
                if (c >= 3 && v[c]) ImGui::PushStyleColor(ImGuiCol_Text, c == 3 ? kColorYellow : kColorRed);
                ImGui::Text("%d", v[c]);
                if (c >= 3 && v[c]) ImGui::PopStyleColor();
            }
        }
        ImGui::EndTable();
    }
    if (drift) {
        ImGui::BeginChild("##drift", ImVec2(0, footer - ImGui::GetFrameHeightWithSpacing() * 1.5f),
                          ImGuiChildFlags_NavFlattened);
        DrawDrift(ui, units, "district.summary.drift");
        ImGui::EndChild();
    }
    if (ImGui::Button("关闭 (Enter)") || DialogConfirmed() || DialogCancelled()) {
        D.summary.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void DrawDistrictImportDialog(UiState& ui) {
    DistrictUi& D = *ui.district;
    SummaryDialog(ui);
    // While the merge runs, its progress is the dialog (the files stay here).
    if (!D.show_import || D.summary || TaskRunning(ui.tasks)) return;
    if (D.incoming.empty()) {
        D.show_import = false;
        return;
    }
    if (!BeginModalDialog("汇入各单位台账", 64, 36)) return;
    int ready = 0, need_unit = 0, rows = 0;
    for (const ReceivedFile& f : D.incoming) {
        if (Importable(f)) ++ready, rows += f.rows;
        if (f.error.empty() && f.unit.empty()) ++need_unit;
    }
    std::string head = "收到 " + std::to_string(D.incoming.size()) + " 个文件，可导入 " + std::to_string(ready) +
                       " 个，共 " + std::to_string(rows) + " 条问题";
    if (need_unit) head += "；" + std::to_string(need_unit) + " 个文件请选择填报单位";
    ImGui::TextUnformatted(head.c_str());
    MarkItem("district.import.dialog", head.c_str());
    ColoredTextWrapped(kColorMuted, "单位按盖章行、导出文件的信息、文件名或“填报单位”列对照已登记的单位及其别名确定，"
                                    "不会新建单位；红色的请选择。");
    ColoredTextWrapped(kColorMuted, "同一文件再次导入时沿用上次的单位和周次。周次取自文件名、表名或表上的日期。"
                                    "均可在下表中修改，还可以继续拖入文件。");
    const float fh = ImGui::GetFontSize();
    const float footer = ImGui::GetFrameHeightWithSpacing() * 1.6f;
    const bool errors_shown = D.focus_file >= 0 && size_t(D.focus_file) < D.incoming.size() &&
                              !D.incoming[size_t(D.focus_file)].errors.empty();
    const float list_h = ImGui::GetContentRegionAvail().y - footer - (errors_shown ? fh * 9 : 0);
    int remove = -1;
    if (ImGui::BeginTable("##incoming", 8,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                              ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, list_h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("文件", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("填报单位", 0, fh * 7);
        ImGui::TableSetupColumn("依据", 0, fh * 6.5f);
        ImGui::TableSetupColumn("周次", 0, fh * 4.5f);
        ImGui::TableSetupColumn("日期", 0, fh * 5.5f);
        ImGui::TableSetupColumn("问题", 0, fh * 2.6f);
        ImGui::TableSetupColumn("无法导入", 0, fh * 3.6f);
        ImGui::TableSetupColumn("", 0, fh * 2.2f);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < D.incoming.size(); ++i) {
            ReceivedFile& f = D.incoming[i];
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            if (!f.error.empty()) {
                ImGui::TextUnformatted(f.file_name.c_str());
                ColoredTextWrapped(kColorRed, ("无法读取：" + f.error).c_str());
            } else if (ImGui::Selectable(f.file_name.c_str(), D.focus_file == int(i))) {
                D.focus_file = int(i);
            }
            if (f.error.empty() && !f.unit_note.empty()) {
                ColoredTextWrapped(f.unit.empty() ? kColorRed : kColorYellow, f.unit_note.c_str());
                char note[40];
                std::snprintf(note, sizeof note, "district.import.note.%zu", i);
                MarkItem(note, f.unit_note.c_str());
            }
            if (f.error.empty()) {
                ImGui::TableSetColumnIndex(1);
                UnitCombo(D, f, int(i));
                ImGui::TableSetColumnIndex(2);
                ImGui::TextDisabled("%s", f.unit_from.c_str());
                ImGui::TableSetColumnIndex(3);
                WeekCombo(D, f, int(i));
                ImGui::TableSetColumnIndex(4);
                ImGui::TextUnformatted(f.report_date.valid() ? FormatIso(f.report_date).c_str() : "");
                ImGui::TableSetColumnIndex(5);
                ImGui::Text("%d", f.rows);
                ImGui::TableSetColumnIndex(6);
                if (!f.errors.empty()) {
                    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
                    ImGui::Text("%zu 行", f.errors.size());
                    ImGui::PopStyleColor();
                }
            }
            ImGui::TableSetColumnIndex(7);
            if (ImGui::SmallButton("移除")) remove = int(i);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove >= 0) {
        D.incoming.erase(D.incoming.begin() + remove);
        D.focus_file = -1;
    }
    if (errors_shown) {
        const ReceivedFile& f = D.incoming[size_t(D.focus_file)];
        ImGui::Text("“%s”中无法导入的行：", f.file_name.c_str());
        RowErrorsTable(f.errors, footer, "district.import.error");
    }
    ImGui::BeginDisabled(ready == 0);
    const bool go = ImGui::Button("确认导入 (Enter)");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    MarkItem("district.import.ok");
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("取消 (Esc)");
    if (need_unit) {
        ImGui::SameLine();
        ColoredTextWrapped(kColorYellow, "未选择单位的文件不会导入。");
    }
    if (ready > 0 && (go || DialogConfirmed())) {
        Apply(ui);
        ImGui::CloseCurrentPopup();
    } else if (cancel || DialogCancelled()) {
        D.incoming.clear();
        D.show_import = false;
        ShowDistrictMessage(D, "已取消导入，数据没有改变");
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
