// text.h — small UTF-8 text helpers shared by validation and import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace htk {

// Removes leading/trailing ASCII whitespace, U+3000 (ideographic space),
// U+00A0 (no-break space) and U+FEFF (BOM / zero-width no-break space).
std::string Trim(std::string_view s);
// Full-width ASCII (Ａ１，：) becomes half-width, U+3000 becomes a space.
std::string NormalizeWidth(std::string_view s);
// For comparing labels typed by people: width-normalised, every kind of
// space removed, ASCII lower-cased. "问题 类型" == "问题类型".
std::string NormalizeKey(std::string_view s);
bool IsValidUtf8(std::string_view s);
// Number of code points.
size_t Utf8Length(std::string_view s);
// Joins the items of a Chinese list with 、: {"甲", "乙"} -> "甲、乙".
std::string JoinList(const std::vector<std::string>& items);
// Collapses runs of whitespace inside a one-line field to a single space.
std::string CollapseSpaces(std::string_view s);

// Decodes the code point at s[i] and advances i; invalid bytes give U+FFFD.
char32_t NextCodePoint(std::string_view s, size_t& i);
// Whether `needle` occurs in `haystack` (bytes; true for an empty needle).
// Looks for the needle's last byte first: in UTF-8 Chinese that is a
// continuation byte, about 1 byte in 100, where the lead byte (what
// std::string::find and memmem start from) is 1 in 3.
bool ContainsBytes(std::string_view haystack, std::string_view needle);
// Where `needle` first occurs in `haystack` at or after `from` (the same
// search), or std::string_view::npos.
size_t FindBytes(std::string_view haystack, std::string_view needle, size_t from = 0);
void AppendUtf8(std::string& out, char32_t cp);
// A-Z to a-z in place; every other byte (UTF-8's are all 0x80 or above) kept.
void LowerAsciiInPlace(char* s, size_t n);

}  // namespace htk
