#include "households_ui.h"

#include "app_ui.h"
#include "dialogs.h"
#include "domain/household_store.h"
#include "platform.h"
#include "rules/id_number.h"
#include "rules/text.h"
#include "test_marks.h"
#include "theme.h"
#include "keys.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

namespace htk::ui {
namespace {

// Milliseconds of searching per frame (a district has ~250,000 households).
constexpr double kSearchBudgetMs = 6.0;

void Table(HouseholdsUi& H, const std::vector<const Household*>& shown) {
    // PgUp/PgDn: the previous/next household, when no field has the keyboard.
    if (!shown.empty() && ClaimKeys("households.rows", {ImGuiKey_PageUp, ImGuiKey_PageDown})) {
        int step = DomKeyPressed(34, true) ? 1 : DomKeyPressed(33, true) ? -1 : 0;
        if (step) {
            int at = -1;
            for (size_t i = 0; i < shown.size(); ++i)
                if (shown[i]->id == H.selected) at = int(i);
            at = at < 0 ? 0 : std::max(0, std::min(int(shown.size()) - 1, at + step));
            H.selected = shown[size_t(at)]->id;
            H.scroll_to_selected = true;
        }
    }
    // Columns as wide as their content (at any zoom); a narrow list scrolls
    // sideways rather than squeezing 村 or 户类型 to one character, and
    // drops 所属乡镇 first (a township's list is one township).
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable;
    const float fh = ImGui::GetFontSize();
    const bool narrow = ImGui::GetContentRegionAvail().x < fh * 40;
    if (!ImGui::BeginTable("##households", 8, flags, ImVec2(0, 0))) return;
    auto fit = [&](std::initializer_list<const char*> texts) {
        float w = 0;
        for (const char* t : texts) w = std::max(w, ImGui::CalcTextSize(t).x);
        return std::ceil(w + fh * 0.5f);
    };
    ImGui::TableSetupScrollFreeze(2, 1);
    ImGui::TableSetupColumn("户编号", ImGuiTableColumnFlags_WidthFixed, fit({"户编号", "4110231020101"}));
    ImGui::TableSetupColumn("户主姓名", ImGuiTableColumnFlags_WidthFixed, fit({"户主姓名", "欧阳某某"}));
    ImGui::TableSetupColumn("身份证号", ImGuiTableColumnFlags_WidthFixed, fit({"411023********1234"}));
    ImGui::TableSetupColumn("所属乡镇", ImGuiTableColumnFlags_WidthFixed | (narrow ? ImGuiTableColumnFlags_Disabled : 0),
                            fit({"所属乡镇", "陈曹乡"}));
    ImGui::TableSetupColumn("所属村", ImGuiTableColumnFlags_WidthFixed, fit({"所属村", "孙庄社区"}));
    ImGui::TableSetupColumn("户类型", ImGuiTableColumnFlags_WidthFixed, fit({"监测对象（风险未消除）"}));
    ImGui::TableSetupColumn("人口", ImGuiTableColumnFlags_WidthFixed, fit({"人口"}));
    ImGui::TableSetupColumn("联系电话", ImGuiTableColumnFlags_WidthFixed, fit({"13800000000"}));
    ImGui::TableHeadersRow();
    const float row_h = ImGui::GetFrameHeight();
    if (H.scroll_to_selected) {
        H.scroll_to_selected = false;
        for (size_t i = 0; i < shown.size(); ++i)
            if (shown[i]->id == H.selected) {
                float y = float(i) * row_h;
                if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + ImGui::GetWindowHeight() * 0.8f)
                    ImGui::SetScrollY(y - ImGui::GetWindowHeight() * 0.4f);
            }
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(shown.size()), row_h);
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Household& h = *shown[size_t(i)];
            const std::string id = H.show_full_id ? h.id_number : MaskIdNumber(h.id_number);
            ImGui::TableNextRow(0, row_h);
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(int(h.id));
            // The row's selectable spans every column; the code is drawn over it.
            // The selection follows the keyboard focus (Tab to the list, Enter, then ↑↓).
            if (ImGui::Selectable("##row", h.id == H.selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_SelectOnNav,
                                  ImVec2(0, row_h - ImGui::GetStyle().CellPadding.y * 2)))
                H.selected = h.id;
            ImGui::PopID();
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(h.code.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(h.head_name.c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(id.c_str());
            if (i < 50) {
                char mark[32];
                std::snprintf(mark, sizeof mark, "households.row.%d", i);
                std::string text = h.head_name + "|" + id + "|" + h.village;
                MarkItem(mark, text.c_str());
            }
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(h.township.c_str());
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(h.village.c_str());
            ImGui::TableSetColumnIndex(5);
            ImGui::TextUnformatted(h.kind.c_str());
            ImGui::TableSetColumnIndex(6);
            ImGui::Text("%d", h.population);
            ImGui::TableSetColumnIndex(7);
            ImGui::TextUnformatted(h.phone.c_str());
        }
    ImGui::EndTable();
}

}  // namespace

void ShowHouseholdMessage(HouseholdsUi& H, std::string text, bool error) {
    SetMessage(H.message, std::move(text), error, 8);
}

namespace {

// Reading and checking on the task runner; the plan is kept for the preview.
void StartHouseholdPlan(UiState& ui, std::unique_ptr<HouseholdPlanTask> task) {
    HouseholdsUi& H = *ui.households;
    HouseholdPlanTask* planning = task.get();
    auto done = [&H](Task& t) {
        H.planning = nullptr;
        platform::Mark("htk-households-plan-end");
        H.import_plan = std::make_unique<HouseholdImportPlan>(static_cast<HouseholdPlanTask&>(t).TakePlan());
    };
    auto cancelled = [&H] {
        H.planning = nullptr;
        ShowHouseholdMessage(H, "已取消导入，数据没有改变");
    };
    if (!StartTask(ui.tasks, "导入农户名册", std::move(task), done, cancelled)) return;
    H.planning = planning;
    H.read_marked = false;
}

}  // namespace

void ReceiveHouseholdWorkbook(UiState& ui, const std::string& file_name, Workbook&& book) {
    HouseholdsUi& H = *ui.households;
    if (TaskRunning(ui.tasks) || H.import_plan) return;
    StartHouseholdPlan(ui, HouseholdPlanTask::FromWorkbook(file_name, std::move(book), H.db, platform::Today()));
}

bool ReceiveHouseholdCsv(UiState& ui, const std::string& file_name, std::string& bytes, std::string* error) {
    HouseholdsUi& H = *ui.households;
    if (TaskRunning(ui.tasks) || H.import_plan) return false;
    std::unique_ptr<HouseholdPlanTask> task =
        HouseholdPlanTask::FromCsv(file_name, bytes, H.db, platform::Today(), error);
    if (!task) return false;
    StartHouseholdPlan(ui, std::move(task));
    return true;
}

// Read in the frame that asks: a small registry fits, and for a district's
// the frame (60–70 ms drawn under SwiftShader) is not held for a whole slice.
constexpr double kFirstSlice = 0.010;

void EnsureHouseholdsLoaded(UiState& ui) {
    HouseholdsUi& H = *ui.households;
    if (H.loaded || H.loading) return;
    platform::Mark("htk-households-load-start");
    auto finish = [&H, &ui](HouseholdLoadTask& t) {
        FreeBetweenFrames(ui.tasks, std::make_shared<std::vector<Household>>(H.view.Reset(t.TakeRows())));
        H.loaded = true;
        H.loading = false;
        platform::Mark("htk-households-load-end");
    };
    auto task = std::make_unique<HouseholdLoadTask>(H.db);
    Slice first(platform::Seconds, kFirstSlice);
    if (task->Step(first)) {  // a small registry: no dialog for a frame
        finish(*task);
        return;
    }
    H.loading = StartTask(ui.tasks, "读取农户名册", std::move(task),
                          [finish](Task& t) { finish(static_cast<HouseholdLoadTask&>(t)); }, {},
                          /*cancellable=*/false);
}

void DrawHouseholdsBar(HouseholdsUi& H) {
    const float fh = ImGui::GetFontSize();
    if (ImGui::Button("导入农户名册… (Ctrl+O)")) platform::OpenFilePicker();
    MarkItem("households.import");
    Tooltip("选择 .xlsx 或 .csv 文件（如防返贫监测系统导出的名册），也可以直接拖到页面上");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(14 * fh);
    ImGui::InputTextWithHint("##h_search", "搜索户主姓名、户编号、身份证号、村", &H.search);
    MarkItem("households.search", H.search.c_str());
    ImGui::SameLine();
    ImGui::Checkbox("显示完整身份证号", &H.show_full_id);
    MarkItem("households.show_full_id", H.show_full_id ? "1" : "0");
    Tooltip("默认打码显示（如 411023********1234）；勾选后本次使用期间显示完整号码");

    H.view.SetSearch(H.search);
    const std::vector<const Household*>& shown = H.view.Refresh(kSearchBudgetMs);
    const bool searching = H.view.pending();
    if (searching) platform::KeepDrawing();
    char count[128];
    if (H.search.empty()) std::snprintf(count, sizeof count, "共 %zu 户", H.view.total());
    else std::snprintf(count, sizeof count, "共 %zu 户，%s %zu 户", H.view.total(), searching ? "正在搜索…已找到" : "搜索到",
                       shown.size());
    ImGui::TextDisabled("%s", count);
    MarkItem("households.count", count);
    DrawMessage(H.message, "households.message");
}

void DrawHouseholdsTable(HouseholdsUi& H) {
    if (H.view.total() == 0) {
        ImGui::Spacing();
        ColoredTextWrapped(kColorMuted,
                           "还没有农户名册。请导入防返贫监测系统导出的名册，或按“户编号、户主姓名、身份证号、所属乡镇、"
                           "所属村、户类型、人口数、联系电话”整理的表格（.xlsx 或 .csv）。");
        return;
    }
    Table(H, H.view.Current());
}

namespace {

std::string ImportSummary(const HouseholdImportPlan& plan) {
    std::string s = "将新增 " + std::to_string(plan.adds.size()) + " 户，更新 " + std::to_string(plan.updates.size()) +
                    " 户；" + std::to_string(plan.unchanged) + " 户与现有记录相同；";
    if (plan.merged) s += "合并重复行 " + std::to_string(plan.merged) + " 个；";
    s += std::to_string(plan.errors.size()) + " 行无法导入";
    if (plan.person_rows)
        s += "。家庭成员：新增 " + std::to_string(plan.members_added) + " 人，变更 " +
             std::to_string(plan.members_changed) + " 人，移除 " + std::to_string(plan.members_removed) + " 人";
    return s;
}

// 户类型 as the file words it, and what the tool reads it as.
void KindLines(const HouseholdImportPlan& plan) {
    if (plan.kinds.empty()) return;
    ImGui::TextUnformatted("户类型对应：");
    for (size_t i = 0; i < plan.kinds.size(); ++i) {
        const KindCount& k = plan.kinds[i];
        std::string line = k.kind.empty() ? "  " + k.words + "：" + std::to_string(k.households) +
                                                " 户（不是系统中的户类型，按原文保存，请核对）"
                                          : "  " + k.words + " → " + k.kind + "：" + std::to_string(k.households) + " 户";
        ColoredTextWrapped(k.kind.empty() ? kColorYellow : kColorMuted, line.c_str());
        char mark[48];
        std::snprintf(mark, sizeof mark, "households.import.kind.%zu", i);
        MarkItem(mark, line.c_str());
    }
}

// Households the preview names: no 户主, two, a 人数 that disagrees.
void NoticeLines(const HouseholdImportPlan& plan) {
    if (plan.notices.empty()) return;
    ImGui::TextUnformatted("需要核对的户：");
    for (size_t i = 0; i < plan.notices.size(); ++i) {
        const HouseholdNotice& n = plan.notices[i];
        std::string line = "  " + n.household + "：" + n.text;
        ColoredTextWrapped(n.refused ? kColorRed : kColorYellow, line.c_str());
        char mark[48];
        std::snprintf(mark, sizeof mark, "households.import.notice.%zu", i);
        MarkItem(mark, line.c_str());
    }
}

// Refused rows by cause, each cause once with its rows; the full list below,
// to copy or save.
void ErrorGroups(const HouseholdImportPlan& plan) {
    if (plan.errors.empty()) return;
    const std::vector<ImportErrorGroup> groups = GroupImportErrors(plan.errors);
    ImGui::TextUnformatted("无法导入的行（按原因）：");
    for (size_t i = 0; i < groups.size(); ++i) {
        std::string line = "  " + groups[i].cause + "：" + ImportErrorRowsText(groups[i]);
        ColoredTextWrapped(kColorRed, line.c_str());
        Tooltip(("例如第 " + std::to_string(groups[i].rows[0]) + " 行：" + groups[i].first_detail).c_str());
        char mark[48];
        std::snprintf(mark, sizeof mark, "households.import.group.%zu", i);
        MarkItem(mark, line.c_str());
    }
    if (ImGui::Button("复制全部错误行")) ImGui::SetClipboardText(ImportErrorsAsText(plan.errors).c_str());
    MarkItem("households.import.copy_errors");
    Tooltip("复制为“行号、原因”两列，可直接粘贴到 Excel/WPS");
    ImGui::SameLine();
    if (ImGui::Button("导出错误清单…")) {
        const size_t dot = plan.file_name.rfind('.');
        platform::DownloadFile(plan.file_name.substr(0, dot) + "_无法导入的行.csv", ImportErrorsAsCsv(plan.errors),
                               "text/csv");
    }
    MarkItem("households.import.export_errors");
}

}  // namespace

namespace {

// Households written by an import join the list (sorted into it by place and 户编号).
constexpr size_t kJoinNowHouseholds = 20000;
void JoinWritten(HouseholdsUi& H) {
    platform::Mark("htk-households-upsert-start");
    H.view.Upsert(std::move(H.written));
    H.written.clear();
    platform::Mark("htk-households-upsert-end");
}

}  // namespace

namespace {

// The plan written on the task runner; the households it wrote join the list.
void StartHouseholdWrite(UiState& ui) {
    HouseholdsUi& H = *ui.households;
    platform::Mark("htk-households-apply-start");
    auto task = std::make_unique<HouseholdWriteTask>(std::move(*H.import_plan), H.db, platform::NowText());
    H.import_plan.reset();
    auto done = [&H](Task& t) {
        platform::Mark("htk-households-apply-end");
        auto& write = static_cast<HouseholdWriteTask&>(t);
        HouseholdImportPlan& plan = write.plan();
        if (write.failed()) {
            ShowHouseholdMessage(H, "导入失败（写入数据库出错，可能是浏览器存储已满），数据没有改变", true);
            return;
        }
        if (H.loaded) {  // the written households join the list as they are: no reload
            H.written.reserve(plan.taken());
            for (auto* list : {&plan.adds, &plan.updates})
                for (HouseholdWrite& w : *list) H.written.push_back(std::move(w.household));
            // A district's registry joins on the next frame (each step is most of a frame); a
            // township's at once.
            if (H.written.size() > kJoinNowHouseholds) platform::KeepDrawing();
            else JoinWritten(H);
        }
        ++H.generation;
        std::string said = "已导入“" + plan.file_name + "”：新增 " + std::to_string(plan.adds.size()) + " 户，更新 " +
                           std::to_string(plan.updates.size()) + " 户";
        if (plan.person_rows)
            said += "；成员新增 " + std::to_string(plan.members_added) + " 人，变更 " +
                    std::to_string(plan.members_changed) + " 人，移除 " + std::to_string(plan.members_removed) + " 人";
        if (!plan.errors.empty()) said += "；" + std::to_string(plan.errors.size()) + " 行未导入";
        ShowHouseholdMessage(H, said);
    };
    StartTask(ui.tasks, "导入农户名册", std::move(task), done,
              [&H] { ShowHouseholdMessage(H, "已取消导入，数据没有改变"); });
}

}  // namespace

void DrawHouseholdImportPreview(UiState& ui) {
    HouseholdsUi& H = *ui.households;
    if (!H.written.empty()) JoinWritten(H);
    if (H.planning && !H.planning->reading() && !H.read_marked) {
        platform::Mark("htk-import-read-end");
        H.read_marked = true;
    }
    if (!H.import_plan) return;
    if (!BeginModalDialog("导入农户名册", 52, 36)) return;
    HouseholdImportPlan& plan = *H.import_plan;
    MarkItem("households.import.dialog", plan.file_name.c_str());
    ImGui::Text("文件：%s", plan.file_name.c_str());
    if (!plan.fatal.empty()) {
        ColoredTextWrapped(kColorRed, ("无法导入：" + plan.fatal).c_str());
        if (ImGui::Button("关闭 (Esc)") || DialogCancelled() || DialogConfirmed()) {
            H.import_plan.reset();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
        return;
    }
    std::string shape = "工作表：" + plan.sheet_name + "，表头在第 " + std::to_string(plan.header_row) + " 行";
    if (plan.person_rows)
        shape += "；按人员名单（每行一人）读取：" + std::to_string(plan.people) + " 人，按户编号归户，户主为“与户主关系”是户主的人";
    ImGui::TextWrapped("%s", shape.c_str());
    MarkItem("households.import.shape", shape.c_str());
    const std::string summary = ImportSummary(plan);
    ImGui::TextWrapped("%s", summary.c_str());
    MarkItem("households.import.summary", summary.c_str());
    const std::string cols = "识别的列：" + JoinList(plan.columns);
    ColoredTextWrapped(kColorMuted, cols.c_str());
    ImGui::Separator();
    const float footer = ImGui::GetFrameHeightWithSpacing() * 1.5f;
    ImGui::BeginChild("##import_details", ImVec2(0, -footer), ImGuiChildFlags_NavFlattened);
    KindLines(plan);
    NoticeLines(plan);
    ErrorGroups(plan);
    if (!plan.errors.empty() && ImGui::TreeNode("逐行列表")) {
        ImGui::BeginChild("##error_rows", ImVec2(0, ImGui::GetFontSize() * 14), ImGuiChildFlags_NavFlattened);
        RowErrorsTable(plan.errors, 0, "households.import.error");
        ImGui::EndChild();
        ImGui::TreePop();
    } else {
        // The first rows stay readable by tests without opening the list.
        for (size_t i = 0; i < plan.errors.size() && i < 20; ++i) {
            char mark[48];
            std::snprintf(mark, sizeof mark, "households.import.error.%zu", i);
            MarkItem(mark, (std::to_string(plan.errors[i].row) + ":" + plan.errors[i].message).c_str());
        }
    }
    ImGui::EndChild();
    const bool can = plan.taken() > 0;
    if (!can) ImGui::BeginDisabled();
    bool go = ImGui::Button("确认导入 (Enter)");
    MarkItem("households.import.confirm");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    if (!can) ImGui::EndDisabled();
    ImGui::SameLine();
    bool cancel = ImGui::Button("取消 (Esc)");
    if (go || (can && DialogConfirmed())) {
        ImGui::CloseCurrentPopup();
        StartHouseholdWrite(ui);
    } else if (cancel || DialogCancelled()) {
        ShowHouseholdMessage(H, "已取消导入，数据没有改变");
        H.import_plan.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
