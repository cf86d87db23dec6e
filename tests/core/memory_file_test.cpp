#include "formats/memory_file.h"

#include <gtest/gtest.h>

#include <string>

// libxlsxwriter uses the file as it would a tmpfile(): write, rewind, read.
TEST(MemoryFile, WriteRewindRead) {
    FILE* f = htk_memory_tmpfile();
    ASSERT_NE(f, nullptr);
    std::string big;
    for (int i = 0; i < 300000; ++i) big += "<c r=\"A" + std::to_string(i) + "\"/>";  // > 1 block
    ASSERT_EQ(std::fwrite(big.data(), 1, big.size(), f), big.size());
    std::fprintf(f, "%s%d", "end", 42);
    std::fflush(f);
    std::rewind(f);
    std::string back(big.size() + 5, '\0');
    ASSERT_EQ(std::fread(&back[0], 1, back.size(), f), back.size());
    EXPECT_EQ(back, big + "end42");
    char extra;
    EXPECT_EQ(std::fread(&extra, 1, 1, f), 0u);
    EXPECT_TRUE(std::feof(f));
    EXPECT_EQ(std::fclose(f), 0);
}

TEST(MemoryFile, SeekOverwriteAndWritePastTheEnd) {
    FILE* f = htk_memory_tmpfile();
    ASSERT_NE(f, nullptr);
    std::fputs("abcdef", f);
    std::fseek(f, 2, SEEK_SET);
    std::fputs("XY", f);
    std::fseek(f, 3, SEEK_END);  // a gap of three bytes reads as zeros
    std::fputs("Z", f);
    std::fflush(f);
    EXPECT_EQ(std::ftell(f), 10);
    std::rewind(f);
    char buf[16] = {};
    ASSERT_EQ(std::fread(buf, 1, sizeof buf, f), 10u);
    EXPECT_EQ(std::string(buf, 10), std::string("abXYef\0\0\0Z", 10));
    std::fclose(f);
}

// Read once: what a read has passed is freed (a 25 MB sheet is not held
// twice while it is copied or zipped); going back finds nothing.
TEST(MemoryFile, ReadingFreesWhatItPassed) {
    FILE* f = htk_memory_tmpfile();
    ASSERT_NE(f, nullptr);
    const std::string big(3 << 20, 'x');  // three blocks
    ASSERT_EQ(std::fwrite(big.data(), 1, big.size(), f), big.size());
    std::rewind(f);
    std::string back(big.size(), '\0');
    ASSERT_EQ(std::fread(&back[0], 1, back.size(), f), back.size());
    EXPECT_EQ(back, big);
    std::rewind(f);
    char c;
    EXPECT_EQ(std::fread(&c, 1, 1, f), 0u);
    EXPECT_EQ(std::fclose(f), 0);
}
