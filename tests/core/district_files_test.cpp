// 区级汇总 the office can trust (issue 17): unit names matched through aliases,
// never copied into a new unit; the same file twice adds nothing; received
// files removed, moved and undone with the ledger always agreeing with them;
// identities derived from content, the same in two fresh databases; status
// words the field uses.
#include "district/bulletin.h"
#include "district/district_workbooks.h"
#include "domain/ledger_xlsx.h"
#include "district/received_files.h"
#include "district/reporting.h"
#include "district/spot_check.h"
#include "district/unit_names.h"
#include "district/unit_stats.h"
#include "domain/campaign_setup.h"
#include "domain/ledger_store.h"
#include "rules/uuid.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>
#include <tuple>
#include <unordered_map>
#include <set>

namespace htk {
namespace {

const char* const kTownships = "陈曹乡\n灵井镇\n椹涧乡\n新元街道\n";

struct Office : test::TestDb {
    LedgerStore store{*db, campaign_id};
    std::vector<std::string> units;
    Office() {
        AddTownships(*db, campaign_id, kTownships);
        units = ExpectedUnits(ListTownships(*db, campaign_id), campaign.departments);
    }
    UnitDirectory Directory() { return LoadUnitDirectory(*db, campaign_id, units, campaign.district); }
    ReceivedFile Read(const std::string& name, const std::string& bytes) {
        return ReadReceivedFile(name, bytes, "2022-06-15 12:00:00", "2022-06-20 09:00:00", campaign, Directory(),
                                store);
    }
    MergeSummary Merge(const std::vector<const ReceivedFile*>& files) {
        return MergeReceivedFiles(files, campaign, *db, store, store.LoadAll(), Ctx());
    }
    ChangeContext Ctx() const { return ChangeContext{"2022-06-20 09:00:00", "区办", "import"}; }
    int64_t Count(const std::string& sql) {
        Stmt s = db->Prepare(sql);
        return s.Step() ? s.Int(0) : -1;
    }
    int64_t LiveFileId(const std::string& name) {
        for (const ReceivedFileInfo& f : ListReceivedFiles(*db, campaign_id))
            if (f.file_name == name) return f.id;
        return 0;
    }
    std::map<std::string, int> ProblemsPerUnit() {
        std::map<std::string, int> out;
        for (const Problem& p : store.LoadAll()) ++out[p[ProblemField::kReportingUnit]];
        return out;
    }
    // 报送情况, 合并台账 and 单位统计 agree with the received files.
    void ExpectConsistent(const char* when) {
        SCOPED_TRACE(when);
        for (const std::string& d : CheckReceivedFiles(*db, campaign_id)) ADD_FAILURE() << d;
        const std::vector<ReceivedFileInfo> files = ListReceivedFiles(*db, campaign_id);
        const ReportingTable t = BuildReportingTable(campaign, units, files, Date{2022, 6, 20});
        EXPECT_EQ(t.units, units) << "no unit made from a file";
        // Every unit's problems are those its counted files list.
        std::map<std::string, std::set<int64_t>> listed;
        Stmt s = db->Prepare(
            "SELECT f.unit, fp.problem_id FROM file_problem fp JOIN received_file f ON f.id = fp.file_id "
            "WHERE f.removed = 0");
        while (s.Step()) listed[s.Text(0)].insert(s.Int(1));
        UnitStats total;
        std::vector<UnitStats> stats = BuildUnitStats(store.LoadAll(), units, Date{2022, 6, 20}, nullptr, &total);
        for (const UnitStats& u : stats) EXPECT_EQ(size_t(u.problems), listed[u.unit].size()) << u.unit;
        EXPECT_EQ(size_t(total.problems), store.LoadAll().size());
        // Each cell of 报送情况 is the latest counted file of that unit and week.
        for (size_t u = 0; u < t.units.size(); ++u)
            for (size_t w = 0; w < t.weeks.size(); ++w) {
                int files_here = 0;
                for (const ReceivedFileInfo& f : files) files_here += f.unit == t.units[u] && f.week_no == t.weeks[w];
                EXPECT_EQ(t.cells[u][w].files, files_here) << t.units[u] << " " << t.weeks[w];
                const bool reported = t.cells[u][w].state == ReportState::kReceived ||
                                      t.cells[u][w].state == ReportState::kLate;
                EXPECT_EQ(reported, files_here > 0) << t.units[u] << " " << t.weeks[w];
            }
    }
};

// A hand-made CSV (UTF-8 with BOM) with a title, a seal line and rows.
std::string Csv(const std::string& seal, const std::vector<std::string>& rows,
                const std::string& header = "序号,问题类型,问题性质,问题表述,整改措施,完成时限,责任单位,所属村,整改状态") {
    std::string s = "\xEF\xBB\xBF整改台账\n";
    if (!seal.empty()) s += "单位（盖章）：" + seal + "\n";
    s += header + "\n";
    for (const std::string& r : rows) s += r + "\n";
    return s;
}

const std::vector<std::string> kRows = {
    "1,就业扶贫,个性问题,王某家庭两名劳动力未实现稳定就业,开发公益岗位并推荐到县内企业务工,2022年6月25日,区人社局,陈庄村,整改中",
    "2,就业扶贫,共性问题,部分脱贫户未享受一次性交通补贴,逐户核实并于月底前补发交通补贴,2022-06-28,区人社局,王庄村,待整改",
    "3,就业扶贫,个性问题,李某务工信息未及时更新,入户核实务工情况并更新系统信息,2022/6/20,区人社局,陈庄村,已完成",
};

TEST(UnitNames, AliasTable) {
    Office o;
    const UnitDirectory dir = o.Directory();
    const struct {
        const char* typed;
        const char* unit;
    } kCases[] = {
        {"区人社局", "区人社局"},
        {"建安区人力资源和社会保障局", "区人社局"},
        {"区人力资源和社会保障局", "区人社局"},
        {"人社局", "区人社局"},
        {"建安区人社局（盖章）", "区人社局"},
        {"区 住 建 局", "区住建局"},
        {"建安区住房和城乡建设局", "区住建局"},
        {"区卫生健康委员会", "区卫健委"},
        {"区残疾人联合会", "区残联"},
        {"区医保局", "区医疗保障局"},
        {"区教育体育局", "区教体局"},
        {"区城市管理局", "区城管局"},
        {"区金融局", "区金融工作局"},
        {"陈曹乡", "陈曹乡"},
        {"陈曹乡人民政府", "陈曹乡"},
        {"建安区陈曹乡", "陈曹乡"},
        {"建安区陈曹乡人民政府", "陈曹乡"},
        {"灵井镇人民政府", "灵井镇"},
        {"新元街道办事处", "新元街道"},
        {"建安区新元街道办事处", "新元街道"},
        {"陈曹乡人民政府第2周整改台账", "陈曹乡"},
        {"区人社局_整改台账", "区人社局"},
        {"艾庄回族乡", ""},
        {"建安区某某局", ""},
        {"整改台账", ""},
        {"", ""},
    };
    for (const auto& c : kCases) EXPECT_EQ(ResolveUnit(dir, c.typed), c.unit) << c.typed;
}

TEST(UnitNames, AliasesAddedInSettings) {
    Office o;
    EXPECT_EQ(ResolveUnit(o.Directory(), "陈曹乡政府办"), "陈曹乡");  // contains 陈曹乡
    EXPECT_EQ(ResolveUnit(o.Directory(), "老陈曹"), "");
    EXPECT_EQ(AddUnitAlias(*o.db, o.campaign_id, o.Directory(), "陈曹乡", "老陈曹"), "");
    EXPECT_EQ(ResolveUnit(o.Directory(), "老陈曹"), "陈曹乡");
    // A name that already points elsewhere, an unknown unit, an empty alias: refused, nothing changes.
    EXPECT_NE(AddUnitAlias(*o.db, o.campaign_id, o.Directory(), "灵井镇", "区人力资源和社会保障局"), "");
    EXPECT_NE(AddUnitAlias(*o.db, o.campaign_id, o.Directory(), "不存在的乡", "某乡"), "");
    EXPECT_NE(AddUnitAlias(*o.db, o.campaign_id, o.Directory(), "灵井镇", "  "), "");
    ASSERT_EQ(ListUnitAliases(*o.db, o.campaign_id).size(), 1u);
    RemoveUnitAlias(*o.db, o.campaign_id, "老陈曹");
    EXPECT_EQ(ResolveUnit(o.Directory(), "老陈曹"), "");
}

TEST(UnitNames, SealedDepartmentFileLandsOnItsUnit) {
    Office o;
    const size_t units = o.units.size();
    ReceivedFile f = o.Read("区人社局_整改台账.csv", Csv("建安区人力资源和社会保障局", kRows));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(f.unit, "区人社局");
    EXPECT_EQ(f.unit_from, "单位（盖章）行");
    EXPECT_EQ(f.unit_note, "");
    EXPECT_EQ(f.rows, 3);
    o.Merge({&f});
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 3}}));
    EXPECT_EQ(o.units.size(), units);
    o.ExpectConsistent("after import");

    ReceivedFile t = o.Read("整改台账（第2周）.csv", Csv("陈曹乡人民政府", kRows));
    EXPECT_EQ(t.unit, "陈曹乡");
    EXPECT_EQ(t.week_no, 2);
}

TEST(UnitNames, DisagreementsAndUnknownNamesAreShown) {
    Office o;
    ReceivedFile both = o.Read("区民政局_整改台账.csv", Csv("建安区人力资源和社会保障局", kRows));
    EXPECT_EQ(both.unit, "区人社局");  // the seal
    EXPECT_NE(both.unit_note.find("文件名指向“区民政局”"), std::string::npos) << both.unit_note;
    ReceivedFile unknown = o.Read("台账.csv", Csv("建安区某某服务中心", kRows));
    EXPECT_EQ(unknown.unit, "");
    EXPECT_EQ(unknown.unit_typed, "建安区某某服务中心");
    EXPECT_NE(unknown.unit_note.find("不是已登记的单位"), std::string::npos);
    // Not merged until chosen; never a new unit.
    EXPECT_EQ(o.Merge({&unknown}).files.size(), 0u);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem"), 0);
}

TEST(UnitNames, TheSameFileTwiceGoesWhereItWentAndAddsNothing) {
    Office o;
    const std::string bytes = Csv("", kRows);
    ReceivedFile f = o.Read("台账.csv", bytes);
    EXPECT_EQ(f.unit, "");
    f.unit = "区人社局", f.week_no = 2;  // chosen by hand
    EXPECT_EQ(o.Merge({&f}).total.added, 3);
    const int64_t history = o.Count("SELECT count(*) FROM problem_history");
    ReceivedFile again = o.Read("台账（副本）.csv", bytes);
    EXPECT_EQ(again.unit, "区人社局");
    EXPECT_EQ(again.unit_from, "上次的选择");
    EXPECT_EQ(again.week_no, 2);
    MergeSummary m = o.Merge({&again});
    EXPECT_EQ(m.total.added, 0);
    EXPECT_EQ(m.total.unchanged, 3);
    ASSERT_EQ(m.files.size(), 1u);
    EXPECT_TRUE(m.files[0].received_before);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem"), 3);
    EXPECT_EQ(o.Count("SELECT count(*) FROM received_file"), 1);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem_history"), history);
    o.ExpectConsistent("after the same file twice");
}

TEST(ReceivedFiles, ImportUndoRemoveMoveAllAgree) {
    Office o;
    ReceivedFile a = o.Read("区人社局_第1周.csv", Csv("区人社局", {kRows[0], kRows[1]}));
    ReceivedFile b = o.Read("区人社局_第2周.csv", Csv("区人社局", kRows));
    ReceivedFile c = o.Read("陈曹乡_第2周.csv", Csv("陈曹乡", {kRows[2]}));
    ASSERT_EQ(a.week_no, 1);
    ASSERT_EQ(b.week_no, 2);
    o.Merge({&a});
    o.ExpectConsistent("first file");
    o.Merge({&b, &c});
    o.ExpectConsistent("two more files");
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 3}, {"陈曹乡", 1}}));

    // Undo of the whole import takes its file records too; redo brings them back.
    o.store.Undo(o.Ctx());
    EXPECT_EQ(ListReceivedFiles(*o.db, o.campaign_id).size(), 1u);
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 2}}));
    o.ExpectConsistent("after undo of an import");
    o.store.Redo(o.Ctx());
    EXPECT_EQ(ListReceivedFiles(*o.db, o.campaign_id).size(), 3u);
    o.ExpectConsistent("after redo");

    // Removing week 1: its problems stay, week 2 lists them too.
    const int64_t a_id = o.LiveFileId("区人社局_第1周.csv");
    EXPECT_TRUE(RemoveReceivedFile(*o.db, o.store, a_id, o.Ctx()).empty());
    EXPECT_EQ(o.ProblemsPerUnit()["区人社局"], 3);
    o.ExpectConsistent("after removing a file whose problems another lists");
    // Removing week 2 too: its problems go.
    const int64_t b_id = o.LiveFileId("区人社局_第2周.csv");
    EXPECT_EQ(RemoveReceivedFile(*o.db, o.store, b_id, o.Ctx()).size(), 3u);
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"陈曹乡", 1}}));
    o.ExpectConsistent("after removing the last file of a unit");
    o.store.Undo(o.Ctx());
    o.store.Undo(o.Ctx());
    EXPECT_EQ(ListReceivedFiles(*o.db, o.campaign_id).size(), 3u);
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 3}, {"陈曹乡", 1}}));
    o.ExpectConsistent("after undoing both removals");

    // 陈曹乡's file was really 灵井镇's, week 3.
    const int64_t c_id = o.LiveFileId("陈曹乡_第2周.csv");
    std::vector<int64_t> touched;
    EXPECT_EQ(MoveReceivedFile(*o.db, o.store, o.campaign, c_id, "灵井镇", 3, o.Ctx(), &touched), "");
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 3}, {"灵井镇", 1}}));
    o.ExpectConsistent("after moving a file");
    // Its identity is the one 灵井镇's file would give on any computer.
    Office fresh;
    ReceivedFile direct = fresh.Read("灵井镇_第3周.csv", Csv("灵井镇", {kRows[2]}));
    fresh.Merge({&direct});
    std::set<std::string> moved, imported;
    for (const Problem& p : o.store.LoadAll())
        if (p[ProblemField::kReportingUnit] == "灵井镇") moved.insert(p.uuid);
    for (const Problem& p : fresh.store.LoadAll()) imported.insert(p.uuid);
    EXPECT_EQ(moved, imported);
    // Moving week 2 of 区人社局 onto 区人社局 week 1's same content: the
    // problems it lists move; undo puts everything back.
    const int64_t b2 = o.LiveFileId("区人社局_第2周.csv");
    EXPECT_EQ(MoveReceivedFile(*o.db, o.store, o.campaign, b2, "陈曹乡", 2, o.Ctx(), &touched), "");
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 2}, {"陈曹乡", 3}, {"灵井镇", 1}}));
    o.ExpectConsistent("after moving a file whose problems another file lists");
    o.store.Undo(o.Ctx());
    o.store.Undo(o.Ctx());
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 3}, {"陈曹乡", 1}}));
    o.ExpectConsistent("after undoing the moves");
    // The same bytes already received for the unit and week it would move to:
    // refused, nothing changes.
    ReceivedFile dup = o.Read("副本.csv", Csv("区人社局", {kRows[0], kRows[1]}));
    EXPECT_EQ(dup.unit_from, "上次的选择");
    dup.unit = "陈曹乡";
    o.Merge({&dup});
    o.ExpectConsistent("the same bytes for another unit");
    const auto before = o.ProblemsPerUnit();
    const int64_t a2 = o.LiveFileId("区人社局_第1周.csv");
    EXPECT_NE(MoveReceivedFile(*o.db, o.store, o.campaign, a2, "陈曹乡", 1, o.Ctx(), &touched), "");
    EXPECT_EQ(o.ProblemsPerUnit(), before);
    o.ExpectConsistent("after a refused move");
}

TEST(ContentIdentity, SameFilesSameIdentitiesAndSampleInTwoDatabases) {
    std::vector<std::string> rows = kRows;
    rows.push_back(rows[0]);  // a true duplicate within the file
    rows.back()[0] = '4';
    auto import = [&](Office& o) {
        ReceivedFile a = o.Read("区人社局_整改台账.csv", Csv("建安区人力资源和社会保障局", rows));
        ReceivedFile b = o.Read("陈曹乡.csv", Csv("陈曹乡人民政府", kRows));
        o.Merge({&a, &b});
    };
    Office one, two;
    import(one);
    import(two);
    std::vector<std::string> u1, u2;
    for (const Problem& p : one.store.LoadAll()) u1.push_back(p.uuid);
    for (const Problem& p : two.store.LoadAll()) u2.push_back(p.uuid);
    ASSERT_EQ(u1.size(), 7u);
    std::sort(u1.begin(), u1.end());
    std::sort(u2.begin(), u2.end());
    EXPECT_EQ(u1, u2);
    EXPECT_EQ(std::set<std::string>(u1.begin(), u1.end()).size(), 7u) << "duplicates get their own identity";
    for (const std::string& u : u1) EXPECT_TRUE(IsContentUuid(u)) << u;
    SampleSpec spec;
    spec.size = 3;
    spec.seed = 20220620;
    std::vector<Problem> r1 = one.store.LoadAll(), r2 = two.store.LoadAll();
    std::vector<std::string> s1, s2;
    for (const Problem* p : DrawSample(r1, spec)) s1.push_back(p->uuid);
    for (const Problem* p : DrawSample(r2, spec)) s2.push_back(p->uuid);
    EXPECT_EQ(s1, s2);
    // Importing it again matches by identity: nothing added.
    import(one);
    EXPECT_EQ(one.store.LoadAll().size(), 7u);
}

TEST(FieldWording, StatusSynonymsAndTheDoneColumn) {
    Office o;
    const std::string header = "序号,问题类型,问题性质,问题表述,整改措施,完成时限,责任单位,是否完成";
    ReceivedFile f = o.Read("区人社局.csv",
                            Csv("区人社局",
                                {"1,就业扶贫,个性问题,问题一,措施一二三四五六,2022-06-25,区人社局,是",
                                 "2,就业扶贫,个性问题,问题二,措施一二三四五六,2022-06-25,区人社局,否",
                                 "3,就业扶贫,个性问题,问题三,措施一二三四五六,2022-06-25,区人社局,已整改到位",
                                 "4,就业扶贫,个性问题,问题四,措施一二三四五六,2022-06-25,区人社局,已完成整改",
                                 "5,就业扶贫,个性问题,问题五,措施一二三四五六,2022-06-25,区人社局,已销号",
                                 "6,就业扶贫,个性问题,问题六,措施一二三四五六,2022-06-25,区人社局,推进中",
                                 "7,就业扶贫,个性问题,问题七,措施一二三四五六,2022-06-25,区人社局,正在整改",
                                 "8,就业扶贫,个性问题,问题八,措施一二三四五六,2022-06-25,区人社局,未整改",
                                 "9,就业扶贫,个性问题,问题九,措施一二三四五六,2022-06-25,区人社局,基本完成",
                                 "10,就业扶贫,个性问题,问题十,措施一二三四五六,6月底,区人社局,完成",
                                 "11,扶贫,个性问题,问题十一,措施一二三四五六,2022-06-25,区人社局,完成"},
                                header));
    EXPECT_EQ(f.rows, 9);
    ASSERT_EQ(f.errors.size(), 2u);  // 6月底 (a deadline to the day), 扶贫 (not a type)
    EXPECT_EQ(f.errors[0].row, 13);
    EXPECT_EQ(f.errors[1].row, 14);
    o.Merge({&f});
    std::map<std::string, std::string> status;
    for (const Problem& p : o.store.LoadAll()) status[p[ProblemField::kDescription]] = p[ProblemField::kStatus];
    EXPECT_EQ(status["问题一"], "done");
    EXPECT_EQ(status["问题二"], "open");
    EXPECT_EQ(status["问题三"], "done");
    EXPECT_EQ(status["问题四"], "done");
    EXPECT_EQ(status["问题五"], "done");
    EXPECT_EQ(status["问题六"], "in_progress");
    EXPECT_EQ(status["问题七"], "in_progress");
    EXPECT_EQ(status["问题八"], "open");
    EXPECT_EQ(status["问题九"], "open");  // a word we do not know: not refused, read as 待整改
    // The refused rows stay with the file, with their reasons.
    const std::vector<ImportRowError> kept = ListFileErrors(*o.db, o.LiveFileId("区人社局.csv"));
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[0].row, 13);
    EXPECT_NE(kept[0].message.find("完成时限"), std::string::npos) << kept[0].message;
    ASSERT_EQ(ListReceivedFiles(*o.db, o.campaign_id).size(), 1u);
    EXPECT_EQ(ListReceivedFiles(*o.db, o.campaign_id)[0].counts.rejected, 2);
}

// 通报: who is praised and who is named, on a table of cases. Each unit is
// "name problems done red adverse".
struct BulletinCase {
    const char* what;
    std::vector<std::tuple<const char*, int, int, int, int>> units;
    std::vector<std::string> praised, overdue, adverse, many_open, slow;
};

TEST(Bulletin, PraiseAndCriticismFollowTheRules) {
    const std::vector<BulletinCase> cases = {
        {"the best three, none named",
         {{"甲", 10, 10, 0, 0}, {"乙", 10, 9, 0, 0}, {"丙", 10, 9, 0, 0}, {"丁", 10, 7, 0, 0}},
         {"甲", "乙", "丙"}, {}, {}, {"丁"}, {"丁"}},
        {"overdue problems are never praised, whatever the rate",
         {{"甲", 2000, 1990, 10, 0}, {"乙", 10, 9, 0, 0}, {"丙", 10, 6, 0, 0}},
         {"乙"}, {"甲"}, {}, {"甲"}, {"丙"}},
        {"a spot-check finding is never praised",
         {{"甲", 10, 10, 0, 1}, {"乙", 10, 10, 0, 0}},
         {"乙"}, {}, {"甲"}, {}, {}},
        {"many open and slow: named, not praised",
         {{"甲", 40, 10, 0, 0}, {"乙", 10, 9, 0, 0}, {"丙", 10, 8, 0, 0}, {"丁", 4, 4, 0, 0}},
         {"丁", "乙", "丙"}, {}, {}, {"甲"}, {"甲"}},
        {"nobody qualifies", {{"甲", 10, 5, 1, 0}, {"乙", 10, 5, 0, 1}}, {}, {"甲"}, {"乙"}, {}, {}},
    };
    test::TestDb t;
    for (const BulletinCase& c : cases) {
        SCOPED_TRACE(c.what);
        std::vector<UnitStats> stats;
        UnitStats total;
        total.unit = "全区合计";
        for (const auto& [name, problems, done, red, adverse] : c.units) {
            UnitStats s;
            s.unit = name, s.problems = problems, s.done = done, s.open = problems - done, s.red = red;
            s.adverse = adverse, s.checked = s.sampled = adverse;
            s.findings[1] = adverse;
            s.completion = double(done) / problems;
            total.problems += problems, total.done += done, total.open += s.open, total.red += red;
            total.adverse += adverse, total.checked += adverse, total.sampled += adverse;
            stats.push_back(s);
        }
        total.completion = double(total.done) / total.problems;
        RankUnits(stats);
        const std::vector<SpotCheckInfo> rounds = {SpotCheckInfo{1, 1, "2022-06-20 10:00:00", "测试", 1, 1, 0}};
        const Bulletin b = BuildBulletin(t.campaign, stats, total, ReportingTable{}, rounds, Date{2022, 6, 20});
        EXPECT_EQ(b.praised, c.praised);
        EXPECT_EQ(b.overdue, c.overdue);
        EXPECT_EQ(b.adverse, c.adverse);
        EXPECT_EQ(b.many_open, c.many_open);
        EXPECT_EQ(b.slow, c.slow);
        // Never both praised and named.
        for (const std::string& u : b.praised)
            for (const auto* list : {&b.many_open, &b.slow, &b.overdue, &b.adverse, &b.late, &b.missing})
                EXPECT_EQ(std::count(list->begin(), list->end(), u), 0) << u;
        // The rules are in the text.
        EXPECT_NE(BulletinText(b).find("须无超期未完成问题、无抽查发现问题，且未在本通报中被点名"), std::string::npos);
    }
}

// The 抽查清单 for the field: 所属乡镇 on every row, room for what is written by
// hand; 完成率 and 发现率 are numbers formatted as percentages (read back by openpyxl).
TEST(FieldPrintouts, SpotCheckListAndRates) {
    Office o;
    ReceivedFile f = o.Read("区人社局.csv", Csv("区人社局", kRows));
    o.Merge({&f});
    std::vector<Problem> rows = o.store.LoadAll();
    std::unordered_map<int64_t, const Problem*> by_id;
    SpotCheck check;
    check.description = "测试";
    for (const Problem& p : rows) {
        by_id[p.id] = &p;
        SpotCheckItem item;
        item.seq = int(check.items.size()) + 1, item.problem_id = p.id;
        item.finding = check.items.empty() ? "整改不到位" : "属实";
        check.items.push_back(item);
    }
    UnitStats total;
    std::vector<UnitStats> stats = BuildUnitStats(rows, o.units, Date{2022, 6, 20}, &check.items, &total);
    RankUnits(stats);
    const DistrictFileInfo info{"区办", Date{2022, 6, 20}, "2022-06-20 10:00:00"};
    const std::string dir = std::string(HTK_TEST_OUT) + "/printouts-" + std::to_string(getpid());
    ASSERT_EQ(std::system(("mkdir -p '" + dir + "'").c_str()), 0);
    auto write = [&](const LedgerWorkbook& book, const char* name) {
        std::string bytes, error;
        EXPECT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
        std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
    };
    write(SpotCheckWorkbook(check, by_id, stats, o.campaign, info, false), "list.xlsx");
    write(SpotCheckWorkbook(check, by_id, stats, o.campaign, info, true), "results.xlsx");
    write(DistrictRollupWorkbook(o.campaign, stats, total, rows, info), "rollup.xlsx");
    const std::string out = dir + "/out.txt";
    const std::string cmd =
        "/usr/bin/python3 -c \"import openpyxl,sys\n"
        "d=sys.argv[1]\n"
        "s=openpyxl.load_workbook(d+'/list.xlsx').worksheets[0]\n"
        "print(all(s.cell(r,3).value for r in range(3,s.max_row+1)), s.max_row-2)\n"
        "print(s.column_dimensions['M'].width>=24, all((s.row_dimensions[r].height or 0)>=42 for r in range(3,s.max_row+1)))\n"
        "r=openpyxl.load_workbook(d+'/results.xlsx')['各单位发现率']\n"
        "c=r.cell(3,r.max_column); print(type(c.value).__name__, round(c.value,4), c.number_format)\n"
        "u=openpyxl.load_workbook(d+'/rollup.xlsx')['汇总']\n"
        "c=u.cell(3,9); print(type(c.value).__name__, c.number_format)\n"
        "\" '" + dir + "' > '" + out + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(out);
    std::stringstream got;
    got << in.rdbuf();
    EXPECT_EQ(got.str(), "True 3\nTrue True\nfloat 0.333 0.0%\nfloat 0.0%\n");
    std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace
}  // namespace htk
