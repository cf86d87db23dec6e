// js_api.cpp — what window.app (shell/api.js) calls: read-only views of the
// app for tests and acceptance checks. Each returns JSON in a buffer that
// stays valid until the next call.

#include "core_timings.h"
#include "js_exports.h"
#include "fonts.h"
#include "input_queue.h"
#include "platform.h"
#include "storage/query_json.h"
#include "test_marks.h"
#include "web_app.h"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <malloc.h>
#include <cstdlib>
#include <string>

namespace {
std::string g_out;

const char* Out(const nlohmann::json& j) {
    g_out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_out.c_str();
}

const char* SaveStateName(htk::SaveState s) {
    switch (s) {
        case htk::SaveState::kSaved: return "saved";
        case htk::SaveState::kSaving: return "saving";
        case htk::SaveState::kFailed: return "failed";
        case htk::SaveState::kDisabled: return "disabled";
    }
    return "";
}

// The characters of `text` (control characters and BOMs skipped) for which
// `cannot(c)` holds; beyond the BMP nothing can be drawn (16-bit ImWchar).
template <typename Cannot>
std::string CharactersThat(const char* text, Cannot cannot) {
    std::string out;
    const char* p = text;
    const char* end = text + std::char_traits<char>::length(text);
    while (p < end) {
        unsigned int c = 0;
        const char* start = p;
        p += ImTextCharFromUtf8(&c, p, end);
        const bool beyond_bmp = (static_cast<unsigned char>(*start) & 0xF8) == 0xF0;
        if (!beyond_bmp && (c < 0x20 || c == 0xFEFF)) continue;  // never drawn
        if (beyond_bmp || cannot(c)) out.append(start, p);
    }
    return out;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* htk_query(const char* sql) {
    htk::web::WebApp& app = htk::web::App();
    if (!app.db) return Out({{"error", "not started"}});
    htk::QueryJsonResult r = htk::QueryJson(*app.db, sql);
    if (!r.ok) return Out({{"error", r.error}});
    g_out = "{\"rows\":" + r.json + "}";
    return g_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* htk_status(const char*) {
    htk::web::WebApp& app = htk::web::App();
    nlohmann::json j = {{"webgl", app.status.webgl}, {"persisted", app.status.storage_persisted},
                        {"startupError", app.status.startup_error}, {"readOnly", app.status.read_only}};
    if (app.status.saver) {
        j["save"] = SaveStateName(app.status.saver->state());
        j["error"] = app.status.saver->error();
        j["failures"] = app.status.saver->failures();
    }
    if (app.db) j["commits"] = app.db->commit_count();
    if (ImGui::GetCurrentContext()) {
        const ImGuiIO& io = ImGui::GetIO();
        nlohmann::json clicks = nlohmann::json::array();
        for (const htk::web::ClickNote& c : htk::web::RecentClicks())
            clicks.push_back({{"frame", c.frame}, {"button", c.button}, {"down", c.down}, {"x", c.x}, {"y", c.y},
                              {"window", c.window}, {"hovered_last", c.hovered_last}, {"active", c.active}});
        j["input"] = {{"mouse", io.MouseDown[0]}, {"ctrl", io.KeyCtrl}, {"shift", io.KeyShift}, {"alt", io.KeyAlt},
                      {"text", io.WantTextInput}, {"nav_visible", io.NavVisible},
                      // Where input may be waiting or caught, when a test's click or key has no effect.
                      {"held", htk::web::HeldCount()}, {"queued", GImGui->InputEventsQueue.Size},
                      {"pos", {io.MousePos.x, io.MousePos.y}},
                      {"hovered", GImGui->HoveredWindow ? GImGui->HoveredWindow->Name : ""},
                      {"active_id", GImGui->ActiveId}, {"nav_id", GImGui->NavId},
                      {"popups", GImGui->OpenPopupStack.Size}, {"frame", ImGui::GetFrameCount()},
                      {"clicks", std::move(clicks)}};
    }
    const htk::ui::TaskRunner& t = app.ui.tasks;
    j["task"] = {{"running", t.task != nullptr}, {"title", t.title}, {"steps", t.steps},
                 {"longest_ms", t.longest_step * 1000}, {"ended", t.ended}};
    return Out(j);
}

EMSCRIPTEN_KEEPALIVE const char* htk_item_rect(const char* id) {
    htk::ui::MarkRect r;
    if (!htk::ui::FindMark(id, &r)) return Out(nullptr);
    return Out({{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}, {"text", r.text}, {"focused", r.focused}});
}

// CPU time per drawn frame since the last call: {count, p50, p95, max} in ms,
// build_p95/build_max for the part before the WebGL calls, `frames`, each
// frame's time in the order drawn, and slice_max, the longest piece of work
// run between frames (a task's slice).
EMSCRIPTEN_KEEPALIVE const char* htk_frame_stats(const char*) {
    htk::web::FrameStats s = htk::web::TakeFrameStats();
    return Out({{"count", s.count}, {"p50", s.p50}, {"p95", s.p95}, {"max", s.max}, {"build_p95", s.build_p95},
                {"build_max", s.build_max}, {"frames", s.frames}, {"slice_max", s.slice_max}});
}

// The allocator's view of the wasm heap, in bytes: in use now, and the most
// it has held (the heap itself only grows, in steps; see tests/bench).
EMSCRIPTEN_KEEPALIVE const char* htk_heap_stats(const char*) {
    struct mallinfo mi = mallinfo();
    return Out({{"in_use", size_t(mi.uordblks)}, {"peak", size_t(mi.usmblks)}});
}

// The core's heavy operations timed on the open data (core_timings.h), for
// the district benchmark's wasm/native ratio: {name: {ms, result}}. Reads
// only. `repeats` as decimal text.
EMSCRIPTEN_KEEPALIVE const char* htk_core_timings(const char* repeats) {
    htk::web::WebApp& app = htk::web::App();
    if (!app.db) return Out({{"error", "not started"}});
    nlohmann::json j = nlohmann::json::object();
    for (const htk::CoreTiming& t : htk::TimeCoreOperations(*app.db, htk::platform::Today(), std::atoi(repeats)))
        j[t.name] = {{"ms", t.ms}, {"result", t.result}};
    return Out(j);
}

// The characters of `text` that the UI font cannot draw (ImGui would show
// '?'), asked of every font file merged into it so far (shell/api.js waits
// for the second one).
EMSCRIPTEN_KEEPALIVE const char* htk_missing_glyphs(const char* text) {
    if (!ImGui::GetCurrentContext() || ImGui::GetIO().Fonts->Fonts.empty()) return Out({{"missing", "no font"}});
    return Out({{"missing", CharactersThat(text, [](unsigned int c) { return !htk::ui::FontHasGlyph(c); })}});
}

// For each character of `text`: whether the font at the UI's size and the
// screen's pixel density has a rasterised glyph of its own (not the '?'
// fallback), loading it if needed — what a frame drawing it would show.
EMSCRIPTEN_KEEPALIVE const char* htk_fallback_glyphs(const char* text) {
    if (!ImGui::GetCurrentContext() || ImGui::GetIO().Fonts->Fonts.empty()) return Out({{"missing", "no font"}});
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    ImFontBaked* baked = font->GetFontBaked(htk::ui::kFontSize, ImGui::GetIO().DisplayFramebufferScale.x);
    return Out({{"missing", CharactersThat(text, [baked](unsigned int c) {
                     const ImFontGlyph* g = baked->FindGlyphNoFallback(ImWchar(c));
                     return !g || (!g->Visible && c != ' ' && c != 0x3000);
                 })}});
}

}  // extern "C"
