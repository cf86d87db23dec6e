// fonts.h — the UI font: one CJK subset (built at build time), rasterised
// for the screen's pixel density so text stays sharp at devicePixelRatio 2.
#pragma once

namespace htk::ui {

constexpr float kFontSize = 18.0f;  // CSS pixels

// Reads the TTF once. Returns false if the file is missing or empty.
bool LoadFontFile(const char* path);
// (Re)builds the atlas for a device pixel ratio; the renderer must upload it.
void BuildFontAtlas(float device_pixel_ratio);

}  // namespace htk::ui
