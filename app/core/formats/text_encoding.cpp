#include "text_encoding.h"

#include "rules/text.h"

#include <iconv.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace htk {
namespace {

// Two-byte codes: lead 0x81-0xFE, trail 0x40-0xFE (not 0x7F).
constexpr int kTwoByteSpan = 0xFE - 0x40 + 1;
// Four-byte BMP codes: 0x81-0x84, 0x30-0x39, 0x81-0xFE, 0x30-0x39.
constexpr int kFourByteBmpCount = 4 * 10 * 126 * 10;

struct Tables {
    std::vector<char32_t> two;   // (lead-0x81)*kTwoByteSpan + (trail-0x40) -> code point, 0 = invalid
    std::vector<char32_t> four;  // linear four-byte index (BMP part) -> code point, 0 = invalid
    std::unordered_map<char32_t, uint32_t> reverse;  // code point -> GB18030 bytes, big-endian packed
};

// Asks iconv for one code; 0 when it is not a valid character.
char32_t IconvOne(iconv_t cd, const unsigned char* bytes, size_t len) {
    char in[4], out[8];
    for (size_t i = 0; i < len; ++i) in[i] = char(bytes[i]);
    char* ip = in;
    char* op = out;
    size_t il = len, ol = sizeof out;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    if (iconv(cd, &ip, &il, &op, &ol) == size_t(-1) || il != 0 || op == out) return 0;
    size_t at = 0;
    return NextCodePoint(std::string_view(out, size_t(op - out)), at);
}

const Tables& GetTables() {
    static Tables t = [] {
        Tables t;
        t.two.assign(size_t(126 * kTwoByteSpan), 0);
        t.four.assign(kFourByteBmpCount, 0);
        iconv_t cd = iconv_open("UTF-8", "GB18030");
        if (cd == iconv_t(-1)) return t;
        unsigned char b[4];
        for (int lead = 0x81; lead <= 0xFE; ++lead)
            for (int trail = 0x40; trail <= 0xFE; ++trail) {
                if (trail == 0x7F) continue;
                b[0] = uint8_t(lead);
                b[1] = uint8_t(trail);
                char32_t cp = IconvOne(cd, b, 2);
                t.two[size_t((lead - 0x81) * kTwoByteSpan + (trail - 0x40))] = cp;
                if (cp) t.reverse.emplace(cp, uint32_t(lead << 8 | trail));
            }
        iconv_close(cd);
        // GB18030-2005 swapped one pair against 2000: A8BC became U+1E3F and
        // U+E7C7 took U+1E3F's four-byte slot (8135F437). Rank as in 2000.
        auto a8bc = t.reverse.find(0x1E3F);
        const bool swapped = a8bc != t.reverse.end() && a8bc->second == 0xA8BC;
        int i = 0;
        for (char32_t cp = 0x80; cp <= 0xFFFF && i < kFourByteBmpCount; ++cp) {
            bool two_byte = t.reverse.count(cp) != 0;
            if (swapped && cp == 0x1E3F) two_byte = false;
            if (swapped && cp == 0xE7C7) two_byte = true;
            if ((cp >= 0xD800 && cp <= 0xDFFF) || two_byte) continue;
            const char32_t mapped = swapped && cp == 0x1E3F ? char32_t(0xE7C7) : cp;
            t.four[size_t(i)] = mapped;
            b[0] = uint8_t(0x81 + i / 12600);
            b[1] = uint8_t(0x30 + i / 1260 % 10);
            b[2] = uint8_t(0x81 + i / 10 % 126);
            b[3] = uint8_t(0x30 + i % 10);
            t.reverse.emplace(mapped, uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3]);
            ++i;
        }
        return t;
    }();
    return t;
}

}  // namespace

bool DecodeGb18030(std::string_view s, std::string* utf8, size_t* bad_offset) {
    const Tables& t = GetTables();
    std::string out;
    out.reserve(s.size() * 3 / 2);
    size_t i = 0;
    auto bad = [&](size_t at) {
        if (bad_offset) *bad_offset = at;
        return false;
    };
    while (i < s.size()) {
        uint8_t c = uint8_t(s[i]);
        if (c < 0x80) {
            out += char(c);
            ++i;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= s.size()) return bad(i);
        uint8_t c2 = uint8_t(s[i + 1]);
        if (c2 >= 0x30 && c2 <= 0x39) {  // four-byte
            if (i + 3 >= s.size()) return bad(i);
            uint8_t c3 = uint8_t(s[i + 2]), c4 = uint8_t(s[i + 3]);
            if (c3 < 0x81 || c3 > 0xFE || c4 < 0x30 || c4 > 0x39) return bad(i);
            int linear = (((c - 0x81) * 10 + (c2 - 0x30)) * 126 + (c3 - 0x81)) * 10 + (c4 - 0x30);
            char32_t cp = 0;
            if (c <= 0x84) {
                cp = t.four[size_t(linear)];
            } else if (c >= 0x90 && c <= 0xE3) {
                // Supplementary planes: linear from 0x90308130, which is U+10000.
                int sup = linear - ((((0x90 - 0x81) * 10) * 126) * 10);
                cp = sup <= 0x10FFFF - 0x10000 ? char32_t(0x10000 + sup) : 0;
            }
            if (!cp) return bad(i);
            AppendUtf8(out, cp);
            i += 4;
            continue;
        }
        if (c2 < 0x40 || c2 == 0x7F || c2 == 0xFF) return bad(i);
        char32_t cp = t.two[size_t((c - 0x81) * kTwoByteSpan + (c2 - 0x40))];
        if (!cp) return bad(i);
        AppendUtf8(out, cp);
        i += 2;
    }
    *utf8 = std::move(out);
    return true;
}

std::string EncodeGb18030(std::string_view s) {
    const Tables& t = GetTables();
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        char32_t cp = NextCodePoint(s, i);  // invalid bytes arrive as U+FFFD
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp >= 0x10000 && cp <= 0x10FFFF) {
            int linear = int(cp - 0x10000);
            out += char(0x90 + linear / 12600);
            out += char(0x30 + linear / 1260 % 10);
            out += char(0x81 + linear / 10 % 126);
            out += char(0x30 + linear % 10);
        } else {
            auto it = t.reverse.find(cp);
            if (it == t.reverse.end()) {
                out += '?';
            } else if (it->second > 0xFFFF) {
                for (int k = 3; k >= 0; --k) out += char((it->second >> (8 * k)) & 0xFF);
            } else {
                out += char(it->second >> 8);
                out += char(it->second & 0xFF);
            }
        }
    }
    return out;
}

DecodedText DecodeTextAuto(std::string_view bytes) {
    DecodedText r;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        r.encoding = TextEncoding::kUtf8Bom;
        bytes.remove_prefix(3);
        if (!IsValidUtf8(bytes)) {
            r.error = "文件标明是 UTF-8 编码，但其中有无效字节，可能已损坏";
            return r;
        }
        r.utf8 = std::string(bytes);
        r.ok = true;
        return r;
    }
    if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
        bool le = bytes[0] == '\xFF';
        r.encoding = TextEncoding::kUtf16;
        for (size_t i = 2; i + 1 < bytes.size(); i += 2) {
            char32_t u = le ? (uint8_t(bytes[i]) | uint8_t(bytes[i + 1]) << 8)
                            : (uint8_t(bytes[i]) << 8 | uint8_t(bytes[i + 1]));
            if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
                char32_t lo = le ? (uint8_t(bytes[i + 2]) | uint8_t(bytes[i + 3]) << 8)
                                 : (uint8_t(bytes[i + 2]) << 8 | uint8_t(bytes[i + 3]));
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                }
            }
            AppendUtf8(r.utf8, u);
        }
        r.ok = true;
        return r;
    }
    if (IsValidUtf8(bytes)) {
        r.utf8 = std::string(bytes);
        r.ok = true;
        return r;
    }
    size_t bad = 0;
    r.encoding = TextEncoding::kGb18030;
    if (!DecodeGb18030(bytes, &r.utf8, &bad)) {
        r.utf8.clear();
        r.error = "无法识别文件的文字编码（既不是 UTF-8 也不是 GB18030/GBK），第 " + std::to_string(bad + 1) +
                  " 个字节处无效";
        return r;
    }
    r.ok = true;
    return r;
}

}  // namespace htk
