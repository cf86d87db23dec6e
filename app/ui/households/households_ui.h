// households_ui.h — the household registry on the 入户排查 screen: the list
// (search, 身份证号 masked unless the user asks), and the import preview.
#pragma once

#include "domain/household.h"
#include "domain/household_import.h"
#include "domain/household_import_task.h"
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

    // A registry file on its way in (domain/household_import_task.h): read and
    // checked on the task runner (`planning` points at that task meanwhile),
    // then its plan waits here for the user, then it is written on the runner.
    HouseholdPlanTask* planning = nullptr;
    bool read_marked = false;  // its reading's end is marked (htk-import-read-end)
    std::unique_ptr<HouseholdImportPlan> import_plan;
    // Households an import just wrote, joining the list on the next frame
    // (a district's 250,000: taking them from the plan and sorting them into
    // the list are a frame each).
    std::vector<Household> written;
    std::unique_ptr<VillageImportPlan> pending_villages;  // a 村名单 sheet waiting for Enter
    TimedMessage message;
};

struct UiState;
// A workbook read as a household list: its import starts on the task runner.
void ReceiveHouseholdWorkbook(UiState& ui, const std::string& file_name, Workbook&& book);
// A CSV file: true when it is a household list and its import started (the
// bytes are then taken); false with *error empty when it is another kind of
// table, or with a Chinese *error when it cannot be read.
bool ReceiveHouseholdCsv(UiState& ui, const std::string& file_name, std::string& bytes, std::string* error);
void ShowHouseholdMessage(HouseholdsUi& H, std::string text, bool error = false);

// The registry into the list when the screen first needs it: at once when it
// is small, else on the task runner with its progress (a district's 250,000
// households take 0.7 s in the browser).
void EnsureHouseholdsLoaded(UiState& ui);
// The toolbar and count (DrawHouseholdsBar), then the list (DrawHouseholdsTable).
void DrawHouseholdsBar(HouseholdsUi& H);
void DrawHouseholdsTable(HouseholdsUi& H);
// An import's plan waiting for the user; Enter writes it on the task runner.
void DrawHouseholdImportPreview(UiState& ui);

// A file read as a list of villages (乡镇, 村): its plan waits for confirmation.
void ReceiveVillageWorkbook(UiState& ui, const std::string& file_name, const Workbook& book);
void DrawVillageImportPreview(UiState& ui);

}  // namespace htk::ui
