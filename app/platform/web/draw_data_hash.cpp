#include "draw_data_hash.h"

#include <imgui.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace htk::web {

uint64_t DrawDataHash(const ImDrawData& data) {
    XXH64_state_t state;
    XXH64_reset(&state, 0);
    const float frame[6] = {data.DisplayPos.x, data.DisplayPos.y, data.DisplaySize.x, data.DisplaySize.y,
                            data.FramebufferScale.x, data.FramebufferScale.y};
    XXH64_update(&state, frame, sizeof frame);
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImDrawList& list = *data.CmdLists[i];
        XXH64_update(&state, list.VtxBuffer.Data, size_t(list.VtxBuffer.size_in_bytes()));
        XXH64_update(&state, list.IdxBuffer.Data, size_t(list.IdxBuffer.size_in_bytes()));
        // Whole commands: clip rectangles, textures, offsets, counts (and
        // callbacks, which we do not use). ImTextureRef's padding bytes hash
        // the same every time: ImGui zeroes each command before filling it.
        XXH64_update(&state, list.CmdBuffer.Data, size_t(list.CmdBuffer.size_in_bytes()));
    }
    return XXH64_digest(&state);
}

}  // namespace htk::web
