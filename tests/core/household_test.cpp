#include "domain/household.h"
#include "domain/household_import.h"
#include "domain/household_store.h"
#include "formats/table_file.h"
#include "rules/id_number.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace htk;

namespace {

const Date kToday{2022, 6, 15};

std::string Fixtures() { return std::string(HTK_TEST_OUT) + "/fixtures"; }

Workbook ReadFixture(const std::string& name) {
    std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/fixtures/make_ledger_fixtures.py '" + Fixtures() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream f(Fixtures() + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    Workbook book;
    std::string error;
    EXPECT_TRUE(ReadTableFile(name, ss.str(), &book, &error)) << error;
    return book;
}

Household Make(const char* code, const char* name, const char* village) {
    Household h;
    h.code = code;
    h.head_name = name;
    h.township = "椹涧乡";
    h.village = village;
    h.kind = "一般户";
    return h;
}

}  // namespace

TEST(Household, ValidationNormalisesAndExplains) {
    Household h = Make(" 4110230010001 ", "张某某", "小宋村");
    h.id_number = "11010519491231002x";
    h.kind = "监测户（风险已消除）";
    EXPECT_TRUE(NormalizeAndValidateHousehold(h, kToday).empty());
    EXPECT_EQ(h.code, "4110230010001");
    EXPECT_EQ(h.id_number, "11010519491231002X");
    EXPECT_EQ(h.kind, "监测对象（风险已消除）");

    Household bad;
    bad.kind = "贫困户";
    auto errors = NormalizeAndValidateHousehold(bad, kToday);
    std::string all;
    for (auto& e : errors) all += e.message + "|";
    for (const char* want : {"户主姓名不能为空", "所属乡镇不能为空", "所属村不能为空", "贫困户", "至少填写一项"})
        EXPECT_NE(all.find(want), std::string::npos) << want << " in " << all;
}

TEST(HouseholdImport, MonitoringSystemExportWithQuirks) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    Workbook book = ReadFixture("households.xlsx");
    EXPECT_TRUE(IsHouseholdWorkbook(book));
    HouseholdImportPlan plan = PlanHouseholdImport(book, "households.xlsx", store, kToday);
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_EQ(plan.header_row, 2);
    EXPECT_EQ(plan.adds.size(), 4u);  // rows 1, 2, 3 and 9; row 4 repeats row 1
    EXPECT_EQ(plan.merged, 1);
    ASSERT_EQ(plan.errors.size(), 4u);
    EXPECT_EQ(plan.errors[0].row, 7);  // 序号 5: wrong check digit
    EXPECT_NE(plan.errors[0].message.find("校验位"), std::string::npos) << plan.errors[0].message;
    EXPECT_EQ(plan.errors[1].row, 8);  // an ID typed as a number
    EXPECT_NE(plan.errors[1].message.find("存成了数字"), std::string::npos) << plan.errors[1].message;
    EXPECT_NE(plan.errors[2].message.find("贫困户"), std::string::npos) << plan.errors[2].message;
    EXPECT_NE(plan.errors[3].message.find("所属村不能为空"), std::string::npos) << plan.errors[3].message;
    // The repeat completed the first row; text and lower-case x were normalised.
    EXPECT_EQ(plan.adds[0].population, 5);
    EXPECT_EQ(plan.adds[0].phone, "13800000001");
    EXPECT_EQ(plan.adds[0].kind, "脱贫享受政策户");
    EXPECT_EQ(plan.adds[1].population, 3);
    EXPECT_EQ(plan.adds[1].id_number.back() == 'x', false);
    EXPECT_EQ(plan.adds[3].code, "");
    EXPECT_EQ(plan.adds[3].kind, "监测对象（风险已消除）");

    store.Apply(plan.adds, plan.updates, "2022-06-15 10:00:00");
    EXPECT_EQ(store.Count(), 4);
    auto villages = store.Villages();
    ASSERT_EQ(villages.size(), 3u);
    EXPECT_EQ(villages[0].township + villages[0].village, "椹涧乡大宋村");
    EXPECT_EQ(villages[1].households, 2);  // 小宋村

    // Importing the same file again changes nothing.
    HouseholdImportPlan again = PlanHouseholdImport(book, "households.xlsx", store, kToday);
    EXPECT_EQ(again.adds.size(), 0u);
    EXPECT_EQ(again.updates.size(), 0u);
    EXPECT_EQ(again.unchanged, 4);
}

TEST(HouseholdImport, LedgerSheetIsNotAHouseholdList) {
    Workbook book = ReadFixture("hand_made.xlsx");
    EXPECT_FALSE(IsHouseholdWorkbook(book));
}
