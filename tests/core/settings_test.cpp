#include "domain/settings.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <gtest/gtest.h>

#include <vector>

using namespace htk;

TEST(Settings, DefaultsOnEmptyDatabase) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    Settings s = LoadSettings(*db);
    EXPECT_EQ(s.unit_name, "");
    EXPECT_EQ(s.role, Role::kTownship);
}

TEST(Settings, RoundTripThroughImage) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    SaveSettings(*db, Settings{"区巩固拓展脱贫攻坚工作领导小组办公室", Role::kDistrictOffice});

    Database::ImageView img = db->Image();
    std::vector<uint8_t> bytes(img.data, img.data + img.size);
    auto again = Database::OpenInMemory();
    std::string err;
    ASSERT_TRUE(again->LoadImage(bytes.data(), bytes.size(), &err)) << err;
    ASSERT_EQ(Migrate(*again), MigrateResult::kOk);
    Settings s = LoadSettings(*again);
    EXPECT_EQ(s.unit_name, "区巩固拓展脱贫攻坚工作领导小组办公室");
    EXPECT_EQ(s.role, Role::kDistrictOffice);
}

TEST(Settings, SavingUnchangedValuesWritesNothing) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    SaveSettings(*db, Settings{"椹涧乡", Role::kTownship});
    uint64_t c = db->commit_count();
    SaveSettings(*db, Settings{"椹涧乡", Role::kTownship});
    EXPECT_EQ(db->commit_count(), c);
    SaveSettings(*db, Settings{"椹涧乡", Role::kDepartment});
    EXPECT_EQ(db->commit_count(), c + 1);
    EXPECT_EQ(LoadSettings(*db).role, Role::kDepartment);
}

TEST(Settings, RoleCodesAndLabels) {
    for (Role r : {Role::kTownship, Role::kDepartment, Role::kDistrictOffice})
        EXPECT_EQ(RoleFromCode(RoleCode(r)), r);
    EXPECT_STREQ(RoleLabel(Role::kTownship), "乡镇");
    EXPECT_STREQ(RoleLabel(Role::kDepartment), "区直单位");
    EXPECT_STREQ(RoleLabel(Role::kDistrictOffice), "区办");
    EXPECT_EQ(RoleFromCode("garbage"), Role::kTownship);
}

TEST(Settings, ContactFieldsRoundTrip) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    Settings s{"区住建局", Role::kDepartment, "胡鹏", "0374-5119719"};
    SaveSettings(*db, s);
    Settings back = LoadSettings(*db);
    EXPECT_EQ(back.unit_name, "区住建局");
    EXPECT_EQ(back.role, Role::kDepartment);
    EXPECT_EQ(back.contact_name, "胡鹏");
    EXPECT_EQ(back.contact_phone, "0374-5119719");
    s.contact_phone = "";
    uint64_t c = db->commit_count();
    SaveSettings(*db, s);
    EXPECT_EQ(db->commit_count(), c + 1);
    EXPECT_EQ(LoadSettings(*db).contact_phone, "");
    EXPECT_EQ(LoadSettings(*db).contact_name, "胡鹏");
}
