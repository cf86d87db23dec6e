// keys.h — the page sends DOM keyCodes (shell/input.js); ImGui 1.87+ names
// keys with ImGuiKey. One table maps them, for the input layer (which feeds
// io.AddKeyEvent) and for screens whose shortcuts are written as keyCodes.
#pragma once

#include <imgui.h>

namespace htk::ui {

// ImGuiKey_None for a code without a key of its own in ImGui.
ImGuiKey DomKey(int key_code);

// IsKeyPressed by DOM keyCode ('S', 34 for PageDown …).
inline bool DomKeyPressed(int key_code, bool repeat) { return ImGui::IsKeyPressed(DomKey(key_code), repeat); }

}  // namespace htk::ui
