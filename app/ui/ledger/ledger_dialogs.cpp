// ledger_dialogs.cpp — the import preview (Enter confirms, Esc cancels),
// the delete confirmation and leaving an unsaved new problem.

#include "ledger_ui.h"

#include "dialogs.h"
#include "task_runner.h"

#include "domain/settings.h"
#include "platform.h"
#include "rules/text.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>

namespace htk::ui {
namespace {

void ImportPreview(LedgerUi& L, const Settings& s, TaskRunner& tasks) {
    if (!L.pending_import) return;
    ImportPlan& plan = *L.pending_import;
    if (!BeginModalDialog("导入预览", 46, 32))
        return;
    MarkItem("import.dialog", plan.file_name.c_str());
    ImGui::Text("文件：%s", plan.file_name.c_str());
    if (!plan.fatal.empty()) {
        ColoredTextWrapped(kColorRed, ("无法导入：" + plan.fatal).c_str());
        ImGui::Spacing();
        if (ImGui::Button("关闭 (Esc)") || DialogCancelled() || DialogConfirmed()) {
            L.pending_import.reset();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
        return;
    }
    if (plan.header_row > 0)
        ImGui::Text("工作表：%s，表头在第 %d 行", plan.sheet_name.c_str(), plan.header_row);
    if (!plan.unit.empty()) ImGui::Text("填报单位：%s", plan.unit.c_str());
    char summary[256];
    std::snprintf(summary, sizeof summary, "将新增 %zu 条，更新 %zu 条；%d 条与现有记录相同；%zu 行无法导入",
                  plan.adds.size(), plan.updates.size(), plan.unchanged, plan.errors.size());
    ImGui::TextUnformatted(summary);
    MarkItem("import.summary", summary);
    if (!plan.columns.empty()) {
        const std::string cols = "识别的列：" + JoinList(plan.columns);
        ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
        ImGui::TextWrapped("%s", cols.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    float footer = ImGui::GetFrameHeightWithSpacing() * 2;
    RowErrorsTable(plan.errors, footer, "import.error");
    const bool can = plan.taken() > 0;
    if (!can) ImGui::BeginDisabled();
    bool go = ImGui::Button("确认导入 (Enter)");
    MarkItem("import.confirm");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    if (!can) ImGui::EndDisabled();
    ImGui::SameLine();
    bool cancel = ImGui::Button("取消 (Esc)");
    if ((go || (can && DialogConfirmed()))) {
        platform::Mark("htk-import-apply-start");
        const std::string done = "已导入“" + plan.file_name + "”：新增 " + std::to_string(plan.adds.size()) +
                                 " 条，更新 " + std::to_string(plan.updates.size()) + " 条" +
                                 (plan.errors.empty() ? "" : "，" + std::to_string(plan.errors.size()) + " 行未导入") +
                                 "（可用 Ctrl+Z 撤销）";
        const ChangeContext ctx = MakeContext(s, "import");
        // The plan goes to the task (its rows are not copied); the dialog closes.
        auto task = L.model.WriteInSteps(
            [&](LedgerStore& store) {
                return std::make_unique<ImportApplyTask>(std::move(*L.pending_import), L.db, store, ctx);
            },
            [](Task& t) { return static_cast<ImportApplyTask&>(t).touched(); });
        L.pending_import.reset();
        StartTask(
            tasks, "导入台账", std::move(task),
            [&L, done](Task&) {
                AfterWrite(L);
                platform::Mark("htk-import-apply-end");
                ShowMessage(L, done);
            },
            [&L] { ShowMessage(L, "已取消导入，数据没有改变"); });
        ImGui::CloseCurrentPopup();
    } else if (cancel || DialogCancelled()) {
        ShowMessage(L, "已取消导入，数据没有改变");
        L.pending_import.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void DeleteConfirm(LedgerUi& L, const Settings& s) {
    if (!L.confirm_delete) return;
    if (!BeginModalDialog("删除问题", 28, 10))
        return;
    const Problem* p = L.view.Find(L.selected);
    ImGui::TextWrapped("删除这个问题？删除后可用 Ctrl+Z 撤销。");
    if (p) ImGui::TextDisabled("%s", (*p)[ProblemField::kDescription].c_str());
    ImGui::Spacing();
    bool yes = ImGui::Button("删除 (Enter)");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    ImGui::SameLine();
    bool no = ImGui::Button("取消 (Esc)");
    if (p && (yes || DialogConfirmed())) {
        L.model.Delete({p->id}, MakeContext(s, "edit"));
        AfterWrite(L);
        L.editing = false;
        L.selected = 0;
        ShowMessage(L, "已删除（Ctrl+Z 可撤销）");
        L.confirm_delete = false;
        ImGui::CloseCurrentPopup();
    } else if (!p || no || DialogCancelled()) {
        L.confirm_delete = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Leaving a new problem that has text in it: never dropped without asking.
void LeaveConfirm(LedgerUi& L, const Settings& s) {
    if (L.leave == LedgerUi::Leave::kNone) return;
    if (!BeginModalDialog("新问题尚未保存", 30, 11)) return;
    MarkItem("leave.dialog");
    ImGui::TextWrapped("正在新增的问题还没有保存。要保存它，放弃它，还是回去继续编辑？");
    const std::string& d = L.draft[ProblemField::kDescription];
    if (!d.empty()) ImGui::TextDisabled("%s", d.c_str());
    ImGui::Spacing();
    const bool save = ImGui::Button("保存 (Enter)");
    MarkItem("leave.save");
    ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
    ImGui::SameLine();
    const bool drop = ImGui::Button("放弃");
    MarkItem("leave.discard");
    ImGui::SameLine();
    const bool back = ImGui::Button("继续编辑 (Esc)");
    MarkItem("leave.back");
    if (save || DialogConfirmed()) {
        ImGui::CloseCurrentPopup();
        if (SaveNewProblem(L, s)) {
            ContinueLeaving(L, s);
        } else {  // something required is missing: back to the editor, which says what
            L.leave = LedgerUi::Leave::kNone;
            ShowMessage(L, "还有必填项未填好，未保存；请补全后再保存", true);
        }
    } else if (drop) {
        ImGui::CloseCurrentPopup();
        L.editing = false;
        ContinueLeaving(L, s);
    } else if (back || DialogCancelled()) {
        ImGui::CloseCurrentPopup();
        L.leave = LedgerUi::Leave::kNone;
        L.focus_editor = true;
    }
    ImGui::EndPopup();
}

}  // namespace

void DrawLedgerDialogs(LedgerUi& L, const Settings& s, TaskRunner& tasks) {
    if (TaskRunning(tasks)) return;  // its progress is the dialog
    ImportPreview(L, s, tasks);
    DeleteConfirm(L, s);
    LeaveConfirm(L, s);
}

}  // namespace htk::ui
