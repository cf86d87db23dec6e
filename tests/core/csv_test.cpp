#include "formats/csv.h"
#include "formats/text_encoding.h"

#include <gtest/gtest.h>

using namespace htk;

TEST(Csv, WritesRfc4180WithBom) {
    std::string out = WriteCsv({{"序号", "问题表述"}, {"1", "含,逗号"}, {"2", "含\"引号\""}, {"3", "两行\n文字"}});
    EXPECT_EQ(out, "\xEF\xBB\xBF序号,问题表述\r\n1,\"含,逗号\"\r\n2,\"含\"\"引号\"\"\"\r\n3,\"两行\n文字\"\r\n");
}

TEST(Csv, NeutralizesFormulaLeadingCells) {
    EXPECT_EQ(NeutralizeFormula("=1+1"), "'=1+1");
    EXPECT_EQ(NeutralizeFormula("+86"), "'+86");
    EXPECT_EQ(NeutralizeFormula("-5"), "'-5");
    EXPECT_EQ(NeutralizeFormula("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(NeutralizeFormula("\tx"), "'\tx");
    EXPECT_EQ(NeutralizeFormula("\rx"), "'\rx");
    EXPECT_EQ(NeutralizeFormula("正常"), "正常");
    EXPECT_EQ(NeutralizeFormula("a=b"), "a=b");
    EXPECT_EQ(UnneutralizeFormula("'=1+1"), "=1+1");
    EXPECT_EQ(UnneutralizeFormula("'引用"), "'引用");
    std::string out = WriteCsv({{"=HYPERLINK(\"x\")", "@a"}});
    EXPECT_EQ(out, "\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\")\",'@a\r\n");
}

TEST(Csv, RoundTripUtf8AndGb18030) {
    CsvRows rows = {{"问题类型", "问题表述", "完成时限"},
                    {"住房保障", "危房户张某某，\"房屋\"未鉴定\n需复核", "2022-06-15"},
                    {"饮水安全", "", "2022/6/20"},
                    {"就业扶贫", "𠀀 生僻字", "44727"}};
    for (bool gb : {false, true}) {
        std::string bytes = WriteCsv(rows, CsvWriteOptions{gb});
        CsvTable t;
        std::string err;
        ASSERT_TRUE(ParseCsv(bytes, &t, &err)) << err;
        EXPECT_EQ(t.rows, rows) << (gb ? "GB18030" : "UTF-8");
        EXPECT_EQ(t.encoding, gb ? TextEncoding::kGb18030 : TextEncoding::kUtf8Bom);
    }
}

TEST(Csv, ReadsWhatOtherProgramsWrite) {
    CsvTable t;
    std::string err;
    // LF endings, no BOM, tab-separated (Excel "Unicode text" is UTF-16 + tabs).
    ASSERT_TRUE(ParseCsv("a\tb\n1\t2\n", &t, &err));
    EXPECT_EQ(t.delimiter, '\t');
    EXPECT_EQ(t.rows, (CsvRows{{"a", "b"}, {"1", "2"}}));
    // Semicolons, CR-only line ends, ragged rows, no final newline.
    ASSERT_TRUE(ParseCsv("a;b;c\r1;2\r3", &t, &err));
    EXPECT_EQ(t.rows, (CsvRows{{"a", "b", "c"}, {"1", "2"}, {"3"}}));
    // UTF-16LE with BOM.
    std::string u16("\xFF\xFE", 2);
    for (char16_t c : std::u16string(u"问,a\r\n")) {
        u16 += char(c & 0xFF);
        u16 += char(c >> 8);
    }
    ASSERT_TRUE(ParseCsv(u16, &t, &err)) << err;
    EXPECT_EQ(t.encoding, TextEncoding::kUtf16);
    EXPECT_EQ(t.rows, (CsvRows{{"问", "a"}}));
    // Empty fields and a stray quote inside an unquoted field.
    ASSERT_TRUE(ParseCsv(",,\r\n5寸\"屏,x\r\n", &t, &err));
    EXPECT_EQ(t.rows, (CsvRows{{"", "", ""}, {"5寸\"屏", "x"}}));
}

TEST(Csv, GbkBytesFromWindowsAreDecoded) {
    // "问题类型,完成时限" as GBK bytes, as saved by Excel on Chinese Windows.
    const char gbk[] = "\xCE\xCA\xCC\xE2\xC0\xE0\xD0\xCD,\xCD\xEA\xB3\xC9\xCA\xB1\xCF\xDE\r\n";
    CsvTable t;
    std::string err;
    ASSERT_TRUE(ParseCsv(gbk, &t, &err)) << err;
    EXPECT_EQ(t.encoding, TextEncoding::kGb18030);
    EXPECT_EQ(t.rows, (CsvRows{{"问题类型", "完成时限"}}));
}

TEST(Csv, UndecodableBytesAreRefusedWithAReason) {
    CsvTable t;
    std::string err;
    EXPECT_FALSE(ParseCsv(std::string("ok,\x81\x20" "bad\xFF", 9), &t, &err));
    EXPECT_NE(err.find("编码"), std::string::npos) << err;
    EXPECT_TRUE(t.rows.empty());
}

TEST(TextEncoding, Gb18030KnownCodes) {
    EXPECT_EQ(EncodeGb18030("问题"), "\xCE\xCA\xCC\xE2");
    EXPECT_EQ(EncodeGb18030("€"), "\xA2\xE3");
    EXPECT_EQ(EncodeGb18030("𠀀"), "\x95\x32\x82\x36");
    EXPECT_EQ(EncodeGb18030("\xC2\x80"), "\x81\x30\x81\x30");  // U+0080, four bytes
    // Four-byte BMP codes derived from the two-byte table (values from Python's codec).
    EXPECT_EQ(EncodeGb18030("\xE3\x90\x80"), "\x81\x39\xEE\x39");  // U+3400, CJK Extension A
    // Round trips over the BMP (the exact codes near the private use area vary
    // between GB18030 editions and C libraries).
    for (char32_t cp : {0x0100u, 0x1E3Fu, 0x2E81u, 0x3400u, 0x4DB5u, 0x9FA5u, 0xE7C7u, 0xFE10u, 0xFFE5u, 0xFFFFu}) {
        std::string u;
        if (cp < 0x800) u = {char(0xC0 | (cp >> 6)), char(0x80 | (cp & 0x3F))};
        else u = {char(0xE0 | (cp >> 12)), char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
        std::string back2;
        size_t at = 0;
        ASSERT_TRUE(DecodeGb18030(EncodeGb18030(u), &back2, &at)) << std::hex << cp;
        EXPECT_EQ(back2, u) << std::hex << cp;
    }
    EXPECT_EQ(EncodeGb18030("\xC2\xA5"), "\x81\x30\x84\x36");      // U+00A5
    std::string back;
    size_t bad = 0;
    ASSERT_TRUE(DecodeGb18030("\x95\x32\x82\x36\x81\x30\x81\x30", &back, &bad));
    EXPECT_EQ(back, "𠀀\xC2\x80");
    EXPECT_FALSE(DecodeGb18030("\xCE", &back, &bad));
    EXPECT_EQ(bad, 0u);
}

TEST(CsvReader, AFileMarkedUtf8IsReadInPlaceAndCheckedRowByRow) {
    std::string bytes = "\xEF\xBB\xBF姓名,证件号码\r\n王堃,411023\r\n\xB5\xC4,x\r\n";
    CsvReader reader;
    std::string error;
    ASSERT_TRUE(reader.Open(std::move(bytes), &error)) << error;
    std::vector<std::string> row;
    ASSERT_TRUE(reader.Next(&row));
    EXPECT_EQ(row, (std::vector<std::string>{"姓名", "证件号码"}));
    ASSERT_TRUE(reader.Next(&row));
    EXPECT_EQ(row[0], "王堃");
    EXPECT_FALSE(reader.Next(&row));  // GBK bytes in a file that says UTF-8
    EXPECT_NE(reader.error().find("第 3 行"), std::string::npos) << reader.error();
    // Bytes not read in place come back as given.
    std::string gbk = "\xD0\xD5\xC3\xFB\r\n";  // 姓名 in GB18030
    CsvReader other;
    ASSERT_TRUE(other.Open(std::string(gbk), &error));
    ASSERT_TRUE(other.Next(&row));
    EXPECT_EQ(row[0], "姓名");
    EXPECT_EQ(other.Release(), gbk);
}
