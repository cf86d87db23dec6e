#include "rules/text.h"

#include <gtest/gtest.h>

using namespace htk;

TEST(Text, TrimRemovesEveryKindOfSpace) {
    EXPECT_EQ(Trim("  abc \t\n"), "abc");
    EXPECT_EQ(Trim("\xE3\x80\x80问题\xC2\xA0"), "问题");
    EXPECT_EQ(Trim("\xEF\xBB\xBF序号"), "序号");
    EXPECT_EQ(Trim("   "), "");
    EXPECT_EQ(Trim("a b"), "a b");
}

TEST(Text, NormalizeKey) {
    EXPECT_EQ(NormalizeKey("问题 类型"), "问题类型");
    EXPECT_EQ(NormalizeKey("ＵＵＩＤ"), "uuid");
    EXPECT_EQ(NormalizeKey("完成\n时限"), "完成时限");
    EXPECT_EQ(NormalizeWidth("（１）：ａ"), "(1):a");
}

TEST(Text, Utf8) {
    EXPECT_TRUE(IsValidUtf8("中文 abc"));
    EXPECT_FALSE(IsValidUtf8("\xC4\xE3"));  // GBK for 你
    EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));  // truncated
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // overlong
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
    EXPECT_EQ(Utf8Length("中文ab"), 4u);
    EXPECT_EQ(CollapseSpaces("  a \n\t b  "), "a b");
}
