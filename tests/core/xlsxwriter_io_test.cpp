// The fprintf libxlsxwriter writes through (formats/xlsxwriter_io.h) writes
// exactly what the C library's would.
#include "formats/memory_file.h"
#include "formats/xlsxwriter_io.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdio>
#include <cstring>
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

TEST(XlsxwriterIo, SnprintfWritesWhatTheCLibraryWould) {
    struct Case {
        size_t size;
        const char* format;
        const char* s;
        int d;
    };
    const Case cases[] = {{32, "%s%d", "XFD", 1048576}, {4, "%s%d", "AB", 12345}, {1, "%d", "", 7},
                          {0, "%s", "abc", 0},          {16, "rId%d", "", -3},   {16, "%06X|%s", "x", 255}};
    for (const Case& c : cases) {
        char ours[40], theirs[40];
        std::memset(ours, '#', sizeof ours);
        std::memset(theirs, '#', sizeof theirs);
        int a = 0, b = 0;
        if (std::string(c.format) == "%06X|%s") {
            a = htk_xlsx_snprintf(ours, c.size, c.format, c.d, c.s);
            b = std::snprintf(theirs, c.size, c.format, c.d, c.s);
        } else if (std::string(c.format) == "%s%d") {
            a = htk_xlsx_snprintf(ours, c.size, c.format, c.s, c.d);
            b = std::snprintf(theirs, c.size, c.format, c.s, c.d);
        } else if (std::string(c.format) == "%s") {
            a = htk_xlsx_snprintf(ours, c.size, c.format, c.s);
            b = std::snprintf(theirs, c.size, c.format, c.s);
        } else {
            a = htk_xlsx_snprintf(ours, c.size, c.format, c.d);
            b = std::snprintf(theirs, c.size, c.format, c.d);
        }
        EXPECT_EQ(a, b) << c.format << " " << c.size;
        EXPECT_EQ(std::string(ours, sizeof ours), std::string(theirs, sizeof theirs)) << c.format << " " << c.size;
    }
}
