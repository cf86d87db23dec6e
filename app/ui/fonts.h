// fonts.h — the UI font. Dear ImGui 1.92 rasterises each glyph the first time
// it is drawn, at the screen's pixel density, from the whole font: nothing is
// baked at start-up. Two files make up the font (web/tools/subset_font.py):
// the first-frame subset (GB2312, the app's strings, the campaign document),
// and, merged into it after the first frame, every other CJK character
// wqy-microhei has (all of U+4E00–U+9FA5, the GBK set).
#pragma once

#include <imgui.h>

#include <cstddef>

namespace htk::ui {

constexpr float kFontSize = 18.0f;  // CSS pixels; drawn at kFontSize × devicePixelRatio

// Reads the first-frame TTF (or gzip of it) and makes it the UI font
// (io.Fonts). False if the file is missing, empty or not a font.
bool LoadUiFont(const char* path);

// Merges a second TTF (or gzip of it) into the UI font: its glyphs fill in
// every character the first one lacks. Takes ownership of `data` (IM_ALLOC).
// Call between frames. False if it is not a font.
bool MergeExtraFont(void* data, size_t size);

// Whether the font has a glyph for the character (drawn or not yet).
bool FontHasGlyph(unsigned int codepoint);

}  // namespace htk::ui
