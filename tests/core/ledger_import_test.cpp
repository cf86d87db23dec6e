#include "domain/ledger_import.h"
#include "domain/ledger_store.h"
#include "domain/ledger_xlsx.h"
#include "formats/csv.h"
#include "formats/table_file.h"
#include "formats/xlsx_reader.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace htk;

namespace {

std::string Fixtures() { return std::string(HTK_TEST_OUT) + "/fixtures"; }

class LedgerImport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/fixtures/make_ledger_fixtures.py '" +
                          Fixtures() + "'";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }

    static std::string Slurp(const std::string& name) {
        std::ifstream f(Fixtures() + "/" + name, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    }

    ImportPlan Plan(const std::string& name) {
        Workbook book;
        std::string error;
        EXPECT_TRUE(ReadTableFile(name, Slurp(name), &book, &error)) << error;
        return PlanLedgerImport(book, name, t.campaign, store, "本单位");
    }

    // Our own export of `rows`, read back as a workbook.
    Workbook ExportAndRead(const std::vector<Problem>& rows, const std::string& unit, const Date& date = {}) {
        LedgerWorkbook book;
        book.unit = unit;
        LedgerSheet sheet;
        sheet.title = t.campaign.ledger_title;
        sheet.unit = unit;
        sheet.date = date;
        sheet.note = t.campaign.ledger_note;
        for (const Problem& p : rows) sheet.rows.push_back(&p);
        book.sheets.push_back(sheet);
        std::string bytes, error;
        EXPECT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
        Workbook read;
        EXPECT_TRUE(ReadXlsx(bytes, &read, &error)) << error;
        return read;
    }

    test::TestDb t;
    LedgerStore store{*t.db, t.campaign_id};
    ChangeContext ctx{"2022-06-15 09:00:00", "区办", "import"};
};

void ExpectHandMadeRows(const ImportPlan& plan) {
    ASSERT_EQ(plan.adds.size(), 5u);
    const char* areas[] = {"住房保障", "住房保障", "健康保障", "饮水安全保障", "就业保障"};
    const char* dates[] = {"2022-06-10", "2022-06-15", "2022-06-20", "2022-06-25", "2022-06-28"};
    for (size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(plan.adds[i][ProblemField::kArea], areas[i]) << i;
        EXPECT_EQ(plan.adds[i][ProblemField::kDeadline], dates[i]) << i;
        EXPECT_EQ(plan.adds[i][ProblemField::kReportingUnit], "椹涧乡") << i;
        EXPECT_EQ(plan.adds[i][ProblemField::kStatus], "open") << i;
    }
    EXPECT_EQ(plan.adds[1][ProblemField::kNature], "共性问题");
    EXPECT_EQ(plan.adds[2][ProblemField::kRespUnits], "区卫健委");
    ASSERT_EQ(plan.errors.size(), 2u);
    EXPECT_EQ(plan.errors[0].row, plan.header_row + 6);
    EXPECT_NE(plan.errors[0].message.find("问题类型“交通”"), std::string::npos) << plan.errors[0].message;
    EXPECT_EQ(plan.errors[1].row, plan.header_row + 7);
    EXPECT_NE(plan.errors[1].message.find("“6月底”要精准到日"), std::string::npos) << plan.errors[1].message;
}

}  // namespace

TEST_F(LedgerImport, HandMadeXlsxWithQuirks) {
    ImportPlan plan = Plan("hand_made.xlsx");
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_EQ(plan.header_row, 4);
    EXPECT_EQ(plan.unit, "椹涧乡");
    EXPECT_EQ(plan.sheet_name, "台账");
    ExpectHandMadeRows(plan);
}

TEST_F(LedgerImport, Gb18030Csv) {
    ImportPlan plan = Plan("gbk.csv");
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_EQ(plan.header_row, 2);
    EXPECT_EQ(plan.unit, "椹涧乡");
    ExpectHandMadeRows(plan);
}

TEST_F(LedgerImport, InlineStringsPrefixesHiddenSheetAndDateFormats) {
    ImportPlan plan = Plan("inline.xlsx");
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_EQ(plan.sheet_name, "问题清单");
    EXPECT_EQ(plan.header_row, 1);
    ASSERT_EQ(plan.adds.size(), 2u) << (plan.errors.empty() ? "" : plan.errors[0].message);
    EXPECT_EQ(plan.adds[0][ProblemField::kDeadline], "2022-06-30");
    EXPECT_EQ(plan.adds[0][ProblemField::kStatus], "in_progress");
    EXPECT_EQ(plan.adds[1][ProblemField::kStatus], "done");
    EXPECT_EQ(plan.adds[0][ProblemField::kReportingUnit], "本单位") << "no unit line: the fallback";
}

TEST_F(LedgerImport, ImportingTwiceUpdatesNothingAndAddsNothing) {
    ImportPlan first = Plan("hand_made.xlsx");
    ApplyLedgerImport(first, store, ctx);
    EXPECT_EQ(store.CountActive(), 5);
    ImportPlan again = Plan("hand_made.xlsx");
    EXPECT_EQ(again.adds.size(), 0u);
    EXPECT_EQ(again.updates.size(), 0u);
    EXPECT_EQ(again.unchanged, 5);
    // The same rows from the CSV (same unit, same 问题表述) also match.
    ImportPlan csv = Plan("gbk.csv");
    EXPECT_EQ(csv.adds.size(), 0u);
    EXPECT_EQ(csv.unchanged, 5);
}

TEST_F(LedgerImport, OwnExportRoundTripsAndUpdatesByUuid) {
    ApplyLedgerImport(Plan("hand_made.xlsx"), store, ctx);
    std::vector<Problem> rows = store.LoadAll();
    ASSERT_EQ(rows.size(), 5u);
    // Export, then change one row in the "file" by editing the model before export.
    rows[0][ProblemField::kMeasures] = "=已完成鉴定，标示牌已悬挂";
    rows[0][ProblemField::kDescription] = "小宋村宋某某住房未鉴定（已核实）";
    Workbook read = ExportAndRead(rows, "椹涧乡");
    EXPECT_EQ(read.custom_properties["htk_unit"], "椹涧乡");
    ImportPlan plan = PlanLedgerImport(read, "export.xlsx", t.campaign, store, "");
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    EXPECT_EQ(plan.adds.size(), 0u);
    ASSERT_EQ(plan.updates.size(), 1u) << "matched by UUID although 问题表述 changed";
    EXPECT_EQ(plan.updates[0].id, rows[0].id);
    EXPECT_EQ(plan.updates[0][ProblemField::kMeasures], "=已完成鉴定，标示牌已悬挂") << "apostrophe removed";
    EXPECT_EQ(plan.unchanged, 4);
    ApplyLedgerImport(plan, store, ctx);
    Problem p;
    store.Load(rows[0].id, &p);
    EXPECT_EQ(p[ProblemField::kDescription], "小宋村宋某某住房未鉴定（已核实）");
    EXPECT_EQ(store.CountActive(), 5);
}

TEST_F(LedgerImport, ExportWithoutAUnitReimportsUnchanged) {
    ApplyLedgerImport(Plan("hand_made.xlsx"), store, ctx);
    std::vector<Problem> rows = store.LoadAll();
    // No unit: "单位（盖章）：" stands alone beside the date line.
    Workbook read = ExportAndRead(rows, "", Date{2022, 6, 15});
    ImportPlan plan = PlanLedgerImport(read, "export.xlsx", t.campaign, store, "");
    EXPECT_EQ(plan.unit, "") << "the date line is not a unit";
    EXPECT_EQ(plan.unchanged, 5);
    EXPECT_TRUE(plan.updates.empty());
}

TEST_F(LedgerImport, PastedRowsWithAndWithoutHeader) {
    ImportPlan plan = PlanPastedRows(
        "问题类型\t问题性质\t问题表述\t整改措施\t完成时限\t责任单位\n"
        "综合保障\t个性问题\t低保金未按时发放\t立即补发\t2022-06-18\t区民政局\n"
        "综合保障\t个性问题\t\t立即补发\t2022-06-18\t区民政局\n",
        t.campaign, store, "椹涧乡");
    EXPECT_EQ(plan.adds.size(), 1u);
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].row, 3);
    EXPECT_NE(plan.errors[0].message.find("问题表述不能为空"), std::string::npos);

    ImportPlan bare = PlanPastedRows("1\t金融扶贫\t个性问题\t贷款用途不规范\t收回贷款\t2022年6月28日\t区金融工作局\r\n",
                                     t.campaign, store, "椹涧乡");
    ASSERT_EQ(bare.adds.size(), 1u) << (bare.errors.empty() ? "" : bare.errors[0].message);
    EXPECT_EQ(bare.adds[0][ProblemField::kArea], "金融政策");
    EXPECT_EQ(bare.adds[0][ProblemField::kDeadline], "2022-06-28");
    EXPECT_EQ(bare.adds[0][ProblemField::kReportingUnit], "椹涧乡");
}

TEST_F(LedgerImport, NotALedger) {
    Workbook book;
    std::string error;
    ASSERT_TRUE(ReadTableFile("x.csv", "姓名,年龄\n张三,30\n", &book, &error));
    ImportPlan plan = PlanLedgerImport(book, "x.csv", t.campaign, store, "");
    EXPECT_NE(plan.fatal.find("表头"), std::string::npos);
    EXPECT_EQ(plan.taken(), 0u);
}

TEST_F(LedgerImport, ZipBombIsRefusedWithAReason) {
    std::string bytes = Slurp("bomb.xlsx");
    ASSERT_LT(bytes.size(), 2u * 1024 * 1024) << "the fixture is small on disk";
    Workbook book;
    std::string error;
    EXPECT_FALSE(ReadTableFile("bomb.xlsx", bytes, &book, &error));
    EXPECT_NE(error.find("解压后超过 200 MB"), std::string::npos) << error;
}

TEST_F(LedgerImport, MalformedXmlIsRefusedWithAReason) {
    Workbook book;
    std::string error;
    EXPECT_FALSE(ReadTableFile("broken.xlsx", Slurp("broken.xlsx"), &book, &error));
    EXPECT_NE(error.find("不是有效的 XML"), std::string::npos) << error;
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
    Workbook book;
    std::string error;
    EXPECT_FALSE(ReadTableFile("a.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12), &book, &error));
    EXPECT_NE(error.find(".xls"), std::string::npos);
    EXPECT_FALSE(ReadXlsx("PK\x03\x04garbage", &book, &error));
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(ReadTableFile("e.csv", "", &book, &error));
}

// A sheet long enough to be read in slices: rows on both sides of every cut,
// rows without numbers, the merged title after the rows, prefixes throughout.
TEST_F(LedgerImport, LongSheetIsReadInSlicesWithoutLosingARow) {
    ImportPlan plan = Plan("long.xlsx");
    ASSERT_TRUE(plan.fatal.empty()) << plan.fatal;
    EXPECT_EQ(plan.header_row, 2);
    EXPECT_EQ(plan.adds.size(), 5999u);
    ASSERT_EQ(plan.errors.size(), 1u);
    EXPECT_EQ(plan.errors[0].row, 4321 + 2);  // 交通 is not a policy area
    // Row order and content survive the cuts: every row's number is in its text.
    for (size_t i = 0; i < plan.adds.size(); ++i) {
        int n = int(i) + 1 + (i + 1 >= 4321 ? 1 : 0);
        ASSERT_NE(plan.adds[i][ProblemField::kDescription].find("第" + std::to_string(n) + "户"), std::string::npos)
            << i;
    }
    Workbook book;
    std::string error;
    ASSERT_TRUE(ReadTableFile("long.xlsx", Slurp("long.xlsx"), &book, &error)) << error;
    EXPECT_EQ(book.sheets[0].rows.size(), 6002u);
    EXPECT_EQ(book.sheets[0].rows[0][6].text, "长台账");  // the merge after the rows was applied
}

TEST_F(LedgerImport, MalformedRowDeepInALongSheetIsRefused) {
    Workbook book;
    std::string error;
    EXPECT_FALSE(ReadTableFile("long_broken.xlsx", Slurp("long_broken.xlsx"), &book, &error));
    EXPECT_NE(error.find("不是有效的 XML"), std::string::npos) << error;
}

// The ledger screen passes the rows it holds; the plan is the same as when the
// planner reads them itself, deleted rows (read here) coming back by UUID.
TEST_F(LedgerImport, PlanFromTheScreensRowsEqualsPlanFromTheStore) {
    ApplyLedgerImport(Plan("hand_made.xlsx"), store, ctx);
    std::vector<Problem> rows = store.LoadAll();
    ASSERT_EQ(rows.size(), 5u);
    rows[1][ProblemField::kMeasures] = "改为本周内完成";
    Workbook read = ExportAndRead(rows, "椹涧乡");
    store.Delete({rows[4].id}, ctx);
    const std::vector<Problem> current = store.LoadAll();
    ImportPlan with = PlanLedgerImport(read, "export.xlsx", t.campaign, store, "", &current);
    ImportPlan without = PlanLedgerImport(read, "export.xlsx", t.campaign, store, "");
    for (const ImportPlan* p : {&with, &without}) {
        EXPECT_EQ(p->adds.size(), 0u);
        ASSERT_EQ(p->updates.size(), 2u);
        EXPECT_EQ(p->updates[0].id, rows[1].id);
        EXPECT_EQ(p->updates[1].id, rows[4].id);  // deleted, comes back
        EXPECT_EQ(p->unchanged, 3);
    }
}

// Formula cells, in files made by other programs (make_formula_fixtures.py):
// a formula with its last result (as Excel saves it) imports that result; one
// without (openpyxl and other generators) refuses its row with the reason,
// never reads as “0”.
TEST_F(LedgerImport, FormulaCellsUseTheirResultOrRefuseTheRow) {
    const std::string dir = Fixtures() + "/formulas";
    const std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/fixtures/make_formula_fixtures.py '" + dir + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

    ImportPlan cached = Plan("formulas/formulas_cached.xlsx");
    EXPECT_TRUE(cached.errors.empty()) << cached.errors[0].message;
    ASSERT_EQ(cached.adds.size(), 2u);
    EXPECT_EQ(cached.adds[0][ProblemField::kDescription], "标示牌未悬挂");
    EXPECT_EQ(cached.adds[0][ProblemField::kDeadline], "2022-06-12");  // =DATE(2022,6,12), a date serial
    EXPECT_EQ(cached.adds[1][ProblemField::kMeasures], "逐户核实");

    ImportPlan uncached = Plan("formulas/formulas_uncached.xlsx");
    ASSERT_EQ(uncached.adds.size(), 2u);
    EXPECT_EQ(uncached.adds[0][ProblemField::kDescription], "小宋村宋某某住房未鉴定");
    EXPECT_EQ(uncached.adds[1][ProblemField::kDescription], "公益性岗位工资未及时发放");
    ASSERT_EQ(uncached.errors.size(), 2u);
    EXPECT_EQ(uncached.errors[0].row, 3);
    EXPECT_EQ(uncached.errors[0].message,
              "“问题表述”是公式（=HYPERLINK(\"http://example.invalid/1\",\"标示牌未悬挂\")），文件中没有它的计算结果："
              "请用 Excel 或 WPS 打开该文件、保存后再导入，或把公式改成文字");
    EXPECT_EQ(uncached.errors[1].row, 4);
    EXPECT_NE(uncached.errors[1].message.find("“整改措施”是公式（=\"逐户\"&\"核实\"）"), std::string::npos)
        << uncached.errors[1].message;
    EXPECT_EQ(uncached.errors[0].cause, uncached.errors[1].cause);  // one cause in the preview
    for (const Problem& p : uncached.adds)
        for (const std::string& v : p.v) EXPECT_NE(v, "0");
}

// The formula guard belongs to CSV only: an xlsx string cell never runs as a
// formula, so text beginning with = + - @ is written as it is (an apostrophe
// would be printed), and read back the same; CSV keeps the apostrophe.
TEST_F(LedgerImport, XlsxTextIsWrittenPlainCsvKeepsItsGuard) {
    const std::vector<std::string> risky = {"=立即维修", "+86 0374-1234567", "-核实后补发", "@村委会 公示"};
    std::vector<Problem> rows;
    for (const std::string& text : risky) {
        Problem p = NewProblem();
        p[ProblemField::kArea] = "住房保障";
        p[ProblemField::kNature] = "个性问题";
        p[ProblemField::kDescription] = text + "（问题）";
        p[ProblemField::kMeasures] = text;
        p[ProblemField::kDeadline] = "2022-06-30";
        p[ProblemField::kRespUnits] = "区住建局";
        rows.push_back(p);
    }
    Workbook read = ExportAndRead(rows, "椹涧乡");
    ASSERT_FALSE(read.sheets.empty());
    std::string all;
    for (const auto& r : read.sheets[0].rows)
        for (const Cell& c : r) all += c.text + "\n";
    for (const std::string& text : risky) {
        EXPECT_NE(all.find("\n" + text + "\n"), std::string::npos) << text;
        EXPECT_EQ(all.find("'" + text), std::string::npos) << text;
    }
    // And an independent reader sees the same plain strings.
    LedgerWorkbook book;
    LedgerSheet sheet;
    sheet.title = t.campaign.ledger_title;
    for (const Problem& p : rows) sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    const std::string path = std::string(HTK_TEST_OUT) + "/plain_guard.xlsx";
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string cmd = "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]; "
                            "v=[ws.cell(row=r, column=5).value for r in range(4, 8)]; "
                            "assert v==['=立即维修','+86 0374-1234567','-核实后补发','@村委会 公示'], v; "
                            "assert all(ws.cell(row=r, column=5).data_type=='s' for r in range(4, 8))\" " + path;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;

    CsvWriter csv(CsvWriteOptions{});
    for (const std::string& text : risky) csv.Row({text});
    const std::string out = csv.Finish();
    for (const std::string& text : risky) EXPECT_NE(out.find("'" + text + "\r\n"), std::string::npos) << text;
}
