// households_ui.h — the household registry on the 入户排查 screen: the list
// (search, 身份证号 masked unless the user asks), and the import preview.
#pragma once

#include "domain/household.h"
#include "domain/household_import.h"
#include "domain/household_import_job.h"
#include "domain/household_store.h"
#include "domain/household_view.h"
#include "domain/village_import.h"
#include "timed_message.h"

#include <memory>
#include <string>
#include <vector>

namespace htk {
class Database;
}

namespace htk::ui {

struct HouseholdsUi {
    explicit HouseholdsUi(Database& db) : db(db), store(db) {}

    Database& db;
    HouseholdStore store;
    HouseholdView view;   // the registry, loaded when first shown and after imports
    bool loaded = false;
    bool loading = false;  // read on the task runner (EnsureHouseholdsLoaded)
    int generation = 0;   // counts imports: views of members reload when it moves

    std::string search;         // 户主姓名, 户编号, 身份证号, 乡镇 or 村
    bool show_full_id = false;  // an explicit choice; off again on every start
    int64_t selected = 0;       // the household being screened
    bool scroll_to_selected = false;

    // A registry file on its way in: read and checked a slice per frame, then
    // previewed, then written a slice per frame (see HouseholdImportJob).
    std::unique_ptr<HouseholdImportJob> import_job;
    // Households an import just wrote, joining the list on the next frame
    // (a district's 250,000: taking them from the plan and sorting them into
    // the list are a frame each).
    std::vector<Household> written;
    std::unique_ptr<VillageImportPlan> pending_villages;  // a 村名单 sheet waiting for Enter
    TimedMessage message;
};

// A workbook read as a household list: its import starts (and runs a slice
// per frame in DrawHouseholdImportPreview).
void ReceiveHouseholdWorkbook(HouseholdsUi& H, const std::string& file_name, Workbook&& book);
// A CSV file: true when it is a household list and its import started (the
// bytes are then taken); false with *error empty when it is another kind of
// table, or with a Chinese *error when it cannot be read.
bool ReceiveHouseholdCsv(HouseholdsUi& H, const std::string& file_name, std::string& bytes, std::string* error);
void ShowHouseholdMessage(HouseholdsUi& H, std::string text, bool error = false);

struct UiState;
// The registry into the list when the screen first needs it: at once when it
// is small, else on the task runner with its progress (a district's 250,000
// households take 0.7 s in the browser).
void EnsureHouseholdsLoaded(UiState& ui);
// The toolbar and count (DrawHouseholdsBar), then the list (DrawHouseholdsTable).
void DrawHouseholdsBar(HouseholdsUi& H);
void DrawHouseholdsTable(HouseholdsUi& H);
// The running import: its progress (with 取消), then its preview.
void DrawHouseholdImportPreview(HouseholdsUi& H, const std::string& now);

// A file read as a list of villages (乡镇, 村): its plan waits for confirmation.
void ReceiveVillageWorkbook(UiState& ui, const std::string& file_name, const Workbook& book);
void DrawVillageImportPreview(UiState& ui);

}  // namespace htk::ui
