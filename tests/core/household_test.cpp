#include "domain/demo_data.h"
#include "domain/household.h"
#include "domain/ledger_store.h"
#include "domain/weekly_report.h"
#include "domain/household_import.h"
#include "domain/opened_file.h"
#include "domain/household_store.h"
#include "domain/household_view.h"
#include "domain/problem_rules.h"
#include "domain/screening.h"
#include "domain/campaign_setup.h"
#include "domain/village_import.h"
#include "formats/table_file.h"
#include "rules/id_number.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <algorithm>
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
    for (const char* want : {"户主姓名不能为空", "所属乡镇不能为空", "所属村不能为空", "至少填写一项"})
        EXPECT_NE(all.find(want), std::string::npos) << want << " in " << all;
    // A kind the tool does not know is kept as written, never refused.
    EXPECT_EQ(all.find("户类型"), std::string::npos) << all;
    EXPECT_EQ(bad.kind, "贫困户");
}

TEST(HouseholdImport, MonitoringSystemExportWithQuirks) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    Workbook book = ReadFixture("households.xlsx");
    EXPECT_TRUE(IsHouseholdWorkbook(book));
    HouseholdImportPlan plan = PlanHouseholdImport(book, "households.xlsx", store, kToday);
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_EQ(plan.header_row, 2);
    EXPECT_FALSE(plan.person_rows);
    EXPECT_EQ(plan.adds.size(), 5u);  // rows 1, 2, 3, 7 and 9; row 4 repeats row 1
    EXPECT_EQ(plan.merged, 1);
    ASSERT_EQ(plan.errors.size(), 3u);
    EXPECT_EQ(plan.errors[0].row, 7);  // 序号 5: wrong check digit
    EXPECT_NE(plan.errors[0].message.find("校验位"), std::string::npos) << plan.errors[0].message;
    EXPECT_EQ(plan.errors[1].row, 8);  // an ID typed as a number
    EXPECT_NE(plan.errors[1].message.find("存成了数字"), std::string::npos) << plan.errors[1].message;
    EXPECT_NE(plan.errors[2].message.find("所属村不能为空"), std::string::npos) << plan.errors[2].message;
    // The repeat completed the first row; text and lower-case x were normalised.
    const auto& adds = plan.adds;
    EXPECT_EQ(adds[0].household.population, 5);
    EXPECT_EQ(adds[0].household.phone, "13800000001");
    EXPECT_EQ(adds[0].household.kind, "脱贫享受政策户");
    EXPECT_EQ(adds[1].household.population, 3);
    EXPECT_EQ(adds[1].household.id_number.back() == 'x', false);
    EXPECT_EQ(adds[2].household.kind, "一般农户");
    EXPECT_EQ(adds[3].household.kind, "贫困户");  // not known: kept as written
    EXPECT_EQ(adds[4].household.code, "");
    EXPECT_EQ(adds[4].household.kind, "监测对象（风险已消除）");
    // The kinds as the preview states them, known ones first; the unknown one listed.
    ASSERT_EQ(plan.kinds.size(), 5u);
    EXPECT_EQ(plan.kinds.back().words, "贫困户");
    EXPECT_EQ(plan.kinds.back().kind, "");
    EXPECT_EQ(plan.kinds.back().households, 1);

    EXPECT_TRUE(store.Apply(plan.adds, plan.updates, "2022-06-15 10:00:00"));
    EXPECT_EQ(store.Count(), 5);
    auto villages = store.Villages();
    ASSERT_EQ(villages.size(), 3u);
    EXPECT_EQ(villages[0].township + villages[0].village, "椹涧乡大宋村");
    EXPECT_EQ(villages[1].households, 3);  // 小宋村

    // A village typed before its households come: listed with none.
    EXPECT_EQ(store.AddVillage(" 陈曹乡 ", "新庄村"), "");
    EXPECT_NE(store.AddVillage("陈曹乡", "新庄村").find("已在名单中"), std::string::npos);
    EXPECT_NE(store.AddVillage("", "新庄村").find("请填写"), std::string::npos);
    auto listed = store.Villages();
    ASSERT_EQ(listed.size(), 4u);
    auto it = std::find_if(listed.begin(), listed.end(), [](const VillageCount& v) { return v.village == "新庄村"; });
    ASSERT_NE(it, listed.end());
    EXPECT_EQ(it->township, "陈曹乡");
    EXPECT_EQ(it->households, 0);

    // Importing the same file again changes nothing.
    HouseholdImportPlan again = PlanHouseholdImport(book, "households.xlsx", store, kToday);
    EXPECT_EQ(again.adds.size(), 0u);
    EXPECT_EQ(again.updates.size(), 0u);
    EXPECT_EQ(again.unchanged, 5);
}

TEST(HouseholdImport, LedgerSheetIsNotAHouseholdList) {
    Workbook book = ReadFixture("hand_made.xlsx");
    EXPECT_FALSE(IsHouseholdWorkbook(book));
}

TEST(HouseholdView, SearchesNameCodeIdAndPlaceASliceAtATime) {
    std::vector<Household> rows;
    for (int i = 0; i < 5000; ++i) {
        Household h = Make(("41102300" + std::to_string(10000 + i)).c_str(), i % 2 ? "张某某" : "李某某",
                           i % 10 ? "小宋村" : "鲁庄村");
        h.id_number = i == 4321 ? "11010519491231002X" : "";
        rows.push_back(h);
    }
    HouseholdView v;
    v.Reset(rows);
    EXPECT_EQ(v.Refresh(-1).size(), 5000u);
    v.SetSearch("鲁庄");
    v.Refresh(0);  // one slice
    EXPECT_TRUE(v.pending());
    int frames = 0;
    while (v.pending()) {
        v.Refresh(0);
        ASSERT_LT(++frames, 20);
    }
    EXPECT_EQ(v.Current().size(), 500u);
    v.SetSearch("鲁庄 ");  // trailing space: the same search
    EXPECT_FALSE(v.pending());
    v.SetSearch("１１０１０５１９４９１２３１００２x");  // full-width, lower-case x
    EXPECT_EQ(v.Refresh(-1).size(), 1u);
    v.SetSearch("4110230014321");
    ASSERT_EQ(v.Refresh(-1).size(), 1u);
    EXPECT_EQ(v.Current()[0]->id_number, "11010519491231002X");
}

// Find by id: dense ids through a table, any others (far beyond the count)
// too; Upsert replaces by id and adds new ones, found after.
TEST(HouseholdView, FindsByIdDenseOrNot) {
    std::vector<Household> rows;
    for (int i = 0; i < 100; ++i) {
        Household h = Make(("41102300" + std::to_string(10000 + i)).c_str(), "张某某", "小宋村");
        h.id = i == 7 ? int64_t(1) << 40 : i == 8 ? 0 : i + 1;
        rows.push_back(h);
    }
    HouseholdView v;
    v.Reset(rows);
    ASSERT_NE(v.Find(int64_t(1) << 40), nullptr);
    EXPECT_EQ(v.Find(int64_t(1) << 40)->code, "4110230010007");
    ASSERT_NE(v.Find(0), nullptr);
    EXPECT_EQ(v.Find(0)->code, "4110230010008");
    EXPECT_EQ(v.Find(8), nullptr);  // the row that had it holds 1 << 40
    EXPECT_EQ(v.Find(50)->code, "4110230010049");
    EXPECT_EQ(v.Find(101), nullptr);
    EXPECT_EQ(v.Find(-3), nullptr);
    Household changed = *v.Find(50), added = Make("4110230019999", "李某某", "鲁庄村");
    changed.head_name = "王某某";
    added.id = 5000;
    v.Upsert({changed, added});
    EXPECT_EQ(v.total(), 101u);
    EXPECT_EQ(v.Find(50)->head_name, "王某某");
    ASSERT_NE(v.Find(5000), nullptr);
    EXPECT_EQ(v.Find(5000)->head_name, "李某某");
    EXPECT_EQ(v.Find(int64_t(1) << 40)->code, "4110230010007");
}

TEST(Screening, ResultsPerHouseholdAndVillageWithALinkedProblemAndProgress) {
    test::TestDb t;
    HouseholdStore households(*t.db);
    Household a = Make("4110230010001", "张某某", "小宋村"), b = Make("4110230010002", "李某某", "小宋村");
    households.Apply({a, b}, {}, "2022-06-02 09:00:00");
    std::vector<Household> rows = households.LoadAll();
    ScreeningStore store(*t.db, t.campaign_id);
    const auto household_points = PointsFor(t.campaign, false);
    const auto village_points = PointsFor(t.campaign, true);
    EXPECT_EQ(household_points.size() + village_points.size(), 39u);
    EXPECT_EQ(village_points.size(), 4u);

    // Every household point of 张某某: the first one 有问题, the rest 正常.
    ScreeningTarget ta{rows[0].id, rows[0].township, rows[0].village};
    for (const CheckPoint* p : household_points) {
        ScreeningEntry e;
        e.point_id = p->id;
        e.result = p == household_points[0] ? ScreenResult::kProblem : ScreenResult::kOk;
        e.checked_on = "2022-06-03";
        store.Set(ta, e, "2022-06-03 10:00:00");
    }
    // 李某某: one point only, then taken back to 未查.
    ScreeningTarget tb{rows[1].id, rows[1].township, rows[1].village};
    ScreeningEntry e;
    e.point_id = household_points[1]->id;
    e.result = ScreenResult::kNotApplicable;
    store.Set(tb, e, "2022-06-03 10:00:00");
    EXPECT_EQ(store.Load(tb).size(), 1u);
    e.result = ScreenResult::kUnchecked;
    store.Set(tb, e, "2022-06-03 10:01:00");
    EXPECT_TRUE(store.Load(tb).empty());
    e.point_id = household_points[2]->id;
    e.result = ScreenResult::kOk;
    store.Set(tb, e, "2022-06-03 10:02:00");

    // The village's 户厕 point from counts: 16 of 20 is 80% < 85%.
    const CheckPoint* toilets = nullptr;
    for (const CheckPoint* p : village_points)
        if (!p->rule.empty()) toilets = p;
    ASSERT_NE(toilets, nullptr);
    PercentRule rule;
    ASSERT_TRUE(ParsePercentRule(toilets->rule, &rule));
    EXPECT_EQ(rule.min, 85);
    EXPECT_EQ(ResultFromCounts(rule, 16, 20), ScreenResult::kProblem);
    EXPECT_EQ(ResultFromCounts(rule, 17, 20), ScreenResult::kOk);
    EXPECT_EQ(ResultFromCounts(rule, 0, 0), ScreenResult::kUnchecked);
    ScreeningTarget village{0, "椹涧乡", "小宋村"};
    ScreeningEntry v;
    v.point_id = toilets->id;
    v.done = 16;
    v.total = 20;
    v.result = ResultFromCounts(rule, v.done, v.total);
    store.Set(village, v, "2022-06-04 09:00:00");
    EXPECT_EQ(store.Load(village).at(toilets->id).done, 16);
    EXPECT_TRUE(store.Load(ta).count(household_points[0]->id));
    EXPECT_FALSE(store.Load(village).count(household_points[0]->id));

    auto progress = store.Progress(int(household_points.size()));
    ASSERT_EQ(progress.size(), 1u);
    EXPECT_EQ(progress[0].households, 2);
    EXPECT_EQ(progress[0].screened, 1);
    EXPECT_EQ(progress[0].started, 1);
    EXPECT_EQ(progress[0].problems, 2);  // 张某某's point and the village's 户厕 rate

    // The problem a 有问题 starts passes the ledger's rules once a deadline is set.
    const Area* area = AreaOfPoint(t.campaign, household_points[0]->id);
    ASSERT_NE(area, nullptr);
    ScreeningEntry found;
    found.note = "未悬挂标示牌";
    Problem p = ProblemFromScreening(t.campaign, *area, *household_points[0], &rows[0], ta, found, Date{2022, 6, 3});
    EXPECT_EQ(p[ProblemField::kArea], "住房保障");
    EXPECT_EQ(p[ProblemField::kRespUnits], "区住建局");
    EXPECT_EQ(p[ProblemField::kDescription], "小宋村张某某户住房安全鉴定和标示牌：未悬挂标示牌");
    EXPECT_EQ(p[ProblemField::kDeadline], "2022-06-29");
    EXPECT_TRUE(NormalizeAndValidate(p, t.campaign).empty());
}

TEST(DemoData, LoadsEveryKindOfRowAndRemovesOnlyItself) {
    test::TestDb t;
    // The user's own rows, which must survive.
    HouseholdStore households(*t.db);
    households.Apply({Make("4110230010001", "张某某", "小宋村")}, {}, "2022-06-02 09:00:00");
    LedgerStore ledger(*t.db, t.campaign_id);
    Problem own = NewProblem();
    own[ProblemField::kArea] = "住房保障";
    own[ProblemField::kNature] = "个性问题";
    own[ProblemField::kDescription] = "自己的问题";
    own[ProblemField::kMeasures] = "整改";
    own[ProblemField::kDeadline] = "2022-06-20";
    own[ProblemField::kRespUnits] = "区住建局";
    ledger.Add(own, ChangeContext{"2022-06-02 09:00:00", "", "edit"});

    EXPECT_FALSE(HasDemoData(*t.db));
    DemoSummary s = LoadDemoData(*t.db, t.campaign, "2022-06-02 09:00:00");
    EXPECT_TRUE(HasDemoData(*t.db));
    EXPECT_EQ(s.households, 36);
    EXPECT_EQ(s.problems, 9);
    EXPECT_EQ(s.reports, 3);
    EXPECT_EQ(households.Count(), 37);
    EXPECT_EQ(ledger.CountActive(), 10);
    for (const Problem& p : ledger.LoadAll()) {
        if (p[ProblemField::kDescription] == "自己的问题") continue;
        EXPECT_TRUE(NormalizeAndValidate(const_cast<Problem&>(p), t.campaign).empty()) << p[ProblemField::kDescription];
    }
    WeeklyReportStore reports(*t.db, t.campaign_id);
    auto list = reports.List();
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[2].week_no, 1);
    EXPECT_LE(list[2].rows, list[0].rows);  // more problems each week
    // Its townships are listed in 设置 → 乡镇 beside the user's own.
    AddTownships(*t.db, t.campaign_id, "椹涧乡");
    EXPECT_EQ(ListTownships(*t.db, t.campaign_id), (std::vector<std::string>{"示例一乡", "示例二镇", "椹涧乡"}));
    // Loading twice adds nothing.
    EXPECT_EQ(LoadDemoData(*t.db, t.campaign, "2022-06-02 09:00:00").households, 0);

    RemoveDemoData(*t.db);
    EXPECT_EQ(ListTownships(*t.db, t.campaign_id), (std::vector<std::string>{"椹涧乡"}));
    EXPECT_FALSE(HasDemoData(*t.db));
    EXPECT_EQ(households.Count(), 1);
    ASSERT_EQ(ledger.CountActive(), 1);
    EXPECT_EQ(ledger.LoadAll()[0][ProblemField::kDescription], "自己的问题");
    EXPECT_TRUE(reports.List().empty());
    ScreeningStore screening(*t.db, t.campaign_id);
    EXPECT_EQ(screening.Progress(35).size(), 1u);  // only 小宋村 left
}

TEST(VillageImport, AListOfVillagesByTownship) {
    test::TestDb t;
    Workbook book = ReadFixture("villages.xlsx");
    EXPECT_TRUE(IsVillageWorkbook(book));
    EXPECT_FALSE(IsHouseholdWorkbook(book));
    EXPECT_FALSE(IsVillageWorkbook(ReadFixture("households.xlsx")));
    EXPECT_FALSE(IsVillageWorkbook(ReadFixture("hand_made.xlsx")));

    HouseholdStore store(*t.db);
    ASSERT_EQ(store.AddVillage("椹涧乡", "小宋村"), "");
    VillageImportPlan plan = PlanVillageImport(*t.db, book, "villages.xlsx");
    ASSERT_EQ(plan.fatal, "");
    EXPECT_EQ(plan.header_row, 2);
    EXPECT_EQ(plan.adds, (std::vector<VillageName>{{"椹涧乡", "大宋村"}, {"椹涧乡", "陈庄村"}, {"陈曹乡", "鲁庄村"},
                                                    {"陈曹乡", "榆林村"}, {"灵井镇", "霍庄村"}}));
    EXPECT_EQ(plan.already_listed, 2);  // 小宋村 typed before, 鲁庄村 twice
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].row, 9);
    EXPECT_EQ(plan.errors[0].message, "没有填写村名");
    EXPECT_EQ(plan.townships, (std::vector<std::string>{"椹涧乡", "陈曹乡", "灵井镇"}));
    EXPECT_EQ(store.Villages().size(), 1u);  // planning changed nothing

    ApplyVillageImport(*t.db, t.campaign_id, plan);
    EXPECT_EQ(store.Villages().size(), 6u);
    EXPECT_EQ(ListTownships(*t.db, t.campaign_id), plan.townships);
    // Again: nothing new.
    VillageImportPlan again = PlanVillageImport(*t.db, book, "villages.xlsx");
    EXPECT_TRUE(again.adds.empty());
    EXPECT_EQ(again.already_listed, 7);
}

// Which screen a file goes to is decided by its content (opened_file.h), whatever its name says.
TEST(OpenedFile, KindByContentNotByName) {
    ReadFixture("households.xlsx");  // writes the fixtures
    auto bytes = [](const std::string& name) {
        std::ifstream f(Fixtures() + "/" + name, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    };
    EXPECT_EQ(KindOfFile(std::string("SQLite format 3\0", 16) + std::string(4096, '\0')), FileKind::kBackup);
    EXPECT_EQ(KindOfFile("户编号,户主姓名\r\n4110230010001,张某某\r\n"), FileKind::kTextTable);
    EXPECT_EQ(KindOfFile(bytes("households.xlsx")), FileKind::kWorkbook);
    EXPECT_EQ(KindOfFile(bytes("gbk.csv")), FileKind::kTextTable);
    EXPECT_EQ(KindOfTable(ReadFixture("households.xlsx")), TableKind::kHouseholds);
    EXPECT_EQ(KindOfTable(ReadFixture("villages.xlsx")), TableKind::kVillages);
    EXPECT_EQ(KindOfTable(ReadFixture("hand_made.xlsx")), TableKind::kLedger);
    EXPECT_EQ(KindOfTable(Workbook{}), TableKind::kLedger);  // the ledger's import says what is missing
}
