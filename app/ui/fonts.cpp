#include "fonts.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace htk::ui {
namespace {
std::vector<unsigned char> g_ttf;
}

bool LoadFontFile(const char* path) {
    FILE* f = std::fopen(path, "rb");
    if (!f) return false;
    std::fseek(f, 0, SEEK_END);
    long n = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
    g_ttf.resize(n > 0 ? size_t(n) : 0);
    size_t got = g_ttf.empty() ? 0 : std::fread(g_ttf.data(), 1, g_ttf.size(), f);
    std::fclose(f);
    return got > 0 && got == g_ttf.size();
}

void BuildFontAtlas(float dpr, const ImWchar* glyphs) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // The subset holds only characters we want, so ask for the whole BMP:
    // ImGui keeps the code points the font actually has.
    static const ImWchar kRanges[] = {0x0020, 0xFFFF, 0};
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // g_ttf outlives every rebuild
    cfg.OversampleH = cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    float px = std::round(kFontSize * dpr);
    // ~7,500 glyphs: keep the atlas within every WebGL texture limit.
    io.Fonts->TexDesiredWidth = px > 24 ? 4096 : 2048;
    io.Fonts->AddFontFromMemoryTTF(g_ttf.data(), int(g_ttf.size()), px, &cfg, glyphs ? glyphs : kRanges);
    io.Fonts->Build();
    io.FontGlobalScale = 1.0f / dpr;
}

}  // namespace htk::ui
