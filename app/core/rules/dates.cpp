#include "dates.h"

#include "text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace htk {

bool IsValidDate(int y, int m, int d) {
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(const Date& dt) {
    int64_t y = dt.y - (dt.m <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = int(doy - (153 * mp + 2) / 5 + 1);
    int m = int(mp < 10 ? mp + 3 : mp - 9);
    return Date{int(y + (m <= 2)), m, d};
}

Date AddDays(const Date& date, int64_t n) { return CivilFromDays(DaysFromCivil(date) + n); }
int64_t DaysBetween(const Date& a, const Date& b) { return DaysFromCivil(b) - DaysFromCivil(a); }

int Weekday(const Date& date) {
    int64_t z = DaysFromCivil(date);
    return int(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

bool operator<(const Date& a, const Date& b) {
    if (a.y != b.y) return a.y < b.y;
    if (a.m != b.m) return a.m < b.m;
    return a.d < b.d;
}

std::string FormatIso(const Date& date) {
    if (!date.valid()) return "";
    // By hand, not snprintf: it runs for every date cell of an import.
    char buf[10];
    int y = date.y;
    for (int i = 3; i >= 0; --i, y /= 10) buf[i] = char('0' + y % 10);
    buf[4] = buf[7] = '-';
    buf[5] = char('0' + date.m / 10);
    buf[6] = char('0' + date.m % 10);
    buf[8] = char('0' + date.d / 10);
    buf[9] = char('0' + date.d % 10);
    return std::string(buf, 10);
}

std::string FormatChinese(const Date& date) {
    if (!date.valid()) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", date.y, date.m, date.d);
    return buf;
}

std::string FormatMonthDay(const Date& date) {
    if (!date.valid()) return "";
    char buf[24];
    std::snprintf(buf, sizeof buf, "%d月%d日", date.m, date.d);
    return buf;
}

// 1899-12-30 is serial 0 for every serial after the phantom 1900-02-29 (60).
static const int64_t kExcelEpoch = DaysFromCivil(Date{1899, 12, 30});

Date DateFromExcelSerial(double serial) {
    if (!(serial >= 61 && serial < 2958466)) return Date{};  // up to 9999-12-31
    Date d = CivilFromDays(kExcelEpoch + int64_t(std::floor(serial)));
    return IsValidDate(d.y, d.m, d.d) ? d : Date{};
}

double ExcelSerialFromDate(const Date& date) { return double(DaysFromCivil(date) - kExcelEpoch); }

namespace {

// Splits text into runs of ASCII digits and the text between them:
// seps[i] precedes numbers[i], and seps has one more entry (what trails).
struct Tokens {
    std::vector<std::string> numbers;
    std::vector<std::string> seps;
};

Tokens Tokenize(std::string_view s) {
    Tokens t;
    std::string cur;
    bool in_number = false;
    for (char c : s) {
        bool digit = c >= '0' && c <= '9';
        if (digit != in_number) {
            (in_number ? t.numbers : t.seps).push_back(cur);
            cur.clear();
            in_number = digit;
        }
        cur += c;
    }
    (in_number ? t.numbers : t.seps).push_back(cur);
    if (in_number) t.seps.push_back("");
    return t;
}

DateParse Fail(std::string msg) {
    DateParse p;
    p.error = std::move(msg);
    return p;
}

DateParse Make(int y, int m, int d, std::string_view original) {
    if (!IsValidDate(y, m, d)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
        return Fail("“" + std::string(original) + "”不是有效日期（" + buf + "不存在）");
    }
    DateParse p;
    p.ok = true;
    p.date = Date{y, m, d};
    return p;
}

const char* kNeedDay = "要精准到日，例如 2022-06-15 或 2022年6月15日";

}  // namespace

// "2022-06-15", the form every stored date has: read without the general
// path's copies (a 50,000-row export or sort reads one per row).
bool IsIsoDay(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

DateParse ParseDate(std::string_view input, int default_year) {
    if (IsIsoDay(input)) {
        auto digits = [&](size_t at, size_t n) {
            int v = 0;
            for (size_t i = at; i < at + n; ++i) v = v * 10 + (input[i] - '0');
            return v;
        };
        return Make(digits(0, 4), digits(5, 2), digits(8, 2), input);
    }
    std::string s = NormalizeWidth(Trim(input));
    if (s.empty()) return Fail("不能为空");
    // A time after the day ("2022-06-15 00:00:00", "2022/6/15 8:30") is dropped.
    size_t space = s.find(' ');
    if (space != std::string::npos && s.find(':', space) != std::string::npos) s = Trim(s.substr(0, space));
    Tokens t = Tokenize(s);
    auto num = [&](size_t i) { return std::atoi(t.numbers[i].c_str()); };
    // Everything but digits and date separators.
    std::string other;
    for (const std::string& sep : t.seps) other += sep;
    for (const char* allowed : {"年", "月", "日", "号", "-", "/", ".", " "}) {
        size_t pos;
        while ((pos = other.find(allowed)) != std::string::npos) other.erase(pos, std::string_view(allowed).size());
    }

    if (t.numbers.size() == 1 && other.empty() && t.seps.front().empty() && t.seps.back().empty()) {
        const std::string& n = t.numbers[0];
        if (n.size() == 8) return Make(std::atoi(n.substr(0, 4).c_str()), std::atoi(n.substr(4, 2).c_str()),
                                       std::atoi(n.substr(6, 2).c_str()), input);
        if (n.size() == 5) {  // an Excel serial typed or exported as text
            Date d = DateFromExcelSerial(std::atof(n.c_str()));
            if (d.valid()) {
                DateParse p;
                p.ok = true;
                p.date = d;
                return p;
            }
        }
    }
    // A serial with a fraction (a date-time cell written as a number).
    if (t.numbers.size() == 2 && t.seps[1] == "." && t.numbers[0].size() == 5 && t.seps.front().empty() &&
        other.empty()) {
        Date d = DateFromExcelSerial(std::atof(s.c_str()));
        if (d.valid()) {
            DateParse p;
            p.ok = true;
            p.date = d;
            return p;
        }
    }
    // Words such as 底, 前, 尽快, 长期: not one exact day.
    if (!other.empty()) {
        if (t.numbers.empty()) return Fail("“" + std::string(input) + "”不是具体日期，" + kNeedDay);
        return Fail("“" + std::string(input) + "”" + kNeedDay);
    }
    if (t.numbers.size() == 3 && t.numbers[0].size() == 4) return Make(num(0), num(1), num(2), input);
    if (t.numbers.size() == 3) return Fail("“" + std::string(input) + "”的年份要写四位，例如 2022-06-15");
    if (t.numbers.size() == 2 && t.numbers[0].size() == 4)
        return Fail("“" + std::string(input) + "”只到月，" + kNeedDay);
    if (t.numbers.size() == 2 && t.numbers[0].size() <= 2 && t.numbers[1].size() <= 2) {
        if (default_year) return Make(default_year, num(0), num(1), input);
        return Fail("“" + std::string(input) + "”缺少年份，例如 2022-06-15");
    }
    return Fail("“" + std::string(input) + "”无法识别为日期，" + kNeedDay);
}

}  // namespace htk
