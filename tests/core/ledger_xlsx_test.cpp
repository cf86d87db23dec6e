#include "domain/problem_rules.h"
#include "domain/ledger_xlsx.h"
#include "formats/zip_reader.h"
#include "rules/uuid.h"
#include "test_db.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace htk;

namespace {

Problem Row(const char* area, const char* nature, const char* desc, const char* measures, const char* deadline,
            const char* units) {
    Problem p = NewProblem();
    p.uuid = NewUuid();
    p[ProblemField::kArea] = area;
    p[ProblemField::kNature] = nature;
    p[ProblemField::kDescription] = desc;
    p[ProblemField::kMeasures] = measures;
    p[ProblemField::kDeadline] = deadline;
    p[ProblemField::kRespUnits] = units;
    return p;
}

std::string WriteFile(const std::string& name, const std::string& bytes) {
    std::string path = std::string(HTK_TEST_OUT) + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

}  // namespace

TEST(LedgerXlsx, FileName) {
    EXPECT_EQ(LedgerFileName("椹涧乡", Date{2022, 6, 15}, ".xlsx"), "椹涧乡_整改台账_20220615.xlsx");
    EXPECT_EQ(LedgerFileName("区/住建:局", Date{2022, 6, 5}, ".csv"), "区住建局_整改台账_20220605.csv");
    EXPECT_EQ(LedgerFileName(" ", Date{2022, 6, 5}, ".xlsx"), "未填写单位_整改台账_20220605.xlsx");
}

TEST(LedgerXlsx, OpenpyxlReadsTheOfficialLayout) {
    test::TestDb t;
    std::vector<Problem> rows = {
        Row("住房保障", "个性问题", "椹涧乡小宋村宋某某住房未出具安全性评定结果，未悬挂标示牌", "6月10日前完成鉴定",
            "2022-06-10", "区住建局"),
        Row("饮水安全保障", "共性问题",
            "部分村集中供水点消毒设备不能正常使用，水质检测报告未在村内规范张贴。\n涉及 3 个行政村。",
            "=立即维修消毒设备；补贴检测报告", "2022-06-20", "区水利局"),
        Row("就业保障", "个性问题", "公益性岗位工资未及时发放", "-核实后补发", "2022-06-29", "区人社局"),
    };
    LedgerWorkbook book;
    book.unit = "椹涧乡";
    book.campaign_code = t.campaign.code;
    LedgerSheet sheet;
    sheet.title = t.campaign.ledger_title;
    sheet.unit = "椹涧乡";
    sheet.date = Date{2022, 6, 15};
    sheet.note = t.campaign.ledger_note;
    for (const Problem& p : rows) sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    ASSERT_GT(bytes.size(), 4000u);
    EXPECT_EQ(bytes.substr(0, 2), "PK");
    std::string xlsx = WriteFile("ledger_official.xlsx", bytes);

    nlohmann::json exp;
    exp["title"] = t.campaign.ledger_title;
    exp["unit"] = "椹涧乡";
    exp["note_starts"] = "备注：“问题类型”指饮水安全";
    for (const Problem& p : rows) {
        // Formula-looking text is written as it is: a string cell never runs.
        exp["rows"].push_back({p[ProblemField::kArea], p[ProblemField::kNature], p[ProblemField::kDescription],
                               p[ProblemField::kMeasures], p[ProblemField::kDeadline], p[ProblemField::kRespUnits]});
        exp["uuids"].push_back(p.uuid);
    }
    // Excel does not fit wrapped rows it opens: each row is as tall as its
    // most-wrapped cell, 14.3 pt a line of 宋体 11 plus 6. 问题表述 (40 units,
    // 285 px) holds 18 汉字 a line at 14.67 px: 28 -> 2 lines; 34, then a second
    // line, -> 3; 饮水安全保障 fits 问题类型 (14.5) on one line; one line -> 20.3.
    exp["heights"] = {2 * 14.3 + 6, 3 * 14.3 + 6, 20.3};
    std::string expected = WriteFile("ledger_official.json", exp.dump());
    std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/core/check_ledger_xlsx.py '" + xlsx + "' '" +
                      expected + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(LedgerXlsx, ExtendedColumns) {
    test::TestDb t;
    Problem p = Row("金融政策", "个性问题", "小额信贷逾期", "督促还款", "2022-06-25", "区金融工作局");
    p[ProblemField::kRespLeader] = "张三";
    p[ProblemField::kCause] = "经营困难";
    p[ProblemField::kStatus] = "in_progress";
    LedgerWorkbook book;
    LedgerSheet sheet;
    sheet.title = t.campaign.ledger_title;
    sheet.unit = "区金融工作局";
    sheet.note = t.campaign.ledger_note;
    sheet.extended = true;
    sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    std::string xlsx = WriteFile("ledger_extended.xlsx", bytes);
    nlohmann::json exp;
    exp["title"] = t.campaign.ledger_title;
    exp["unit"] = "区金融工作局";
    exp["note_starts"] = "备注：";
    exp["extended"] = true;
    exp["rows"].push_back({"金融政策", "个性问题", "小额信贷逾期", "督促还款", "2022-06-25", "区金融工作局"});
    std::string expected = WriteFile("ledger_extended.json", exp.dump());
    std::string cmd = "/usr/bin/python3 " HTK_SOURCE_DIR "/tests/core/check_ledger_xlsx.py '" + xlsx + "' '" +
                      expected + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// Text goes into the sheet XML as it is, except control characters, which
// Excel wants as _xHHHH_; line breaks and tabs stay. (Our build fixes 1.1.4's
// control-character check, which sent every string down the escaping path.)
TEST(LedgerXlsx, ControlCharactersEscapedOtherTextAsIs) {
    test::TestDb t;
    Problem plain = Row("住房保障", "个性问题", "第一行\n第二行\t&<>", "措施", "2022-06-10", "区住建局");
    Problem bell = Row("住房保障", "个性问题", "响铃\a字符", "措施", "2022-06-10", "区住建局");
    LedgerWorkbook book;
    LedgerSheet sheet;
    sheet.title = t.campaign.ledger_title;
    sheet.rows = {&plain, &bell};
    book.sheets.push_back(sheet);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    ZipReader zip(bytes, 50 << 20);
    std::string xml;  // text goes to the shared strings table
    ASSERT_TRUE(zip.Read("xl/sharedStrings.xml", &xml, &error)) << error;
    EXPECT_NE(xml.find("<t>第一行\n第二行\t&amp;&lt;&gt;</t>"), std::string::npos);
    EXPECT_NE(xml.find("<t>响铃_x0007_字符</t>"), std::string::npos);
}

// LibreOffice, a real office suite, must open the file without complaint:
// convert it to CSV headless and find our rows in what it read.
TEST(LedgerXlsx, LibreOfficeConvertsIt) {
    if (std::system("command -v soffice >/dev/null 2>&1") != 0) GTEST_SKIP() << "LibreOffice is not installed";
    test::TestDb t;
    Problem p = Row("户厕改造", "共性问题", "部分户厕改造后闲置，用于堆放杂物", "逐户宣传引导使用", "2022-06-28", "区城管局");
    LedgerWorkbook book;
    LedgerSheet sheet;
    sheet.title = t.campaign.ledger_title;
    sheet.unit = "椹涧乡";
    sheet.date = Date{2022, 6, 15};
    sheet.note = t.campaign.ledger_note;
    sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    std::string dir = std::string(HTK_TEST_OUT) + "/lo";
    std::string xlsx = WriteFile("lo_ledger.xlsx", bytes);
    std::string cmd = "rm -rf '" + dir + "' && mkdir -p '" + dir + "' && HOME='" + dir +
                      "' timeout 120 soffice --headless --norestore --convert-to csv:\"Text - txt - csv (StarCalc)\":44,34,76 "
                      "--outdir '" + dir + "' '" + xlsx + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream in(dir + "/lo_ledger.csv");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string csv = ss.str();
    EXPECT_NE(csv.find("单位（盖章）：椹涧乡"), std::string::npos) << csv;
    EXPECT_NE(csv.find("序号,问题类型,问题性质,问题表述,整改措施,完成时限,责任单位"), std::string::npos) << csv;
    EXPECT_NE(csv.find("1,户厕改造,共性问题,部分户厕改造后闲置，用于堆放杂物,逐户宣传引导使用,2022年6月28日,区城管局"),
              std::string::npos)
        << csv;
}
