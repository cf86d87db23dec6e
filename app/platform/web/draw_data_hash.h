// draw_data_hash.h — a fingerprint of what a frame draws.
//
// ImGui builds every frame from scratch, so a frame with nothing new (the
// pointer resting, a save finishing, the quarter-second idle redraw) comes out
// identical to the one on screen. Such a frame is not handed to WebGL again:
// the canvas keeps showing the last one. Without a GPU the browser rasterises
// with SwiftShader on the same cores, and an identical frame at 60 a second
// starves everything else of the page, IndexedDB writes included
// (docs/PERFORMANCE.md, tests/bench/district.mjs).
#pragma once

#include <cstdint>

struct ImDrawData;

namespace htk::web {

// XXH64 over the display size and scale and every command list's vertices,
// indices and commands. Equal hashes: the same pixels. (ImGui 1.92 only adds
// glyphs to unused parts of the font texture, or makes a new texture, which
// changes the commands; the caller still uploads texture changes.)
uint64_t DrawDataHash(const ImDrawData& data);

}  // namespace htk::web
