// main.cpp — the browser entry point: WebGL context, font, frame loop.
//
// Frames are drawn on demand: at full rate while the user is doing something
// (and while a text field has the caret), otherwise a few times a second, so
// an idle page costs an office PC almost nothing.

#include "draw_data_hash.h"
#include "js_exports.h"
#include "fonts.h"
#include "input_queue.h"
#include "js_imports.h"
#include "persistence.h"
#include "startup.h"
#include "theme.h"
#include "web_app.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace htk::web {

WebApp& App() {
    static WebApp app;
    return app;
}

static std::vector<double> g_frame_ms, g_build_ms;
static double g_slice_max_ms = 0;

void RecordSliceTime(double ms) { g_slice_max_ms = std::max(g_slice_max_ms, ms); }

void RecordFrameTime(double total_ms, double build_ms) {
    if (g_frame_ms.size() >= 100000) return;
    g_frame_ms.push_back(total_ms);
    g_build_ms.push_back(build_ms);
}

FrameStats TakeFrameStats() {
    std::vector<double> v, b;
    v.swap(g_frame_ms);
    b.swap(g_build_ms);
    const double slice_max = std::exchange(g_slice_max_ms, 0.0);
    if (v.empty()) return FrameStats{0, 0, 0, 0, 0, 0, {}, slice_max};
    std::vector<double> drawn(v.begin(), v.begin() + std::ptrdiff_t(std::min<size_t>(v.size(), 1000)));
    std::sort(v.begin(), v.end());
    std::sort(b.begin(), b.end());
    auto at = [](const std::vector<double>& x, double q) {
        return x[std::min(x.size() - 1, size_t(q * double(x.size())))];
    };
    return FrameStats{int(v.size()), at(v, 0.5), at(v, 0.95), v.back(), at(b, 0.95), b.back(), std::move(drawn),
                      slice_max};
}

namespace {

constexpr const char* kCanvas = "#canvas";
constexpr double kActiveSeconds = 0.75;  // keep full frame rate this long after input
constexpr double kIdleInterval = 0.25;   // otherwise redraw this often
constexpr double kCaretInterval = 0.1;   // and this often while a text field has the caret

struct FrameLoop {
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    int webgl_version = 0;
    bool context_lost = false;
    bool first_frame_done = false;
    // The second font file (every CJK character; shell/loader.js hands it
    // over after the first frame): 0 not yet, 1 merged or failed, 2 ready sent.
    int extra_font = 0;
    void* extra_font_data = nullptr;  // IM_ALLOC'd bytes waiting for the next frame
    size_t extra_font_size = 0;
    bool extra_font_given = false;
    int fb_w = 0, fb_h = 0;
    double last_frame = 0, last_draw = 0, active_until = 0;
    uint64_t on_screen = 0;  // DrawDataHash of the frame on the canvas; 0: draw the next one whatever it is
    SaveState last_save_state = SaveState::kSaved;
    bool text_input = false;
    ImVec2 ime_pos = ImVec2(-1, -1);
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
    std::vector<const char*> after_frame_marks;  // static strings, marked once drawn
};

FrameLoop g_loop;

double Now() { return emscripten_get_now() / 1000.0; }

// ?webgl=1 forces WebGL 1 (tests), ?webgl=0 pretends there is none.
EM_JS(int, htk_forced_webgl_version, (void), {
    var v = new URLSearchParams(location.search).get('webgl');
    return v === null ? -1 : (+v | 0);
});

// The context attributes of HTK_CONTRACT.WEBGL (shell/contract.js), which
// start.js asked for too: bit 0 alpha, 1 depth, 2 stencil, 3 antialias,
// 4 premultipliedAlpha, 5 preserveDrawingBuffer, 6 failIfMajorPerformanceCaveat,
// bits 8-9 powerPreference (0 default, 1 low-power, 2 high-performance).
EM_JS(int, htk_webgl_attribute_flags, (void), {
    var w = HTK_CONTRACT.WEBGL;
    var power = { 'default': 0, 'low-power': 1, 'high-performance': 2 }[w.powerPreference] | 0;
    return (w.alpha ? 1 : 0) | (w.depth ? 2 : 0) | (w.stencil ? 4 : 0) | (w.antialias ? 8 : 0) |
           (w.premultipliedAlpha ? 16 : 0) | (w.preserveDrawingBuffer ? 32 : 0) |
           (w.failIfMajorPerformanceCaveat ? 64 : 0) | (power << 8);
});

// What the renderer needs beyond WebGL 1: vertex array objects and 32-bit
// indices (ImDrawIdx, app/third_party/patches/imgui/0002-imconfig-32-bit-indices.patch);
// WebGL 2 has both.
// Asked again after a lost context is restored.
bool EnableExtensions() {
    return g_loop.webgl_version == 2 ||
           (emscripten_webgl_enable_OES_vertex_array_object(g_loop.gl) &&
            emscripten_webgl_enable_extension(g_loop.gl, "OES_element_index_uint"));
}

// shell/start.js asks for the context first, with the same attributes
// (HTK_CONTRACT.WEBGL), while the wasm downloads; the browser then returns
// that one here.
bool CreateContext() {
    EmscriptenWebGLContextAttributes a;
    emscripten_webgl_init_context_attributes(&a);
    const int flags = htk_webgl_attribute_flags();
    a.alpha = (flags & 1) != 0;
    a.depth = (flags & 2) != 0;
    a.stencil = (flags & 4) != 0;
    a.antialias = (flags & 8) != 0;
    a.premultipliedAlpha = (flags & 16) != 0;
    a.preserveDrawingBuffer = (flags & 32) != 0;
    a.failIfMajorPerformanceCaveat = (flags & 64) != 0;
    a.powerPreference = (flags >> 8) & 3;
    // Not every extension the browser has (Emscripten's default enables each
    // one: 30-70 ms of a cold start here), only what the renderer needs.
    a.enableExtensionsByDefault = false;
    int forced = htk_forced_webgl_version();
    if (forced == 0) return false;
    for (int version : {2, 1}) {
        if (forced > 0 && version != forced) continue;
        a.majorVersion = version;
        g_loop.gl = emscripten_webgl_create_context(kCanvas, &a);
        if (g_loop.gl > 0) {
            g_loop.webgl_version = version;
            emscripten_webgl_make_context_current(g_loop.gl);
            if (!EnableExtensions()) {
                emscripten_webgl_destroy_context(g_loop.gl);
                g_loop.gl = 0;
                return false;
            }
            return true;
        }
    }
    return false;
}

// The renderer creates its shaders in its first NewFrame and uploads the
// font atlas (a texture ImGui grows as glyphs are first drawn) as it changes.
void InitRenderer() { ImGui_ImplOpenGL3_Init(g_loop.webgl_version == 2 ? "#version 300 es" : "#version 100"); }

EM_BOOL OnContextLost(int, const void*, void*) {
    g_loop.context_lost = true;
    return EM_TRUE;  // preventDefault: ask the browser to restore it
}

}  // namespace

void KeepDrawing() { g_loop.active_until = std::max(g_loop.active_until, Now() + 0.1); }

void MarkAfterFrame(const char* name) { g_loop.after_frame_marks.push_back(name); }

namespace {

EM_BOOL OnContextRestored(int, const void*, void*) {
    ImGui_ImplOpenGL3_Shutdown();
    emscripten_webgl_make_context_current(g_loop.gl);
    EnableExtensions();
    InitRenderer();
    g_loop.context_lost = false;
    g_loop.on_screen = 0;
    g_loop.active_until = Now() + kActiveSeconds;
    return EM_TRUE;
}

const char* CssCursor(ImGuiMouseCursor c) {
    switch (c) {
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        case ImGuiMouseCursor_None: return "none";
        default: return "default";
    }
}

// Tells the page where the caret is, so the IME textarea (and with it the
// candidate window) follows it, and whether it should hold the keyboard.
void SyncTextInput(ImGuiIO& io) {
    bool want = io.WantTextInput;
    float x = 0, y = 0, h = 0;
    ImeCaret(&x, &y, &h);
    ImVec2 pos(x, y);
    if (want == g_loop.text_input && (!want || (pos.x == g_loop.ime_pos.x && pos.y == g_loop.ime_pos.y))) return;
    g_loop.text_input = want;
    g_loop.ime_pos = pos;
    htk_text_input(want, pos.x, pos.y, ImGui::GetFontSize());
}

void Frame() {
    AnimationFrameBegan();
    WebApp& app = App();
    const double now = Now();
    // Not before the first frame: a new database's first save can wait for it.
    if (g_loop.first_frame_done && Started()) PumpSaves(*app.db);
    if (g_loop.context_lost) return;

    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
    const float dpr = float(emscripten_get_device_pixel_ratio());
    const int fb_w = int(std::lround(css_w * dpr)), fb_h = int(std::lround(css_h * dpr));
    bool must_draw = !g_loop.first_frame_done;
    if (fb_w != g_loop.fb_w || fb_h != g_loop.fb_h) {
        emscripten_set_canvas_element_size(kCanvas, fb_w, fb_h);
        g_loop.fb_w = fb_w;
        g_loop.fb_h = fb_h;
        g_loop.on_screen = 0;
        must_draw = true;
    }
    // Glyphs are rasterised as they are first drawn, at this pixel density
    // (io.DisplayFramebufferScale): a new ratio (zoom, another screen) needs
    // nothing but a frame. The second font is merged between two frames.
    if (g_loop.extra_font == 0 && g_loop.extra_font_given) {
        bool ok = g_loop.extra_font_data &&
                  ui::MergeExtraFont(g_loop.extra_font_data, g_loop.extra_font_size);  // takes the bytes
        g_loop.extra_font_data = nullptr;
        g_loop.extra_font = 1;
        htk_mark(ok ? "htk-font-merged" : "htk-font-merge-failed");
        g_loop.on_screen = 0;
        must_draw = true;
    }
    const SaveState save_state = Saver().state();
    if (save_state != g_loop.last_save_state) must_draw = true;
    if (HasQueuedInput()) {
        must_draw = true;
        g_loop.active_until = now + kActiveSeconds;
    }
    if (!must_draw && now < g_loop.active_until && !WorkingBetweenFrames()) must_draw = true;
    // A caret blinking in an idle text field needs ~10 frames a second, not 60.
    if (!must_draw && g_loop.text_input && now - g_loop.last_draw >= kCaretInterval) must_draw = true;
    if (!must_draw && now - g_loop.last_draw < kIdleInterval) {
        AnimationFrameSkipped();  // a cheap frame: the page was not held
        return;
    }
    g_loop.last_save_state = save_state;

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(css_w), float(css_h));
    io.DisplayFramebufferScale = ImVec2(dpr, dpr);
    io.DeltaTime = float(std::max(1e-4, now - g_loop.last_frame));
    g_loop.last_frame = now;
    FeedHeldText();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    NoteClicks();
    app.status.now = now;
    SyncWriterStatus(app);
    app.status.storage_persisted = htk_storage_persisted();
    const char* stage = "";
    float fraction = -1;
    if (StepStartup(app, &stage, &fraction))
        ui::DrawApp(app.ui, app.status);
    else
        ui::DrawStartup(stage, fraction);
    if (app.ui.save_now_requested) {
        app.ui.save_now_requested = false;
        FlushSaves(*app.db);
    }
    ImGui::Render();
    const double built = Now();

    // A frame identical to the one on the canvas is not drawn again (see
    // draw_data_hash.h); the canvas keeps showing it.
    const uint64_t fingerprint = DrawDataHash(*ImGui::GetDrawData());
    if (fingerprint != g_loop.on_screen) {
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.96f, 0.96f, 0.97f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        g_loop.on_screen = fingerprint;
    } else if (ImVector<ImTextureData*>* textures = ImGui::GetDrawData()->Textures) {
        // Glyphs rasterised but not drawn yet: uploaded now, as RenderDrawData would.
        for (ImTextureData* tex : *textures)
            if (tex->Status != ImTextureStatus_OK) ImGui_ImplOpenGL3_UpdateTexture(tex);
    }
    g_loop.last_draw = now;
    // Tests start once the frame drawn with every font is on the canvas.
    if (g_loop.extra_font == 1 && Started()) {
        g_loop.extra_font = 2;
        htk_ready();
    }
    for (const char* m : g_loop.after_frame_marks) platform::Mark(m);
    g_loop.after_frame_marks.clear();
    RecordFrameTime((Now() - now) * 1000.0, (built - now) * 1000.0);

    SyncTextInput(io);
    ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != g_loop.cursor) {
        g_loop.cursor = cursor;
        htk_set_cursor(CssCursor(cursor));
    }
    // Commits made while drawing (an edit) start their save in this frame.
    if (Started()) PumpSaves(*app.db);
    if (!g_loop.first_frame_done) {
        g_loop.first_frame_done = true;
        htk_first_frame();
    }
}

}  // namespace
}  // namespace htk::web

// The page is being hidden or closed (shell/input.js): write what is still
// being typed, then save at once — the page may not get another frame.
extern "C" EMSCRIPTEN_KEEPALIVE void htk_page_hidden(void) {
    using namespace htk::web;
    WebApp& app = App();
    if (!app.db || !Started()) return;
    htk::ui::FlushPendingEdits(app.ui);
    FlushSaves(*app.db);
}

// The second font file's bytes (shell/loader.js, after the first frame), or
// (nullptr, 0) when it could not be had: merged before the next frame.
extern "C" EMSCRIPTEN_KEEPALIVE void* htk_extra_font_buffer(int size) { return IM_ALLOC(size_t(size)); }
extern "C" EMSCRIPTEN_KEEPALIVE void htk_extra_font_loaded(void* data, int size) {
    using namespace htk::web;
    if (g_loop.extra_font_given) {
        IM_FREE(data);
        return;
    }
    g_loop.extra_font_given = true;
    g_loop.extra_font_data = size > 0 ? data : nullptr;
    g_loop.extra_font_size = size_t(size > 0 ? size : 0);
    if (size <= 0 && data) IM_FREE(data);
    KeepDrawing();
}

int main() {
    using namespace htk;
    using namespace htk::web;
    WebApp& app = App();

    if (!CreateContext()) {
        htk_fatal("nowebgl", "WebGL 2 与 WebGL 1 均无法创建");
        return 0;
    }
    emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE, OnContextLost);
    emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_FALSE, OnContextRestored);
    platform::Mark("htk-webgl-ready");

    // Empty until the stored data is read (startup.h), a few frames from now.
    app.db = Database::OpenInMemory();
    app.status.saver = &Saver();
    app.status.webgl = g_loop.webgl_version == 2 ? "WebGL 2" : "WebGL 1";
    app.status.version = HTK_VERSION;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is fixed; nothing to remember outside SQLite
    // Keyboard navigation: Tab/Shift+Tab reach every field, button and
    // choice, Space/Enter press them. While no focus is shown (the mouse was
    // used last), the arrows stay the screens' own (the ledger's selection,
    // 入户排查's points): see ui/keys.h ClaimArrowKeys.
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "htk_web";
    InstallImGuiInput(io);
    ui::ApplyTheme();
    htk_stage("正在准备界面…");
    if (!ui::LoadUiFont("/fonts/ui.ttf")) {
        htk_fatal("font", "字体文件 /fonts/ui.ttf 无法读取");
        return 0;
    }
    InitRenderer();

    // The first frame at once, not on the next animation frame (which can
    // come 100+ ms later while the page is still busy loading).
    Frame();
    emscripten_set_main_loop(Frame, 0, false);
    return 0;
}
