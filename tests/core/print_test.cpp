// Every exported workbook prints whole: each kind is written here as the app
// writes it (the page counts below were looked at, page by page, with
// HTK_PRINT_PNG=<dir>), then tests/core/check_print.py converts it to PDF with LibreOffice
// (fonts mapped as on a Chinese office PC: 宋体/仿宋/黑体 to a CJK font of
// SimSun's metrics, Calibri to Carlito) and checks the pages: every text
// present whole, no ###, nothing outside the printable area, the pages we
// planned and no more, no page with only a repeated header or a signature.
#include "district/bulletin.h"
#include "district/district_workbooks.h"
#include "district/received_files.h"
#include "district/reporting.h"
#include "district/unit_stats.h"
#include "district_fixture_rows.h"
#include "domain/campaign_setup.h"
#include "domain/ledger_xlsx.h"
#include "domain/rectification_report.h"
#include "domain/weekly_report.h"
#include "domain/work_plan.h"
#include "formats/print_layout.h"
#include "test_db.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <unordered_map>

namespace htk {
namespace {

using nlohmann::json;

// This process's own folder (ctest runs each test as a process).
std::string OutDir(const char* name) {
    const std::string dir = std::string(HTK_TEST_OUT) + "/print-" + name + "-" + std::to_string(getpid());
    EXPECT_EQ(std::system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "'").c_str()), 0);
    return dir;
}

struct PrintCase {
    std::string dir;
    json files = json::array();

    // `texts` must each be found whole; each pair of `together` on one page;
    // `pages` (when > 0) is the number of pages expected.
    void Add(const std::string& file, const LedgerWorkbook& book, std::vector<std::string> texts,
             std::vector<std::pair<std::string, std::string>> together = {}, int pages = 0) {
        std::string bytes, error;
        ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
        std::ofstream(dir + "/" + file, std::ios::binary) << bytes;
        json f;
        f["file"] = file;
        f["texts"] = texts;
        f["together"] = json::array();
        for (auto& [a, b] : together) f["together"].push_back({a, b});
        f["pages"] = pages;
        files.push_back(f);
    }

    // Converts and checks; pages rendered as PNGs into $HTK_PRINT_PNG when set.
    void Check() {
        std::ofstream(dir + "/expected.json") << files.dump(1);
        const std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/core/check_print.py '" + dir + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
};

// tests/run installs them (TEST_PACKAGES): missing tools fail, they do not skip.
bool HaveTools() {
    const bool have = std::system("command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") == 0;
    EXPECT_TRUE(have) << "LibreOffice or poppler-utils is not installed (tests/run installs them)";
    return have;
}

// A ledger with what makes printing hard: long text, Latin and digits, dates
// at the end of the year, text that looks like a formula.
std::vector<Problem> HardRows(const Campaign& c) {
    std::vector<Problem> rows;
    for (int u = 0; u < 3; ++u)
        for (Problem& p : DistrictRows(c, u, 2)) rows.push_back(std::move(p));
    auto at = [&](size_t i) -> Problem& { return rows[i]; };
    at(0)[ProblemField::kDeadline] = "2026-12-31";
    at(1)[ProblemField::kDeadline] = "2026-11-30";
    at(2)[ProblemField::kMeasures] = "=立即维修消毒设备，补贴检测报告";
    at(3)[ProblemField::kDescription] = "-部分脱贫户家庭人口信息与系统不一致，需逐户核对";
    at(4)[ProblemField::kMeasures] = "+86 0374-1234567 联系户主核实";
    at(5)[ProblemField::kDescription] = "@村委会 未按要求公示监测对象名单";
    at(6)[ProblemField::kDescription] =
        "防返贫监测系统（ID 20220615-0001，PMS/V2.3）中 12 户 ABCDEFGHIJ 信息与入户核查结果不一致，"
        "涉及家庭人口、收入来源、帮扶措施等 3 类 27 项指标，需要逐户核实后在系统中更正并留存佐证材料，"
        "同时对村级信息员开展一次业务培训，避免同类问题再次发生。";
    at(7)[ProblemField::kRespUnits] = "区农业农村局、区乡村振兴局、区财政局";
    at(8)[ProblemField::kMeasures] = "一、逐户核实。\n二、建立台账。\n三、限期整改到位，整改后由村“两委”签字确认。";
    for (size_t i = 0; i < rows.size(); ++i) rows[i].id = int64_t(i + 1);
    return rows;
}

std::vector<std::string> RowTexts(const std::vector<Problem>& rows, bool extended) {
    std::vector<std::string> out;
    for (const Problem& p : rows) {
        for (ProblemField f : LedgerColumns(extended)) {
            if (f == ProblemField::kDeadline || f == ProblemField::kStatus) continue;
            if (!p[f].empty()) out.push_back(p[f]);
        }
    }
    out.push_back("2026年12月31日");
    out.push_back("2026年11月30日");
    return out;
}

LedgerWorkbook Ledger(const Campaign& c, const std::vector<Problem>& rows, bool extended) {
    LedgerWorkbook book;
    book.campaign_code = c.code;
    book.unit = "椹涧乡";
    LedgerSheet s;
    s.title = c.ledger_title;
    s.unit = "椹涧乡";
    s.date = Date{2022, 6, 15};
    s.note = c.ledger_note;
    s.extended = extended;
    for (const Problem& p : rows) s.rows.push_back(&p);
    book.sheets.push_back(s);
    return book;
}

}  // namespace

// The model (print_layout.h): 宋体 11 pt is 14.67 px a 汉字, 7.33 px an ASCII
// character; a column w units wide is 7w + 5 px in Excel.
TEST(PrintLayout, WidthsAndLinesFollowTheFontsMetrics) {
    EXPECT_DOUBLE_EQ(TextPx("2026-12-31", 11), 10 * 11 * 96.0 / 72 / 2);
    EXPECT_DOUBLE_EQ(TextPx("整改台账", 11), 4 * 11 * 96.0 / 72);
    // The date column (17) holds the longest date on one line, with margin
    // (102.7 px of text in 124 px).
    EXPECT_LE(WidthFor("2026年12月31日", 11), 17.0);
    EXPECT_EQ(LinesFor("2026年12月31日", 17, 11), 1);
    EXPECT_LE(WidthFor("2026-12-31", 11), 13.0);
    // A width made for a text holds it on one line; each line of a text counts.
    for (const char* s : {"饮水安全保障", "区金融工作局", "ABCDEFGHIJ 12345", "已完成 / 超期"})
        EXPECT_EQ(LinesFor(s, WidthFor(s, 11), 11), 1) << s;
    EXPECT_EQ(LinesFor("一\n二\n三", 10, 11), 3);
    // 40 units = 285 px: 36 half-ems a line less one for a 汉字 at the end -> 18 汉字.
    EXPECT_EQ(LinesFor("椹涧乡小宋村宋某某住房未出具安全性评", 40, 11), 1);
    EXPECT_EQ(LinesFor("椹涧乡小宋村宋某某住房未出具安全性评定结果", 40, 11), 2);
    EXPECT_DOUBLE_EQ(RowPoints(2, 11), 2 * 14.3 + 6);
}

TEST(PrintLayout, PageBreaksKeepGroupsAndNeverLeaveAHeaderAlone) {
    // Title 30, header 20 (repeated), ten rows of 40, then a 备注 and two
    // signature lines kept with the last row; 200 points a page.
    std::vector<double> h = {30, 20};
    for (int i = 0; i < 10; ++i) h.push_back(40);
    h.insert(h.end(), {30, 36, 36});
    std::vector<bool> keep(h.size(), false);
    keep[11] = keep[12] = keep[13] = true;
    const std::vector<int> breaks = PageBreaks(h, keep, 2, 1, 200);
    // Page 1: title, header, 3 rows (170); then header + 4 rows (180) a page;
    // the last page: header, row 11 and the 102 points kept with it.
    EXPECT_EQ(breaks, (std::vector<int>{5, 9, 11}));
    // A group taller than a page goes row by row.
    EXPECT_EQ(PageBreaks({20, 150, 150}, {false, true, false}, 1, 0, 200), (std::vector<int>{2}));
    // No page break before a table's first row.
    EXPECT_TRUE(PageBreaks({150, 20, 100}, {}, 2, 1, 200).empty());
}

TEST(Print, LedgersAndWeeklyReport) {
    if (!HaveTools()) return;
    test::TestDb t;
    PrintCase pc{OutDir("ledger")};
    const std::vector<Problem> rows = HardRows(t.campaign);
    const std::string last = rows.back()[ProblemField::kDescription];
    std::vector<std::string> texts = RowTexts(rows, false);
    texts.push_back(t.campaign.ledger_title);
    texts.push_back("单位（盖章）：椹涧乡");
    texts.push_back("2022 年 6 月 15 日");
    texts.push_back(t.campaign.ledger_note.substr(0, 60));
    pc.Add("ledger.xlsx", Ledger(t.campaign, rows, false), texts, {{last, "备注："}}, 5);

    std::vector<Problem> ext = rows;
    ext.resize(20);
    ext[0][ProblemField::kCause] = "思想认识不到位，排查工作不够细致，对政策理解存在偏差";
    ext[0][ProblemField::kProgress] = "已完成 80%，剩余 3 户正在核实";
    ext[1][ProblemField::kEffect] = "经回访，群众满意度明显提升";
    std::vector<std::string> ext_texts = RowTexts(ext, true);
    for (const char* s : {"待整改", "整改中", "已完成", "责任领导", "落实效果"}) ext_texts.push_back(s);
    pc.Add("ledger_extended.xlsx", Ledger(t.campaign, ext, true), ext_texts,
           {{ext.back()[ProblemField::kDescription], "备注："}}, 2);

    WeeklyReportStore reports(*t.db, t.campaign_id);
    const int64_t id = reports.Create(2, "椹涧乡", Date{2022, 6, 15}, rows, "2022-06-15 17:00:00");
    WeeklyReport r;
    ASSERT_TRUE(reports.Load(id, &r));
    const WeeklyDiff d = DiffReports(nullptr, r);
    std::vector<std::string> weekly_texts = {"椹涧乡 第 2 周整改情况统计（2022年6月15日）", "问题总数", "本周新增",
                                             "上周未超期、本周超期", "饮水安全保障", "已完成 / 超期"};
    weekly_texts.push_back(rows[0][ProblemField::kDescription]);
    weekly_texts.push_back(rows[6][ProblemField::kDescription]);
    pc.Add("weekly.xlsx", WeeklyReportWorkbook(r, d, t.campaign), weekly_texts, {{last, "备注："}}, 6);
    pc.Check();
}

TEST(Print, WorkPlanAndFinalReport) {
    if (!HaveTools()) return;
    test::TestDb t;
    PrintCase pc{OutDir("plan")};
    WorkPlan plan;
    plan.content =
        "对照住房安全保障、饮水安全保障、义务教育保障、基本医疗保障、就业帮扶、综合保障、金融政策、户厕改造等"
        "8 个方面 32 个排查要点，逐村逐户开展排查，重点排查脱贫户、监测户和“三类户”。";
    plan.measures = "1. 成立由镇党委书记任组长的工作专班，明确分包责任。\n2. 组织驻村工作队、村“两委”干部逐户走访。\n"
                    "3. 建立问题台账，实行清单化管理、销号式整改，每周五前报送整改台账。";
    plan.schedule = "5 月 25 日—6 月 1 日 动员部署；6 月 2 日—6 月 25 日 排查整改；6 月 26 日—6 月 30 日 总结验收。";
    plan.submitted = Date{2022, 5, 31};
    LedgerWorkbook book;
    book.tables.push_back(WorkPlanSheet(plan, t.campaign, "建安区灵井镇"));
    const std::string title = book.tables[0].title;
    EXPECT_EQ(title, "建安区灵井镇 2022 年度第一轮巩固拓展脱贫攻坚成果行业政策落实“回头看”工作方案");
    pc.Add("work_plan.xlsx", book,
           {title, plan.content, "1. 成立由镇党委书记任组长的工作专班，明确分包责任。",
            "3. 建立问题台账，实行清单化管理、销号式整改，每周五前报送整改台账。", plan.schedule, "2022年5月31日",
            "报送单位"},
           {}, 1);

    std::vector<Problem> rows = HardRows(t.campaign);
    rows[0][ProblemField::kCause] = "排查不细";
    rows[1][ProblemField::kCause] = "政策宣传不到位";
    const std::string report = DraftRectificationReport(rows, t.campaign, "椹涧乡", Date{2022, 6, 30});
    const LedgerWorkbook final_book =
        RectificationReportWorkbook(report, rows, t.campaign, "椹涧乡", Date{2022, 6, 30}, "2022-06-30 10:00:00");
    ASSERT_EQ(final_book.tables.size(), 1u);
    EXPECT_EQ(final_book.tables[0].closing_rows, 2);
    std::vector<std::string> texts = RowTexts(rows, false);
    for (const char* s : {"主要负责同志签字：", "（单位公章）", "2022 年 6 月 30 日", "一、问题排查情况", "五、下一步工作"})
        texts.push_back(s);
    texts.push_back(final_book.tables[0].title);
    const std::string last = rows.back()[ProblemField::kDescription];
    pc.Add("final_report.xlsx", final_book, texts,
           {{last, "主要负责同志签字："}, {last, "（单位公章）"}, {"防止问题反弹", "2022年6月30日"}}, 7);
    pc.Check();
}

TEST(Print, DistrictWorkbooks) {
    if (!HaveTools()) return;
    test::TestDb t;
    PrintCase pc{OutDir("district")};
    std::string towns;
    for (int i = 0; i < 12; ++i) towns += std::string(kDistrictUnits[i]) + "\n";
    AddTownships(*t.db, t.campaign_id, towns);
    const std::vector<std::string> units = ExpectedUnits(ListTownships(*t.db, t.campaign_id), t.campaign.departments);
    std::vector<Problem> rows;
    for (int u = 0; u < 18; ++u)
        for (Problem& p : DistrictRows(t.campaign, u, 2)) rows.push_back(std::move(p));
    for (size_t i = 0; i < rows.size(); ++i) rows[i].id = int64_t(i + 1);
    const Date today{2022, 6, 20};
    const DistrictFileInfo info{"建安区“回头看”工作领导小组办公室", today, "2022-06-20 10:00:00"};

    SpotCheck check;
    check.description = "按单位分层随机抽取 24 个问题（种子 42）";
    for (int i = 0; i < 24; ++i) {
        SpotCheckItem item;
        item.seq = i + 1;
        item.round = 1;
        item.problem_id = rows[size_t(i * 13 % int(rows.size()))].id;
        if (i < 10) {
            item.finding = kFindings[i % kFindingCount];
            item.note = i % 2 ? "现场未见标示牌，户主反映鉴定人员未入户" : "";
            item.checked_on = Date{2022, 6, 21};
        }
        check.items.push_back(item);
    }
    UnitStats total;
    std::vector<UnitStats> stats = BuildUnitStats(rows, units, today, &check.items, &total);
    RankUnits(stats);
    std::unordered_map<int64_t, const Problem*> by_id;
    for (const Problem& p : rows) by_id[p.id] = &p;

    const ReportingTable reporting = BuildReportingTable(t.campaign, units, ListReceivedFiles(*t.db, t.campaign_id), today);
    const Bulletin bulletin = BuildBulletin(t.campaign, stats, total, reporting, {SpotCheckInfo{1, 1, "2022-06-20 10:00:00", check.description, 24, 10, 0}}, today);
    std::vector<std::string> texts = {bulletin.title};
    for (const std::string& p : bulletin.paragraphs) texts.push_back(p);
    for (const auto& row : bulletin.ranking)
        for (const std::string& cell : row) texts.push_back(cell);
    pc.Add("bulletin.xlsx", BulletinWorkbook(bulletin, t.campaign, info), texts,
           {{bulletin.paragraphs[bulletin.paragraphs.size() - 3].substr(0, 30), "2022年6月20日"}}, 3);

    // The roll-up with the first 60 rows: four units' ledgers (the others have the same layout).
    std::vector<Problem> some(rows.begin(), rows.begin() + 60);
    LedgerWorkbook rollup = DistrictRollupWorkbook(t.campaign, stats, total, some, info);
    std::vector<std::string> rollup_texts = {rollup.tables[0].title};
    for (const auto& row : rollup.tables[0].rows)
        for (const std::string& cell : row) rollup_texts.push_back(cell);
    for (const Problem& p : some) rollup_texts.push_back(p[ProblemField::kDescription]);
    pc.Add("rollup.xlsx", rollup, rollup_texts, {}, 8);

    for (bool results : {false, true}) {
        LedgerWorkbook book = SpotCheckWorkbook(check, by_id, stats, t.campaign, info, results);
        std::vector<std::string> list_texts = {book.tables[0].title};
        for (const auto& row : book.tables[0].rows)
            for (const std::string& cell : row) list_texts.push_back(cell);
        // The list leaves room to write on site (taller rows, wide 情况说明); both fill 所属乡镇 on every row.
        pc.Add(results ? "spot_results.xlsx" : "spot_list.xlsx", book, list_texts, {}, results ? 6 : 6);
    }
    pc.Check();
}

}  // namespace htk
