#include "fonts.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <zlib.h>

#include <cstdio>
#include <cstring>

namespace htk::ui {
namespace {

// Font files may come gzip-compressed (the second file, and both in the
// offline .html, where every byte is parsed as text before start-up): the
// TTF inside, in a new IM_ALLOC buffer, replaces `*data`. Anything else
// (a TTF, or a .gz the server already decoded) is left as it is. False if
// the gzip data is damaged; `*data` is then freed.
bool Gunzip(void** data, size_t* size) {
    const auto* in = static_cast<const unsigned char*>(*data);
    if (*size < 18 || in[0] != 0x1F || in[1] != 0x8B) return true;
    const size_t out_size = size_t(in[*size - 4]) | size_t(in[*size - 3]) << 8 | size_t(in[*size - 2]) << 16 |
                            size_t(in[*size - 1]) << 24;  // ISIZE: fonts are far below 4 GB
    void* out = IM_ALLOC(out_size ? out_size : 1);
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    bool ok = inflateInit2(&zs, 16 + MAX_WBITS) == Z_OK;
    if (ok) {
        zs.next_in = const_cast<Bytef*>(in);
        zs.avail_in = uInt(*size);
        zs.next_out = static_cast<Bytef*>(out);
        zs.avail_out = uInt(out_size);
        ok = inflate(&zs, Z_FINISH) == Z_STREAM_END && zs.total_out == out_size;
        inflateEnd(&zs);
    }
    IM_FREE(*data);
    *data = ok ? out : nullptr;
    *size = ok ? out_size : 0;
    if (!ok) IM_FREE(out);
    return ok;
}

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
    size_t size = size_t(n);
    if (!Gunzip(&data, &size)) return false;
    ImFontConfig cfg = BaseConfig();
    // No glyph ranges: 1.92 takes any character the font has, when first drawn.
    ImFont* font = ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, int(size), kFontSize, &cfg);
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
    if (!Gunzip(&data, &size)) return false;
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
