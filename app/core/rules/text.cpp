#include "text.h"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace htk {

char32_t NextCodePoint(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + size_t(n) >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += size_t(n) + 1;
    return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
    // One append per code point: std::string's single-char calls are not
    // inlined in the wasm build's libc++ and showed up in import profiles.
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = char(cp);
        n = 1;
    } else if (cp < 0x800) {
        b[0] = char(0xC0 | (cp >> 6));
        b[1] = char(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = char(0xE0 | (cp >> 12));
        b[1] = char(0x80 | ((cp >> 6) & 0x3F));
        b[2] = char(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = char(0xF0 | (cp >> 18));
        b[1] = char(0x80 | ((cp >> 12) & 0x3F));
        b[2] = char(0x80 | ((cp >> 6) & 0x3F));
        b[3] = char(0x80 | (cp & 0x3F));
        n = 4;
    }
    out.append(b, n);
}

namespace {

bool IsSpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x3000 ||
           cp == 0xA0 || cp == 0xFEFF || cp == 0x200B;
}

// Full-width ASCII (U+FF01..U+FF5E) to ASCII, U+3000 to a space.
char32_t HalfWidth(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    return cp == 0x3000 ? U' ' : cp;
}

// NextCodePoint() read `bytes` bytes and gave `cp`: was it a replacement for
// invalid input (a real U+FFFD is three bytes)?
bool IsInvalid(char32_t cp, size_t bytes) { return cp == 0xFFFD && bytes != 3; }

}  // namespace

namespace {

// Length of the space (as IsSpace) that starts at s[i], or 0.
size_t SpaceAt(std::string_view s, size_t i) {
    size_t save = i;
    char32_t cp = NextCodePoint(s, i);
    return IsSpace(cp) ? i - save : 0;
}

// Length of the space that ends just before s[end], or 0. Spaces are at most
// three bytes long, so only the last three bytes need looking at.
size_t SpaceBefore(std::string_view s, size_t end) {
    for (size_t n = 1; n <= 3 && n <= end; ++n) {
        unsigned char c = static_cast<unsigned char>(s[end - n]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: go back further
        return SpaceAt(s, end - n) == n ? n : 0;
    }
    return 0;
}

}  // namespace

std::string Trim(std::string_view s) {
    // Only the ends are looked at: most text has nothing to trim.
    size_t begin = 0, end = s.size();
    while (begin < end) {
        size_t n = SpaceAt(s, begin);
        if (!n) break;
        begin += n;
    }
    while (end > begin) {
        size_t n = SpaceBefore(s, end);
        if (!n) break;
        end -= n;
    }
    return std::string(s.substr(begin, end - begin));
}

// Both normalisers copy unchanged stretches of the input in one piece and only
// re-encode what changes; they run over every cell of an import.

std::string NormalizeWidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0, copied = 0;
    while (i < s.size()) {
        size_t at = i;
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = NextCodePoint(s, i);
        char32_t to = HalfWidth(cp);
        if (to == cp && !IsInvalid(cp, i - at)) continue;
        out.append(s.data() + copied, at - copied);
        AppendUtf8(out, to);
        copied = i;
    }
    out.append(s.data() + copied, s.size() - copied);
    return out;
}

std::string NormalizeKey(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0, copied = 0;
    while (i < s.size()) {
        size_t at = i;
        char32_t cp, to;
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            cp = char32_t(s[i++]);
            to = cp;
        } else {
            cp = NextCodePoint(s, i);
            to = HalfWidth(cp);
        }
        if (to >= 'A' && to <= 'Z') to += 'a' - 'A';
        bool space = IsSpace(to);
        if (to == cp && !space && !IsInvalid(cp, i - at)) continue;
        out.append(s.data() + copied, at - copied);
        if (!space) AppendUtf8(out, to);
        copied = i;
    }
    out.append(s.data() + copied, s.size() - copied);
    return out;
}

bool IsValidUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (n < 0 || i + size_t(n) >= s.size()) return false;
        char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= n; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += size_t(n) + 1;
    }
    return true;
}

size_t Utf8Length(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string CollapseSpaces(std::string_view s) {
    std::string out;
    bool space = false;
    size_t i = 0;
    while (i < s.size()) {
        char32_t cp = NextCodePoint(s, i);
        if (IsSpace(cp)) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        AppendUtf8(out, cp);
    }
    return out;
}

bool ContainsBytes(std::string_view haystack, std::string_view needle) {
    return FindBytes(haystack, needle) != std::string_view::npos;
}

// Eight bytes at a time (wasm has no vectors here; a byte loop is a large
// part of building a big ledger's search index). In each byte: below 0x80, at least
// 'A', at most 'Z' -> add 0x20.
void LowerAsciiInPlace(char* s, size_t n) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        std::memcpy(&x, s + i, 8);
        const uint64_t low7 = x & ~kHigh;
        const uint64_t at_least_a = low7 + (0x80 - 'A') * kOnes;  // high bit: byte >= 'A'
        const uint64_t above_z = low7 + (0x80 - 'Z' - 1) * kOnes;  // high bit: byte > 'Z'
        const uint64_t upper = at_least_a & ~above_z & ~x & kHigh;
        x |= upper >> 2;  // 0x80 >> 2 = 0x20
        std::memcpy(s + i, &x, 8);
    }
    for (; i < n; ++i)
        if (s[i] >= 'A' && s[i] <= 'Z') s[i] = char(s[i] - 'A' + 'a');
}

size_t FindBytes(std::string_view haystack, std::string_view needle, size_t from) {
    if (from > haystack.size()) return std::string_view::npos;
    if (needle.empty()) return from;
    if (needle.size() > haystack.size() - from) return std::string_view::npos;
    const size_t k = needle.size() - 1;
    const char* p = haystack.data() + from + k;
    const char* const end = haystack.data() + haystack.size();
    while (p < end) {
        p = static_cast<const char*>(std::memchr(p, needle.back(), size_t(end - p)));
        if (!p) return std::string_view::npos;
        if (std::memcmp(p - k, needle.data(), k) == 0) return size_t(p - k - haystack.data());
        ++p;
    }
    return std::string_view::npos;
}

std::string JoinList(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += "、";
        out += items[i];
    }
    return out;
}

}  // namespace htk
