#include "input_queue.h"

#include "js_imports.h"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cfloat>
#include <cstring>
#include <deque>

namespace htk::web {
namespace {

enum class Ev { kMousePos, kMouseButton, kWheel, kKey, kText, kFocus };

struct Event {
    Ev type;
    float x = 0, y = 0;  // pos or wheel
    int code = 0;        // button, key code, focus flag
    bool down = false;
    std::string text;
};

std::deque<Event> g_queue;
std::string g_clipboard;
std::string g_loose_paste;
bool g_has_loose_paste = false;

constexpr int kCtrl = 17, kShift = 16, kAlt = 18, kMetaL = 91, kMetaR = 93, kKeyV = 86;

void Push(Event e) { g_queue.push_back(std::move(e)); }

const char* GetClipboard(void*) { return g_clipboard.c_str(); }

void SetClipboard(void*, const char* text) {
    g_clipboard = text;
    htk_clipboard_set(text);
}

}  // namespace

void InstallImGuiInput(ImGuiIO& io) {
    // ImGui key -> DOM keyCode (the index into io.KeysDown).
    io.KeyMap[ImGuiKey_Tab] = 9;
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';
    io.GetClipboardTextFn = GetClipboard;
    io.SetClipboardTextFn = SetClipboard;
    io.ImeSetInputScreenPosFn = nullptr;  // the frame loop places the IME textarea itself
}

bool HasQueuedInput() { return !g_queue.empty() || g_has_loose_paste; }

bool TakeLoosePaste(std::string* out) {
    if (!g_has_loose_paste) return false;
    g_has_loose_paste = false;
    out->swap(g_loose_paste);
    g_loose_paste.clear();
    return true;
}
const std::string& ClipboardText() { return g_clipboard; }

// Applies events in order until one would change something changed already.
static bool ApplyEvents(ImGuiIO& io) {
    bool key_changed[512] = {};
    bool button_changed[5] = {};
    bool any_key = false, any_text = false, any_button = false;
    bool applied = false;
    while (!g_queue.empty()) {
        Event& e = g_queue.front();
        switch (e.type) {
            case Ev::kMousePos:
                if (any_button) return applied;
                io.MousePos = ImVec2(e.x, e.y);
                break;
            case Ev::kMouseButton:
                if (e.code < 0 || e.code >= 5) break;
                if (button_changed[e.code]) return applied;
                io.MouseDown[e.code] = e.down;
                button_changed[e.code] = any_button = true;
                break;
            case Ev::kWheel:
                io.MouseWheelH += e.x;
                io.MouseWheel += e.y;
                break;
            case Ev::kKey:
                if (e.code <= 0 || e.code >= 512) break;
                if (key_changed[e.code] || any_text) return applied;
                io.KeysDown[e.code] = e.down;
                key_changed[e.code] = any_key = true;
                break;
            case Ev::kText:
                if (any_key) return applied;
                io.AddInputCharactersUTF8(e.text.c_str());
                any_text = true;
                break;
            case Ev::kFocus:
                if (!e.code) {  // the window lost focus: release everything held
                    std::memset(io.KeysDown, 0, sizeof(io.KeysDown));
                    for (bool& b : io.MouseDown) b = false;
                }
                break;
        }
        g_queue.pop_front();
        applied = true;
    }
    return applied;
}

bool ApplyQueuedInput(ImGuiIO& io) {
    bool applied = ApplyEvents(io);
    // Modifier state is derived from the modifier keys themselves.
    io.KeyCtrl = io.KeysDown[kCtrl];
    io.KeyShift = io.KeysDown[kShift];
    io.KeyAlt = io.KeysDown[kAlt];
    io.KeySuper = io.KeysDown[kMetaL] || io.KeysDown[kMetaR];
    return applied;
}

}  // namespace htk::web

// --- Event entry points called by shell/input.js ----------------------------
using htk::web::Ev;
using htk::web::Event;

extern "C" {

EMSCRIPTEN_KEEPALIVE void htk_on_mouse_pos(float x, float y) {
    if (x < -1e8f) x = y = -FLT_MAX;
    htk::web::Push(Event{Ev::kMousePos, x, y});
}

EMSCRIPTEN_KEEPALIVE void htk_on_mouse_button(int button, int down) {
    Event e{Ev::kMouseButton};
    e.code = button;
    e.down = down != 0;
    htk::web::Push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void htk_on_wheel(float dx, float dy) { htk::web::Push(Event{Ev::kWheel, dx, dy}); }

EMSCRIPTEN_KEEPALIVE void htk_on_key(int key_code, int down, int mods) {
    (void)mods;  // modifiers arrive as their own key events
    Event e{Ev::kKey};
    e.code = key_code;
    e.down = down != 0;
    htk::web::Push(std::move(e));
}

EMSCRIPTEN_KEEPALIVE void htk_on_text(const char* utf8) {
    Event e{Ev::kText};
    e.text = utf8;
    htk::web::Push(std::move(e));
}

// The page pasted: remember the text and press Ctrl+V for ImGui, which then
// reads it through GetClipboardTextFn (so multi-line fields get the newlines).
EMSCRIPTEN_KEEPALIVE void htk_on_paste(const char* utf8) {
    using namespace htk::web;
    g_clipboard = utf8;
    // No text field has the keyboard: the screen takes the text (rows from Excel).
    if (ImGui::GetCurrentContext() && !ImGui::GetIO().WantTextInput) {
        g_loose_paste = utf8;
        g_has_loose_paste = true;
        return;
    }
    bool ctrl_held = ImGui::GetCurrentContext() && ImGui::GetIO().KeysDown[kCtrl];
    for (const Event& q : g_queue)
        if (q.type == Ev::kKey && q.code == kCtrl) ctrl_held = q.down;
    auto key = [](int code, bool down) {
        Event e{Ev::kKey};
        e.code = code;
        e.down = down;
        Push(std::move(e));
    };
    if (!ctrl_held) key(kCtrl, true);
    key(kKeyV, true);
    key(kKeyV, false);
    if (!ctrl_held) key(kCtrl, false);
}

EMSCRIPTEN_KEEPALIVE void htk_on_focus(int focused) {
    Event e{Ev::kFocus};
    e.code = focused;
    htk::web::Push(std::move(e));
}

}  // extern "C"

