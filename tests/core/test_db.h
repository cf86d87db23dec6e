// test_db.h — a migrated in-memory database with the built-in campaign.
#pragma once

#include "domain/campaign.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <gtest/gtest.h>

#include <memory>

namespace htk::test {

struct TestDb {
    std::unique_ptr<Database> db = Database::OpenInMemory();
    int64_t campaign_id = 0;
    Campaign campaign;
    TestDb() {
        EXPECT_EQ(Migrate(*db), MigrateResult::kOk);
        campaign_id = EnsureCurrentCampaign(*db);
        campaign = LoadCampaign(*db, campaign_id);
    }
};

}  // namespace htk::test
