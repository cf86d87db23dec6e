#include "rules/id_number.h"

#include <gtest/gtest.h>

using namespace htk;

namespace {
const Date kToday{2022, 6, 15};
// A number with the right check character (computed, not typed from a real person).
std::string Valid(const std::string& first17) { return first17 + IdNumberCheckChar(first17); }
}  // namespace

TEST(IdNumber, CheckCharacterFollowsGb11643) {
    // The standard's worked example: 11010519491231002X.
    EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
    EXPECT_EQ(IdNumberError("11010519491231002X", kToday), "");
    EXPECT_EQ(IdNumberCheckChar("41102319800101123"), Valid("41102319800101123")[17]);
}

TEST(IdNumber, RefusesWithAReason) {
    std::string ok = Valid("41102319800101123");
    EXPECT_EQ(IdNumberError(ok, kToday), "");
    std::string wrong = ok;
    wrong[17] = wrong[17] == '1' ? '2' : '1';
    EXPECT_NE(IdNumberError(wrong, kToday).find("校验位"), std::string::npos);
    EXPECT_NE(IdNumberError("4110231980010112", kToday).find("18 位"), std::string::npos);
    EXPECT_NE(IdNumberError(Valid("41102319800230123"), kToday).find("出生日期不存在"), std::string::npos);  // 2-30
    EXPECT_NE(IdNumberError(Valid("41102318890101123"), kToday).find("不合理"), std::string::npos);   // 1889
    EXPECT_NE(IdNumberError(Valid("41102320230101123"), kToday).find("不合理"), std::string::npos);   // after today
    EXPECT_NE(IdNumberError("41102319800101123A", kToday).find("最后一位"), std::string::npos);
    EXPECT_NE(IdNumberError("4110231980O101123X", kToday).find("前 17 位"), std::string::npos);
}

TEST(IdNumber, NormalizesWhatPeopleType) {
    EXPECT_EQ(NormalizeIdNumber(" 110105 19491231 002x "), "11010519491231002X");
    EXPECT_EQ(NormalizeIdNumber("１１０１０５１９４９１２３１００２Ｘ"), "11010519491231002X");
}

TEST(IdNumber, MaskKeepsRegionAndLastFour) {
    EXPECT_EQ(MaskIdNumber("411023198001011234"), "411023********1234");
    EXPECT_EQ(MaskIdNumber(""), "");
    EXPECT_EQ(MaskIdNumber("12345"), "1***5");  // odd text: never shown whole
    EXPECT_EQ(MaskIdNumber("12"), "**");
    EXPECT_EQ(MaskIdNumber("证件1234"), "证****4");
}
