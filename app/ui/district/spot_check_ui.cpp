// spot_check_ui.cpp — 抽查: drawing a sample (size as N or %, strata, only
// done items, a seed shown and reusable), recording a finding for each
// sampled problem, and the 抽查清单 / 抽查结果 files.

#include "district_ui.h"

#include "app_ui.h"
#include "export_task.h"
#include "dialogs.h"
#include "district/district_workbooks.h"
#include "domain/campaign.h"
#include "ledger/ledger_ui.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <unordered_map>

namespace htk::ui {
namespace {

// Every row by id, for an export (the table on screen asks the view row by row).
std::unordered_map<int64_t, const Problem*> ById(const LedgerUi& L) {
    std::unordered_map<int64_t, const Problem*> out;
    for (const Problem& p : L.view.rows()) out[p.id] = &p;
    return out;
}

void Export(UiState& ui, bool with_results) {
    DistrictUi& D = *ui.district;
    if (!D.check.id) return;
    LedgerUi& L = *ui.ledger;
    const Date today = platform::Today();
    LedgerWorkbook book = SpotCheckWorkbook(D.check, ById(L), D.stats, L.campaign,
                                            DistrictFileInfo{OfficeName(ui), today, platform::NowText()}, with_results);
    const std::string name = UnitFileName(OfficeName(ui), with_results ? "抽查结果" : "抽查清单", today, ".xlsx");
    ExportXlsxFile(ui.tasks, std::move(book), name,
                   [&ui](const std::string& text, bool error) { ShowDistrictMessage(*ui.district, text, error); });
}

bool ParseSeed(const std::string& text, uint64_t* out) {
    if (text.empty() || text.size() > 18) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    *out = std::strtoull(text.c_str(), nullptr, 10);
    return true;
}

}  // namespace

void DrawSampleDialog(UiState& ui) {
    DistrictUi& D = *ui.district;
    if (!D.show_sample_dialog) return;
    if (!BeginModalDialog("抽查抽样", 34, 22)) return;
    LedgerUi& L = *ui.ledger;
    MarkItem("district.sample.dialog");
    SampleSpec& spec = D.spec;
    ImGui::RadioButton("按比例", &D.use_percent, 1);
    ImGui::SameLine();
    ImGui::RadioButton("按数量", &D.use_percent, 0);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (D.use_percent) {
        ImGui::InputDouble("%##percent", &spec.percent, 1, 5, "%.1f");
        spec.percent = std::max(0.0, std::min(100.0, spec.percent));
    } else {
        ImGui::InputInt("条##size", &spec.size);
        spec.size = std::max(0, spec.size);
    }
    MarkItem("district.sample.amount");
    ImGui::TextUnformatted("分层：");
    ImGui::SameLine();
    ImGui::Checkbox("按单位", &spec.by_unit);
    ImGui::SameLine();
    ImGui::Checkbox("按问题类型", &spec.by_area);
    ImGui::SameLine();
    ImGui::Checkbox("按问题性质", &spec.by_nature);
    ImGui::Checkbox("只抽已完成的问题（核实整改是否到位）", &spec.only_done);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputText("随机种子", &D.seed_text, ImGuiInputTextFlags_CharsDecimal);
    MarkItem("district.sample.seed", D.seed_text.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("换一个")) D.seed_text = std::to_string(SeedFromTime(platform::NowText() + D.seed_text));
    ColoredTextWrapped(kColorMuted, "同一种子在同样的数据上抽到同样的问题：记下种子，他人可复核抽样。");

    SampleSpec effective = spec;
    if (!D.use_percent) effective.percent = 0;
    const bool seed_ok = ParseSeed(D.seed_text, &effective.seed);
    size_t candidates = 0;
    for (const Problem& p : L.view.rows())
        if (!spec.only_done || p.status() == ProblemStatus::kDone) ++candidates;
    const size_t n = SampleSize(effective, candidates);
    char preview[160];
    std::snprintf(preview, sizeof preview, "将从 %zu 条%s中抽取 %zu 条", candidates, spec.only_done ? "已完成的问题" : "问题", n);
    ImGui::TextUnformatted(preview);
    MarkItem("district.sample.preview", preview);
    if (!seed_ok) ColoredTextWrapped(kColorRed, "随机种子应为数字。");
    ImGui::Spacing();
    const bool can = seed_ok && n > 0;
    ImGui::BeginDisabled(!can);
    const bool go = ImGui::Button("抽取 (Enter)");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("取消 (Esc)");
    if (can && (go || DialogConfirmed())) {
        std::vector<const Problem*> sample = DrawSample(L.view.rows(), effective);
        const int64_t id = D.checks.Create(effective, sample, DescribeSpec(effective, candidates, sample.size()),
                                           platform::NowText());
        D.check_id = id;  // shown from the next refresh (the sample was committed)
        D.show_sample_dialog = false;
        ShowDistrictMessage(D, "已抽取 " + std::to_string(sample.size()) + " 条问题，种子 " + D.seed_text);
        ImGui::CloseCurrentPopup();
    } else if (cancel || DialogCancelled()) {
        D.show_sample_dialog = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DrawSpotCheckTab(UiState& ui) {
    DistrictUi& D = *ui.district;
    LedgerUi& L = *ui.ledger;
    const float fh = ImGui::GetFontSize();
    if (ImGui::Button("新建抽查…")) {
        if (D.seed_text.empty()) D.seed_text = std::to_string(SeedFromTime(platform::NowText()));
        if (D.spec.percent == 0 && D.spec.size == 0) D.spec.percent = 10;
        D.show_sample_dialog = true;
    }
    MarkItem("district.sample.new");
    if (!D.check_list.empty()) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(fh * 22);
        const std::string shown = D.check.id ? D.check.created_at + "  " + D.check.description : "";
        if (ImGui::BeginCombo("##checks", shown.c_str())) {
            for (const SpotCheckInfo& c : D.check_list) {
                const std::string label = c.created_at + "  " + c.description + "（已核查 " + std::to_string(c.checked) +
                                          "/" + std::to_string(c.items) + "）";
                if (ImGui::Selectable(label.c_str(), c.id == D.check.id)) {
                    D.check_id = c.id;
                    D.check_chosen = true;
                }
            }
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (ImGui::Button("导出抽查清单")) Export(ui, false);
        MarkItem("district.sample.export_list");
        ImGui::SameLine();
        if (ImGui::Button("导出抽查结果")) Export(ui, true);
        MarkItem("district.sample.export_results");
        ImGui::SameLine();
        ImGui::BeginDisabled(!D.check.id);
        if (ImGui::Button("登记实地发现的漏报…")) {
            D.missed = NewProblem();
            D.missed[ProblemField::kNature] = "个性问题";
            D.missed_found = FormatIso(platform::Today());
            D.missed_note.clear(), D.missed_error.clear();
            D.show_missed = true;
        }
        ImGui::EndDisabled();
        Tooltip("实地核查时发现单位台账中没有的问题：登记为该单位的问题（来源：抽查发现），计入该单位的漏报");
        MarkItem("district.missed.new");
    }
    if (!D.check.id) {
        ImGui::Spacing();
        ImGui::TextWrapped("还没有抽查记录。点“新建抽查…”按比例或数量抽取问题，可按单位、问题类型、问题性质分层；"
                           "抽中的问题可导出为抽查清单带到实地核查，再逐条记录核查结果。");
        return;
    }
    int checked = 0, drawn = 0;
    for (const SpotCheckItem& it : D.check.items) checked += !it.on_site && !it.finding.empty(), drawn += !it.on_site;
    char head[320];
    std::snprintf(head, sizeof head, "%s；已核查 %d/%d 条%s", D.check.description.c_str(), checked, drawn,
                  D.check_list.size() > 1 ? "（单位统计和通报计入每一轮的结果）" : "");
    ImGui::TextUnformatted(head);
    MarkItem("district.sample.head", head);

    if (!ImGui::BeginTable("##sample", 8,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("序号", 0, fh * 2.4f);
    ImGui::TableSetupColumn("填报单位", 0, fh * 6);
    ImGui::TableSetupColumn("问题类型", 0, fh * 5.5f);
    ImGui::TableSetupColumn("问题表述", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("状态", 0, fh * 3.4f);
    ImGui::TableSetupColumn("抽查结果", 0, fh * 6.5f);
    ImGui::TableSetupColumn("情况说明", 0, fh * 12);
    ImGui::TableSetupColumn("抽查日期", 0, fh * 6);
    ImGui::TableHeadersRow();
    const Date today = platform::Today();
    ImGuiListClipper clipper;
    clipper.Begin(int(D.check.items.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            SpotCheckItem& it = D.check.items[size_t(i)];
            const Problem* p = L.view.Find(it.problem_id);  // null once deleted
            ImGui::PushID(it.seq);
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::Text("%d", it.seq);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(p ? (*p)[ProblemField::kReportingUnit].c_str() : "");
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(p ? (*p)[ProblemField::kArea].c_str() : "");
            ImGui::TableSetColumnIndex(3);
            if (it.on_site) {
                ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
                ImGui::TextUnformatted("［实地发现］");
                ImGui::PopStyleColor();
                ImGui::SameLine(0, 0);
            }
            ImGui::TextUnformatted(p ? (*p)[ProblemField::kDescription].c_str() : "（该问题已删除）");
            if (i < 30) {
                char mark[40];
                std::snprintf(mark, sizeof mark, "district.sample.row.%d", i);
                MarkItem(mark, p ? (*p)[ProblemField::kDescription].c_str() : "");
            }
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(p ? StatusLabel(p->status()) : "");
            // A change is written at once (one small UPDATE).
            bool write = false;
            ImGui::TableSetColumnIndex(5);
            ImGui::SetNextItemWidth(-1);
            if (ImGui::BeginCombo("##finding", it.finding.empty() ? "未核查" : it.finding.c_str())) {
                if (ImGui::Selectable("未核查", it.finding.empty())) it.finding.clear(), write = true;
                for (int k = 0; k < kFindingCount; ++k) {
                    const char* f = kFindings[k];
                    if (ImGui::Selectable(f, it.finding == f)) {
                        it.finding = f, write = true;
                        if (!it.checked_on.valid()) it.checked_on = today;
                    }
                    char mark[40];
                    std::snprintf(mark, sizeof mark, "district.sample.pick.%d", k);
                    MarkItem(mark, f);
                }
                ImGui::EndCombo();
            }
            if (i < 30) {
                char mark[40];
                std::snprintf(mark, sizeof mark, "district.sample.finding.%d", i);
                MarkItem(mark, it.finding.c_str());
            }
            ImGui::TableSetColumnIndex(6);
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("##note", &it.note);
            write = write || ImGui::IsItemDeactivatedAfterEdit();
            ImGui::TableSetColumnIndex(7);
            ImGui::SetNextItemWidth(-1);
            // Typed into a buffer of its own while the field is active.
            std::string shown = it.checked_on.valid() ? FormatIso(it.checked_on) : "";
            std::string& date = D.finding_seq == it.seq ? D.finding_date : shown;
            const bool entered = ImGui::InputText("##date", &date, ImGuiInputTextFlags_EnterReturnsTrue);
            if (ImGui::IsItemActivated()) D.finding_seq = it.seq, D.finding_date = shown;
            if (entered || ImGui::IsItemDeactivatedAfterEdit()) {
                DateParse d = ParseDate(date, L.campaign.Year());
                if (date.empty() || d.ok) {
                    it.checked_on = d.ok ? d.date : Date{};
                    write = true;
                } else {
                    ShowDistrictMessage(D, "抽查日期：" + d.error, true);
                }
                D.finding_seq = 0;
            }
            if (write) {
                const std::string error = D.checks.SetFinding(D.check.id, it.seq, it.finding, it.note, it.checked_on);
                if (!error.empty()) ShowDistrictMessage(D, error, true);
            }
            ImGui::PopID();
        }
    ImGui::EndTable();
}

void DrawMissedDialog(UiState& ui) {
    DistrictUi& D = *ui.district;
    if (!D.show_missed) return;
    if (!BeginModalDialog("登记实地发现的漏报问题", 40, 33)) return;
    LedgerUi& L = *ui.ledger;
    MarkItem("district.missed.dialog");
    Problem& p = D.missed;
    const float fh = ImGui::GetFontSize();
    const float label_w = fh * 6;
    auto label = [&](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(-1);
    };
    auto combo = [&](const char* text, const char* id, ProblemField f, const std::vector<std::string>& options) {
        label(text);
        if (ImGui::BeginCombo(id, p[f].c_str(), ImGuiComboFlags_HeightLarge)) {
            for (const std::string& o : options) {
                if (ImGui::Selectable(o.c_str(), o == p[f])) p[f] = o;
                MarkItem((std::string("district.missed.pick.") + o).c_str(), o.c_str());
            }
            ImGui::EndCombo();
        }
    };
    ImGui::TextWrapped("抽查（%s）中实地发现、单位台账中没有的问题，登记为该单位的问题，计入该单位的漏报。",
                       D.check.description.c_str());
    combo("所属单位", "##unit", ProblemField::kReportingUnit, D.units);
    MarkItem("district.missed.unit", p[ProblemField::kReportingUnit].c_str());
    std::vector<std::string> areas;
    for (const Area& a : L.campaign.areas) areas.push_back(a.name);
    combo("问题类型", "##area", ProblemField::kArea, areas);
    MarkItem("district.missed.area", p[ProblemField::kArea].c_str());
    combo("问题性质", "##nature", ProblemField::kNature, L.campaign.natures);
    label("所属乡镇");
    ImGui::InputText("##township", &p[ProblemField::kTownship]);
    label("所属村");
    ImGui::InputText("##village", &p[ProblemField::kVillage]);
    MarkItem("district.missed.village");
    label("问题表述");
    WrappedTextField("##description", &p[ProblemField::kDescription], -1, 2, 4);
    MarkItem("district.missed.description");
    label("整改措施");
    WrappedTextField("##measures", &p[ProblemField::kMeasures], -1, 2, 4);
    MarkItem("district.missed.measures");
    label("完成时限");
    ImGui::InputTextWithHint("##deadline", "精准到日，如 2022-07-05", &p[ProblemField::kDeadline]);
    MarkItem("district.missed.deadline");
    label("责任单位");
    ImGui::InputText("##resp", &p[ProblemField::kRespUnits]);
    MarkItem("district.missed.resp");
    label("发现日期");
    ImGui::InputText("##found", &D.missed_found);
    MarkItem("district.missed.found");
    label("情况说明");
    ImGui::InputText("##note", &D.missed_note);
    if (!D.missed_error.empty()) {
        ColoredTextWrapped(kColorRed, D.missed_error.c_str());
        MarkItem("district.missed.error", D.missed_error.c_str());
    }
    ImGui::Spacing();
    const bool go = ImGui::Button("登记 (Enter)");
    ImGui::SetItemDefaultFocus();
    MarkItem("district.missed.ok");
    ImGui::SameLine();
    const bool cancel = ImGui::Button("取消 (Esc)");
    // Enter in a text field is the field's; elsewhere it registers.
    if (go || (DialogConfirmed() && !ImGui::IsAnyItemActive())) {
        const DateParse found = ParseDate(D.missed_found, L.campaign.Year());
        if (!found.ok) {
            D.missed_error = "发现日期" + found.error;
        } else {
            EnsureLedgerLoaded(L);
            FlushDraft(L, ui.settings);
            int64_t added = 0;
            L.model.Write([&](LedgerStore& store) {
                D.missed_error = D.checks.RegisterOnSiteProblem(store, L.campaign, D.check.id, p, found.date,
                                                                D.missed_note, MakeContext(ui.settings, "edit"), &added);
                return added ? std::vector<int64_t>{added} : std::vector<int64_t>{};
            });
            if (D.missed_error.empty()) {
                AfterWrite(L, false);
                ShowDistrictMessage(D, "已登记为" + p[ProblemField::kReportingUnit] +
                                           "的问题（来源：抽查发现），计入该单位的漏报。可在整改台账中按 Ctrl+Z 撤销");
                D.show_missed = false;
                ImGui::CloseCurrentPopup();
            }
        }
    } else if (cancel || DialogCancelled()) {
        D.show_missed = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
