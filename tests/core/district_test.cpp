// 区级汇总: reading and attributing 18 units' files (app-exported and hand-made,
// one GB18030 CSV), merging them (idempotent; newer versions win, losing
// versions kept in history), the reporting table, sampling, ranking, 通报 and
// the roll-up workbook read back with openpyxl.
#include "district/bulletin.h"
#include "district/district_workbooks.h"
#include "district/received_files.h"
#include "district/reporting.h"
#include "district/spot_check.h"
#include "district/unit_names.h"
#include "district/unit_stats.h"
#include "district_fixture_rows.h"
#include "domain/campaign_setup.h"
#include "domain/ledger_store.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <ctime>
#include <dirent.h>
#include <fstream>
#include <map>
#include <sstream>

namespace htk {
namespace {

// This process's own folder: ctest -j runs each test as a process of its
// own, and two of them making the fixtures in one folder broke each other.
// Never destroyed: the exit handler that removes the folder runs after
// static objects are gone.
const std::string& OutRoot() {
    static const std::string* root = [] {
        auto* r = new std::string(std::string(HTK_TEST_OUT) + "/district-" + std::to_string(getpid()));
        std::atexit([] { std::system(("rm -rf '" + OutRoot() + "'").c_str()); });
        return r;
    }();
    return *root;
}

std::string Dir(const char* name) { return OutRoot() + "/" + name; }

// The 18 files (and, in another folder, the two extra ones), made once.
void MakeFixtures() {
    static bool made = false;
    if (made) return;
    const std::string all = Dir("district"), extra = Dir("district_extra");
    std::string cmd = "rm -rf '" + all + "' '" + extra + "' && mkdir -p '" + all + "' '" + extra + "' && " +
                      HTK_DISTRICT_FIXTURES + " '" + all + "' && " + HTK_DISTRICT_FIXTURES + " '" + extra +
                      "' --extra && /usr/bin/python3 " HTK_SOURCE_DIR "/tests/fixtures/make_district_fixtures.py '" +
                      all + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    // --extra also wrote the ten week-2 files: keep only the two extra ones there.
    DIR* d = opendir(extra.c_str());
    while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n[0] != '.' && n.find("第3周") == std::string::npos && n.find("转报") == std::string::npos)
            std::remove((extra + "/" + n).c_str());
    }
    closedir(d);
    made = true;
}

std::vector<std::string> FilesIn(const std::string& dir) {
    std::vector<std::string> out;
    DIR* d = opendir(dir.c_str());
    while (dirent* e = readdir(d))
        if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string ModifiedTime(const std::string& path) {
    struct stat st;
    stat(path.c_str(), &st);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::localtime(&st.st_mtime));
    return buf;
}

std::string BaseName(const std::string& path) { return path.substr(path.rfind('/') + 1); }

struct District : test::TestDb {
    LedgerStore store{*db, campaign_id};
    std::vector<std::string> units;
    District() {
        std::string towns;
        for (int i = 0; i < 12; ++i) towns += std::string(kDistrictUnits[i]) + "\n";
        AddTownships(*db, campaign_id, towns);
        units = ExpectedUnits(ListTownships(*db, campaign_id), campaign.departments);
    }
    // The units, their aliases and the files received so far, as the dialog reads them.
    UnitDirectory Directory() { return LoadUnitDirectory(*db, campaign_id, units, campaign.district); }
    ReceivedFile ReadBytes(const std::string& name, const std::string& bytes) {
        return ReadReceivedFile(name, bytes, "", "2022-06-20 09:00:00", campaign, Directory(), store);
    }
    std::vector<ReceivedFile> Read(const std::string& dir) {
        std::vector<ReceivedFile> out;
        for (const std::string& path : FilesIn(dir))
            out.push_back(ReadReceivedFile(BaseName(path), Slurp(path), ModifiedTime(path), "2022-06-20 09:00:00",
                                           campaign, Directory(), store));
        return out;
    }
    MergeSummary Merge(const std::vector<ReceivedFile>& files) {
        std::vector<const ReceivedFile*> ptrs;
        for (const ReceivedFile& f : files) ptrs.push_back(&f);
        ChangeContext ctx{"2022-06-20 09:00:00", "区办", "import"};
        return MergeReceivedFiles(ptrs, campaign, *db, store, store.LoadAll(), ctx);
    }
    int64_t Count(const char* sql) {
        Stmt s = db->Prepare(sql);
        return s.Step() ? s.Int(0) : -1;
    }
};

// A ledger of one problem that names no unit anywhere inside.
std::string OneRowWithoutUnit(const Campaign& campaign) {
    LedgerWorkbook book;
    Problem p = DistrictRows(campaign, 0, 2)[0];
    LedgerSheet s;
    s.title = "整改台账";
    s.rows = {&p};
    book.sheets.push_back(s);
    std::string bytes, error;
    EXPECT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    return bytes;
}

int ExpectedTotal() {
    int n = 0;
    for (int i = 0; i < 18; ++i) n += DistrictRowCount(i);
    return n;
}

TEST(District, ReadsAndAttributesEighteenFiles) {
    MakeFixtures();
    District d;
    std::vector<ReceivedFile> files = d.Read(Dir("district"));
    ASSERT_EQ(files.size(), 18u);
    std::map<std::string, const ReceivedFile*> by_unit;
    for (const ReceivedFile& f : files) {
        EXPECT_EQ(f.error, "") << f.file_name;
        EXPECT_FALSE(f.unit.empty()) << f.file_name;
        by_unit[f.unit] = &f;
        EXPECT_EQ(f.week_no, 2) << f.file_name << " " << f.week_from;
    }
    ASSERT_EQ(by_unit.size(), 18u);
    for (int i = 0; i < 18; ++i) {
        const ReceivedFile* f = by_unit[kDistrictUnits[i]];
        ASSERT_NE(f, nullptr) << kDistrictUnits[i];
        EXPECT_EQ(f->rows, DistrictRowCount(i)) << f->file_name;
        EXPECT_EQ(f->errors.size(), i == 11 ? 1u : 0u) << f->file_name;  // 蒋李集镇's bad 问题性质
        if (i < kAppExportedUnits) EXPECT_EQ(f->unit_from, "文件信息") << f->file_name;
    }
    EXPECT_EQ(by_unit["区住建局"]->unit_from, "文件名");
    EXPECT_EQ(by_unit["区住建局"]->week_from, "文件名");  // 第二周
    // “卫健委台账”: 卫健委 is a short form of 区卫健委 (its 填报单位 column agrees).
    EXPECT_EQ(by_unit["区卫健委"]->unit_from, "文件名");
    EXPECT_EQ(by_unit["区教体局"]->unit_from, "单位（盖章）行");
    EXPECT_EQ(by_unit["区人社局"]->unit_from, "文件名");
    EXPECT_EQ(by_unit["区民政局"]->unit_from, "单位（盖章）行");
    EXPECT_EQ(by_unit["苏桥镇"]->unit_from, "单位（盖章）行");
    EXPECT_EQ(FormatIso(by_unit["陈曹乡"]->report_date), "2022-06-17");
    EXPECT_EQ(FormatIso(by_unit["区水利局"]->report_date), "2022-06-16");
    EXPECT_EQ(FormatIso(by_unit["区教体局"]->report_date), "2022-06-15");
    EXPECT_EQ(by_unit["区人社局"]->version_time, "2022-06-15 12:00:00");  // the file's own time
    EXPECT_EQ(by_unit["椹涧乡"]->version_time, "2022-06-15 17:00:00");    // our export time
}

TEST(District, MatchUnitReadsWhatPeopleWrite) {
    std::vector<std::string> known = {"椹涧乡", "区住建局", "区卫健委"};
    EXPECT_EQ(MatchUnit("椹涧乡人民政府", known), "椹涧乡");
    EXPECT_EQ(MatchUnit(" 区住建局 ", known), "区住建局");
    EXPECT_EQ(MatchUnit("住建局", known), "区住建局");
    EXPECT_EQ(MatchUnit("卫健委台账", known), "");
    EXPECT_EQ(MatchUnit("", known), "");
    EXPECT_TRUE(LooksLikeUnitName("艾庄回族乡"));
    EXPECT_TRUE(LooksLikeUnitName("区残联"));
    EXPECT_FALSE(LooksLikeUnitName("整改台账"));
    EXPECT_FALSE(LooksLikeUnitName("乡"));
}

// A unit not listed in 设置 is never made from a file's name: the name is
// shown and a unit must be chosen.
TEST(District, UnlistedUnitIsNotMadeFromTheFileName) {
    District d;
    const std::string bytes = OneRowWithoutUnit(d.campaign);
    ReceivedFile f = d.ReadBytes("艾庄回族乡_整改台账_20220615.xlsx", bytes);
    EXPECT_EQ(f.unit, "");
    EXPECT_EQ(f.unit_typed, "艾庄回族乡");
    EXPECT_NE(f.unit_note.find("不是已登记的单位"), std::string::npos) << f.unit_note;
}

TEST(District, UnknownUnitIsLeftToTheUser) {
    District d;
    const std::string bytes = OneRowWithoutUnit(d.campaign);
    ReceivedFile f = d.ReadBytes("台账.xlsx", bytes);
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(f.unit, "");
    EXPECT_EQ(f.rows, 1);
    // Not merged until a unit is chosen.
    MergeSummary m = d.Merge({f});
    EXPECT_EQ(m.files.size(), 0u);
    f.unit = "灵井镇";
    m = d.Merge({f});
    ASSERT_EQ(m.total.added, 1);
    EXPECT_EQ(d.store.LoadAll()[0][ProblemField::kReportingUnit], "灵井镇");
}

TEST(District, MergeIsIdempotent) {
    MakeFixtures();
    District d;
    std::vector<ReceivedFile> files = d.Read(Dir("district"));
    MergeSummary first = d.Merge(files);
    EXPECT_EQ(first.files.size(), 18u);
    EXPECT_EQ(first.total.added, ExpectedTotal());
    EXPECT_EQ(first.total.updated + first.total.conflicts + first.total.unchanged, 0);
    EXPECT_EQ(first.total.rejected, 1);
    std::map<std::string, int> per_unit;
    for (const Problem& p : d.store.LoadAll()) ++per_unit[p[ProblemField::kReportingUnit]];
    for (int i = 0; i < 18; ++i) EXPECT_EQ(per_unit[kDistrictUnits[i]], DistrictRowCount(i)) << kDistrictUnits[i];

    const int64_t problems = d.Count("SELECT count(*) FROM problem");
    const int64_t history = d.Count("SELECT count(*) FROM problem_history");
    const int64_t received = d.Count("SELECT count(*) FROM received_file");
    EXPECT_EQ(received, 18);
    // Everything again, read afresh, in another order.
    std::vector<ReceivedFile> again = d.Read(Dir("district"));
    std::reverse(again.begin(), again.end());
    MergeSummary second = d.Merge(again);
    EXPECT_EQ(second.total.added, 0);
    EXPECT_EQ(second.total.updated, 0);
    EXPECT_EQ(second.total.conflicts, 0);
    EXPECT_EQ(second.total.unchanged, ExpectedTotal());
    for (const MergedFile& f : second.files) EXPECT_TRUE(f.received_before) << f.file_name;
    EXPECT_EQ(d.Count("SELECT count(*) FROM problem"), problems);
    EXPECT_EQ(d.Count("SELECT count(*) FROM problem_history"), history);
    EXPECT_EQ(d.Count("SELECT count(*) FROM received_file"), received);
    // One undo step for the whole batch.
    EXPECT_EQ(d.store.UndoLabel(), "导入 18 个单位的文件");
}

TEST(District, NewerVersionWinsAndBothStayInHistory) {
    MakeFixtures();
    for (bool together : {true, false}) {
        District d;
        d.Merge(d.Read(Dir("district")));
        std::vector<ReceivedFile> extra = d.Read(Dir("district_extra"));
        ASSERT_EQ(extra.size(), 2u);
        const ReceivedFile& week3 = BaseName(extra[0].file_name).find("第3周") != std::string::npos ? extra[0] : extra[1];
        const ReceivedFile& copy = &week3 == &extra[0] ? extra[1] : extra[0];
        EXPECT_EQ(week3.week_no, 3);
        EXPECT_EQ(copy.unit, "区住建局");
        MergeCounts total;
        if (together) {
            total = d.Merge(extra).total;
        } else {  // the newest first, then the one in between: it loses
            total += d.Merge({week3}).total;
            total += d.Merge({copy}).total;
        }
        const int64_t id = d.store.FindByUuid("00000000-0000-4000-8000-000000000000");
        ASSERT_NE(id, 0);
        Problem p;
        ASSERT_TRUE(d.store.Load(id, &p));
        EXPECT_EQ(p[ProblemField::kProgress], "") << "week 3 (6月22日) is newer than 区住建局's copy (6月18日)";
        EXPECT_EQ(p[ProblemField::kReportingUnit], "椹涧乡");
        bool kept = false;
        for (const HistoryEntry& h : d.store.History(id)) kept = kept || h.new_value == "区住建局已派员现场鉴定";
        EXPECT_TRUE(kept) << "the losing version stays in the history";
        Problem reworded;
        ASSERT_TRUE(d.store.Load(d.store.FindByUuid("00000000-0000-4000-8000-000000000005"), &reworded));
        EXPECT_NE(reworded[ProblemField::kDescription].find("已补充核实"), std::string::npos);
        EXPECT_EQ(total.added, 0);
        EXPECT_EQ(total.updated, 3) << together;  // two more done, one reworded
        EXPECT_GE(total.conflicts, 1) << together;
        // Again: nothing changes.
        const int64_t history = d.Count("SELECT count(*) FROM problem_history");
        MergeSummary again = d.Merge(d.Read(Dir("district_extra")));
        EXPECT_EQ(again.total.updated + again.total.conflicts + again.total.added, 0);
        EXPECT_EQ(d.Count("SELECT count(*) FROM problem_history"), history);
    }
}

TEST(District, ReportingTable) {
    MakeFixtures();
    District d;
    d.Merge(d.Read(Dir("district")));
    ReportingTable t = BuildReportingTable(d.campaign, d.units, ListReceivedFiles(*d.db, d.campaign_id), Date{2022, 6, 20});
    ASSERT_EQ(t.units.size(), 12u + d.campaign.departments.size());
    ASSERT_EQ(t.weeks.size(), 5u);  // four weeks and the final ledger
    EXPECT_EQ(t.weeks.back(), kFinalWeek);
    EXPECT_EQ(FormatIso(t.due[1]), "2022-06-15");
    EXPECT_EQ(t.received[1], 16);
    EXPECT_EQ(t.late[1], 2);
    EXPECT_EQ(t.missing[1], int(t.units.size()) - 18);
    EXPECT_EQ(t.missing[0], int(t.units.size()));  // nobody sent week 1
    EXPECT_EQ(t.missing[2], 0);                    // week 3 not due yet
    for (size_t u = 0; u < t.units.size(); ++u) {
        if (t.units[u] == "陈曹乡") EXPECT_EQ(t.cells[u][1].state, ReportState::kLate);
        if (t.units[u] == "区水利局") EXPECT_EQ(t.cells[u][1].state, ReportState::kLate);
        if (t.units[u] == "椹涧乡") EXPECT_EQ(t.cells[u][1].problems, DistrictRowCount(0));
        if (t.units[u] == "区金融工作局") EXPECT_EQ(t.cells[u][1].state, ReportState::kMissing);
        EXPECT_EQ(t.cells[u][2].state, ReportState::kNotDue);
    }
}

TEST(District, SampleIsReproducibleAndStratified) {
    MakeFixtures();
    District d;
    d.Merge(d.Read(Dir("district")));
    std::vector<Problem> rows = d.store.LoadAll();
    SampleSpec spec;
    spec.percent = 10;
    spec.by_unit = true;
    spec.seed = 20220620;
    auto ids = [](const std::vector<const Problem*>& s) {
        std::vector<std::string> out;
        for (const Problem* p : s) out.push_back(p->uuid);
        return out;
    };
    std::vector<const Problem*> a = DrawSample(rows, spec);
    const size_t n = size_t(std::llround(ExpectedTotal() * 0.10));
    ASSERT_EQ(a.size(), n);
    // The same seed on the same data in another order: the same sample.
    std::vector<Problem> shuffled(rows.rbegin(), rows.rend());
    EXPECT_EQ(ids(DrawSample(shuffled, spec)), ids(a));
    // The values are fixed across platforms (our generator, not std::shuffle).
    SampleSpec other = spec;
    other.seed = 7;
    EXPECT_NE(ids(DrawSample(rows, other)), ids(a));
    // Proportional per unit: each unit's share within one of n * size / total.
    std::map<std::string, int> per_unit, drawn;
    for (const Problem& p : rows) ++per_unit[p[ProblemField::kReportingUnit]];
    for (const Problem* p : a) ++drawn[(*p)[ProblemField::kReportingUnit]];
    for (const auto& [unit, size] : per_unit) {
        const double share = double(n) * size / rows.size();
        EXPECT_LE(std::abs(drawn[unit] - share), 1.0) << unit;
    }
    // Only done, by area and nature: every drawn problem is done, no repeats.
    SampleSpec done = spec;
    done.by_unit = false, done.by_area = true, done.by_nature = true, done.only_done = true;
    done.percent = 0, done.size = 30;
    std::vector<const Problem*> b = DrawSample(rows, done);
    EXPECT_EQ(b.size(), 30u);
    std::set<std::string> seen;
    for (const Problem* p : b) {
        EXPECT_EQ(p->status(), ProblemStatus::kDone);
        EXPECT_TRUE(seen.insert(p->uuid).second);
    }
    EXPECT_EQ(DescribeSpec(spec, rows.size(), a.size()),
              "从 " + std::to_string(rows.size()) + " 条问题中按 10% 抽取 " + std::to_string(n) +
                  " 条，按单位分层，种子 20220620");
}

TEST(District, SpotCheckFindingsRanksAndBulletin) {
    MakeFixtures();
    District d;
    d.Merge(d.Read(Dir("district")));
    std::vector<Problem> rows = d.store.LoadAll();
    SampleSpec spec;
    spec.size = 36;
    spec.seed = 42;
    std::vector<const Problem*> sample = DrawSample(rows, spec);
    SpotCheckStore checks(*d.db, d.campaign_id);
    const int64_t id = checks.Create(spec, sample, DescribeSpec(spec, rows.size(), sample.size()), "2022-06-20 10:00:00");
    SpotCheck check;
    ASSERT_TRUE(checks.Load(id, &check));
    ASSERT_EQ(check.items.size(), 36u);
    EXPECT_EQ(checks.SetFinding(id, 1, "整改不到位", "现场未见标示牌", Date{2022, 6, 21}), "");
    EXPECT_EQ(checks.SetFinding(id, 2, "属实", "", Date{2022, 6, 21}), "");
    EXPECT_NE(checks.SetFinding(id, 3, "差不多", "", Date{}), "");  // not a finding: refused
    ASSERT_TRUE(checks.Load(id, &check));
    EXPECT_EQ(check.items[0].finding, "整改不到位");
    EXPECT_EQ(check.items[2].finding, "");
    ASSERT_EQ(checks.List().size(), 1u);
    EXPECT_EQ(checks.List()[0].checked, 2);

    UnitStats total;
    const Date today{2022, 6, 20};
    std::vector<UnitStats> stats = BuildUnitStats(rows, d.units, today, &check.items, &total);
    RankUnits(stats);
    EXPECT_EQ(total.problems, ExpectedTotal());
    EXPECT_EQ(total.sampled, 36);
    EXPECT_EQ(total.adverse, 1);
    const std::string bad_unit = (*std::find_if(rows.begin(), rows.end(), [&](const Problem& p) {
        return p.id == check.items[0].problem_id;
    }))[ProblemField::kReportingUnit];
    for (const UnitStats& s : stats) {
        if (s.unit == "椹涧乡") EXPECT_EQ(s.rank, 1);  // the highest completion rate
        if (s.unit == "区金融工作局") EXPECT_EQ(s.problems, 0);
        if (s.unit == bad_unit) EXPECT_EQ(s.adverse, 1);
    }
    ReportingTable t = BuildReportingTable(d.campaign, d.units, ListReceivedFiles(*d.db, d.campaign_id), today);
    Bulletin b = BuildBulletin(d.campaign, stats, total, t, checks.List(), today);
    const std::string text = BulletinText(b);
    EXPECT_NE(text.find("迟报2个（陈曹乡、区水利局）"), std::string::npos) << text;
    EXPECT_NE(text.find("整改不到位1个"), std::string::npos) << text;
    EXPECT_NE(text.find("关于建安区2022年度第一轮"), std::string::npos) << text;
    ASSERT_EQ(b.adverse.size(), 1u);
    EXPECT_EQ(b.adverse[0], bad_unit);
    EXPECT_FALSE(b.overdue.empty());
    EXPECT_FALSE(b.slow.empty());
    EXPECT_EQ(b.ranking.size(), stats.size() + 2);  // header, units, total
}

TEST(District, RollupReadsBackWithOpenpyxl) {
    MakeFixtures();
    District d;
    d.Merge(d.Read(Dir("district")));
    std::vector<Problem> rows = d.store.LoadAll();
    UnitStats total;
    std::vector<UnitStats> stats = BuildUnitStats(rows, d.units, Date{2022, 6, 20}, nullptr, &total);
    RankUnits(stats);
    LedgerWorkbook book =
        DistrictRollupWorkbook(d.campaign, stats, total, rows, DistrictFileInfo{"区办", Date{2022, 6, 20}, "2022-06-20 10:00:00"});
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    const std::string path = Dir("rollup.xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    // Sheet names, then per sheet: the unit line and the number of numbered rows.
    std::string cmd =
        "/usr/bin/python3 -c \"import openpyxl,sys\n"
        "wb=openpyxl.load_workbook(sys.argv[1])\n"
        "print(wb.sheetnames[0], len(wb.sheetnames)-1)\n"
        "s=wb['汇总']; print(s.cell(2,1).value, s.cell(2,2).value, s.cell(3,2).value)\n"
        "for ws in wb.worksheets[1:]:\n"
        "  n=sum(1 for r in ws.iter_rows(min_row=4) if isinstance(r[0].value,(int,float)))\n"
        "  print(ws.title, n, ws.cell(4,6).is_date)\n"
        "\" '" + path + "' > '" + path + ".txt'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(path + ".txt");
    std::string first;
    std::getline(in, first);
    EXPECT_EQ(first, "汇总 18");
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header, "排名 单位 椹涧乡");
    std::map<std::string, int> counts;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string name, is_date;
        int n = 0;
        ls >> name >> n >> is_date;
        counts[name] = n;
        EXPECT_EQ(is_date, "True") << line;  // 完成时限 is a real date cell
    }
    for (int i = 0; i < 18; ++i) EXPECT_EQ(counts[kDistrictUnits[i]], DistrictRowCount(i)) << kDistrictUnits[i];
}

}  // namespace
}  // namespace htk

namespace htk {
namespace {

// The generator's values are ours, so a sample is the same on every platform:
// these exact picks hold natively and in wasm (libc++), where std::shuffle differs.
TEST(District, SampleValuesAreFixed) {
    std::vector<Problem> rows(20);
    for (int i = 0; i < 20; ++i) {
        rows[size_t(i)].id = i + 1;
        rows[size_t(i)].uuid = "u" + std::string(i < 10 ? "0" : "") + std::to_string(i);
        rows[size_t(i)][ProblemField::kReportingUnit] = i % 2 ? "甲" : "乙";
        rows[size_t(i)][ProblemField::kStatus] = "open";
    }
    SampleSpec spec;
    spec.size = 4;
    spec.seed = 12345;
    std::string picks;
    for (const Problem* p : DrawSample(rows, spec)) picks += p->uuid + " ";
    EXPECT_EQ(picks, "u08 u02 u11 u09 ");
}

}  // namespace
}  // namespace htk

namespace htk {
namespace {

// LibreOffice opens the roll-up: its first sheet (汇总) converted to CSV holds
// the ranking with every unit.
TEST(District, LibreOfficeOpensTheRollup) {
    if (std::system("command -v soffice >/dev/null 2>&1") != 0) GTEST_SKIP() << "LibreOffice is not installed";
    MakeFixtures();
    District d;
    d.Merge(d.Read(Dir("district")));
    std::vector<Problem> rows = d.store.LoadAll();
    UnitStats total;
    std::vector<UnitStats> stats = BuildUnitStats(rows, d.units, Date{2022, 6, 20}, nullptr, &total);
    RankUnits(stats);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(DistrictRollupWorkbook(d.campaign, stats, total, rows,
                                                       DistrictFileInfo{"区办", Date{2022, 6, 20}, "2022-06-20 10:00:00"}),
                                &bytes, &error));
    const std::string dir = Dir("lo_rollup");
    std::string cmd = "rm -rf '" + dir + "' && mkdir -p '" + dir + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ofstream(dir + "/rollup.xlsx", std::ios::binary) << bytes;
    cmd = "HOME='" + dir + "' timeout 120 soffice --headless --norestore --convert-to csv:\"Text - txt - csv (StarCalc)\":44,34,76 "
          "--outdir '" + dir + "' '" + dir + "/rollup.xlsx' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const std::string csv = Slurp(dir + "/rollup.csv");
    EXPECT_NE(csv.find("排名,单位,问题数,已完成"), std::string::npos) << csv;
    EXPECT_NE(csv.find("1,椹涧乡,12,10"), std::string::npos) << csv;
    EXPECT_NE(csv.find("全区合计"), std::string::npos) << csv;
}

}  // namespace
}  // namespace htk
