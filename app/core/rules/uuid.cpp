#include "uuid.h"

#include <cctype>
#include <cstdio>
#include <random>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace htk {

std::string NewUuid() {
    // random_device reads the system's entropy (crypto.getRandomValues in the browser).
    static std::mt19937_64 gen{(uint64_t(std::random_device{}()) << 32) ^ std::random_device{}()};
    uint64_t a = gen(), b = gen();
    a = (a & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
    b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(a >> 32), unsigned(a >> 16 & 0xFFFF),
                  unsigned(a & 0xFFFF), unsigned(b >> 48), (unsigned long long)(b & 0xFFFFFFFFFFFFull));
    return buf;
}

std::string ContentUuid(const std::string& key) {
    const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
    uint64_t a = h.high64, b = h.low64;
    a = (a & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000008000ull;  // version 8
    b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(a >> 32), unsigned(a >> 16 & 0xFFFF),
                  unsigned(a & 0xFFFF), unsigned(b >> 48), (unsigned long long)(b & 0xFFFFFFFFFFFFull));
    return buf;
}

bool IsContentUuid(const std::string& s) { return IsUuid(s) && s[14] == '8'; }

bool IsUuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

}  // namespace htk
