#include "storage/image_chunks.h"

#include <gtest/gtest.h>

#include <vector>

using namespace htk;

namespace {
std::vector<uint8_t> Image(size_t size) {
    std::vector<uint8_t> v(size);
    for (size_t i = 0; i < size; ++i) v[i] = uint8_t(i * 31 + (i >> 11));
    return v;
}
}  // namespace

TEST(ImageChunks, FirstSaveWritesEveryChunk) {
    const auto img = Image(3 * kImageChunkSize + 100);
    const ChunkPlan p = PlanChunks(img.data(), img.size(), {});
    EXPECT_EQ(p.hashes.size(), 4u) << "the short last chunk counts";
    EXPECT_EQ(p.changed, (std::vector<uint32_t>{0, 1, 2, 3}));
}

TEST(ImageChunks, OnlyTheChunkWithTheEditedByteChanges) {
    auto img = Image(4 * kImageChunkSize);
    const ChunkPlan before = PlanChunks(img.data(), img.size(), {});
    EXPECT_TRUE(PlanChunks(img.data(), img.size(), before.hashes).changed.empty());
    img[2 * kImageChunkSize + 17] ^= 1;
    EXPECT_EQ(PlanChunks(img.data(), img.size(), before.hashes).changed, (std::vector<uint32_t>{2}));
    EXPECT_FALSE(ChunksMatch(img.data(), img.size(), before.hashes, kImageChunkSize));
}

TEST(ImageChunks, GrowingAndShrinking) {
    auto img = Image(2 * kImageChunkSize);
    const ChunkPlan two = PlanChunks(img.data(), img.size(), {});
    img.resize(3 * kImageChunkSize + 1, 7);
    const ChunkPlan grown = PlanChunks(img.data(), img.size(), two.hashes);
    EXPECT_EQ(grown.changed, (std::vector<uint32_t>{2, 3})) << "new pages at the end";
    img.resize(2 * kImageChunkSize);
    const ChunkPlan shrunk = PlanChunks(img.data(), img.size(), grown.hashes);
    EXPECT_TRUE(shrunk.changed.empty());
    EXPECT_EQ(shrunk.hashes.size(), 2u) << "fewer chunks: the stored list is cut";
    EXPECT_FALSE(ChunksMatch(img.data(), img.size(), grown.hashes, kImageChunkSize)) << "a missing tail is not a match";
    EXPECT_TRUE(ChunksMatch(img.data(), img.size(), two.hashes, kImageChunkSize));
}

TEST(ImageChunks, EmptyImage) {
    const ChunkPlan p = PlanChunks(nullptr, 0, {1, 2});
    EXPECT_TRUE(p.hashes.empty());
    EXPECT_TRUE(p.changed.empty());
    EXPECT_FALSE(ChunksMatch(nullptr, 0, {1}, kImageChunkSize));
}

// A generation stored by a build with another chunk size is checked with its
// own size; its hashes say nothing about chunks of ours.
TEST(ImageChunks, AGenerationIsCheckedWithTheSizeItWasCutWith) {
    constexpr size_t kOld = 64 * 1024;
    static_assert(kOld != kImageChunkSize);
    auto img = Image(2 * kOld + 5);
    const ChunkPlan old = PlanChunks(img.data(), img.size(), {}, kOld);
    EXPECT_EQ(old.hashes.size(), 3u);
    EXPECT_TRUE(ChunksMatch(img.data(), img.size(), old.hashes, kOld));
    EXPECT_FALSE(ChunksMatch(img.data(), img.size(), old.hashes, kImageChunkSize));
    EXPECT_FALSE(ChunksMatch(img.data(), img.size(), old.hashes, 0)) << "a damaged manifest";
    img[kOld + 3] ^= 1;
    EXPECT_FALSE(ChunksMatch(img.data(), img.size(), old.hashes, kOld));
}
