#include "image_chunks.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>

namespace htk {

ChunkPlan PlanChunks(const uint8_t* data, size_t size, const std::vector<uint64_t>& stored) {
    ChunkPlan plan;
    const size_t count = (size + kImageChunkSize - 1) / kImageChunkSize;
    plan.hashes.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const size_t at = i * kImageChunkSize, len = std::min(kImageChunkSize, size - at);
        plan.hashes[i] = XXH64(data + at, len, 0);
        if (i >= stored.size() || stored[i] != plan.hashes[i]) plan.changed.push_back(uint32_t(i));
    }
    return plan;
}

bool ChunksMatch(const uint8_t* data, size_t size, const std::vector<uint64_t>& stored) {
    const ChunkPlan plan = PlanChunks(data, size, stored);
    return plan.changed.empty() && plan.hashes.size() == stored.size();
}

}  // namespace htk
