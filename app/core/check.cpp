#include "check.h"

#include <cstdio>
#include <cstdlib>

namespace htk {

void CheckFailed(const char* file, int line, const char* condition, std::string_view detail) {
    if (detail.empty())
        std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, condition);
    else
        std::fprintf(stderr, "%s:%d: check failed: %s (%.*s)\n", file, line, condition, int(detail.size()),
                     detail.data());
    std::fflush(stderr);
    std::abort();
}

}  // namespace htk
