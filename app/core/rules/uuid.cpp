#include "uuid.h"

#include <cctype>
#include <cstdio>
#include <random>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace htk {
namespace {

// 128 bits as an RFC 4122 UUID of the given version (4: random, 8: derived).
std::string FormatUuid(uint64_t a, uint64_t b, unsigned version) {
    a = (a & 0xFFFFFFFFFFFF0FFFull) | (uint64_t(version) << 12);
    b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // the RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(a >> 32), unsigned(a >> 16 & 0xFFFF),
                  unsigned(a & 0xFFFF), unsigned(b >> 48), (unsigned long long)(b & 0xFFFFFFFFFFFFull));
    return buf;
}

}  // namespace

std::string NewUuid() {
    // random_device reads the system's entropy (crypto.getRandomValues in the browser).
    static std::mt19937_64 gen{(uint64_t(std::random_device{}()) << 32) ^ std::random_device{}()};
    return FormatUuid(gen(), gen(), 4);
}

std::string ContentUuid(const std::string& key) {
    const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
    return FormatUuid(h.high64, h.low64, 8);
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
