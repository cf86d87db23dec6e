#include "rules/text.h"

#include <gtest/gtest.h>

using namespace htk;

TEST(Text, TrimRemovesEveryKindOfSpace) {
    EXPECT_EQ(Trim("  abc \t\n"), "abc");
    EXPECT_EQ(Trim("\xE3\x80\x80问题\xC2\xA0"), "问题");
    EXPECT_EQ(Trim("\xEF\xBB\xBF序号"), "序号");
    EXPECT_EQ(Trim("   "), "");
    EXPECT_EQ(Trim("a b"), "a b");
    EXPECT_EQ(Trim("\xE2\x80\x8B问题\xE2\x80\x8B\xEF\xBB\xBF "), "问题");  // zero-width spaces at both ends
    EXPECT_EQ(Trim(" abc\xC4"), "abc\xC4");                                  // a stray byte is not a space
    EXPECT_EQ(Trim("\x80\x80 "), "\x80\x80");
    EXPECT_EQ(Trim(""), "");
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

TEST(Text, NormalizersKeepWhatTheyDoNotChange) {
    EXPECT_EQ(NormalizeWidth("第１２村，张某某户：Ａ"), "第12村,张某某户:A");
    EXPECT_EQ(NormalizeWidth("plain ascii 中文"), "plain ascii 中文");
    EXPECT_EQ(NormalizeWidth("a\xC4\xE3z"), "a\xEF\xBF\xBD\xEF\xBF\xBDz");  // invalid bytes: U+FFFD each
    EXPECT_EQ(NormalizeWidth("\xEF\xBF\xBD"), "\xEF\xBF\xBD");                // a real U+FFFD stays
    EXPECT_EQ(NormalizeKey(" 完成\xE3\x80\x80时限（ＡＢc） "), "完成时限(abc)");
    EXPECT_EQ(NormalizeKey("\xC2\xA0UUID\xE2\x80\x8B"), "uuid");
    EXPECT_EQ(NormalizeKey(""), "");
}

TEST(Text, FindBytesGivesPositionsFromAStart) {
    const std::string s = "ab安ab安";
    EXPECT_EQ(FindBytes(s, "安"), 2u);
    EXPECT_EQ(FindBytes(s, "安", 3), 7u);
    EXPECT_EQ(FindBytes(s, "ab", 1), 5u);
    EXPECT_EQ(FindBytes(s, "安", 8), std::string_view::npos);
    EXPECT_EQ(FindBytes(s, "", 4), 4u);
    EXPECT_EQ(FindBytes(s, "x", 100), std::string_view::npos) << "from past the end";
    EXPECT_EQ(FindBytes(s, "ab安", 6), std::string_view::npos) << "longer than what is left";
}

TEST(Text, ContainsBytesFindsByTheLastByte) {
    EXPECT_TRUE(ContainsBytes("住房未进行安全鉴定", "安全鉴定"));
    EXPECT_TRUE(ContainsBytes("安全鉴定", "安全鉴定")) << "whole haystack";
    EXPECT_TRUE(ContainsBytes("安全", "安")) << "at the start";
    EXPECT_TRUE(ContainsBytes("鉴定安全", "全")) << "at the end";
    EXPECT_FALSE(ContainsBytes("安全", "安全鉴定")) << "longer than the haystack";
    EXPECT_FALSE(ContainsBytes("全安", "安全"));
    EXPECT_TRUE(ContainsBytes("aab", "ab")) << "a false start on the last byte's neighbour";
    EXPECT_TRUE(ContainsBytes("abbb", "bb"));
    EXPECT_FALSE(ContainsBytes("ba", "ab"));
    EXPECT_TRUE(ContainsBytes("", ""));
    EXPECT_TRUE(ContainsBytes("x", ""));
    EXPECT_FALSE(ContainsBytes("", "x"));
    // The last byte found in the first k bytes must not be compared before the start.
    EXPECT_FALSE(ContainsBytes(std::string("\xAE") + "xyz", "\xE5\xAE"));
}

// Eight bytes at a time must change exactly A-Z, at every position and next
// to any other byte (a carry between bytes would show here).
TEST(Text, LowerAsciiInPlaceChangesExactlyAToZ) {
    for (int v = 0; v < 256; ++v)
        for (int w : {0x00, 0x40, 0x41, 0x5A, 0x5B, 0x7F, 0x80, 0xC1, 0xDA, 0xFF})
            for (size_t at = 0; at < 19; ++at) {
                std::string s(19, char(w));
                s[at] = char(v);
                std::string expected = s;
                for (char& c : expected)
                    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
                LowerAsciiInPlace(s.data(), s.size());
                ASSERT_EQ(s, expected) << "byte " << v << " at " << at << " among " << w;
            }
    std::string mixed = "ABC问题Z整改xyz@[`{";
    LowerAsciiInPlace(mixed.data(), mixed.size());
    EXPECT_EQ(mixed, "abc问题z整改xyz@[`{");
}

// The byte search (memchr for the needle's last byte, then a compare) against
// std::string_view::find on text whose bytes repeat, so that matches sit at
// every offset, next to bytes one above and below the ones sought.
TEST(Text, FindBytesAgreesWithFindEverywhere) {
    const char alphabet[] = {'a', 'b', '\x00', '\x01', '\x7f', '\x80', '\x81', '\xe5', '\xae', '\x89', '\xff'};
    unsigned seed = 11;
    auto rnd = [&](unsigned k) { seed = seed * 1103515245u + 12345u; return (seed >> 8) % k; };
    for (int trial = 0; trial < 20000; ++trial) {
        std::string hay(rnd(40), ' '), needle(1 + rnd(3), ' ');
        for (char& c : hay) c = alphabet[rnd(sizeof alphabet)];
        for (char& c : needle) c = alphabet[rnd(4) == 0 ? rnd(sizeof alphabet) : rnd(3) + 7];
        const size_t from = rnd(unsigned(hay.size()) + 2);
        const size_t want = from > hay.size() ? std::string_view::npos : std::string_view(hay).find(needle, from);
        ASSERT_EQ(FindBytes(hay, needle, from), want) << trial;
    }
}

TEST(Text, JoinListUsesTheEnumerationComma) {
    EXPECT_EQ(htk::JoinList({}), "");
    EXPECT_EQ(htk::JoinList({"甲"}), "甲");
    EXPECT_EQ(htk::JoinList({"甲", "乙", "丙"}), "甲、乙、丙");
}
