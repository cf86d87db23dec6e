// screening_ui.h — 入户排查 itself: one household's points (keyboard: ↑↓ pick a
// point, 1 正常, 2 有问题, 3 不适用, 0 未查; PgUp/PgDn the previous/next
// household), the village points of a village, and progress per village.
#pragma once

#include "domain/household_store.h"
#include "domain/screening.h"

#include <map>
#include <string>
#include <vector>

namespace htk {
class Database;
}

namespace htk::ui {

struct UiState;

struct ScreeningUi {
    ScreeningUi(Database& db, int64_t campaign_id) : store(db, campaign_id) {}

    ScreeningStore store;
    // The target whose entries are loaded (a household, or a village).
    ScreeningTarget target;
    bool loaded = false;
    std::map<int64_t, ScreeningEntry> entries;  // by point id
    std::vector<HouseholdMember> members;       // of the household target
    int64_t members_of = 0;                     // the household `members` belong to
    int members_generation = -1;                // HouseholdsUi::generation when loaded
    int cursor = 0;          // the point the keys act on
    std::string note;        // 情况说明 typed for the cursor's point
    int64_t last_problem = 0;  // the ledger problem the last 有问题 started
    int64_t counts_for = 0;    // the min_percent point `done`/`total` are being typed for
    int done = 0, total = 0;

    int village = -1;        // index into `villages` on the 村级要点 tab
    std::vector<VillageCount> villages;
    bool villages_dirty = true;
    std::string new_township, new_village, village_error;  // 添加村

    std::vector<VillageProgress> progress;
    bool progress_dirty = true;
};

// The 逐户排查 panel for the household selected in the list (0: none).
void DrawHouseholdScreening(UiState& ui, int64_t household_id);
void DrawVillageScreening(UiState& ui);
void DrawScreeningProgress(UiState& ui);

}  // namespace htk::ui
