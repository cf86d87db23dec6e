#include "rules/dates.h"

#include <gtest/gtest.h>

using namespace htk;

static Date D(int y, int m, int d) { return Date{y, m, d}; }

TEST(Dates, AcceptsEveryExactDayForm) {
    const char* forms[] = {"2022-06-15", "2022-6-15", "2022/6/15", "2022/06/15", "2022.6.15", "2022年6月15日",
                           "2022年06月15日", "2022 年 6 月 15 日", "2022年6月15号", "20220615", "44727",
                           "2022-06-15 00:00:00", "2022/6/15 8:30", "  2022-06-15  ", "２０２２－０６－１５",
                           "2022-06-15\xE3\x80\x80", "44727.5"};
    for (const char* f : forms) {
        DateParse p = ParseDate(f);
        EXPECT_TRUE(p.ok) << f << ": " << p.error;
        EXPECT_EQ(p.date, D(2022, 6, 15)) << f;
    }
}

TEST(Dates, RefusesWhatIsNotOneDay) {
    for (const char* f : {"6月底", "2022年6月底", "尽快", "长期坚持", "2022年6月", "2022-06", "6月30日前",
                          "2022年6月中旬", "", "   ", "立行立改", "2022-06-15至2022-06-20"}) {
        DateParse p = ParseDate(f, 2022);
        EXPECT_FALSE(p.ok) << f;
        EXPECT_FALSE(p.error.empty()) << f;
    }
    EXPECT_NE(ParseDate("6月底").error.find("精准到日"), std::string::npos) << ParseDate("6月底").error;
}

TEST(Dates, RefusesImpossibleDays) {
    for (const char* f : {"2022-02-30", "2022-13-01", "2021-02-29", "2022年6月31日", "20221301", "0000-01-01"}) {
        DateParse p = ParseDate(f);
        EXPECT_FALSE(p.ok) << f;
    }
    EXPECT_TRUE(ParseDate("2024-02-29").ok);
    EXPECT_NE(ParseDate("2022-02-30").error.find("不是有效日期"), std::string::npos);
}

TEST(Dates, MonthDayNeedsAYear) {
    EXPECT_FALSE(ParseDate("6月15日").ok);
    EXPECT_NE(ParseDate("6月15日").error.find("缺少年份"), std::string::npos);
    DateParse p = ParseDate("6月15日", 2022);
    ASSERT_TRUE(p.ok);
    EXPECT_EQ(p.date, D(2022, 6, 15));
    EXPECT_FALSE(ParseDate("22/6/15").ok) << "two-digit years are ambiguous";
}

TEST(Dates, ExcelSerials) {
    EXPECT_EQ(DateFromExcelSerial(44727), D(2022, 6, 15));
    EXPECT_EQ(DateFromExcelSerial(61), D(1900, 3, 1));
    EXPECT_EQ(DateFromExcelSerial(1), Date{}) << "before the phantom 1900-02-29: refused";
    EXPECT_EQ(ExcelSerialFromDate(D(2022, 6, 15)), 44727);
    EXPECT_EQ(DateFromExcelSerial(ExcelSerialFromDate(D(2030, 12, 31))), D(2030, 12, 31));
}

TEST(Dates, Arithmetic) {
    EXPECT_EQ(DaysFromCivil(D(1970, 1, 1)), 0);
    EXPECT_EQ(AddDays(D(2022, 6, 29), 2), D(2022, 7, 1));
    EXPECT_EQ(AddDays(D(2024, 2, 28), 1), D(2024, 2, 29));
    EXPECT_EQ(DaysBetween(D(2022, 6, 2), D(2022, 6, 30)), 28);
    EXPECT_EQ(Weekday(D(2022, 6, 2)), 4);  // a Thursday
    EXPECT_EQ(Weekday(D(1969, 12, 28)), 0);
    EXPECT_TRUE(D(2022, 6, 1) < D(2022, 6, 2));
    EXPECT_FALSE(D(2022, 6, 2) < D(2022, 6, 2));
    for (int64_t z = -1000; z < 30000; z += 17) EXPECT_EQ(DaysFromCivil(CivilFromDays(z)), z);
}

TEST(Dates, Formatting) {
    EXPECT_EQ(FormatIso(D(2022, 6, 5)), "2022-06-05");
    EXPECT_EQ(FormatChinese(D(2022, 6, 5)), "2022年6月5日");
    EXPECT_EQ(FormatMonthDay(D(2022, 6, 5)), "6月5日");
    EXPECT_EQ(FormatIso(Date{}), "");
}
