#include "fonts.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>

namespace htk::ui {
namespace {

ImFontConfig BaseConfig() {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = true;  // handed over: 1.92 would copy a buffer it does not own
    cfg.OversampleH = cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return cfg;
}

}  // namespace

bool LoadUiFont(const char* path) {
    FILE* f = std::fopen(path, "rb");
    if (!f) return false;
    std::fseek(f, 0, SEEK_END);
    long n = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    if (n <= 0) {
        std::fclose(f);
        return false;
    }
    void* data = IM_ALLOC(size_t(n));
    size_t got = std::fread(data, 1, size_t(n), f);
    std::fclose(f);
    if (got != size_t(n)) {
        IM_FREE(data);
        return false;
    }
    ImFontConfig cfg = BaseConfig();
    // No glyph ranges: 1.92 takes any character the font has, when first drawn.
    ImFont* font = ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, int(n), kFontSize, &cfg);
    if (!font) return false;  // the atlas freed `data`
    ImGui::GetStyle().FontSizeBase = kFontSize;
    return true;
}

bool MergeExtraFont(void* data, size_t size) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) {
        IM_FREE(data);
        return false;
    }
    ImFont* font = atlas->Fonts[0];
    ImFontConfig cfg = BaseConfig();
    cfg.MergeMode = true;
    cfg.DstFont = font;
    if (!atlas->AddFontFromMemoryTTF(data, int(size), kFontSize, &cfg)) return false;
    // Sizes already drawn remember the characters they did not find (shown
    // as '?'): drop them, so the next frame looks those up again.
    ImFontAtlasFontDiscardBakes(atlas, font, 0);
    return true;
}

bool FontHasGlyph(unsigned int c) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty() || c > IM_UNICODE_CODEPOINT_MAX) return false;
    return atlas->Fonts[0]->IsGlyphInFont(ImWchar(c));
}

}  // namespace htk::ui
