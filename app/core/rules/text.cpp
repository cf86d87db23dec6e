#include "text.h"

#include <cctype>

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
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

namespace {

bool IsSpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x3000 ||
           cp == 0xA0 || cp == 0xFEFF || cp == 0x200B;
}

}  // namespace

std::string Trim(std::string_view s) {
    // Find the first and last non-space code points.
    size_t i = 0, first = std::string_view::npos, last_end = 0;
    while (i < s.size()) {
        size_t at = i;
        char32_t cp = NextCodePoint(s, i);
        if (!IsSpace(cp)) {
            if (first == std::string_view::npos) first = at;
            last_end = i;
        }
    }
    if (first == std::string_view::npos) return "";
    return std::string(s.substr(first, last_end - first));
}

std::string NormalizeWidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        char32_t cp = NextCodePoint(s, i);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        else if (cp == 0x3000) cp = ' ';
        AppendUtf8(out, cp);
    }
    return out;
}

std::string NormalizeKey(std::string_view s) {
    std::string out;
    std::string w = NormalizeWidth(s);
    size_t i = 0;
    while (i < w.size()) {
        char32_t cp = NextCodePoint(w, i);
        if (IsSpace(cp)) continue;
        if (cp < 0x80) cp = char32_t(std::tolower(int(cp)));
        AppendUtf8(out, cp);
    }
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

}  // namespace htk
