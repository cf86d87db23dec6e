// district_ui.h — 区级汇总 (the district office's section): files received
// from every unit waiting in the import dialog, the last import's summary,
// the current spot check, and what the tabs show, recomputed only when the
// ledger or the received files change.
#pragma once

#include "district/bulletin.h"
#include "district/received_files.h"
#include "district/reporting.h"
#include "district/spot_check.h"
#include "district/unit_stats.h"
#include "platform.h"
#include "timed_message.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace htk {
class Database;
}

namespace htk::ui {

struct UiState;

struct DistrictUi {
    DistrictUi(Database& db, int64_t campaign_id) : checks(db, campaign_id) {}

    // Files dropped or chosen, read and attributed, waiting for 导入 (Enter).
    std::vector<ReceivedFile> incoming;
    bool show_import = false;
    int focus_file = -1;  // the file whose rejected rows are listed
    // What the last import did, shown until closed.
    std::unique_ptr<MergeSummary> summary;

    // Derived data, rebuilt after a commit or when the ledger view changes.
    uint64_t built_version = ~0ull;
    uint64_t built_commits = ~0ull;
    std::vector<ReceivedFileInfo> files;
    bool files_open = false;  // the list of received files is expanded
    std::vector<std::string> units;  // expected: townships, then departments
    UnitDirectory dir;               // their names, aliases, and choices remembered per file
    // The list of received files: the one whose refused rows are shown, and
    // the one being moved to another unit/week.
    int64_t files_focus = 0;
    std::vector<ImportRowError> files_focus_errors;
    int64_t move_file = 0;
    std::string move_unit;
    int move_week = 0;
    std::string move_error;
    // Problems units' latest files no longer list (drift.h), and the choice
    // of what each became, per problem id.
    std::vector<UnitDrift> drift;
    std::map<int64_t, int64_t> drift_into;
    ReportingTable reporting;
    std::vector<UnitStats> stats;
    UnitStats total;
    int sort_column = 0;  // unit table: ImGui sort spec
    bool show_unit_ledger = false;  // a unit was clicked: show the 合并台账 tab next frame
    bool sort_ascending = true;

    // Spot checks.
    SpotCheckStore checks;
    std::vector<SpotCheckInfo> check_list;
    bool check_chosen = false;  // another spot check picked: read it on the next refresh
    int64_t check_id = 0;  // shown; 0 = the newest
    SpotCheck check;
    std::vector<SpotCheckItem> findings;  // every round's items: what the statistics count
    bool show_sample_dialog = false;
    SampleSpec spec;
    int use_percent = 1;  // radio: 1 按比例, 0 按数量
    std::string seed_text;
    std::string sample_error;
    int finding_seq = 0;          // the item whose finding is being edited
    std::string finding_note, finding_date;
    // 登记实地发现的漏报: the problem being written, its date and note.
    bool show_missed = false;
    Problem missed;
    std::string missed_found, missed_note, missed_error;

    // 通报
    Bulletin bulletin;
    std::string bulletin_text;

    TimedMessage message;
};

// The district office's own name on the files it hands out.
std::string OfficeName(const UiState& ui);

// A file read as a ledger while the role is 区办: it joins the import dialog.
void ReceiveDistrictFile(UiState& ui, platform::OpenedFile&& file);
void DrawDistrictImportDialog(UiState& ui);

// Tabs of the section.
void DrawReportingTab(UiState& ui);
// 已收到的文件: each file's unit, week and rows; its refused rows; removed or
// moved to another unit/week (each one undo step of the ledger).
void DrawReceivedFiles(UiState& ui);
void DrawMergedLedgerTab(UiState& ui);
// The problems the latest files of `units` (all units when empty) no longer
// list, each with 并入 / 保留; `mark` prefixes the test marks. False when none.
bool DrawDrift(UiState& ui, const std::vector<std::string>& units, const char* mark);
void DrawUnitStatsTab(UiState& ui);
void DrawSpotCheckTab(UiState& ui);
void DrawSampleDialog(UiState& ui);
// A 漏报 found on site, registered as a problem of its unit in the spot check shown.
void DrawMissedDialog(UiState& ui);
void DrawBulletinTab(UiState& ui);

// The roll-up workbook: a summary sheet, then each unit's ledger.
void ExportDistrictRollup(UiState& ui);

// Rebuilds the tables when their data changed.
void RefreshDistrict(UiState& ui);
void ShowDistrictMessage(DistrictUi& D, std::string text, bool error = false);

}  // namespace htk::ui
