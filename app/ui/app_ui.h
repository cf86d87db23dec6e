// app_ui.h — the main window: section navigation, the current screen, the status bar.
//
// The UI reads and writes through the core (never SQL). The platform layer
// owns the frame loop and hands in what only it knows (save state, storage).
#pragma once

#include "domain/settings.h"
#include "platform.h"
#include "storage/save_scheduler.h"
#include "task_runner.h"

#include <memory>
#include <string>
#include <vector>

namespace htk {
class Database;
}

namespace htk::ui {

struct LedgerUi;
struct HouseholdsUi;
struct ScreeningUi;
struct WeeklyUi;
struct SettingsUi;
struct DistrictUi;

enum class Section { kHome, kLedger, kScreening, kWeekly, kDistrict, kSettings, kCount };

// What the platform knows and the status bar shows.
struct PlatformStatus {
    const SaveScheduler* saver = nullptr;
    double now = 0;             // seconds, same clock as the scheduler
    int storage_persisted = -1; // navigator.storage.persist(): 1 granted, 0 refused, -1 unknown
    const char* webgl = "";     // "WebGL 2" / "WebGL 1"
    std::string startup_error;  // a Chinese message shown until dismissed
    const char* version = "";   // the build's version, shown in the status bar
    // Another tab writes (or this one is handing over): nothing here may change the data.
    bool read_only = false;
    bool take_over_waiting = false;   // 在此页编辑 asked, the writer not yet done
    std::string take_over_refused;    // why the writer refused it
};

struct UiState {
    UiState();
    ~UiState();
    Database* db = nullptr;
    Settings settings;          // what the settings screen edits; written through on change
    Section section = Section::kHome;
    std::unique_ptr<LedgerUi> ledger;
    std::unique_ptr<HouseholdsUi> households;
    std::unique_ptr<ScreeningUi> screening;
    std::unique_ptr<WeeklyUi> weekly;
    std::unique_ptr<DistrictUi> district;
    std::unique_ptr<SettingsUi> settings_ui;  // kept across rebuilds (its messages)
    TaskRunner tasks;           // heavy work under way (one at a time), a slice per frame
    std::vector<platform::OpenedFile> waiting_files;  // chosen or dropped, previewed one at a time
    bool has_demo = false;  // 示例数据 loaded (checked at start and when loaded/removed)
    int64_t switch_campaign = 0;  // made current at the start of the next frame (screens rebuilt)
    bool reload_all = false;      // the data was replaced (a restore, another tab's save): read again next frame
    bool read_only = false;       // PlatformStatus::read_only, for the screens
    bool take_over_requested = false;  // 在此页编辑 pressed; the platform asks the writer tab
    bool save_now_requested = false;   // 立即重试 pressed after a failed save
};

void InitUi(UiState& ui, Database* db);
void DrawApp(UiState& ui, const PlatformStatus& status);
// The frames before InitUi: what is being done, and how far (0..1; < 0 unknown).
void DrawStartup(const char* text, float fraction);
// Drops every screen's copy of the data and their undo steps, after rows were
// added or removed outside them (the demo data).
void ReloadAllScreens(UiState& ui);
// The 示例数据 buttons (首页 and 设置): load it, or remove it in one step.
void DemoDataButtons(UiState& ui);

// Writes valid text still being typed (the page is being hidden or closed).
void FlushPendingEdits(UiState& ui);

}  // namespace htk::ui
