// ledger_ui.h — the 整改台账 screen's state: the store and view of the
// ledger, the selection, the editor's draft, and open dialogs.
//
// Immediate-mode UI, so the state is small: which row is selected, the draft
// being edited (a copy of the row, written field by field when a field is
// left with a valid value), and the import plan waiting for confirmation.
#pragma once

#include "domain/campaign.h"
#include "domain/ledger_import.h"
#include "domain/ledger_model.h"
#include "domain/problem_rules.h"
#include "platform.h"
#include "timed_message.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace htk {
class Database;
struct Settings;
}

namespace htk::ui {

struct LedgerUi {
    LedgerUi(Database& db, int64_t campaign_id);

    Database& db;
    Campaign campaign;
    // Every write goes through the model, which keeps the view current; the
    // screens read the store and drive the view's filter and sort.
    LedgerModel model;
    LedgerView& view;
    const LedgerStore& store;

    const Settings* settings = nullptr;  // the app's, set every frame

    // Table
    LedgerFilter filter;
    bool show_reporting_unit = false;  // 填报单位 column and filter (the district office's merged ledger)
    std::vector<std::string> reporting_units;  // the 填报单位 values, for the filter
    uint64_t reporting_units_version = ~0ull;  // the view version they were read at
    int64_t selected = 0;          // problem id, 0 = none
    bool scroll_to_selected = false;
    bool focus_search = false;
    bool search_settle_mark = false;  // the search text changed: mark when the table has settled

    // Editor: a draft of the selected row, or of a new row (id 0).
    bool editing = false;
    Problem draft;
    Problem draft_start;  // a new problem as it was opened: typed into when the draft differs
    bool draft_kept = false;  // a draft is stored for the next start (ledger_draft.h)
    std::vector<FieldError> draft_errors;
    // Errors show for fields the user has left, or for all after 保存 was tried:
    // a blank new form is not a page of red.
    std::array<bool, kProblemFieldCount> touched{};
    bool show_all_errors = false;
    bool focus_editor = false;
    float editor_width = 0;  // pixels; 0 until first shown

    // Export options
    bool export_extended = false;
    bool csv_gb18030 = false;

    // Dialogs
    bool confirm_delete = false;
    // Leaving a new problem that has text but is not saved asks first
    // (保存 / 放弃 / 继续编辑); what the user was doing waits here.
    enum class Leave { kNone, kSelect, kNew, kDuplicate, kClose };
    Leave leave = Leave::kNone;
    int64_t leave_id = 0;
    bool show_help = false;
    std::unique_ptr<ImportPlan> pending_import;

    // A line of feedback under the toolbar ("已导出 …", "导入失败：…").
    TimedMessage message;
};

// Reads the ledger's rows into the view the first time any screen needs them.
void EnsureLedgerLoaded(LedgerUi& L);

// Context every ledger function needs: who and when, for the history.
ChangeContext MakeContext(const Settings& settings, const char* source);

void DrawLedgerTable(LedgerUi& L);
// The filter row (and the 填报单位 filter when show_reporting_unit).
void DrawLedgerFilters(LedgerUi& L);
void DrawLedgerEditor(LedgerUi& L, const Settings& settings);
struct TaskRunner;
void DrawLedgerDialogs(LedgerUi& L, const Settings& settings, TaskRunner& tasks);

// Actions shared by buttons and shortcuts. Those that leave the problem being
// edited first ask about an unsaved new one (see LedgerUi::leave).
void StartNewProblem(LedgerUi& L, const Settings& settings);
// Closes the editor (asking first about an unsaved new problem).
void CloseEditor(LedgerUi& L, const Settings& settings);
// A new problem with something typed into it that is not stored yet.
bool NewDraftTypedIn(const LedgerUi& L);
// Stores the new problem when every required field is valid (else shows
// what is missing); true when stored.
bool SaveNewProblem(LedgerUi& L, const Settings& settings);
// Goes on with what waited for the unsaved-draft question.
void ContinueLeaving(LedgerUi& L, const Settings& settings);
void DuplicateSelected(LedgerUi& L, const Settings& settings);
// Writes the draft's valid, changed fields, then edits another row.
void SelectProblem(LedgerUi& L, const Settings& settings, int64_t id);
// Writes every valid changed field of a stored row's draft (leaving a row,
// Ctrl+S, switching screens).
void FlushDraft(LedgerUi& L, const Settings& settings);
// The official workbook of the rows shown, written a slice per frame
// (XlsxWriteTask) and downloaded when done.
void ExportXlsx(LedgerUi& L, const Settings& settings, TaskRunner& tasks);
void ExportCsv(LedgerUi& L, const Settings& settings);
void UndoLedger(LedgerUi& L, const Settings& settings);
void RedoLedger(LedgerUi& L, const Settings& settings);
// A file read as a ledger: its import plan waits for confirmation.
// Planned on the task runner (a 50,000-row file takes ~300 ms).
void ReceiveLedgerWorkbook(LedgerUi& L, const Settings& settings, TaskRunner& tasks, const std::string& file_name,
                           Workbook&& book);
void ReceivePaste(LedgerUi& L, const Settings& settings, const std::string& text);
// After a write through L.model (which keeps the view current): the editor
// closes if its problem is gone; with reload_draft the draft follows the
// stored row (after undo, redo or an import).
void AfterWrite(LedgerUi& L, bool reload_draft = true);
void ShowMessage(LedgerUi& L, std::string text, bool error = false);

}  // namespace htk::ui
