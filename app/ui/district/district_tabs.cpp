// district_tabs.cpp — 报送情况 (units × weeks), 合并台账 (every unit's problems
// with the ledger's filters and a 填报单位 column), 单位统计 (sortable, ranked),
// and what they share: rebuilding their data when the ledger changes.

#include "district_ui.h"

#include "app_ui.h"
#include "dialogs.h"
#include "domain/campaign_setup.h"
#include "storage/database.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace htk::ui {

void ShowDistrictMessage(DistrictUi& D, std::string text, bool error) {
    SetMessage(D.message, std::move(text), error, kUntilReplaced);  // its own line: see DrawMessage
}

void RefreshDistrict(UiState& ui) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    EnsureLedgerLoaded(L);
    // All of it comes from the database: read again only after a commit
    // (files merged, a finding, townships changed in 设置), when the ledger's
    // rows change, or when another spot check is chosen — not every frame.
    const uint64_t commits = ui.db->commit_count();
    if (commits == D.built_commits && L.view.version() == D.built_version && !D.check_chosen) return;
    D.units = ExpectedUnits(ListTownships(*ui.db, L.campaign.id), L.campaign.departments);
    D.dir = LoadUnitDirectory(*ui.db, L.campaign.id, D.units, L.campaign.district);
    D.files = ListReceivedFiles(*ui.db, L.campaign.id);
    D.check_list = D.checks.List();
    const int64_t id = D.check_id ? D.check_id : D.check_list.empty() ? 0 : D.check_list.front().id;
    D.check = SpotCheck{};
    if (id) D.checks.Load(id, &D.check);
    D.check_chosen = false;

    const Date today = platform::Today();
    D.reporting = BuildReportingTable(L.campaign, D.units, D.files, today);
    // Every round's findings count, not only the spot check shown.
    D.findings = D.checks.AllItems();
    D.stats = BuildUnitStats(L.view.rows(), D.units, today, &D.findings, &D.total);
    RankUnits(D.stats);
    D.bulletin = BuildBulletin(L.campaign, D.stats, D.total, D.reporting, D.check_list, today);
    D.drift = FindDrift(*ui.db, L.store, L.campaign.id);
    D.bulletin_text = BulletinText(D.bulletin);
    D.built_version = L.view.version();
    D.built_commits = commits;
}

void DrawReportingTab(UiState& ui) {
    DistrictUi& D = *ui.district;
    const ReportingTable& t = D.reporting;
    const float fh = ImGui::GetFontSize();
    ColoredTextWrapped(kColorMuted, "每周报送的整改台账按周次统计；截止日为该周最后一天，“终期”为总结验收阶段报送的最终台账。"
                                    "表中数字为该次报送的问题数。");
    const int columns = 1 + int(t.weeks.size());
    float files_h = D.files.empty() ? 0 : D.files_open ? fh * 9 : ImGui::GetFrameHeightWithSpacing() + 4;
    if (D.files_open && D.move_file) files_h += fh * 3;
    if (D.files_open && D.files_focus) files_h += D.files_focus_errors.empty() ? fh * 1.5f : fh * 9;
    if (ImGui::BeginTable("##reporting", columns,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                              ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, std::max(fh * 8, ImGui::GetContentRegionAvail().y - files_h)))) {
        ImGui::TableSetupScrollFreeze(1, 2);
        ImGui::TableSetupColumn("单位", 0, fh * 8);
        std::vector<std::string> heads;
        for (size_t w = 0; w < t.weeks.size(); ++w) {
            heads.push_back(WeekLabel(t.weeks[w]) + (t.due[w].valid() ? "（" + FormatMonthDay(t.due[w]) + "）" : ""));
            ImGui::TableSetupColumn(heads.back().c_str(), 0, fh * 9.5f);  // room for "已报 16 · 迟报 2 · 未报 6"
        }
        ImGui::TableHeadersRow();
        // The week's totals first, frozen under the header with it.
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted("合计");
        for (size_t w = 0; w < t.weeks.size(); ++w) {
            ImGui::TableSetColumnIndex(int(w) + 1);
            char text[96];
            std::snprintf(text, sizeof text, "已报 %d · 迟报 %d · 未报 %d", t.received[w], t.late[w], t.missing[w]);
            ImGui::TextUnformatted(text);
            char mark[40];
            std::snprintf(mark, sizeof mark, "district.report.total.%zu", w);
            MarkItem(mark, text);
        }
        for (size_t u = 0; u < t.units.size(); ++u) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(t.units[u].c_str());
            for (size_t w = 0; w < t.weeks.size(); ++w) {
                ImGui::TableSetColumnIndex(int(w) + 1);
                const ReportCell& c = t.cells[u][w];
                char text[64];
                switch (c.state) {
                    case ReportState::kNotDue: ImGui::TextDisabled("未到期"); break;
                    case ReportState::kMissing:
                        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(254, 226, 226, 255));
                        ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
                        ImGui::TextUnformatted("未报");
                        ImGui::PopStyleColor();
                        break;
                    case ReportState::kReceived:
                    case ReportState::kLate:
                        std::snprintf(text, sizeof text, "%s %d 条", ReportStateLabel(c.state), c.problems);
                        ImGui::PushStyleColor(ImGuiCol_Text, c.state == ReportState::kLate ? kColorYellow : kColorGreen);
                        ImGui::TextUnformatted(text);
                        ImGui::PopStyleColor();
                        if (ImGui::IsItemHovered() && c.report_date.valid())
                            ImGui::SetTooltip("报送日期 %s，共收到 %d 个文件", FormatIso(c.report_date).c_str(), c.files);
                        break;
                }
                if (u < 40) {
                    char mark[48];
                    std::snprintf(mark, sizeof mark, "district.report.%zu.%zu", u, w);
                    std::string v = t.units[u] + " " + ReportStateLabel(c.state) + " " + std::to_string(c.problems);
                    MarkItem(mark, v.c_str());
                }
            }
        }
        ImGui::EndTable();
    }
    D.files_open = !D.files.empty() &&
                   ImGui::CollapsingHeader(("已收到的文件（" + std::to_string(D.files.size()) + " 个）###received_files").c_str());
    MarkItem("district.files.header");
    if (D.files_open) DrawReceivedFiles(ui);
}

void DrawReceivedFiles(UiState& ui) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    const float fh = ImGui::GetFontSize();
    int64_t remove = 0;
    if (ImGui::BeginTable("##files", 9, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, fh * 7))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("文件", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("单位", 0, fh * 7);
        ImGui::TableSetupColumn("周次", 0, fh * 3.5f);
        ImGui::TableSetupColumn("问题", 0, fh * 2.6f);
        ImGui::TableSetupColumn("新增", 0, fh * 2.6f);
        ImGui::TableSetupColumn("更新", 0, fh * 2.6f);
        ImGui::TableSetupColumn("未导入", 0, fh * 3);
        ImGui::TableSetupColumn("导入时间", 0, fh * 8.5f);
        ImGui::TableSetupColumn("", 0, fh * 5.2f);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < D.files.size(); ++i) {
            const ReceivedFileInfo& f = D.files[i];
            ImGui::PushID(int(f.id));
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            if (ImGui::Selectable(f.file_name.c_str(), D.files_focus == f.id)) {
                D.files_focus = D.files_focus == f.id ? 0 : f.id;
                D.files_focus_errors = D.files_focus ? ListFileErrors(*ui.db, f.id) : std::vector<ImportRowError>{};
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("点击查看未导入的行");
            if (i < 40) {
                char mark[48];
                std::snprintf(mark, sizeof mark, "district.files.%zu", i);
                std::string v = f.file_name + "|" + f.unit + "|" + WeekLabel(f.week_no) + "|" +
                                std::to_string(f.counts.added) + "|" + std::to_string(f.counts.updated) + "|" +
                                std::to_string(f.counts.rejected);
                MarkItem(mark, v.c_str());
            }
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(f.unit.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(WeekLabel(f.week_no).c_str());
            ImGui::TableSetColumnIndex(3);
            ImGui::Text("%d", f.row_count);
            ImGui::TableSetColumnIndex(4);
            ImGui::Text("%d", f.counts.added);
            ImGui::TableSetColumnIndex(5);
            ImGui::Text("%d", f.counts.updated);
            ImGui::TableSetColumnIndex(6);
            if (f.counts.rejected) ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
            ImGui::Text("%d", f.counts.rejected);
            if (f.counts.rejected) ImGui::PopStyleColor();
            ImGui::TableSetColumnIndex(7);
            ImGui::TextUnformatted(f.received_at.c_str());
            ImGui::TableSetColumnIndex(8);
            if (ImGui::SmallButton("更改")) {
                D.move_file = f.id, D.move_unit = f.unit, D.move_week = f.week_no, D.move_error.clear();
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("改为其他单位或周次");
            if (i < 40) {
                char change[48];
                std::snprintf(change, sizeof change, "district.files.change.%zu", i);
                MarkItem(change);
            }
            ImGui::SameLine();
            if (ImGui::SmallButton("移除")) remove = f.id;
            if (i < 40) {
                char mark[48];
                std::snprintf(mark, sizeof mark, "district.files.remove.%zu", i);
                MarkItem(mark);
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove) {
        EnsureLedgerLoaded(L);
        FlushDraft(L, ui.settings);
        std::string name;
        for (const ReceivedFileInfo& f : D.files)
            if (f.id == remove) name = f.file_name;
        const std::vector<int64_t> ids = L.model.Write([&](LedgerStore& store) {
            return RemoveReceivedFile(*ui.db, store, remove, MakeContext(ui.settings, "edit"));
        });
        AfterWrite(L, false);
        ShowDistrictMessage(D, "已移除“" + name + "”，其中 " + std::to_string(ids.size()) +
                                   " 条问题随之删除（其他文件也列有的保留）。可在整改台账中按 Ctrl+Z 撤销");
        if (D.files_focus == remove) D.files_focus = 0;
        if (D.move_file == remove) D.move_file = 0;
    }
    if (D.move_file) {
        const ReceivedFileInfo* f = nullptr;
        for (const ReceivedFileInfo& x : D.files)
            if (x.id == D.move_file) f = &x;
        if (!f) {
            D.move_file = 0;
        } else {
            ImGui::Text("把“%s”改为：", f->file_name.c_str());
            ImGui::SameLine();
            ImGui::SetNextItemWidth(fh * 9);
            if (ImGui::BeginCombo("##move_unit", D.move_unit.c_str(), ImGuiComboFlags_HeightLarge)) {
                for (const std::string& u : D.units) {
                    if (ImGui::Selectable(u.c_str(), u == D.move_unit)) D.move_unit = u;
                    MarkItem(("district.move.pick." + u).c_str(), u.c_str());
                }
                ImGui::EndCombo();
            }
            MarkItem("district.move.unit", D.move_unit.c_str());
            ImGui::SameLine();
            ImGui::SetNextItemWidth(fh * 5);
            if (ImGui::BeginCombo("##move_week", WeekLabel(D.move_week).c_str())) {
                for (int w : D.reporting.weeks) {
                    if (ImGui::Selectable(WeekLabel(w).c_str(), w == D.move_week)) D.move_week = w;
                    MarkItem(("district.move.week." + WeekLabel(w)).c_str());
                }
                ImGui::EndCombo();
            }
            MarkItem("district.move.week", WeekLabel(D.move_week).c_str());
            ImGui::SameLine();
            if (ImGui::Button("确定")) {
                EnsureLedgerLoaded(L);
                FlushDraft(L, ui.settings);
                std::vector<int64_t> ids;
                const std::string name = f->file_name;
                L.model.Write([&](LedgerStore& store) {
                    D.move_error = MoveReceivedFile(*ui.db, store, L.campaign, D.move_file, D.move_unit, D.move_week,
                                                    MakeContext(ui.settings, "edit"), &ids);
                    return ids;
                });
                if (D.move_error.empty()) {
                    AfterWrite(L, false);
                    ShowDistrictMessage(D, "已把“" + name + "”改为" + D.move_unit + WeekLabel(D.move_week) +
                                               "，可在整改台账中按 Ctrl+Z 撤销");
                    D.move_file = 0;
                }
            }
            MarkItem("district.move.ok");
            ImGui::SameLine();
            if (ImGui::Button("取消")) D.move_file = 0;
            if (!D.move_error.empty()) {
                ColoredTextWrapped(kColorRed, D.move_error.c_str());
                MarkItem("district.move.error", D.move_error.c_str());
            }
        }
    }
    if (D.files_focus) {
        const ReceivedFileInfo* f = nullptr;
        for (const ReceivedFileInfo& x : D.files)
            if (x.id == D.files_focus) f = &x;
        if (!f) {
            D.files_focus = 0;
        } else if (D.files_focus_errors.empty()) {
            ImGui::TextDisabled("“%s”的每一行都已导入。", f->file_name.c_str());
        } else {
            ImGui::Text("“%s”中未导入的 %zu 行：", f->file_name.c_str(), D.files_focus_errors.size());
            RowErrorsTable(D.files_focus_errors, 0, "district.files.error");
        }
    }
}

void DrawMergedLedgerTab(UiState& ui) {
    LedgerUi& L = *ui.ledger;
    L.settings = &ui.settings;
    L.view.SetToday(platform::Today());
    DrawLedgerFilters(L);
    const size_t shown = L.view.Refresh(6.0).size();
    if (L.view.pending()) platform::KeepDrawing();
    char count[128];
    std::snprintf(count, sizeof count, "全区共 %zu 条问题%s", L.view.total(),
                  L.filter.any() ? ("，筛选后 " + std::to_string(shown) + " 条").c_str() : "");
    ImGui::TextDisabled("%s", count);
    MarkItem("district.ledger.count", count);
    ImGui::SameLine(0, 24);
    ImGui::BeginDisabled(L.selected == 0);
    if (ImGui::SmallButton("在整改台账中编辑所选问题")) ui.section = Section::kLedger;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton("导出当前表格 (Ctrl+E)")) ExportXlsx(L, ui.settings, ui.tasks);
    if (ImGui::IsKeyPressed(ImGuiKey_E, false) && ImGui::GetIO().KeyCtrl && !ImGui::GetIO().KeyShift &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
        ExportXlsx(L, ui.settings, ui.tasks);
    // A unit's page (合并台账 filtered to it): what its latest file no longer
    // lists; unfiltered, which units have such problems.
    DistrictUi& D = *ui.district;
    if (!L.filter.reporting_unit.empty()) {
        if (std::any_of(D.drift.begin(), D.drift.end(),
                        [&](const UnitDrift& d) { return d.unit == L.filter.reporting_unit; })) {
            ImGui::BeginChild("##unit_drift", ImVec2(0, ImGui::GetFontSize() * 9),
                              ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
            DrawDrift(ui, {L.filter.reporting_unit}, "district.drift");
            ImGui::EndChild();
        }
    } else if (!D.drift.empty()) {
        int problems = 0;
        for (const UnitDrift& d : D.drift) problems += int(d.missing.size());
        const std::string line = std::to_string(D.drift.size()) + " 个单位的最新台账中没有以前报过的 " +
                                 std::to_string(problems) + " 个问题（可能改了表述）：";
        ImGui::PushStyleColor(ImGuiCol_Text, kColorYellow);
        ImGui::TextUnformatted(line.c_str());
        ImGui::PopStyleColor();
        MarkItem("district.drift.summary", line.c_str());
        for (const UnitDrift& d : D.drift) {
            ImGui::SameLine();
            if (ImGui::SmallButton((d.unit + "（" + std::to_string(d.missing.size()) + "）").c_str())) {
                L.filter = LedgerFilter{};
                L.filter.reporting_unit = d.unit;
                L.view.SetFilter(L.filter);
            }
            MarkItem(("district.drift.unit." + d.unit).c_str());
        }
    }
    if (L.view.total() == 0) {
        ImGui::TextWrapped("还没有导入任何单位的台账。把各单位报送的 Excel/CSV 文件拖到页面上，或按 Ctrl+O 选择文件（可多选）。");
        return;
    }
    DrawLedgerTable(L);
}

void DrawUnitStatsTab(UiState& ui) {
    DistrictUi& D = *ui.district;
    const float fh = ImGui::GetFontSize();
    ColoredTextWrapped(kColorMuted, "排名按完成率从高到低，完成率相同时超期少、未完成少、抽查发现问题少的在前；没有问题的单位排在最后。"
                                    "点击单位名称查看其问题。");
    static const char* const kHeads[] = {"排名", "单位", "问题数", "已完成", "整改中", "未完成", "超期", "临期",
                                         "完成率", "抽查", "发现问题", "发现率"};
    constexpr int kCols = 12;
    if (!ImGui::BeginTable("##units", kCols,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupScrollFreeze(2, 1);
    for (int c = 0; c < kCols; ++c)
        ImGui::TableSetupColumn(kHeads[c], c == 0 ? ImGuiTableColumnFlags_DefaultSort : 0, c == 1 ? fh * 8 : fh * 4,
                                ImGuiID(c));
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs())
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            D.sort_column = int(specs->Specs[0].ColumnUserID);
            D.sort_ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
            specs->SpecsDirty = false;
        }
    std::vector<const UnitStats*> order;
    for (const UnitStats& s : D.stats) order.push_back(&s);
    auto key = [](const UnitStats& s, int c) -> double {
        switch (c) {
            case 2: return s.problems;
            case 3: return s.done;
            case 4: return s.in_progress;
            case 5: return s.open;
            case 6: return s.red;
            case 7: return s.yellow;
            case 8: return s.completion;
            case 9: return s.sampled;
            case 10: return s.adverse;
            case 11: return s.finding_rate;
            default: return s.rank;
        }
    };
    const int col = D.sort_column;
    const bool asc = D.sort_ascending;
    std::stable_sort(order.begin(), order.end(), [&](const UnitStats* a, const UnitStats* b) {
        if (col == 1) return asc ? a->unit < b->unit : b->unit < a->unit;
        const double x = key(*a, col), y = key(*b, col);
        return asc ? x < y : y < x;
    });
    auto row = [&](const UnitStats& s, bool total, size_t i) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (!total) ImGui::Text("%d", s.rank);
        ImGui::TableSetColumnIndex(1);
        if (total) {
            ImGui::TextUnformatted(s.unit.c_str());
        } else if (ImGui::Selectable(s.unit.c_str(), false)) {
            ui.ledger->filter = LedgerFilter{};
            ui.ledger->filter.reporting_unit = s.unit;
            ui.ledger->view.SetFilter(ui.ledger->filter);
            D.message.text.clear();
            D.show_unit_ledger = true;
        }
        if (!total && i < 40) {
            char mark[40];
            std::snprintf(mark, sizeof mark, "district.unit.%zu", i);
            std::string v = s.unit + " " + std::to_string(s.rank) + " " + Percent(s.completion);
            MarkItem(mark, v.c_str());
            // By name too: the rows re-sort as the figures change.
            MarkItem(("district.unit.name." + s.unit).c_str(), s.unit.c_str());
            // Its figures, for the tests: problems, sampled, adverse, 漏报.
            const std::string figures = std::to_string(s.problems) + " " + std::to_string(s.sampled) + " " +
                                        std::to_string(s.adverse) + " " + std::to_string(s.findings[2]);
            MarkItem(("district.unit.figures." + s.unit).c_str(), figures.c_str());
        }
        const int v[] = {s.problems, s.done, s.in_progress, s.open, s.red, s.yellow};
        for (int c = 0; c < 6; ++c) {
            ImGui::TableSetColumnIndex(2 + c);
            if ((c == 4 || c == 5) && v[c]) ImGui::PushStyleColor(ImGuiCol_Text, c == 4 ? kColorRed : kColorYellow);
            ImGui::Text("%d", v[c]);
            if ((c == 4 || c == 5) && v[c]) ImGui::PopStyleColor();
        }
        ImGui::TableSetColumnIndex(8);
        ImGui::TextUnformatted(s.problems ? Percent(s.completion).c_str() : "—");
        ImGui::TableSetColumnIndex(9);
        ImGui::Text("%d", s.sampled);
        ImGui::TableSetColumnIndex(10);
        if (s.adverse) ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
        ImGui::Text("%d", s.adverse);
        if (s.adverse) ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(11);
        ImGui::TextUnformatted(s.checked ? Percent(s.finding_rate).c_str() : "—");
    };
    for (size_t i = 0; i < order.size(); ++i) row(*order[i], false, i);
    row(D.total, true, 0);
    ImGui::EndTable();
}

}  // namespace htk::ui
