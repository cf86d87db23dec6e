// fuzz_env.h — what every fuzz target shares: a migrated in-memory database
// with the built-in campaign, made once per process, and the importers'
// planning run over whatever sheet a file gave (planning changes nothing).
#pragma once

#include "domain/campaign.h"
#include "domain/household_import.h"
#include "domain/household_store.h"
#include "domain/ledger_import.h"
#include "domain/ledger_store.h"
#include "domain/village_import.h"
#include "formats/sheet.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <cassert>
#include <memory>

namespace htk::fuzz {

struct Env {
    std::unique_ptr<Database> db = Database::OpenInMemory();
    int64_t campaign_id = 0;
    Campaign campaign;
    Env() {
        MigrateResult r = Migrate(*db);
        assert(r == MigrateResult::kOk);
        (void)r;
        campaign_id = EnsureCurrentCampaign(*db);
        campaign = LoadCampaign(*db, campaign_id);
    }
};

inline Env& TheEnv() {
    static Env env;
    return env;
}

// Every importer's plan for a workbook read from a file.
inline void PlanEverything(const Workbook& book) {
    Env& e = TheEnv();
    LedgerStore ledger(*e.db, e.campaign_id);
    PlanLedgerImport(book, "fuzz.xlsx", e.campaign, ledger, "椹涧乡");
    if (IsHouseholdWorkbook(book)) PlanHouseholdImport(book, "fuzz.xlsx", HouseholdStore(*e.db), Date{2022, 6, 15});
    if (IsVillageWorkbook(book)) PlanVillageImport(*e.db, book, "fuzz.xlsx");
}

}  // namespace htk::fuzz
