// The national registry's person-level export, from fixtures made by
// tests/fixtures/make_registry_fixtures.py (openpyxl, not our writer), checked
// against the truth that script computes itself (registry_persons.json).
#include "domain/campaign.h"
#include "domain/campaign_setup.h"
#include "domain/household_import.h"
#include "domain/household_import_task.h"
#include "domain/household_members.h"
#include "domain/household_store.h"
#include "domain/household_view.h"
#include "domain/sheet_header.h"
#include "formats/table_file.h"
#include "rules/id_number.h"
#include "test_db.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace htk;
using nlohmann::json;

namespace {

const Date kToday{2022, 6, 15};

// The fixtures, made once per test process (ctest runs processes in parallel).
std::string Fixtures() {
    static const std::string dir = [] {
        std::string d = std::string(HTK_TEST_OUT) + "/registry-" + std::to_string(getpid());
        std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/fixtures/make_registry_fixtures.py '" + d + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0);
        return d;
    }();
    return dir;
}

std::string ReadBytes(const std::string& name) {
    std::ifstream f(Fixtures() + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

Workbook Read(const std::string& name) {
    Workbook book;
    std::string error;
    EXPECT_TRUE(ReadTableFile(name, ReadBytes(name), &book, &error)) << error;
    return book;
}

json Truth(const std::string& name) { return json::parse(ReadBytes(name)); }

const HouseholdWrite* FindWrite(const std::vector<HouseholdWrite>& list, const std::string& code) {
    for (const HouseholdWrite& w : list)
        if (w.household.code == code) return &w;
    return nullptr;
}

std::string Causes(const HouseholdImportPlan& plan) {
    std::string s;
    for (const ImportErrorGroup& g : GroupImportErrors(plan.errors)) s += g.cause + " " + ImportErrorRowsText(g) + "\n";
    return s;
}

}  // namespace

// One test per synonym list's bracketed, full-width and broken forms.
TEST(HeaderKeys, BracketsWidthSpacesAndLineBreaksNeverStopAMatch) {
    HeaderWords w;
    w.Add(1, {"乡(镇)", "乡镇"});
    w.Add(2, {"县(市、区、旗)"});
    w.Add(3, {"务工时间(月)"});
    w.Add(4, {"易返贫致贫户(监测对象)类型", "监测对象类别"});
    w.Add(5, {"完成时限"});
    w.Add(6, {"姓名"});
    for (const char* label : {"乡(镇)", "乡（镇）", "乡 (镇)", "乡\n（镇）", "乡镇", "*乡镇"}) EXPECT_EQ(w.Find(label), 1) << label;
    for (const char* label : {"县(市、区、旗)", "县（市、区、旗）", "县（市、区、旗） "}) EXPECT_EQ(w.Find(label), 2) << label;
    for (const char* label : {"务工时间(月)", "务工时间\n(月)", "务工时间（月）", "务工时间 （ 月 ）"})
        EXPECT_EQ(w.Find(label), 3) << label;
    for (const char* label : {"易返贫致贫户(监测对象)类型", "易返贫致贫户（监测对象）类型", "监测对象类别"})
        EXPECT_EQ(w.Find(label), 4) << label;
    // A bracketed remark still falls away when the whole label is not a word.
    EXPECT_EQ(w.Find("完成时限（精准到日）"), 5);
    EXPECT_EQ(w.Find("姓 名"), 6);
    EXPECT_EQ(w.Find("姓　名"), 6);  // an ideographic space
    EXPECT_EQ(w.Find("乡"), kNoColumn);
}

TEST(HouseholdKinds, TheSystemsWordsMapOntoTheToolsKinds) {
    struct Case {
        const char *kind, *monitor, *risk;
        const char* want;  // "" = not known
    } cases[] = {
        {"脱贫户", "", "", "脱贫享受政策户"},
        {"脱贫户", "脱贫不稳定户", "否", "监测对象（风险未消除）"},
        {"脱贫户", "脱贫不稳定户", "是", "监测对象（风险已消除）"},
        {"监测户", "边缘易致贫户", "", "监测对象（风险未消除）"},
        {"监测户", "突发严重困难户", "是", "监测对象（风险已消除）"},
        {"一般农户", "", "", "一般农户"},
        {"一般农户", "突发严重困难户", "否", "监测对象（风险未消除）"},
        {"三类户", "", "是", "监测对象（风险已消除）"},
        {"脱贫户（享受政策）", "", "", "脱贫享受政策户"},
        {"脱贫不享受政策户", "", "", "脱贫不享受政策户"},
        {"待核实", "", "", ""},
        {"监测户", "不知道", "否", ""},
        {"监测户", "边缘易致贫户", "也许", ""},
    };
    for (const Case& c : cases) {
        HouseholdKind k;
        const bool known = MapSystemKind(c.kind, c.monitor, c.risk, &k);
        EXPECT_EQ(known ? HouseholdKindLabel(k) : "", std::string(c.want)) << c.kind << "/" << c.monitor << "/" << c.risk;
    }
}

TEST(PersonRegistry, PersonRowsBecomeHouseholdsWithTheirHeadsAndMembers) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    Workbook book = Read("registry_persons.xlsx");
    ASSERT_TRUE(IsHouseholdWorkbook(book));
    HouseholdImportPlan plan = PlanHouseholdImport(book, "registry_persons.xlsx", store, kToday);
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_TRUE(plan.person_rows);
    EXPECT_EQ(plan.header_row, 2);
    const json truth = Truth("registry_persons.json");

    // Every household of the truth: refused if it has no head or two, else
    // taken with the 户主 row's name and ID, whatever its position.
    size_t expected_households = 0, expected_members = 0;
    std::map<int, bool> bad_rows;
    for (const json& b : truth["bad_rows"]) bad_rows[b["sheet_row"].get<int>()] = true;
    for (const json& h : truth["households"]) {
        const std::string code = h["code"], note = h["note"];
        const HouseholdWrite* w = FindWrite(plan.adds, code);
        if (note == "no_head" || note == "two_heads") {
            EXPECT_EQ(w, nullptr) << code;
            bool named = false;
            for (const HouseholdNotice& n : plan.notices)
                if (n.household.find(code) != std::string::npos && n.refused) named = true;
            EXPECT_TRUE(named) << code << " is not named in the preview";
            continue;
        }
        ASSERT_NE(w, nullptr) << code;
        ++expected_households;
        EXPECT_EQ(w->household.head_name, h["head_name"].get<std::string>()) << code;
        EXPECT_EQ(w->household.id_number, h["head_id"].get<std::string>()) << code;
        EXPECT_EQ(w->household.population, h["member_rows"].get<int>()) << code;
        EXPECT_EQ(w->household.township, h["township"].get<std::string>()) << code;
        EXPECT_EQ(w->household.village, h["village"].get<std::string>()) << code;
        if (h["phone"].is_string()) EXPECT_EQ(w->household.phone, h["phone"].get<std::string>()) << code;
        size_t taken = 0;
        for (const json& m : h["members"])
            if (!bad_rows.count(m["sheet_row"].get<int>())) ++taken;
        ASSERT_EQ(w->member_adds.size(), taken) << code;
        expected_members += taken;
        size_t i = 0;
        for (const json& m : h["members"]) {
            if (bad_rows.count(m["sheet_row"].get<int>())) continue;
            EXPECT_EQ(w->member_adds[i].name, m["name"].get<std::string>());
            EXPECT_EQ(w->member_adds[i].person_code, m["person_code"].get<std::string>());
            EXPECT_EQ(w->member_adds[i].relation, m["relation"].get<std::string>());
            ++i;
        }
        if (note == "population_mismatch") {
            bool said = false;
            for (const HouseholdNotice& n : plan.notices)
                if (n.household.find(code) != std::string::npos && !n.refused &&
                    n.text.find("人数一栏为 5，名单中有 4 人") != std::string::npos)
                    said = true;
            EXPECT_TRUE(said) << code;
        }
        if (note == "unknown_kind") EXPECT_EQ(w->household.kind, "待核实");
    }
    EXPECT_EQ(plan.adds.size(), expected_households);
    EXPECT_EQ(expected_households, 10u);
    EXPECT_EQ(plan.members_added, int(expected_members));

    // The kinds as stated in the preview.
    std::map<std::string, std::pair<std::string, int>> kinds;
    for (const KindCount& k : plan.kinds) kinds[k.words] = {k.kind, k.households};
    EXPECT_EQ(kinds["脱贫户"], std::make_pair(std::string("脱贫享受政策户"), 4));
    EXPECT_EQ(kinds["脱贫户（享受政策）"], std::make_pair(std::string("脱贫享受政策户"), 1));
    EXPECT_EQ(kinds["一般农户"], std::make_pair(std::string("一般农户"), 2));
    EXPECT_EQ(kinds["监测户 / 突发严重困难户 / 风险是否消除：是"], std::make_pair(std::string("监测对象（风险已消除）"), 1));
    EXPECT_EQ(kinds["监测户 / 脱贫不稳定户 / 风险是否消除：否"], std::make_pair(std::string("监测对象（风险未消除）"), 1));
    EXPECT_EQ(kinds["待核实"], std::make_pair(std::string(""), 1));
    EXPECT_EQ(plan.kinds.back().words, "待核实");  // the unknown listed last

    // Refused rows grouped by cause: the bad IDs and the two refused households.
    const std::vector<ImportErrorGroup> groups = GroupImportErrors(plan.errors);
    ASSERT_EQ(groups.size(), 4u) << Causes(plan);
    EXPECT_EQ(groups[0].rows, (std::vector<int>{20, 21, 22, 23})) << Causes(plan);  // two heads
    EXPECT_EQ(groups[1].rows, (std::vector<int>{7, 8, 9})) << Causes(plan);         // no head
    EXPECT_EQ(groups[2].rows, (std::vector<int>{16, 41})) << Causes(plan);
    EXPECT_NE(groups[2].cause.find("校验位"), std::string::npos) << groups[2].cause;
    EXPECT_EQ(ImportErrorRowsText(groups[2]), "2 行（第 16、41 行）");
    EXPECT_EQ(groups[3].rows, (std::vector<int>{38}));
    EXPECT_NE(groups[3].cause.find("存成了数字"), std::string::npos);
    EXPECT_EQ(plan.errors.size(), 10u);
    EXPECT_EQ(ImportErrorsAsText(plan.errors).rfind("行号\t原因\n7\t所在的户没有户主", 0), 0u);  // in sheet order

    // Written; the same file again changes nothing.
    ASSERT_TRUE(store.Apply(plan.adds, plan.updates, "2022-06-15 10:00:00"));
    EXPECT_EQ(store.Count(), 10);
    EXPECT_EQ(store.LoadAllMembers().size(), expected_members);
    HouseholdImportPlan again = PlanHouseholdImport(book, "registry_persons.xlsx", store, kToday);
    EXPECT_EQ(again.adds.size(), 0u);
    EXPECT_EQ(again.updates.size(), 0u);
    EXPECT_EQ(again.unchanged, 10);
    EXPECT_EQ(again.members_added + again.members_changed + again.members_removed, 0);
}

TEST(PersonRegistry, AChangedListUpdatesMembersByPersonCode) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    HouseholdImportPlan first = PlanHouseholdImport(Read("registry_persons.xlsx"), "a.xlsx", store, kToday);
    ASSERT_TRUE(store.Apply(first.adds, first.updates, "2022-06-15 10:00:00"));
    const json change = Truth("registry_persons_changed.json");
    HouseholdImportPlan plan = PlanHouseholdImport(Read("registry_persons_changed.xlsx"), "b.xlsx", store, kToday);
    EXPECT_EQ(plan.adds.size(), 0u);
    ASSERT_EQ(plan.updates.size(), 1u);
    EXPECT_EQ(plan.updates[0].household.code, change["household"].get<std::string>());
    EXPECT_FALSE(plan.updates[0].write_household);
    EXPECT_EQ(plan.unchanged, 9);
    EXPECT_EQ(plan.members_added, 1);
    EXPECT_EQ(plan.members_changed, 1);
    EXPECT_EQ(plan.members_removed, 1);
    ASSERT_TRUE(store.Apply(plan.adds, plan.updates, "2022-06-16 10:00:00"));
    const int64_t id = plan.updates[0].household.id;
    std::map<std::string, HouseholdMember> by_code;
    for (HouseholdMember& m : store.LoadMembers(id)) by_code[m.person_code] = m;
    for (const json& a : change["added"]) EXPECT_EQ(by_code.count(a.is_string() ? a.get<std::string>() : a["person_code"].get<std::string>()), 1u);
    for (const json& r : change["removed"]) EXPECT_EQ(by_code.count(r.is_string() ? r.get<std::string>() : r["person_code"].get<std::string>()), 0u);
    for (const json& c : change["changed"]) EXPECT_EQ(by_code[c["person_code"].get<std::string>()].health, c["to"].get<std::string>());
    HouseholdImportPlan again = PlanHouseholdImport(Read("registry_persons_changed.xlsx"), "b.xlsx", store, kToday);
    EXPECT_EQ(again.unchanged, 10);
}

TEST(PersonRegistry, AVillageListTypedByHandIsTheSameHouseholds) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    HouseholdImportPlan first = PlanHouseholdImport(Read("registry_persons.xlsx"), "a.xlsx", store, kToday);
    ASSERT_TRUE(store.Apply(first.adds, first.updates, "2022-06-15 10:00:00"));
    const std::vector<HouseholdMember> before = store.LoadAllMembers();
    HouseholdImportPlan plan = PlanHouseholdImport(Read("registry_village.xlsx"), "霍庄村.xlsx", store, kToday);
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_TRUE(plan.person_rows);
    EXPECT_EQ(plan.header_row, 1);
    // Dropped columns (人编号, 民族 …) keep what is registered: nothing changes.
    EXPECT_EQ(plan.adds.size(), 0u);
    EXPECT_EQ(plan.updates.size(), 0u) << (plan.updates.empty() ? "" : plan.updates[0].household.code);
    EXPECT_EQ(plan.unchanged, 4);  // 霍庄村's five households, one without a head
    EXPECT_EQ(plan.members_changed + plan.members_added + plan.members_removed, 0);
    EXPECT_EQ(store.LoadAllMembers().size(), before.size());
}

TEST(PersonRegistry, AGb18030CsvSavedByExcelReadsLikeTheWorkbook) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    HouseholdImportPlan plan = PlanHouseholdImport(Read("registry_persons_gbk.csv"), "名单.csv", store, kToday);
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_TRUE(plan.person_rows);
    EXPECT_EQ(plan.adds.size(), 10u);
    EXPECT_EQ(plan.errors.size(), 10u) << Causes(plan);
    // Excel wrote the number cell as 4.11023E+17: said as such, one line above the sheet's row 38.
    bool said = false;
    for (const ImportRowError& e : plan.errors)
        if (e.row == 37 && e.message.find("存成了数字") != std::string::npos) said = true;
    EXPECT_TRUE(said) << Causes(plan);
    const HouseholdWrite* w = FindWrite(plan.adds, "4110231020101");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->household.head_name, "王堃");
}

TEST(PersonRegistry, WithoutHouseholdCodesMembersFollowTheHeadsId) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    HouseholdImportPlan plan = PlanHouseholdImport(Read("registry_no_code.xlsx"), "手工名单.xlsx", store, kToday);
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_TRUE(plan.person_rows);
    ASSERT_EQ(plan.adds.size(), 3u) << Causes(plan);
    EXPECT_TRUE(plan.errors.empty()) << Causes(plan);
    EXPECT_EQ(plan.people, 8);
    size_t members = 0;
    for (const HouseholdWrite& w : plan.adds) {
        members += w.member_adds.size();
        EXPECT_EQ(w.household.population, int(w.member_adds.size()));
        bool head_listed = false;
        for (const HouseholdMember& m : w.member_adds)
            if (IsHeadRelation(m.relation)) head_listed = m.id_number == w.household.id_number;
        EXPECT_TRUE(head_listed) << w.household.head_name;
    }
    EXPECT_EQ(members, 8u);
}

TEST(HouseholdMembers, AgesAndWhoEachAreaConcerns) {
    test::TestDb t;
    const Campaign& c = t.campaign;
    const Date day = MemberFactsDay(c);
    EXPECT_EQ(FormatIso(day), "2022-06-02");
    auto member = [](const char* first17) {
        HouseholdMember m;
        m.id_number = std::string(first17) + IdNumberCheckChar(first17);
        return m;
    };
    // Born 2016-06-02: exactly 6 on the day; 2006-06-03: still 15; 1962-06-02: a man of 60.
    std::vector<HouseholdMember> ms = {member("41102320160602001"), member("41102320060603002"),
                                       member("41102319620602003"), member("41102319670602004"),
                                       member("41102320100101005")};
    EXPECT_EQ(FactsOf(ms[0], day).age, 6);
    EXPECT_TRUE(FactsOf(ms[0], day).school_age);
    EXPECT_EQ(FactsOf(ms[1], day).age, 15);
    EXPECT_FALSE(FactsOf(ms[2], day).working_age);  // a man of 60
    EXPECT_EQ(FactsOf(ms[3], day).age, 55);
    EXPECT_FALSE(FactsOf(ms[3], day).working_age);  // a woman of 55
    const Area* education = c.FindArea("教育扶贫");
    const Area* jobs = c.FindArea("就业保障");
    const Area* health = c.FindArea("健康保障");
    const Area* housing = c.FindArea("住房保障");
    ASSERT_TRUE(education && jobs && health && housing);
    EXPECT_EQ(ConcernOfArea(c, *education), MemberConcern::kSchoolAge);
    EXPECT_EQ(ConcernOfArea(c, *housing), MemberConcern::kNone);
    EXPECT_EQ(MembersConcerned(ms, MemberConcern::kSchoolAge, day), (std::vector<size_t>{0, 1, 4}));
    EXPECT_EQ(MembersConcerned(ms, ConcernOfArea(c, *jobs), day), (std::vector<size_t>{}));
    EXPECT_EQ(MembersConcerned(ms, ConcernOfArea(c, *health), day).size(), 5u);
}

namespace {

// A clock that moves 1 ms per look: every step runs out of budget at once.
double g_fake_now = 0;
double FakeClock() { return g_fake_now += 0.001; }

}  // namespace

TEST(HouseholdImportTask, ACsvImportInSmallStepsPlansAndWritesLikeTheWholeFile) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    const HouseholdImportPlan whole =
        PlanHouseholdImport(Read("registry_persons_gbk.csv"), "名单.csv", store, kToday);
    std::string bytes = ReadBytes("registry_persons_gbk.csv");
    std::string error;
    auto task = HouseholdPlanTask::FromCsv("名单.csv", bytes, *t.db, kToday, &error);
    ASSERT_NE(task, nullptr) << error;
    EXPECT_TRUE(bytes.empty());  // the reader holds the decoded text
    int steps = 0;
    double last = -1;
    bool read = false;
    for (;;) {
        EXPECT_EQ(task->stage(), task->reading() ? "正在读取文件" : "正在逐户核对");
        Slice slice(FakeClock, 0);
        const bool finished = task->Step(slice);
        ++steps;
        EXPECT_GE(task->progress(), last);  // one bar over both stages
        last = task->progress();
        read = read || !task->reading();
        if (finished || steps >= 100000) break;
    }
    EXPECT_TRUE(read);
    EXPECT_GT(steps, 2);
    EXPECT_EQ(task->progress(), 1.0);
    HouseholdImportPlan plan = task->TakePlan();
    EXPECT_EQ(plan.adds.size(), whole.adds.size());
    EXPECT_EQ(plan.errors.size(), whole.errors.size());
    EXPECT_EQ(plan.people, whole.people);
    EXPECT_EQ(plan.notices.size(), whole.notices.size());
    EXPECT_EQ(plan.kinds.size(), whole.kinds.size());
    EXPECT_EQ(store.Count(), 0);  // planning wrote nothing

    // Cancelled half-way through writing: nothing changed.
    auto write = std::make_unique<HouseholdWriteTask>(std::move(plan), *t.db, "2022-06-15 10:00:00");
    Slice slice(FakeClock, 0);
    EXPECT_FALSE(write->Step(slice));
    EXPECT_TRUE(t.db->in_transaction());
    write.reset();
    EXPECT_FALSE(t.db->in_transaction());
    EXPECT_EQ(store.Count(), 0);
    EXPECT_TRUE(store.LoadAllMembers().empty());
}

TEST(HouseholdImportTask, AWorkbookIsWrittenInStepsAndCommittedAtTheEnd) {
    test::TestDb t;
    HouseholdStore store(*t.db);
    auto task = HouseholdPlanTask::FromWorkbook("a.xlsx", Read("registry_persons.xlsx"), *t.db, kToday);
    RunToEnd(*task);
    HouseholdImportPlan plan = task->TakePlan();
    EXPECT_EQ(plan.adds.size(), 10u);
    EXPECT_EQ(plan.sheet_name, "Sheet1");
    HouseholdWriteTask write(std::move(plan), *t.db, "2022-06-15 10:00:00");
    int steps = 0;
    for (;;) {
        Slice slice(FakeClock, 0);
        const bool finished = write.Step(slice);
        ++steps;
        if (finished) break;
        EXPECT_TRUE(t.db->in_transaction());  // no save can see a half-written import
    }
    EXPECT_FALSE(write.failed());
    EXPECT_FALSE(t.db->in_transaction());
    EXPECT_EQ(store.Count(), 10);
    // The written households (with their new ids) join a list in the order a reload would give.
    HouseholdView view;
    view.Reset({});
    std::vector<Household> written;
    for (HouseholdWrite& w : write.plan().adds) written.push_back(w.household);
    view.Upsert(written);
    const std::vector<Household> reloaded = store.LoadAll();
    view.Refresh(-1);
    ASSERT_EQ(view.Current().size(), reloaded.size());
    for (size_t i = 0; i < reloaded.size(); ++i) {
        EXPECT_EQ(view.Current()[i]->id, reloaded[i].id) << i;
        EXPECT_TRUE(view.Current()[i]->SameData(reloaded[i])) << i;
    }
    // A workbook that is not a household list says so and writes nothing.
    auto other = HouseholdPlanTask::FromWorkbook("b.xlsx", Workbook{}, *t.db, kToday);
    RunToEnd(*other);
    EXPECT_FALSE(other->TakePlan().fatal.empty());
}

TEST(HouseholdImportTask, ACsvThatIsNotAHouseholdListIsLeftForTheOtherImports) {
    test::TestDb t;
    std::string bytes = "\xEF\xBB\xBF序号,问题类型,问题性质,问题表述,整改措施,完成时限,责任单位\r\n1,住房保障,个性问题,某,某,2022-06-30,区住建局\r\n";
    const std::string copy = bytes;
    std::string error;
    EXPECT_EQ(HouseholdPlanTask::FromCsv("台账.csv", bytes, *t.db, kToday, &error), nullptr);
    EXPECT_TRUE(error.empty());
    EXPECT_EQ(bytes, copy);
}

// The list's order is the registry's (乡镇, 村, 户编号, id) for 户编号 of any
// length, also where they share their first eight bytes.
TEST(HouseholdView, UpsertOrdersByPlaceThenCodeThenId) {
    const char* codes[] = {"", "1", "12345678", "123456789", "123456780", "12345678A", "1234567", "2", "12345678"};
    std::vector<Household> rows;
    int64_t id = 100;
    for (const char* town : {"灵井镇", "椹涧乡"})
        for (const char* village : {"岗王村", "霍庄村"})
            for (const char* code : codes) {
                Household h;
                h.id = id--;
                h.township = town;
                h.village = village;
                h.code = code;
                rows.push_back(h);
            }
    std::vector<Household> expected = rows;
    std::sort(expected.begin(), expected.end(), [](const Household& a, const Household& b) {
        return std::tie(a.township, a.village, a.code, a.id) < std::tie(b.township, b.village, b.code, b.id);
    });
    HouseholdView view;
    view.Reset({});
    std::reverse(rows.begin(), rows.end());
    view.Upsert(std::vector<Household>(rows.begin(), rows.begin() + 10));
    view.Upsert(std::vector<Household>(rows.begin() + 10, rows.end()));
    view.Refresh(-1);
    ASSERT_EQ(view.Current().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(view.Current()[i]->id, expected[i].id) << i;
}
