// image_chunks.h — which parts of the database image changed since it was
// last stored, so that a save writes only those.
//
// The image is cut into fixed chunks, each with a 64-bit hash (XXH64: XXH3's
// 128-bit multiplies are slow in wasm32, XXH64 hashes 90 MB in ~10 ms there). A small
// edit touches a few SQLite pages, so of a district's 90 MB image a save
// writes a few chunks instead of all of it. The stored hashes are also the
// checksum read back at start: a chunk that does not hash to its stored
// value is damaged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace htk {

// 256 KB. Chromium keeps an IndexedDB value over 64 KB as a file of its own;
// smaller chunks stay inside its LevelDB, which reads a district's database
// back much more slowly and saves no faster (docs/PERFORMANCE.md). A
// generation records the size it was cut with, so a later build may choose
// another.
constexpr size_t kImageChunkSize = 256 * 1024;

struct ChunkPlan {
    std::vector<uint64_t> hashes;   // one per chunk of the image (the last may be short)
    std::vector<uint32_t> changed;  // chunks whose hash differs from the stored one, ascending
};

// Hashes every chunk of data[0, size) and lists those that differ from
// `stored` (the hashes of the image last stored, cut the same way) or lie
// beyond its end.
ChunkPlan PlanChunks(const uint8_t* data, size_t size, const std::vector<uint64_t>& stored,
                     size_t chunk_size = kImageChunkSize);

// True when data[0, size), cut into chunks of chunk_size, has exactly the
// chunk hashes `stored`.
bool ChunksMatch(const uint8_t* data, size_t size, const std::vector<uint64_t>& stored, size_t chunk_size);

}  // namespace htk
