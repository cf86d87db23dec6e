// keys.h — the page sends DOM keyCodes (shell/input.js); ImGui 1.87+ names
// keys with ImGuiKey. One table maps them, for the input layer (which feeds
// io.AddKeyEvent) and for screens whose shortcuts are written as keyCodes.
#pragma once

#include <imgui.h>

#include <initializer_list>

namespace htk::ui {

// ImGuiKey_None for a code without a key of its own in ImGui.
ImGuiKey DomKey(int key_code);

// IsKeyPressed by DOM keyCode ('S', 34 for PageDown …).
inline bool DomKeyPressed(int key_code, bool repeat) { return ImGui::IsKeyPressed(DomKey(key_code), repeat); }

// Keyboard navigation is on: Tab/arrows move a visible focus between items.
// While no focus is shown (the mouse was used last) and no text field or
// popup has the keyboard, the keys listed belong to the screen that calls this
// every frame (the ledger's Up/Down selection, 入户排查's points) rather than
// to navigation. Returns whether the screen has them this frame.
bool ClaimKeys(const char* owner, std::initializer_list<ImGuiKey> keys);

}  // namespace htk::ui
