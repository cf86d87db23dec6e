// The fprintf libxlsxwriter writes through (formats/xlsxwriter_io.h) writes
// exactly what the C library's would.
#include "formats/memory_file.h"
#include "formats/xlsxwriter_io.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <string>

namespace {

// What `write` put in a fresh memory file, and what it returned.
template <typename F>
std::string Written(F write, int* returned = nullptr) {
    FILE* f = htk_memory_tmpfile();
    EXPECT_NE(f, nullptr);
    int n = write(f);
    if (returned) *returned = n;
    std::fflush(f);
    std::rewind(f);
    std::string out;
    char buf[4096];
    for (size_t got; (got = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, got);
    std::fclose(f);
    return out;
}

}  // namespace

// Both functions on the same arguments: the same bytes and the same count.
#define EXPECT_SAME_AS_FPRINTF(...)                                                                   \
    do {                                                                                              \
        int ours = 0, theirs = 0;                                                                     \
        std::string a = Written([&](FILE* f) { return htk_xlsx_fprintf(f, __VA_ARGS__); }, &ours);   \
        std::string b = Written([&](FILE* f) { return std::fprintf(f, __VA_ARGS__); }, &theirs);     \
        EXPECT_EQ(a, b);                                                                              \
        EXPECT_EQ(ours, theirs);                                                                      \
    } while (0)

TEST(XlsxwriterIo, FprintfWritesWhatTheCLibraryWould) {
    const std::string long_text(5000, 'x');  // longer than the function's own buffer
    EXPECT_SAME_AS_FPRINTF("<c r=\"%s\" s=\"%d\" t=\"inlineStr\"><is><t>%s</t></is></c>", "A12", 7, "问题表述");
    EXPECT_SAME_AS_FPRINTF("<c r=\"%s\" s=\"%d\"><v>%s</v></c>", "XFD1048576", INT_MIN, "45000");
    EXPECT_SAME_AS_FPRINTF("100%% <%s>%d", "问题表述", -42);
    EXPECT_SAME_AS_FPRINTF("%s%d%s", long_text.c_str(), INT_MAX, long_text.c_str());
    EXPECT_SAME_AS_FPRINTF("<?xml version=\"1.0\"?>\n");
    EXPECT_SAME_AS_FPRINTF("%s %5d|%-3d|%.16G", "not %s/%d alone: vfprintf", 12, 3, 45000.5);
}
