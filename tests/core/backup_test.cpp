#include "domain/backup.h"
#include "domain/household_store.h"
#include "domain/ledger_store.h"
#include "domain/problem_rules.h"
#include "domain/settings.h"
#include "storage/schema.h"
#include "test_db.h"

#include <gtest/gtest.h>

using namespace htk;

namespace {

// A database with a unit name, one problem and one household.
void Fill(test::TestDb& t) {
    Settings s;
    s.unit_name = "椹涧乡";
    SaveSettings(*t.db, s);
    LedgerStore store(*t.db, t.campaign_id);
    Problem p = NewProblem();
    p[ProblemField::kArea] = "住房保障";
    p[ProblemField::kNature] = "个性问题";
    p[ProblemField::kDescription] = "住房未鉴定";
    p[ProblemField::kMeasures] = "完成鉴定";
    p[ProblemField::kDeadline] = "2022-06-20";
    p[ProblemField::kRespUnits] = "区住建局";
    ASSERT_TRUE(NormalizeAndValidate(p, t.campaign).empty());
    store.Add(p, ChangeContext{"2022-06-15 09:00:00", "椹涧乡", "edit"});
    Household h;
    h.head_name = "张某某";
    h.code = "4110230010001";
    h.township = "椹涧乡";
    h.village = "小宋村";
    h.kind = "一般农户";
    HouseholdStore(*t.db).Apply({h}, {}, "2022-06-15 09:00:00");
}

int64_t Problems(Database& db) {
    Stmt q = db.Prepare("SELECT count(*) FROM problem");
    return q.Step() ? q.Int(0) : -1;
}

}  // namespace

TEST(Backup, RoundTripReplacesEverythingAndIsSaved) {
    test::TestDb from;
    Fill(from);
    const std::string bytes = BackupBytes(*from.db);
    EXPECT_TRUE(LooksLikeSqlite(bytes));
    EXPECT_EQ(BackupFileName("椹涧乡", Date{2022, 6, 15}), "椹涧乡_回头看备份_20220615.db");

    BackupSummary s;
    std::string error;
    ASSERT_TRUE(InspectBackup(bytes, &s, &error)) << error;
    EXPECT_EQ(s.unit_name, "椹涧乡");
    EXPECT_EQ(s.campaigns, (std::vector<std::string>{from.campaign.name}));
    EXPECT_EQ(s.problems, 1);
    EXPECT_EQ(s.households, 1);
    EXPECT_EQ(s.schema_version, SchemaVersion());
    EXPECT_EQ(s.last_change, "2022-06-15 09:00:00");

    test::TestDb to;
    EXPECT_EQ(Problems(*to.db), 0);
    const uint64_t commits = to.db->commit_count();
    ASSERT_TRUE(RestoreBackup(*to.db, bytes, &error)) << error;
    EXPECT_EQ(Problems(*to.db), 1);
    EXPECT_EQ(LoadSettings(*to.db).unit_name, "椹涧乡");
    EXPECT_GT(to.db->commit_count(), commits);  // the platform saves it like an edit
}

TEST(Backup, BadFilesAreRefusedAndChangeNothing) {
    test::TestDb from;
    Fill(from);
    const std::string good = BackupBytes(*from.db);
    test::TestDb to;
    std::string error;
    BackupSummary s;

    EXPECT_FALSE(RestoreBackup(*to.db, "不是数据库", &error));
    EXPECT_NE(error.find("这不是备份文件"), std::string::npos);

    EXPECT_FALSE(RestoreBackup(*to.db, good.substr(0, good.size() / 2), &error));
    EXPECT_NE(error.find("已损坏"), std::string::npos) << error;

    std::string scribbled = good;
    for (size_t i = 4096; i < scribbled.size(); i += 97) scribbled[i] = char(scribbled[i] ^ 0x5a);
    EXPECT_FALSE(InspectBackup(scribbled, &s, &error));
    EXPECT_NE(error.find("已损坏"), std::string::npos) << error;

    // Some other program's SQLite file.
    std::unique_ptr<Database> other = Database::OpenInMemory();
    other->ExecScript("CREATE TABLE notes(x); INSERT INTO notes VALUES(1); PRAGMA user_version = 3;");
    EXPECT_FALSE(InspectBackup(BackupBytes(*other), &s, &error));
    EXPECT_NE(error.find("不是“回头看整改台账”的备份"), std::string::npos) << error;

    // Our table names over other columns (found by fuzz_backup: the summary's
    // statements failed to prepare and the app aborted), or our schema with a
    // trigger of its own.
    std::unique_ptr<Database> lookalike = Database::OpenInMemory();
    lookalike->ExecScript(
        "CREATE TABLE settings(key, value); CREATE TABLE campaign(id); CREATE TABLE problem(id, deleted); "
        "PRAGMA user_version = 2;");
    EXPECT_FALSE(InspectBackup(BackupBytes(*lookalike), &s, &error));
    EXPECT_NE(error.find("不是“回头看整改台账”的备份"), std::string::npos) << error;
    test::TestDb trap;
    trap.db->ExecScript("CREATE TRIGGER no_edits BEFORE UPDATE ON problem BEGIN SELECT RAISE(ABORT, 'no'); END;");
    EXPECT_FALSE(RestoreBackup(*to.db, BackupBytes(*trap.db), &error));
    EXPECT_NE(error.find("已被其他程序改动"), std::string::npos) << error;

    // Made by a newer build.
    from.db->ExecScript(("PRAGMA user_version=" + std::to_string(SchemaVersion() + 1)).c_str());
    EXPECT_FALSE(RestoreBackup(*to.db, BackupBytes(*from.db), &error));
    EXPECT_NE(error.find("更新版本"), std::string::npos) << error;

    EXPECT_EQ(Problems(*to.db), 0);  // none of it changed anything
}

TEST(Backup, AnOlderBackupIsMigrated) {
    std::unique_ptr<Database> old = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*old, 2), MigrateResult::kOk);  // before households existed
    EnsureCurrentCampaign(*old);
    test::TestDb to;
    std::string error;
    BackupSummary s;
    ASSERT_TRUE(InspectBackup(BackupBytes(*old), &s, &error)) << error;
    EXPECT_EQ(s.schema_version, 2);
    ASSERT_TRUE(RestoreBackup(*to.db, BackupBytes(*old), &error)) << error;
    EXPECT_EQ(StoredSchemaVersion(*to.db), SchemaVersion());
    Stmt q = to.db->Prepare("SELECT count(*) FROM household");  // a table migration 3 made
    EXPECT_TRUE(q.Step());
}

// The file is copied into the scratch's buffer a piece per slice (a
// district's 120 MB at once held the page ~200 ms): with slices that end at
// once, one piece per step, and what is restored is the same.
TEST(Backup, TheCopyIntoTheScratchIsSliced) {
    test::TestDb from;
    Fill(from);
    {
        Transaction tx(*from.db);
        Stmt ins = from.db->Prepare("INSERT INTO settings(key, value) VALUES(?1, ?2)");
        for (int i = 0; i < 2000; ++i) {
            ins.Reset();
            ins.Bind(1, "pad" + std::to_string(i)).Bind(2, std::string(10000, char('a' + i % 26)));
            ASSERT_TRUE(ins.Run());
        }
        ASSERT_TRUE(tx.Commit());
    }
    const std::string bytes = BackupBytes(*from.db);
    ASSERT_GT(bytes.size(), size_t(16) << 20);  // more than two pieces
    BackupInspectTask task(bytes, CheckIntegrityHere);
    double now = 0;
    static double* clock_now = &now;
    int opening_steps = 0;
    double last_progress = 0;
    for (;;) {
        Slice slice([] { return *clock_now; }, 0);
        now += 1;  // every slice is over once it looks
        const bool opening = task.stage() == "正在读取备份内容" && !task.waiting();
        const bool done = task.Step(slice);
        if (opening) ++opening_steps;
        EXPECT_GE(task.progress(), last_progress);
        last_progress = task.progress();
        if (done) break;
    }
    ASSERT_TRUE(task.ok()) << task.error();
    EXPECT_GE(opening_steps, 3);
    test::TestDb to;
    std::string error;
    ASSERT_TRUE(RestoreInspected(*to.db, task.TakeResult(), &error)) << error;
    EXPECT_EQ(Problems(*to.db), 1);
    Stmt q = to.db->Prepare("SELECT count(*), sum(length(value)) FROM settings WHERE key LIKE 'pad%'");
    ASSERT_TRUE(q.Step());
    EXPECT_EQ(q.Int(0), 2000);
    EXPECT_EQ(q.Int(1), 2000 * 10000);
}

TEST(Backup, WeeklyReminder) {
    test::TestDb t;
    int days = 0;
    EXPECT_FALSE(BackupDue(*t.db, Date{2022, 6, 15}, &days));  // nothing to lose yet
    Fill(t);
    EXPECT_TRUE(BackupDue(*t.db, Date{2022, 6, 15}, &days));
    EXPECT_EQ(days, -1);
    RecordBackup(*t.db, Date{2022, 6, 15});
    EXPECT_EQ(LastBackupDay(*t.db), "2022-06-15");
    EXPECT_FALSE(BackupDue(*t.db, Date{2022, 6, 21}, &days));
    EXPECT_EQ(days, 6);
    EXPECT_TRUE(BackupDue(*t.db, Date{2022, 6, 22}, &days));
}

TEST(Backup, StatusIsReadAgainOnlyAfterACommitOrANewDay) {
    test::TestDb t;
    Fill(t);
    BackupStatus s;
    EXPECT_TRUE(UpdateBackupStatus(*t.db, Date{2022, 6, 15}, &s).due);
    RecordBackup(*t.db, Date{2022, 6, 15});  // a commit
    EXPECT_FALSE(UpdateBackupStatus(*t.db, Date{2022, 6, 15}, &s).due);
    EXPECT_EQ(s.last_day, "2022-06-15");
    EXPECT_TRUE(UpdateBackupStatus(*t.db, Date{2022, 6, 22}, &s).due);  // a week later
    EXPECT_EQ(s.days_since, 7);
}

namespace {

// A check that answers after a few asks, as a Web Worker does; counts the
// checks started and abandoned.
int g_started = 0, g_abandoned = 0;
class SlowCheck : public IntegrityCheck {
public:
    explicit SlowCheck(std::string_view bytes) : result_(Database::CheckImageIntegrity(
        reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())) {}
    ~SlowCheck() override { g_abandoned += !answered_; }
    bool Done(std::string* result) override {
        if (++asked_ < 3) return false;
        answered_ = true;
        *result = result_;
        return true;
    }

private:
    std::string result_;
    int asked_ = 0;
    bool answered_ = false;
};
std::unique_ptr<IntegrityCheck> StartSlow(std::string_view bytes) {
    ++g_started;
    return std::make_unique<SlowCheck>(bytes);
}

}  // namespace

// The inspection waits for the whole-file check a step at a time, opens the
// file once it has passed, and restores from what it opened; destroyed while
// waiting it abandons the check and nothing changes.
TEST(Backup, InspectionWaitsForTheCheckThenRestoresWhatItOpened) {
    test::TestDb from;
    Fill(from);
    const std::string bytes = BackupBytes(*from.db);
    g_started = g_abandoned = 0;
    {
        BackupInspectTask task(bytes, StartSlow);
        Slice slice = Slice::Unlimited();
        EXPECT_FALSE(task.Step(slice));  // the header, the check started
        EXPECT_FALSE(task.Step(slice));  // waiting
        EXPECT_EQ(task.stage(), "正在检查备份文件是否完整");
    }
    EXPECT_EQ(g_started, 1);
    EXPECT_EQ(g_abandoned, 1);

    BackupInspectTask task(bytes, StartSlow);
    Slice slice = Slice::Unlimited();
    int steps = 1;
    while (!task.Step(slice)) ++steps;
    EXPECT_GE(steps, 7);  // header, 3 asks, open, schema, summary: one each
    ASSERT_TRUE(task.ok()) << task.error();
    InspectedBackup inspected = task.TakeResult();
    EXPECT_EQ(inspected.summary.problems, 1);
    test::TestDb to;
    std::string error;
    ASSERT_TRUE(RestoreInspected(*to.db, std::move(inspected), &error)) << error;
    EXPECT_TRUE(inspected.image.empty());  // taken over, not copied
    EXPECT_EQ(Problems(*to.db), 1);
    EXPECT_EQ(LoadSettings(*to.db).unit_name, "椹涧乡");
}

// Pages scribbled over fail the whole-file check with SQLite's words; the
// inspection stops there and has nothing to restore.
TEST(Backup, AFailedCheckStopsTheInspection) {
    test::TestDb from;
    Fill(from);
    std::string bytes = BackupBytes(*from.db);
    for (size_t i = 4096; i < bytes.size(); i += 97) bytes[i] = char(bytes[i] ^ 0x5a);
    EXPECT_NE(Database::CheckImageIntegrity(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), "ok");
    BackupInspectTask task(bytes, StartSlow);
    RunToEnd(task);
    EXPECT_FALSE(task.ok());
    EXPECT_NE(task.error().find("备份文件已损坏"), std::string::npos) << task.error();
    test::TestDb to;
    std::string error;
    EXPECT_FALSE(RestoreInspected(*to.db, task.TakeResult(), &error));
    EXPECT_EQ(Problems(*to.db), 0);
}
