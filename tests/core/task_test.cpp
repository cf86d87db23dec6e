// Heavy work a slice at a time (core/task.h): a task run in the smallest
// slices gives what one call gives, and a task destroyed half-way leaves the
// data, the files' records and the undo steps as they were.
#include "district/received_files.h"
#include "district/reporting.h"
#include "district/unit_names.h"
#include "domain/campaign_setup.h"
#include "domain/household_store.h"
#include "domain/ledger_import.h"
#include "domain/ledger_store.h"
#include "formats/table_file.h"
#include "formats/text_encoding.h"
#include "formats/xlsx_reader.h"
#include "domain/ledger_xlsx.h"
#include "task.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace htk {
namespace {

// A clock that has always run out: every Step does its smallest piece of work.
double g_now = 0;
double TickingClock() { return g_now += 1; }
Slice Smallest() { return Slice(TickingClock, 0); }

// Runs `task` to its end in the smallest slices, its progress never going
// back and its stage always said; returns the steps that did not finish it.
int StepToEnd(Task& task) {
    int steps = 0;
    double last = -1;
    for (Slice s = Smallest(); !task.Step(s); s = Smallest()) {
        ++steps;
        EXPECT_GE(task.progress(), last);
        last = task.progress();
        EXPECT_FALSE(task.stage().empty());
    }
    return steps;
}

std::string Csv(const std::string& seal, int first, int n) {
    std::string s = "\xEF\xBB\xBF整改台账\n单位（盖章）：" + seal +
                    "\n序号,问题类型,问题性质,问题表述,整改措施,完成时限,责任单位,所属村,整改状态\n";
    for (int i = first; i < first + n; ++i)
        s += std::to_string(i) + ",就业扶贫,个性问题,第" + std::to_string(i) +
             "户家庭劳动力未实现稳定就业,开发公益岗位并推荐务工,2022-06-28," + seal + ",陈庄村,整改中\n";
    return s;
}

struct Office : test::TestDb {
    LedgerStore store{*db, campaign_id};
    std::vector<std::string> units;
    std::vector<ReceivedFile> files;
    explicit Office(int rows_per_file = 10) {
        AddTownships(*db, campaign_id, "陈曹乡\n灵井镇\n椹涧乡\n");
        units = ExpectedUnits(ListTownships(*db, campaign_id), campaign.departments);
        const UnitDirectory dir = LoadUnitDirectory(*db, campaign_id, units, campaign.district);
        const char* const names[] = {"陈曹乡", "灵井镇", "椹涧乡"};
        for (int i = 0; i < 3; ++i)
            files.push_back(ReadReceivedFile(std::string(names[i]) + "_第2周.csv",
                                             Csv(names[i], i * rows_per_file, rows_per_file),
                                             "2022-06-15 12:00:00", "2022-06-20 09:00:00", campaign, dir, store));
    }
    std::vector<const ReceivedFile*> Pointers() const {
        std::vector<const ReceivedFile*> out;
        for (const ReceivedFile& f : files) out.push_back(&f);
        return out;
    }
    ChangeContext Ctx() const { return ChangeContext{"2022-06-20 09:00:00", "区办", "import"}; }
    int64_t Count(const std::string& sql) {
        Stmt s = db->Prepare(sql);
        return s.Step() ? s.Int(0) : -1;
    }
};

TEST(Task, MergeInSmallestSlicesEqualsOneCall) {
    Office whole, sliced;
    const MergeSummary one = MergeReceivedFiles(whole.Pointers(), whole.campaign, *whole.db, whole.store,
                                                whole.store.LoadAll(), whole.Ctx());
    const std::vector<Problem> current = sliced.store.LoadAll();
    MergeTask task(sliced.Pointers(), sliced.campaign, *sliced.db, sliced.store, current, sliced.Ctx());
    EXPECT_GE(StepToEnd(task), 3) << "one file per step at least";
    EXPECT_EQ(task.summary().total.added, one.total.added);
    EXPECT_EQ(task.summary().total.added, 30);
    EXPECT_EQ(task.summary().files.size(), 3u);
    EXPECT_EQ(sliced.Count("SELECT count(*) FROM problem"), whole.Count("SELECT count(*) FROM problem"));
    EXPECT_EQ(sliced.Count("SELECT count(*) FROM received_file"), 3);
    EXPECT_EQ(sliced.Count("SELECT count(*) FROM file_problem"), whole.Count("SELECT count(*) FROM file_problem"));
    // One undo step takes the whole merge back.
    ASSERT_TRUE(sliced.store.CanUndo());
    sliced.store.Undo(sliced.Ctx());
    EXPECT_EQ(sliced.store.LoadAll().size(), 0u);
    EXPECT_FALSE(sliced.store.CanUndo());
}

TEST(Task, ReceivedFileInSmallestSlicesEqualsOneCall) {
    Office o;
    const UnitDirectory dir = LoadUnitDirectory(*o.db, o.campaign_id, o.units, o.campaign.district);
    // A unit's file whose seal line names the unit in full, one row refused (no 问题表述).
    std::string bytes = Csv("灵井镇人民政府", 0, 40);
    bytes += "41,就业扶贫,个性问题,,开发公益岗位,2022-06-28,灵井镇,陈庄村,整改中\n";
    const ReceivedFile one =
        ReadReceivedFile("报送_第3周.csv", bytes, "2022-06-15 12:00:00", "2022-06-20 09:00:00", o.campaign, dir, o.store);
    ReceivedFileTask task("报送_第3周.csv", bytes, "2022-06-15 12:00:00", "2022-06-20 09:00:00", o.campaign, dir,
                          o.store);
    EXPECT_GE(StepToEnd(task), 3) << "read and checked over several steps";
    const ReceivedFile f = task.TakeFile();
    EXPECT_EQ(f.error, one.error);
    EXPECT_EQ(f.unit, "灵井镇");
    EXPECT_EQ(f.unit, one.unit);
    EXPECT_EQ(f.unit_from, one.unit_from);
    EXPECT_EQ(f.week_no, 3);
    EXPECT_EQ(f.week_no, one.week_no);
    EXPECT_EQ(f.week_from, one.week_from);
    EXPECT_EQ(f.version_time, one.version_time);
    EXPECT_EQ(f.content_hash, one.content_hash);
    EXPECT_EQ(f.rows, 40);
    EXPECT_EQ(f.rows, one.rows);
    ASSERT_EQ(f.errors.size(), 1u);
    EXPECT_EQ(f.errors[0].row, one.errors[0].row);
    ASSERT_EQ(f.book.sheets.size(), one.book.sheets.size());
    EXPECT_EQ(f.book.sheets[0].rows.size(), one.book.sheets[0].rows.size());
    // A file that is no table at all says why, with nothing read.
    ReceivedFileTask bad("坏.xlsx", "PK\x03\x04 not a zip", "", "2022-06-20 09:00:00", o.campaign, dir, o.store);
    StepToEnd(bad);
    EXPECT_FALSE(bad.TakeFile().error.empty());
}

TEST(Task, AMergeChecksAFileRowsASliceAtATime) {
    // 3 files of 160 rows: each file's rows are checked over several steps
    // (16 rows between two looks at the clock), not in one piece.
    Office big(160), whole(160);
    const MergeSummary one = MergeReceivedFiles(whole.Pointers(), whole.campaign, *whole.db, whole.store,
                                                whole.store.LoadAll(), whole.Ctx());
    const std::vector<Problem> current = big.store.LoadAll();
    MergeTask task(big.Pointers(), big.campaign, *big.db, big.store, current, big.Ctx());
    EXPECT_GE(StepToEnd(task), 3 * 10);
    EXPECT_EQ(task.summary().total.added, 480);
    EXPECT_EQ(task.summary().total.added, one.total.added);
    EXPECT_EQ(big.Count("SELECT count(*) FROM problem"), whole.Count("SELECT count(*) FROM problem"));
}

// A file is applied over several steps too — its adds in batches, then (the
// same files again) every row it lists as it is linked a slice at a time —
// and the result is the one call's, one undo step each.
TEST(Task, AMergeAppliesAFileASliceAtATime) {
    Office sliced(600), whole(600);
    auto rows = [](Office& o) {
        Stmt q = o.db->Prepare("SELECT count(*), sum(length(data)) FROM file_problem");
        q.Step();
        return std::make_pair(q.Int(0), q.Int(1));
    };
    for (int round = 0; round < 2; ++round) {
        const MergeSummary one = MergeReceivedFiles(whole.Pointers(), whole.campaign, *whole.db, whole.store,
                                                    whole.store.LoadAll(), whole.Ctx());
        const std::vector<Problem> current = sliced.store.LoadAll();
        MergeTask task(sliced.Pointers(), sliced.campaign, *sliced.db, sliced.store, current, sliced.Ctx());
        // Checking takes 600 / 16 steps per file; applying adds 3 batches of
        // adds, or (the second time) as many steps again to link the rows.
        const int steps = StepToEnd(task);
        EXPECT_GE(steps, round == 0 ? 3 * (600 / 16 + 3) : 2 * 3 * (600 / 16)) << "round " << round;
        EXPECT_EQ(task.summary().total.added, round == 0 ? 1800 : 0);
        EXPECT_EQ(task.summary().total.unchanged, round == 0 ? 0 : 1800);
        EXPECT_EQ(task.summary().total.added, one.total.added);
        EXPECT_EQ(task.summary().total.unchanged, one.total.unchanged);
        EXPECT_EQ(task.summary().touched.size(), one.touched.size());
        EXPECT_EQ(rows(sliced), rows(whole));
        EXPECT_EQ(sliced.Count("SELECT count(*) FROM problem"), whole.Count("SELECT count(*) FROM problem"));
        EXPECT_TRUE(CheckReceivedFiles(*sliced.db, sliced.campaign_id).empty());
    }
    sliced.store.Undo(sliced.Ctx());
    sliced.store.Undo(sliced.Ctx());
    EXPECT_EQ(sliced.store.LoadAll().size(), 0u);
}

TEST(Task, AMergeCancelledWhileStartingLeavesNoUndoGroupOpen) {
    Office o(160);
    const std::vector<Problem> current = o.store.LoadAll();
    {
        MergeTask first(o.Pointers(), o.campaign, *o.db, o.store, current, o.Ctx());
        Slice slice = Smallest();
        EXPECT_FALSE(first.Step(slice));  // begun: its transaction and undo group open
    }  // cancelled
    EXPECT_FALSE(o.db->in_transaction());
    // A second merge can begin its own group, and ends as one undo step.
    MergeTask again(o.Pointers(), o.campaign, *o.db, o.store, current, o.Ctx());
    StepToEnd(again);
    EXPECT_EQ(again.summary().total.added, 480);
    ASSERT_TRUE(o.store.CanUndo());
    o.store.Undo(o.Ctx());
    EXPECT_EQ(o.store.LoadAll().size(), 0u);
}

TEST(Task, MergeDestroyedHalfWayChangesNothing) {
    Office o;
    // Something to undo and to redo before, which must survive the cancel.
    const std::vector<const ReceivedFile*> first = {&o.files[0]};
    MergeReceivedFiles(first, o.campaign, *o.db, o.store, o.store.LoadAll(), o.Ctx());
    o.store.Undo(o.Ctx());
    ASSERT_TRUE(o.store.CanRedo());
    ASSERT_FALSE(o.store.CanUndo());
    const int64_t problems = o.Count("SELECT count(*) FROM problem"), history = o.Count("SELECT count(*) FROM problem_history");
    const int64_t files = o.Count("SELECT count(*) FROM received_file");
    const uint64_t commits = o.db->commit_count();
    {
        const std::vector<Problem> current = o.store.LoadAll();
        MergeTask task(o.Pointers(), o.campaign, *o.db, o.store, current, o.Ctx());
        Slice s = Smallest();
        ASSERT_FALSE(task.Step(s));
        s = Smallest();
        ASSERT_FALSE(task.Step(s));
        EXPECT_GT(task.progress(), 0);
        EXPECT_TRUE(o.db->in_transaction()) << "the merge holds its transaction between steps";
    }  // cancelled
    EXPECT_FALSE(o.db->in_transaction());
    EXPECT_EQ(o.db->commit_count(), commits);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem"), problems);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem_history"), history);
    EXPECT_EQ(o.Count("SELECT count(*) FROM received_file"), files);
    EXPECT_FALSE(o.store.CanUndo()) << "no undo step for what was rolled back";
    EXPECT_TRUE(o.store.CanRedo()) << "the redo step from before is kept";
    // And the same files merge afterwards as if nothing had happened.
    const MergeSummary again = MergeReceivedFiles(o.Pointers(), o.campaign, *o.db, o.store, o.store.LoadAll(), o.Ctx());
    EXPECT_EQ(again.total.added, 30);
}

ImportPlan PlanOf(Office& o, int rows) {
    Workbook book;
    std::string error;
    EXPECT_TRUE(ReadTableFile("陈曹乡.csv", Csv("陈曹乡", 0, rows), &book, &error)) << error;
    return PlanLedgerImport(book, "陈曹乡.csv", o.campaign, o.store, "陈曹乡");
}

TEST(Task, ImportAppliedInSlicesIsOneUndoStep) {
    Office o;
    ImportPlan plan = PlanOf(o, 600);
    ASSERT_EQ(plan.adds.size(), 600u);
    ImportApplyTask task(std::move(plan), *o.db, o.store, o.Ctx());
    EXPECT_GE(StepToEnd(task), 2) << "600 rows are written in more than one slice";
    EXPECT_EQ(task.touched().size(), 600u);
    EXPECT_EQ(o.store.LoadAll().size(), 600u);
    EXPECT_EQ(o.store.UndoLabel(), "导入“陈曹乡.csv”");
    o.store.Undo(o.Ctx());
    EXPECT_EQ(o.store.LoadAll().size(), 0u);
    EXPECT_FALSE(o.store.CanUndo());
}

TEST(Task, ImportDestroyedHalfWayChangesNothing) {
    Office o;
    const int64_t history = o.Count("SELECT count(*) FROM problem_history");
    const uint64_t commits = o.db->commit_count();
    {
        ImportApplyTask task(PlanOf(o, 600), *o.db, o.store, o.Ctx());
        Slice s = Smallest();
        ASSERT_FALSE(task.Step(s));
        EXPECT_GT(task.progress(), 0);
        EXPECT_LT(task.progress(), 1);
    }
    EXPECT_FALSE(o.db->in_transaction());
    EXPECT_EQ(o.db->commit_count(), commits);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem"), 0);
    EXPECT_EQ(o.Count("SELECT count(*) FROM problem_history"), history);
    EXPECT_FALSE(o.store.CanUndo());
}

TEST(Task, XlsxReadInSmallestSlicesEqualsOneCall) {
    Office o;
    // A ledger of 3,000 rows written by our exporter (a sheet part of a few MB).
    ImportPlan plan = PlanOf(o, 3000);
    LedgerWorkbook book;
    book.sheets.emplace_back();
    book.sheets[0].title = "整改台账";
    book.sheets[0].unit = "陈曹乡";
    for (const Problem& p : plan.adds) book.sheets[0].rows.push_back(&p);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;

    Workbook whole;
    ASSERT_TRUE(ReadXlsx(bytes, &whole, &error)) << error;
    XlsxReadTask task(bytes);
    const int steps = StepToEnd(task);
    ASSERT_TRUE(task.ok()) << task.error();
    EXPECT_GT(steps, 3);
    const Workbook& sliced = task.workbook();
    ASSERT_EQ(sliced.sheets.size(), whole.sheets.size());
    for (size_t i = 0; i < whole.sheets.size(); ++i) {
        ASSERT_EQ(sliced.sheets[i].rows.size(), whole.sheets[i].rows.size());
        for (size_t r = 0; r < whole.sheets[i].rows.size(); ++r) {
            ASSERT_EQ(sliced.sheets[i].rows[r].size(), whole.sheets[i].rows[r].size()) << r;
            for (size_t c = 0; c < whole.sheets[i].rows[r].size(); ++c)
                ASSERT_EQ(sliced.sheets[i].rows[r][c].text, whole.sheets[i].rows[r][c].text) << r << "," << c;
        }
    }
    EXPECT_EQ(sliced.custom_properties, whole.custom_properties);
    EXPECT_GE(whole.sheets[0].rows.size(), 3000u);
}

TEST(Task, XlsxReadOfABrokenFileEndsWithTheMessage) {
    XlsxReadTask task(std::string_view("PK\x03\x04 not really a zip"));
    RunToEnd(task);
    EXPECT_FALSE(task.ok());
    EXPECT_FALSE(task.error().empty());
    EXPECT_TRUE(task.workbook().sheets.empty());
}

TEST(Task, CsvReadARowAtATimeEqualsOneCall) {
    // As a department's office saves it: GB18030, no BOM; and as Excel does: UTF-8 with BOM.
    const std::string utf8 = Csv("区人社局", 0, 500);
    for (const std::string& bytes : {EncodeGb18030(utf8.substr(3)), utf8}) {
        Workbook whole;
        std::string error;
        ASSERT_TRUE(ReadTableFile("区人社局.csv", bytes, &whole, &error)) << error;
        ReadTableTask task("区人社局.csv", bytes);
        const int steps = StepToEnd(task);
        ASSERT_TRUE(task.ok()) << task.error();
        EXPECT_GT(steps, 10);
        ASSERT_EQ(task.workbook().sheets.size(), 1u);
        const Sheet& a = whole.sheets[0];
        const Sheet& b = task.workbook().sheets[0];
        EXPECT_EQ(b.name, a.name);
        ASSERT_EQ(b.rows.size(), a.rows.size());
        for (size_t r = 0; r < a.rows.size(); ++r) {
            ASSERT_EQ(b.rows[r].size(), a.rows[r].size()) << r;
            for (size_t c = 0; c < a.rows[r].size(); ++c) {
                EXPECT_EQ(b.rows[r][c].text, a.rows[r][c].text) << r << "," << c;
                EXPECT_EQ(b.rows[r][c].type, a.rows[r][c].type) << r << "," << c;
            }
        }
    }
    ReadTableTask xls("旧表.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old binary", 20));
    RunToEnd(xls);
    EXPECT_NE(xls.error().find(".xls"), std::string::npos);
}

// The registry read a row at a time gives the rows one call gives, in order,
// with its progress going forward; destroyed half way it leaves the database
// free (its read statement ends with it).
TEST(Task, HouseholdsReadInSmallestSlicesEqualsOneCall) {
    test::TestDb t;
    std::vector<Household> adds;
    for (int i = 0; i < 40; ++i) {
        Household h;
        h.head_name = "户主" + std::to_string(i);
        h.code = "41102300100" + std::to_string(10 + (i * 7) % 40);
        h.township = i % 2 ? "椹涧乡" : "灵井镇";
        h.village = "小宋村";
        h.kind = "一般农户";
        adds.push_back(h);
    }
    HouseholdStore store(*t.db);
    store.Apply(adds, {}, "2022-06-15 09:00:00");
    const std::vector<Household> whole = store.LoadAll();
    ASSERT_EQ(whole.size(), 40u);
    HouseholdLoadTask task(*t.db);
    EXPECT_GE(StepToEnd(task), 2);  // the clock is read every 16 rows
    const std::vector<Household> sliced = task.TakeRows();
    ASSERT_EQ(sliced.size(), whole.size());
    for (size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(sliced[i].id, whole[i].id) << i;
    {
        HouseholdLoadTask half(*t.db);
        Slice s = Smallest();
        EXPECT_FALSE(half.Step(s));
    }
    Household more = adds[0];
    more.code = "411023009999";
    store.Apply({more}, {}, "2022-06-15 10:00:00");
    EXPECT_EQ(store.Count(), 41);
}

// A ledger file planned a few rows a slice gives the plan one call gives.
TEST(Task, LedgerPlanInSmallestSlicesEqualsOneCall) {
    Office o;
    Workbook book;
    std::string error;
    ASSERT_TRUE(ReadTableFile("陈曹乡.csv", Csv("陈曹乡", 0, 100), &book, &error)) << error;
    const ImportPlan whole = PlanLedgerImport(book, "陈曹乡.csv", o.campaign, o.store, "陈曹乡");
    LedgerPlanTask task(book, "陈曹乡.csv", o.campaign, o.store, "陈曹乡", nullptr);
    EXPECT_GE(StepToEnd(task), 5);  // the clock is read every 16 rows
    const ImportPlan sliced = task.TakePlan();
    EXPECT_EQ(sliced.fatal, whole.fatal);
    EXPECT_EQ(sliced.unit, whole.unit);
    EXPECT_EQ(sliced.header_row, whole.header_row);
    EXPECT_EQ(sliced.columns, whole.columns);
    EXPECT_EQ(sliced.errors.size(), whole.errors.size());
    ASSERT_EQ(sliced.adds.size(), whole.adds.size());
    ASSERT_EQ(sliced.adds.size(), 100u);
    for (size_t i = 0; i < whole.adds.size(); ++i) EXPECT_EQ(sliced.adds[i].v, whole.adds[i].v) << i;
}

}  // namespace
}  // namespace htk
