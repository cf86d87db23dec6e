#include "id_number.h"

#include "text.h"

namespace htk {

std::string NormalizeIdNumber(std::string_view typed) {
    std::string s = NormalizeWidth(typed);
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '-') continue;
        out += c == 'x' ? 'X' : c;
    }
    return Trim(out);
}

char IdNumberCheckChar(std::string_view first17) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char kChars[] = "10X98765432";
    int sum = 0;
    for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
    return kChars[sum % 11];
}

Date IdNumberBirthDate(const std::string& id) {
    if (id.size() != 18) return {};
    int v[8];
    for (int i = 0; i < 8; ++i) {
        char c = id[size_t(6 + i)];
        if (c < '0' || c > '9') return {};
        v[i] = c - '0';
    }
    int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
    if (!IsValidDate(y, m, d)) return {};
    return Date{y, m, d};
}

std::string IdNumberError(const std::string& id, const Date& today) {
    if (id.size() != 18) return "身份证号应为 18 位（现为 " + std::to_string(Utf8Length(id)) + " 位）";
    for (size_t i = 0; i < 17; ++i)
        if (id[i] < '0' || id[i] > '9') return "身份证号前 17 位应为数字";
    if (!(id[17] >= '0' && id[17] <= '9') && id[17] != 'X') return "身份证号最后一位应为数字或 X";
    if (id[0] == '0') return "身份证号的地区码不正确";
    const int year = std::stoi(id.substr(6, 4));
    if (year < 1900 || (today.valid() && year > today.y)) return "身份证号中的出生日期不合理";
    Date birth = IdNumberBirthDate(id);
    if (!birth.valid()) return "身份证号中的出生日期不存在";
    if (birth < Date{1900, 1, 1} || (today.valid() && today < birth)) return "身份证号中的出生日期不合理";
    if (IdNumberCheckChar(id) != id[17]) return "身份证号校验位不正确，请核对是否录入有误";
    return "";
}

std::string MaskIdNumber(const std::string& id) {
    if (id.empty()) return "";
    if (id.size() == 18) return id.substr(0, 6) + std::string(8, '*') + id.substr(14);
    // Not a well-formed number: show only where it starts and ends.
    size_t n = Utf8Length(id);
    if (n <= 2) return std::string(n, '*');
    size_t first_end = 0;
    NextCodePoint(id, first_end);
    size_t last_start = id.size();
    while (last_start > 0 && (static_cast<unsigned char>(id[last_start - 1]) & 0xC0) == 0x80) --last_start;
    if (last_start > 0) --last_start;
    return id.substr(0, first_end) + std::string(n - 2, '*') + id.substr(last_start);
}

}  // namespace htk
