#include "image_chunks.h"

#include "check.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>

namespace htk {

ChunkPlan PlanChunks(const uint8_t* data, size_t size, const std::vector<uint64_t>& stored, size_t chunk_size) {
    HTK_CHECK(chunk_size > 0);
    ChunkPlan plan;
    const size_t count = (size + chunk_size - 1) / chunk_size;
    plan.hashes.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const size_t at = i * chunk_size, len = std::min(chunk_size, size - at);
        plan.hashes[i] = XXH64(data + at, len, 0);
        if (i >= stored.size() || stored[i] != plan.hashes[i]) plan.changed.push_back(uint32_t(i));
    }
    return plan;
}

bool ChunksMatch(const uint8_t* data, size_t size, const std::vector<uint64_t>& stored, size_t chunk_size) {
    if (chunk_size == 0) return false;  // a damaged manifest
    const ChunkPlan plan = PlanChunks(data, size, stored, chunk_size);
    return plan.changed.empty() && plan.hashes.size() == stored.size();
}

}  // namespace htk
