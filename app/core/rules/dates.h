// dates.h — calendar days: parsing what people type, Excel serials, arithmetic.
//
// A Date is a day with no time zone. Officials write 完成时限 in many forms;
// ParseDate takes the exact-day ones and says why it refuses the rest (“6月底”
// and “尽快” are not a day, and the campaign document insists on a day).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace htk {

struct Date {
    int y = 0, m = 0, d = 0;
    bool valid() const { return y != 0; }
    friend bool operator==(const Date& a, const Date& b) { return a.y == b.y && a.m == b.m && a.d == b.d; }
    friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
};

bool IsValidDate(int y, int m, int d);

// Days since 1970-01-01 (negative before), and back.
int64_t DaysFromCivil(const Date& date);
Date CivilFromDays(int64_t days);
Date AddDays(const Date& date, int64_t n);
// b - a in days.
int64_t DaysBetween(const Date& a, const Date& b);
int Weekday(const Date& date);  // 0 = Sunday ... 6 = Saturday
bool operator<(const Date& a, const Date& b);
inline bool operator<=(const Date& a, const Date& b) { return !(b < a); }

std::string FormatIso(const Date& date);      // 2022-06-15
std::string FormatChinese(const Date& date);  // 2022年6月15日
std::string FormatMonthDay(const Date& date); // 6月15日

// Excel's 1900 date system (serial 1 = 1900-01-01; serials before 61 are
// refused because Excel counts a 1900-02-29 that never was).
Date DateFromExcelSerial(double serial);
double ExcelSerialFromDate(const Date& date);

struct DateParse {
    Date date;          // valid when ok
    bool ok = false;
    std::string error;  // Chinese, when not ok
};

// Accepts 2022-06-15, 2022-6-15, 2022/6/15, 2022.6.15, 2022年6月15日 (also
// with 号 and spaces), 20220615, a time after the day (ignored), an Excel
// serial number, and 6月15日 / 6-15 when `default_year` is given.
DateParse ParseDate(std::string_view text, int default_year = 0);

}  // namespace htk
