// ledger_actions.cpp — what the ledger's buttons and shortcuts do: new,
// duplicate, undo/redo, export, and receiving files and pasted rows.

#include "ledger_ui.h"

#include "domain/ledger_csv.h"
#include "domain/ledger_draft.h"
#include "domain/ledger_xlsx.h"
#include "export_task.h"
#include "domain/problem_rules.h"
#include "domain/settings.h"
#include "formats/table_file.h"
#include "platform.h"

#include <imgui.h>

namespace htk::ui {

LedgerUi::LedgerUi(Database& database, int64_t campaign_id)
    : db(database),
      campaign(LoadCampaign(database, campaign_id)),
      model(database, campaign_id),
      view(model.view()),
      store(model.store()) {}

ChangeContext MakeContext(const Settings& s, const char* source) {
    return ChangeContext{platform::NowText(), s.contact_name.empty() ? s.unit_name : s.contact_name, source};
}

void ShowMessage(LedgerUi& L, std::string text, bool error) {
    SetMessage(L.message, std::move(text), error, error ? 12.0 : 6.0);
}

void EnsureLedgerLoaded(LedgerUi& L) {
    if (L.model.loaded()) return;
    L.model.Load();
    // A problem being typed when the page was last closed comes back as it was.
    if (std::optional<Problem> draft = LoadLedgerDraft(L.db)) {
        ClearLedgerDraft(L.db);  // in memory from here; kept again if the page closes before it is stored
        const Problem* stored = draft->id ? L.view.Find(draft->id) : nullptr;
        if (draft->id == 0 || stored) {
            L.draft = *draft;
            L.draft_start = NewProblem();
            L.editing = true;
            L.selected = draft->id;
            L.scroll_to_selected = draft->id != 0;
            L.touched.fill(true);  // show what still needs fixing
            L.show_all_errors = false;
            Problem check = L.draft;
            L.draft_errors = NormalizeAndValidate(check, L.campaign);
            ShowMessage(L, draft->id ? "已恢复上次关闭页面时未保存的修改，请核对后保存"
                                     : "已恢复上次关闭页面时未保存的新问题，请补全后保存");
        }
    }
}

void AfterWrite(LedgerUi& L, bool reload_draft) {
    if (L.editing && L.draft.id && !L.view.Find(L.draft.id)) L.editing = false;  // undone away
    if (reload_draft && L.editing && L.draft.id) {
        if (const Problem* p = L.view.Find(L.draft.id)) {
            L.draft = *p;
            L.draft_errors.clear();
        }
    }
}

void FlushDraft(LedgerUi& L, const Settings& s) {
    if (!L.editing || !L.draft.id) return;
    const Problem* stored = L.view.Find(L.draft.id);
    if (!stored) return;
    Problem check = L.draft;
    std::vector<FieldError> errors = NormalizeAndValidate(check, L.campaign);
    Problem after = *stored;
    for (int f = 0; f < kProblemFieldCount; ++f) {
        bool bad = false;
        for (const FieldError& e : errors) bad |= int(e.field) == f;
        if (!bad) after.v[size_t(f)] = L.draft.v[size_t(f)] = check.v[size_t(f)];
    }
    if (after.v != stored->v) {
        L.model.Update(after, MakeContext(s, "edit"));
        AfterWrite(L, false);
    }
}

bool NewDraftTypedIn(const LedgerUi& L) { return L.editing && L.draft.id == 0 && L.draft.v != L.draft_start.v; }

namespace {
// False (and the question asked) when an unsaved new problem must be kept or dropped first.
bool MayLeave(LedgerUi& L, LedgerUi::Leave what, int64_t id) {
    if (!NewDraftTypedIn(L)) return true;
    L.leave = what;
    L.leave_id = id;
    return false;
}
}  // namespace

void ContinueLeaving(LedgerUi& L, const Settings& s) {
    const LedgerUi::Leave what = L.leave;
    L.leave = LedgerUi::Leave::kNone;
    L.editing = L.editing && L.draft.id != 0;  // the new problem is saved or dropped by now
    switch (what) {
        case LedgerUi::Leave::kSelect: SelectProblem(L, s, L.leave_id); break;
        case LedgerUi::Leave::kNew: StartNewProblem(L, s); break;
        case LedgerUi::Leave::kDuplicate: DuplicateSelected(L, s); break;
        case LedgerUi::Leave::kClose: CloseEditor(L, s); break;
        case LedgerUi::Leave::kNone: break;
    }
}

void CloseEditor(LedgerUi& L, const Settings& s) {
    if (!MayLeave(L, LedgerUi::Leave::kClose, 0)) return;
    FlushDraft(L, s);
    L.editing = false;
}

void SelectProblem(LedgerUi& L, const Settings& s, int64_t id) {
    if (!MayLeave(L, LedgerUi::Leave::kSelect, id)) return;
    FlushDraft(L, s);
    const Problem* p = L.view.Find(id);
    if (!p) return;
    L.selected = id;
    L.draft = *p;
    L.draft_errors.clear();
    L.touched.fill(false);
    L.show_all_errors = false;
    L.editing = true;
}

void StartNewProblem(LedgerUi& L, const Settings& s) {
    if (!MayLeave(L, LedgerUi::Leave::kNew, 0)) return;
    FlushDraft(L, s);
    L.draft = NewProblem();
    L.draft[ProblemField::kReportingUnit] = s.unit_name;
    if (s.role == Role::kTownship) L.draft[ProblemField::kTownship] = s.unit_name;
    L.draft[ProblemField::kFoundDate] = FormatIso(platform::Today());
    L.draft_start = L.draft;
    L.draft_errors.clear();
    L.touched.fill(false);
    L.show_all_errors = false;
    L.editing = true;
    L.focus_editor = true;
    L.selected = 0;
}

void DuplicateSelected(LedgerUi& L, const Settings& s) {
    if (!MayLeave(L, LedgerUi::Leave::kDuplicate, 0)) return;
    FlushDraft(L, s);
    const Problem* p = L.view.Find(L.selected);
    if (!p) {
        ShowMessage(L, "请先在表格中选中要复制的问题", true);
        return;
    }
    Problem copy = *p;
    copy.id = 0;
    copy.uuid.clear();
    copy[ProblemField::kStatus] = StatusCode(ProblemStatus::kOpen);
    copy[ProblemField::kDoneDate].clear();
    int64_t id = L.model.Add(copy, MakeContext(s, "edit"));
    AfterWrite(L);
    SelectProblem(L, s, id);
    L.scroll_to_selected = true;
    L.focus_editor = true;
    ShowMessage(L, "已复制为新问题，可直接修改");
}

void UndoLedger(LedgerUi& L, const Settings& s) {
    if (!L.store.CanUndo()) return;
    std::string label = L.store.UndoLabel();
    L.model.Undo(MakeContext(s, "undo"));
    AfterWrite(L);
    ShowMessage(L, "已撤销：" + label);
}

void RedoLedger(LedgerUi& L, const Settings& s) {
    if (!L.store.CanRedo()) return;
    std::string label = L.store.RedoLabel();
    L.model.Redo(MakeContext(s, "redo"));
    AfterWrite(L);
    ShowMessage(L, "已重做：" + label);
}

static LedgerSheet CurrentSheet(LedgerUi& L, const Settings& s) {
    LedgerSheet sheet;
    sheet.title = L.campaign.ledger_title;
    // The district's merged ledger filtered to one unit is that unit's ledger.
    sheet.unit = L.filter.reporting_unit.empty() ? s.unit_name : L.filter.reporting_unit;
    sheet.date = platform::Today();
    sheet.note = L.campaign.ledger_note;
    sheet.extended = L.export_extended;
    sheet.rows = L.view.Order();  // 序号 follows the table's current order
    return sheet;
}

void ExportXlsx(LedgerUi& L, const Settings& s, TaskRunner& tasks) {
    LedgerWorkbook book;
    book.sheets.push_back(CurrentSheet(L, s));
    book.campaign_code = L.campaign.code;
    book.unit = s.unit_name;
    book.exported_at = platform::NowText();
    // What is about to be stamped should not hold placeholder measures.
    size_t weak = 0;
    for (const Problem* p : book.sheets[0].rows) weak += !WeakMeasureReason((*p)[ProblemField::kMeasures]).empty();
    const size_t rows = book.sheets[0].rows.size();
    const std::string name = LedgerFileName(s.unit_name, platform::Today(), ".xlsx");
    ExportXlsxFile(tasks, std::move(book), name, [&L, rows, weak](const std::string& text, bool error) {
        if (error) {
            ShowMessage(L, text, true);
            return;
        }
        std::string said = text + "（" + std::to_string(rows) + " 条）";
        if (weak) {
            said += "。注意：其中 " + std::to_string(weak) +
                    " 条的整改措施还是自动生成的套话或过于简短（表中黄色标出），盖章报送前请写明具体措施";
        }
        ShowMessage(L, said, weak > 0);
    });
}

void ExportCsv(LedgerUi& L, const Settings& s) {
    platform::Mark("htk-export-csv-start");
    const LedgerSheet sheet = CurrentSheet(L, s);
    const std::string bytes = LedgerCsv(sheet, L.csv_gb18030);
    const size_t seq = sheet.rows.size();
    platform::Mark("htk-export-csv-end");
    std::string name = LedgerFileName(s.unit_name, platform::Today(), ".csv");
    platform::DownloadFile(name, bytes, L.csv_gb18030 ? "text/csv;charset=gb18030" : "text/csv;charset=utf-8");
    ShowMessage(L, "已导出 " + name + "（" + std::to_string(seq) + " 条，" +
                       (L.csv_gb18030 ? "GB18030 编码" : "UTF-8 编码") + "）");
}

// A file read as a ledger: plans its import for the preview dialog.
void ReceiveLedgerWorkbook(LedgerUi& L, const Settings& s, TaskRunner& tasks, const std::string& file_name,
                           Workbook&& book) {
    if (L.pending_import) return;
    // The view holds every live row once it is loaded: the planner uses it
    // (nothing writes while the task's dialog is up).
    auto task = std::make_unique<LedgerPlanTask>(std::move(book), file_name, L.campaign, L.store, s.unit_name,
                                                 L.model.loaded() ? &L.view.rows() : nullptr);
    if (!StartTask(tasks, "导入文件", std::move(task), [&L](Task& t) {
            L.pending_import = std::make_unique<ImportPlan>(static_cast<LedgerPlanTask&>(t).TakePlan());
            platform::Mark("htk-import-plan-end");
        }))
        ShowMessage(L, "无法导入“" + file_name + "”：另一项操作还在进行，请等它完成后再打开", true);
}

void ReceivePaste(LedgerUi& L, const Settings& s, const std::string& text) {
    if (L.pending_import) return;
    auto plan = std::make_unique<ImportPlan>(PlanPastedRows(text, L.campaign, L.store, s.unit_name));
    if (plan->taken() == 0 && plan->errors.empty()) {
        ShowMessage(L, "粘贴的内容里没有可以识别的问题行", true);
        return;
    }
    L.pending_import = std::move(plan);
}

}  // namespace htk::ui
