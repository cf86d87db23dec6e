// 区级汇总 the office can trust (issue 17): unit names matched through aliases,
// never copied into a new unit; the same file twice adds nothing; received
// files removed, moved and undone with the ledger always agreeing with them;
// identities derived from content, the same in two fresh databases; status
// words the field uses.
#include "district/bulletin.h"
#include "district/drift.h"
#include "district/district_workbooks.h"
#include "domain/ledger_xlsx.h"
#include "district/received_files.h"
#include "district/reporting.h"
#include "district/spot_check.h"
#include "district/unit_names.h"
#include "district/unit_stats.h"
#include "domain/campaign_setup.h"
#include "storage/schema.h"
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

// The problem with this description (live), or an empty one.
Problem Described(Office& o, const std::string& unit, const std::string& description) {
    for (const Problem& p : o.store.LoadAll())
        if (p[ProblemField::kReportingUnit] == unit && p[ProblemField::kDescription] == description) return p;
    return Problem{};
}

const char* const kWang = "王某家庭两名劳动力未实现稳定就业";
const std::string kWangDone =
    "1,就业扶贫,个性问题,王某家庭两名劳动力未实现稳定就业,已安排两人到县内企业务工,2022年6月25日,区人社局,陈庄村,已完成";

// Bug (a): a problem two files list has the newer file's values; removing
// that file gives it back the older file's, where the newer one had set them.
TEST(ReceivedFiles, RemovingTheNewerFileGivesBackTheRemainingFilesValues) {
    Office o;
    ReceivedFile week1 = o.Read("区人社局_第1周.csv", Csv("区人社局", {kRows[0], kRows[1]}));
    ReceivedFile week2 = o.Read("区人社局_第2周.csv", Csv("区人社局", {kWangDone, kRows[1]}));
    o.Merge({&week1});
    o.Merge({&week2});
    Problem p = Described(o, "区人社局", kWang);
    ASSERT_NE(p.id, 0);
    EXPECT_EQ(p[ProblemField::kStatus], "done");
    EXPECT_EQ(p[ProblemField::kMeasures], "已安排两人到县内企业务工");
    // A field changed by hand since stays.
    Problem edited = p;
    edited[ProblemField::kRespLeader] = "张副局长";
    o.store.Update(edited, o.Ctx());

    const int64_t newer = o.LiveFileId("区人社局_第2周.csv");
    RemoveReceivedFile(*o.db, o.store, newer, o.Ctx());
    Problem back = Described(o, "区人社局", kWang);
    EXPECT_EQ(back.id, p.id);
    EXPECT_EQ(back[ProblemField::kStatus], "in_progress");
    EXPECT_EQ(back[ProblemField::kMeasures], "开发公益岗位并推荐到县内企业务工");
    EXPECT_EQ(back[ProblemField::kRespLeader], "张副局长");
    o.ExpectConsistent("after removing the newer file");
    o.store.Undo(o.Ctx());
    EXPECT_EQ(Described(o, "区人社局", kWang)[ProblemField::kStatus], "done");
    o.ExpectConsistent("after undoing the removal");
    // Removing the older file changes no value: the newer one's stay.
    RemoveReceivedFile(*o.db, o.store, o.LiveFileId("区人社局_第1周.csv"), o.Ctx());
    EXPECT_EQ(Described(o, "区人社局", kWang)[ProblemField::kStatus], "done");
    o.ExpectConsistent("after removing the older file");
}

// Bug (b): a file filed under the wrong unit is moved. What another file of
// the old unit lists stays with the old unit, with that file's values; the
// new unit gets the moved file's rows as the moved file gave them, with the
// identities its own import would have given.
TEST(ReceivedFiles, MovingAFileLeavesTheOldUnitItsOwnAndGivesTheNewUnitTheFilesVersion) {
    Office o;
    ReceivedFile mine = o.Read("区人社局_第1周.csv", Csv("区人社局", {kRows[0], kRows[1]}));
    ReceivedFile misfiled = o.Read("区人社局_第2周.csv", Csv("区人社局", {kWangDone, kRows[2]}));
    o.Merge({&mine});
    o.Merge({&misfiled});
    EXPECT_EQ(Described(o, "区人社局", kWang)[ProblemField::kStatus], "done");
    std::vector<int64_t> touched;
    EXPECT_EQ(MoveReceivedFile(*o.db, o.store, o.campaign, o.LiveFileId("区人社局_第2周.csv"), "陈曹乡", 2, o.Ctx(),
                               &touched),
              "");
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 2}, {"陈曹乡", 2}}));
    const Problem kept = Described(o, "区人社局", kWang), copy = Described(o, "陈曹乡", kWang);
    EXPECT_EQ(kept[ProblemField::kStatus], "in_progress");  // week 1's, the file left
    EXPECT_EQ(copy[ProblemField::kStatus], "done");         // the moved file's
    EXPECT_EQ(copy[ProblemField::kMeasures], "已安排两人到县内企业务工");
    o.ExpectConsistent("after the move");
    // The same identities as the file imported for 陈曹乡 directly.
    Office fresh;
    ReceivedFile direct = fresh.Read("陈曹乡_第2周.csv", Csv("陈曹乡", {kWangDone, kRows[2]}));
    fresh.Merge({&direct});
    std::set<std::string> moved, imported;
    for (const Problem& p : o.store.LoadAll())
        if (p[ProblemField::kReportingUnit] == "陈曹乡") moved.insert(p.uuid);
    for (const Problem& p : fresh.store.LoadAll()) imported.insert(p.uuid);
    EXPECT_EQ(moved, imported);
    o.store.Undo(o.Ctx());
    EXPECT_EQ(o.ProblemsPerUnit(), (std::map<std::string, int>{{"区人社局", 3}}));
    EXPECT_EQ(Described(o, "区人社局", kWang)[ProblemField::kStatus], "done");
    o.ExpectConsistent("after undoing the move");
}

TEST(Drift, SimilarityAndRewording) {
    EXPECT_DOUBLE_EQ(TextSimilarity("王某家庭两名劳动力未实现稳定就业", "王某家庭两名劳动力未实现稳定就业。"), 1.0);
    EXPECT_GE(TextSimilarity(kWang, "王某家庭两名劳动力尚未实现稳定就业"), kRewordSimilarity);
    EXPECT_GE(TextSimilarity(kWang, "王某家两名劳动力未能稳定就业"), kRewordSimilarity);
    EXPECT_LT(TextSimilarity(kWang, "部分脱贫户未享受一次性交通补贴"), 0.2);
    Problem a = NewProblem(), b;
    a[ProblemField::kReportingUnit] = "区人社局", a[ProblemField::kVillage] = "陈庄村";
    a[ProblemField::kArea] = "就业保障", a[ProblemField::kDeadline] = "2022-06-25";
    a[ProblemField::kDescription] = kWang;
    b = a;
    b[ProblemField::kDescription] = "王某家庭两名劳动力尚未实现稳定就业";
    EXPECT_TRUE(LooksReworded(a, b));
    for (ProblemField f : {ProblemField::kVillage, ProblemField::kArea, ProblemField::kDeadline,
                           ProblemField::kReportingUnit}) {
        Problem c = b;
        c[f] = "其他";
        EXPECT_FALSE(LooksReworded(a, c)) << FieldInfo(f).label;
    }
}

// A unit's week-3 file rewords one problem and leaves another out: both are
// listed as its drift, the reworded one proposed; merged, the old one stops
// counting and its file lists the new one; kept, the other is not listed again.
TEST(Drift, ARewordedProblemIsProposedMergedAndUndone) {
    Office o;
    ReceivedFile week1 = o.Read("区人社局_第1周.csv", Csv("区人社局", kRows));
    const std::string reworded =
        "1,就业扶贫,个性问题,王某家庭两名劳动力尚未实现稳定就业,开发公益岗位并推荐到县内企业务工,2022-06-25,区人社局,陈庄村,整改中";
    ReceivedFile week3 = o.Read("区人社局_第3周.csv", Csv("区人社局", {reworded, kRows[1]}));
    ASSERT_EQ(week3.week_no, 3);
    EXPECT_TRUE(o.Merge({&week1}).drift.empty());
    const MergeSummary m = o.Merge({&week3});
    EXPECT_EQ(o.ProblemsPerUnit()["区人社局"], 4);
    ASSERT_EQ(m.drift.size(), 1u);
    const UnitDrift& d = m.drift[0];
    EXPECT_EQ(d.unit, "区人社局");
    EXPECT_EQ(DriftHeading(d), "第3周台账中没有以下 2 个问题");
    ASSERT_EQ(d.missing.size(), 2u);
    const Problem old = Described(o, "区人社局", kWang);
    const Problem now = Described(o, "区人社局", "王某家庭两名劳动力尚未实现稳定就业");
    const Problem dropped = Described(o, "区人社局", "李某务工信息未及时更新");
    EXPECT_EQ(d.missing[0].problem.id, old.id);
    EXPECT_EQ(d.missing[0].proposed, now.id);
    EXPECT_EQ(d.missing[1].problem.id, dropped.id);
    EXPECT_EQ(d.missing[1].proposed, 0);
    ASSERT_EQ(d.new_in_latest.size(), 1u);
    EXPECT_EQ(FindDrift(*o.db, o.store, o.campaign_id).size(), 1u);

    // A problem of another unit, or one the same file lists too: refused, nothing changes.
    ReceivedFile other = o.Read("陈曹乡_第1周.csv", Csv("陈曹乡", {kRows[2]}));
    o.Merge({&other});
    const int64_t history = o.Count("SELECT count(*) FROM problem_history");
    EXPECT_EQ(MergeDriftedProblem(*o.db, o.store, old.id, Described(o, "陈曹乡", "李某务工信息未及时更新").id,
                                  o.Ctx(), nullptr),
              "两个问题不属于同一单位，不能合并");
    EXPECT_NE(MergeDriftedProblem(*o.db, o.store, old.id, Described(o, "区人社局", "部分脱贫户未享受一次性交通补贴").id,
                                  o.Ctx(), nullptr)
                  .find("两个问题都有"),
              std::string::npos);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem_history"), history);

    // A finding on the old wording goes with the problem.
    SpotCheckStore checks(*o.db, o.campaign_id);
    std::vector<Problem> rows = o.store.LoadAll();
    const int64_t round = checks.Create(SampleSpec{}, {&*std::find_if(rows.begin(), rows.end(), [&](const Problem& p) {
                                            return p.id == old.id;
                                        })},
                                        "测试", "2022-06-20 10:00:00");
    EXPECT_EQ(checks.SetFinding(round, 1, "整改不到位", "", Date{2022, 6, 21}), "");

    std::vector<int64_t> touched;
    EXPECT_EQ(MergeDriftedProblem(*o.db, o.store, old.id, now.id, o.Ctx(), &touched), "");
    EXPECT_EQ(o.ProblemsPerUnit()["区人社局"], 3);
    o.ExpectConsistent("after merging a reworded problem");
    EXPECT_EQ(o.store.History(old.id)[0].field, "删除");
    EXPECT_EQ(o.store.History(old.id)[1].field, "并入改述后的问题");
    EXPECT_EQ(o.store.History(now.id)[0].field, "合并改述前的问题");
    std::vector<SpotCheckItem> items = checks.AllItems();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].problem_id, now.id);
    UnitStats total;
    BuildUnitStats(o.store.LoadAll(), o.units, Date{2022, 6, 20}, &items, &total);
    EXPECT_EQ(total.adverse, 1);
    std::vector<UnitDrift> left = FindDrift(*o.db, o.store, o.campaign_id, {"区人社局"});
    ASSERT_EQ(left.size(), 1u);
    ASSERT_EQ(left[0].missing.size(), 1u);
    EXPECT_EQ(left[0].missing[0].problem.id, dropped.id);

    // Kept open: not listed again; it still counts. One undo step: undone, it
    // is listed again; redone, kept again.
    EXPECT_EQ(KeepDriftedProblem(o.store, dropped.id, o.Ctx()), "");
    EXPECT_TRUE(FindDrift(*o.db, o.store, o.campaign_id).empty());
    EXPECT_EQ(o.ProblemsPerUnit()["区人社局"], 3);
    EXPECT_EQ(o.store.UndoLabel(), "保留“李某务工信息未及时更新”");
    o.store.Undo(o.Ctx());
    left = FindDrift(*o.db, o.store, o.campaign_id);
    ASSERT_EQ(left.size(), 1u);
    ASSERT_EQ(left[0].missing.size(), 1u);
    EXPECT_EQ(left[0].missing[0].problem.id, dropped.id);
    o.store.Redo(o.Ctx());
    EXPECT_TRUE(FindDrift(*o.db, o.store, o.campaign_id).empty());
    o.store.Undo(o.Ctx());

    // Undo the merge: both wordings count again, the old one is listed again,
    // and the finding is on it again; redone, the finding goes with it once more.
    o.store.Undo(o.Ctx());
    EXPECT_EQ(o.ProblemsPerUnit()["区人社局"], 4);
    o.ExpectConsistent("after undoing the merge");
    left = FindDrift(*o.db, o.store, o.campaign_id);
    ASSERT_EQ(left.size(), 1u);
    ASSERT_EQ(left[0].missing.size(), 2u);
    EXPECT_EQ(left[0].missing[0].problem.id, old.id);
    EXPECT_EQ(left[0].missing[0].proposed, now.id);
    EXPECT_EQ(checks.AllItems()[0].problem_id, old.id);
    o.store.Redo(o.Ctx());
    EXPECT_EQ(checks.AllItems()[0].problem_id, now.id);
    EXPECT_EQ(o.ProblemsPerUnit()["区人社局"], 3);
}

// Issue 17: after recording 瞒报 and drawing a new sample the 通报 still
// counts it; a 漏报 found on site becomes a problem of its unit and counts
// against that unit.
TEST(SpotChecks, EveryRoundCountsAndAMissedProblemFoundOnSiteIsRegistered) {
    Office o;
    ReceivedFile f = o.Read("区人社局.csv", Csv("区人社局", kRows));
    o.Merge({&f});
    SpotCheckStore checks(*o.db, o.campaign_id);
    std::vector<Problem> rows = o.store.LoadAll();
    SampleSpec spec;
    spec.size = 2;
    spec.seed = 7;
    const int64_t first = checks.Create(spec, DrawSample(rows, spec), "第一次", "2022-06-20 10:00:00");
    EXPECT_EQ(checks.SetFinding(first, 1, "瞒报", "户主反映", Date{2022, 6, 21}), "");
    const int64_t second = checks.Create(spec, DrawSample(rows, spec), "第二次", "2022-06-22 10:00:00");
    const std::vector<SpotCheckInfo> rounds = checks.List();
    ASSERT_EQ(rounds.size(), 2u);
    EXPECT_EQ(rounds[0].id, second);
    EXPECT_EQ(rounds[0].round, 2);
    EXPECT_EQ(rounds[1].round, 1);

    auto stats_of = [&](UnitStats* total) {
        const std::vector<SpotCheckItem> items = checks.AllItems();
        std::vector<UnitStats> stats = BuildUnitStats(o.store.LoadAll(), o.units, Date{2022, 6, 22}, &items, total);
        RankUnits(stats);
        return stats;
    };
    auto bulletin = [&]() {
        UnitStats total;
        std::vector<UnitStats> stats = stats_of(&total);
        return BulletinText(BuildBulletin(o.campaign, stats, total, ReportingTable{}, checks.List(), Date{2022, 6, 22}));
    };
    UnitStats total;
    stats_of(&total);
    EXPECT_EQ(total.sampled, 4);
    EXPECT_EQ(total.checked, 1);
    EXPECT_EQ(total.adverse, 1);
    EXPECT_EQ(total.findings[3], 1);
    std::string text = bulletin();
    EXPECT_NE(text.find("共开展抽查2轮"), std::string::npos) << text;
    EXPECT_NE(text.find("累计抽查问题4个，已核查1个，发现问题1个，其中瞒报1个"), std::string::npos) << text;
    EXPECT_NE(text.find("区人社局：瞒报1个（第1轮，6月21日）"), std::string::npos) << text;

    // A 漏报 found on site at 陈曹乡, registered in round 2. A row the 备注
    // refuses is refused here too, and nothing changes.
    Problem missed = NewProblem();
    missed[ProblemField::kReportingUnit] = "陈曹乡";
    missed[ProblemField::kArea] = "住房保障";
    missed[ProblemField::kNature] = "个性问题";
    missed[ProblemField::kDescription] = "周某住房漏雨未纳入台账";
    missed[ProblemField::kMeasures] = "立即维修";
    missed[ProblemField::kRespUnits] = "区住建局";
    missed[ProblemField::kVillage] = "东村";
    missed[ProblemField::kDeadline] = "6月底";
    const int64_t problems = o.Count("SELECT count(*) FROM problem"), items = o.Count("SELECT count(*) FROM spot_check_item");
    int64_t added = 0;
    EXPECT_NE(checks.RegisterOnSiteProblem(o.store, o.campaign, second, missed, Date{2022, 6, 23}, "", o.Ctx(), &added)
                  .find("完成时限"),
              std::string::npos);
    missed[ProblemField::kReportingUnit] = "";
    missed[ProblemField::kDeadline] = "2022-07-05";
    EXPECT_EQ(checks.RegisterOnSiteProblem(o.store, o.campaign, second, missed, Date{2022, 6, 23}, "", o.Ctx(), &added),
              "请选择漏报问题所属的单位");
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem"), problems);
    EXPECT_EQ(o.Count("SELECT count(*) FROM spot_check_item"), items);
    missed[ProblemField::kReportingUnit] = "陈曹乡";
    EXPECT_EQ(checks.RegisterOnSiteProblem(o.store, o.campaign, second, missed, Date{2022, 6, 23}, "群众反映", o.Ctx(),
                                           &added),
              "");
    Problem stored;
    ASSERT_TRUE(o.store.Load(added, &stored));
    EXPECT_EQ(stored[ProblemField::kReportingUnit], "陈曹乡");
    EXPECT_EQ(stored[ProblemField::kFoundDate], "2022-06-23");
    EXPECT_EQ(o.store.History(added).back().actor, "区办（抽查发现）");
    std::vector<UnitStats> stats = stats_of(&total);
    for (const UnitStats& s : stats)
        if (s.unit == "陈曹乡") {
            EXPECT_EQ(s.problems, 1);
            EXPECT_EQ(s.findings[2], 1);  // 漏报
            EXPECT_EQ(s.on_site, 1);
            EXPECT_EQ(s.adverse, 1);
            EXPECT_EQ(s.sampled, 0);
        }
    EXPECT_EQ(total.sampled, 4);
    EXPECT_EQ(total.adverse, 2);
    text = bulletin();
    EXPECT_NE(text.find("实地发现漏报问题1个"), std::string::npos) << text;
    EXPECT_NE(text.find("陈曹乡：漏报1个（第2轮，6月23日，实地发现）"), std::string::npos) << text;
    ASSERT_EQ(checks.List()[0].on_site, 1);
    ASSERT_EQ(checks.List()[0].items, 2);  // drawn ones only
    // The received files still agree (the problem came from no file).
    for (const std::string& d : CheckReceivedFiles(*o.db, o.campaign_id)) ADD_FAILURE() << d;
    // Undone, the problem is gone and its finding no longer counts.
    o.store.Undo(o.Ctx());
    stats_of(&total);
    EXPECT_EQ(total.adverse, 1);
    EXPECT_EQ(o.ProblemsPerUnit().count("陈曹乡"), 0u);
}

// A unit's row is refused only for what the 备注 requires: an empty 整改措施
// or 责任单位 is taken.
TEST(FieldWording, OnlyTheRemarksRequirementsRefuseARow) {
    Office o;
    ReceivedFile f = o.Read("区人社局.csv",
                            Csv("区人社局", {"1,就业扶贫,个性问题,问题一,,2022-06-25,,陈庄村,整改中",
                                             "2,就业扶贫,,问题二,措施,2022-06-25,区人社局,陈庄村,整改中",
                                             "3,就业扶贫,个性问题,,措施,2022-06-25,区人社局,陈庄村,整改中"}));
    EXPECT_EQ(f.rows, 1);
    ASSERT_EQ(f.errors.size(), 2u);
    EXPECT_NE(f.errors[0].message.find("问题性质"), std::string::npos);
    EXPECT_NE(f.errors[1].message.find("问题表述"), std::string::npos);
}

// A database of schema 9 with received files, links and a spot check
// migrates: links keep their files (without a version of their own, so a
// removal changes no value), items are drawn ones, nothing is kept open.
TEST(Schema, Version9DistrictDataMigrates) {
    std::unique_ptr<Database> db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db, 9), MigrateResult::kOk);
    db->ExecScript(
        "INSERT INTO campaign(id, code, name, ledger_title, natures) VALUES(1, 'c', '活动', '台账', '共性问题、个性问题');"
        "INSERT INTO problem(id, uuid, campaign_id, area, nature, description, measures, deadline, resp_units, "
        "  reporting_unit, status, created_at, updated_at) VALUES "
        "  (1, 'u1', 1, '就业保障', '个性问题', '问题一', '措施', '2022-06-25', '区人社局', '区人社局', 'done', 't', 't');"
        "INSERT INTO received_file(id, campaign_id, unit, week_no, file_name, content_hash, version_time, received_at, "
        "  row_count) VALUES (1, 1, '区人社局', 1, 'a.csv', 'h1', '2022-06-08 00:00:00', 't', 1),"
        "  (2, 1, '区人社局', 2, 'b.csv', 'h2', '2022-06-15 00:00:00', 't', 1);"
        "INSERT INTO file_problem(file_id, problem_id) VALUES (1, 1), (2, 1);"
        "INSERT INTO spot_check(id, campaign_id, seed, spec, created_at) VALUES (1, 1, 7, '{}', '2022-06-20 10:00:00');"
        "INSERT INTO spot_check_item(spot_check_id, seq, problem_id, finding) VALUES (1, 1, 1, '瞒报');");
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    EXPECT_EQ(StoredSchemaVersion(*db), SchemaVersion());
    Stmt links = db->Prepare("SELECT count(*), sum(data = '') FROM file_problem");
    ASSERT_TRUE(links.Step());
    EXPECT_EQ(links.Int(0), 2);
    EXPECT_EQ(links.Int(1), 2);
    SpotCheckStore checks(*db, 1);
    std::vector<SpotCheckItem> items = checks.AllItems();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_FALSE(items[0].on_site);
    EXPECT_EQ(items[0].round, 1);
    LedgerStore store(*db, 1);
    EXPECT_TRUE(FindDrift(*db, store, 1).empty());
    RemoveReceivedFile(*db, store, 2, ChangeContext{"2022-06-20 09:00:00", "区办", "edit"});
    Problem p;
    ASSERT_TRUE(store.Load(1, &p));
    EXPECT_FALSE(p.deleted);
    EXPECT_EQ(p[ProblemField::kStatus], "done");
    EXPECT_TRUE(CheckReceivedFiles(*db, 1).empty());
}

}  // namespace
}  // namespace htk
