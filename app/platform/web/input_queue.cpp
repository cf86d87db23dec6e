#include "input_queue.h"
#include "js_exports.h"

#include "js_imports.h"
#include "keys.h"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <deque>
#include <string>

namespace htk::web {
namespace {

std::string g_clipboard;
std::string g_loose_paste;
bool g_has_loose_paste = false;
bool g_ctrl_down = false;  // as the page last reported it (Ctrl+V below)
ImGuiPlatformImeData g_ime;
// Events not yet given to ImGui (FeedHeldText): empty but for a text that
// waits, and the events that came after it (a click on another field right
// after typing lands after the text, where it was made).
struct Held {
    enum Type { kText, kKey, kButton, kPos, kWheel } type;
    int code = 0;  // ImGuiKey or mouse button
    bool down = false;
    float x = 0, y = 0;  // position or wheel
    std::string text;
};
std::deque<Held> g_held;

void Key(ImGuiIO& io, ImGuiKey key, bool down) {
    if (g_held.empty()) io.AddKeyEvent(key, down);
    else g_held.push_back(Held{Held::kKey, key, down, 0, 0, {}});
}

constexpr int kCtrl = 17, kShift = 16, kAlt = 18, kMetaL = 91, kMetaR = 93, kMetaFirefox = 224;

ImGuiIO* Io() { return ImGui::GetCurrentContext() ? &ImGui::GetIO() : nullptr; }

const char* GetClipboard(ImGuiContext*) { return g_clipboard.c_str(); }

void SetClipboard(ImGuiContext*, const char* text) {
    g_clipboard = text;
    htk_clipboard_set(text);
}

// Called at the end of a frame when the text cursor moved or a field took or
// left the keyboard; the frame loop moves the IME textarea there.
void SetImeData(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) { g_ime = *data; }

// The modifier a DOM keyCode stands for, or ImGuiKey_None.
ImGuiKey ModifierOf(int key_code) {
    switch (key_code) {
        case kCtrl: return ImGuiMod_Ctrl;
        case kShift: return ImGuiMod_Shift;
        case kAlt: return ImGuiMod_Alt;
        case kMetaL: case kMetaR: case kMetaFirefox: return ImGuiMod_Super;
        default: return ImGuiKey_None;
    }
}

}  // namespace

void InstallImGuiInput(ImGuiIO& io) {
    (void)io;
    ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
    pio.Platform_GetClipboardTextFn = GetClipboard;
    pio.Platform_SetClipboardTextFn = SetClipboard;
    pio.Platform_SetImeDataFn = SetImeData;
}

bool HasQueuedInput() {
    return g_has_loose_paste || !g_held.empty() ||
           (ImGui::GetCurrentContext() && !GImGui->InputEventsQueue.empty());
}

// Text typed right after Tab (or a shortcut that focuses a field) belongs to
// the field that gets the keyboard, as in a browser. ImGui moves the focus
// over three frames — the key, the move's result, the activation, a frame
// in which the new field ignores characters — and drops characters that come
// while no field takes them. So a text event waits here, and every event
// after it behind it (order matters: "ab", Backspace), while a key event
// waits in ImGui's queue or a focus move is under way.
void FeedHeldText() {
    if (g_held.empty() || !ImGui::GetCurrentContext()) return;
    ImGuiContext& g = *GImGui;
    while (!g_held.empty()) {
        Held& e = g_held.front();
        if (e.type == Held::kText) {
            for (const ImGuiInputEvent& q : g.InputEventsQueue)
                if (q.Type == ImGuiInputEventType_Key) return;
            if (g.NavMoveSubmitted || g.NavMoveScoringItems || g.NavNextActivateId != 0 || g.NavActivateId != 0) return;
            g.IO.AddInputCharactersUTF8(e.text.c_str());
        } else if (e.type == Held::kKey) {
            g.IO.AddKeyEvent(ImGuiKey(e.code), e.down);
        } else if (e.type == Held::kButton) {
            g.IO.AddMouseButtonEvent(e.code, e.down);
        } else if (e.type == Held::kPos) {
            g.IO.AddMousePosEvent(e.x, e.y);
        } else {
            g.IO.AddMouseWheelEvent(e.x, e.y);
        }
        g_held.pop_front();
    }
}

bool ImeCaret(float* x, float* y, float* h) {
    *x = g_ime.InputPos.x;
    *y = g_ime.InputPos.y;
    *h = g_ime.InputLineHeight;
    return g_ime.WantVisible;
}

size_t HeldCount() { return g_held.size(); }

namespace {
std::deque<ClickNote> g_clicks;
}

void NoteClicks() {
    ImGuiContext& g = *GImGui;
    for (int b = 0; b < 2; ++b) {
        if (!g.IO.MouseClicked[b] && !g.IO.MouseReleased[b]) continue;
        g_clicks.push_back(ClickNote{g.FrameCount, b, g.IO.MouseClicked[b], g.IO.MousePos.x, g.IO.MousePos.y,
                                     g.HoveredWindow ? g.HoveredWindow->Name : "", g.HoveredIdPreviousFrame,
                                     g.ActiveId});
        if (g_clicks.size() > 8) g_clicks.pop_front();
    }
}

const std::deque<ClickNote>& RecentClicks() { return g_clicks; }

bool TakeLoosePaste(std::string* out) {
    if (!g_has_loose_paste) return false;
    g_has_loose_paste = false;
    out->swap(g_loose_paste);
    g_loose_paste.clear();
    return true;
}

}  // namespace htk::web

// --- Event entry points called by shell/input.js ----------------------------
// Events that come before ImGui exists (the page installs its listeners
// before main() runs) are dropped: there is nothing to act on them yet.

extern "C" {

EMSCRIPTEN_KEEPALIVE void htk_on_mouse_pos(float x, float y) {
    using namespace htk::web;
    ImGuiIO* io = Io();
    if (!io) return;
    if (x < -1e8f) x = y = -FLT_MAX;
    if (g_held.empty()) io->AddMousePosEvent(x, y);
    else g_held.push_back(Held{Held::kPos, 0, false, x, y, {}});
}

EMSCRIPTEN_KEEPALIVE void htk_on_mouse_button(int button, int down) {
    using namespace htk::web;
    ImGuiIO* io = Io();
    if (!io || button < 0 || button >= ImGuiMouseButton_COUNT) return;
    if (g_held.empty()) io->AddMouseButtonEvent(button, down != 0);
    else g_held.push_back(Held{Held::kButton, button, down != 0, 0, 0, {}});
}

EMSCRIPTEN_KEEPALIVE void htk_on_wheel(float dx, float dy) {
    using namespace htk::web;
    ImGuiIO* io = Io();
    if (!io) return;
    if (g_held.empty()) io->AddMouseWheelEvent(dx, dy);
    else g_held.push_back(Held{Held::kWheel, 0, false, dx, dy, {}});
}

EMSCRIPTEN_KEEPALIVE void htk_on_key(int key_code, int down, int mods) {
    (void)mods;  // modifiers arrive as their own key events
    using namespace htk::web;
    if (key_code == kCtrl) g_ctrl_down = down != 0;
    ImGuiIO* io = Io();
    if (!io) return;
    if (ImGuiKey mod = ModifierOf(key_code)) Key(*io, mod, down != 0);
    ImGuiKey key = htk::ui::DomKey(key_code);
    if (key != ImGuiKey_None) Key(*io, key, down != 0);
}

EMSCRIPTEN_KEEPALIVE void htk_on_text(const char* utf8) {
    if (htk::web::Io()) htk::web::g_held.push_back(htk::web::Held{htk::web::Held::kText, 0, false, 0, 0, utf8});
}

// The page pasted: remember the text and press Ctrl+V for ImGui, which then
// reads it through Platform_GetClipboardTextFn (so multi-line fields get the newlines).
EMSCRIPTEN_KEEPALIVE void htk_on_paste(const char* utf8) {
    using namespace htk::web;
    g_clipboard = utf8;
    ImGuiIO* io = Io();
    if (!io) return;
    // No text field has the keyboard: the screen takes the text (rows from Excel).
    if (!io->WantTextInput) {
        g_loose_paste = utf8;
        g_has_loose_paste = true;
        return;
    }
    if (!g_ctrl_down) Key(*io, ImGuiMod_Ctrl, true);
    Key(*io, ImGuiKey_V, true);
    Key(*io, ImGuiKey_V, false);
    if (!g_ctrl_down) Key(*io, ImGuiMod_Ctrl, false);
}

EMSCRIPTEN_KEEPALIVE void htk_on_focus(int focused) {
    if (ImGuiIO* io = htk::web::Io()) io->AddFocusEvent(focused != 0);
}

}  // extern "C"
