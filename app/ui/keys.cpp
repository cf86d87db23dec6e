#include "keys.h"

#include <imgui_internal.h>

namespace htk::ui {

ImGuiKey DomKey(int c) {
    if (c >= 'A' && c <= 'Z') return ImGuiKey(ImGuiKey_A + (c - 'A'));
    if (c >= '0' && c <= '9') return ImGuiKey(ImGuiKey_0 + (c - '0'));
    if (c >= 96 && c <= 105) return ImGuiKey(ImGuiKey_Keypad0 + (c - 96));
    if (c >= 112 && c <= 123) return ImGuiKey(ImGuiKey_F1 + (c - 112));
    switch (c) {
        case 8: return ImGuiKey_Backspace;
        case 9: return ImGuiKey_Tab;
        case 13: return ImGuiKey_Enter;  // the keypad's Enter has the same keyCode
        case 16: return ImGuiKey_LeftShift;
        case 17: return ImGuiKey_LeftCtrl;
        case 18: return ImGuiKey_LeftAlt;
        case 19: return ImGuiKey_Pause;
        case 20: return ImGuiKey_CapsLock;
        case 27: return ImGuiKey_Escape;
        case 32: return ImGuiKey_Space;
        case 33: return ImGuiKey_PageUp;
        case 34: return ImGuiKey_PageDown;
        case 35: return ImGuiKey_End;
        case 36: return ImGuiKey_Home;
        case 37: return ImGuiKey_LeftArrow;
        case 38: return ImGuiKey_UpArrow;
        case 39: return ImGuiKey_RightArrow;
        case 40: return ImGuiKey_DownArrow;
        case 44: return ImGuiKey_PrintScreen;
        case 45: return ImGuiKey_Insert;
        case 46: return ImGuiKey_Delete;
        case 91: return ImGuiKey_LeftSuper;
        case 92: return ImGuiKey_RightSuper;
        case 93: return ImGuiKey_Menu;
        case 106: return ImGuiKey_KeypadMultiply;
        case 107: return ImGuiKey_KeypadAdd;
        case 109: return ImGuiKey_KeypadSubtract;
        case 110: return ImGuiKey_KeypadDecimal;
        case 111: return ImGuiKey_KeypadDivide;
        case 144: return ImGuiKey_NumLock;
        case 145: return ImGuiKey_ScrollLock;
        case 186: return ImGuiKey_Semicolon;
        case 187: return ImGuiKey_Equal;
        case 188: return ImGuiKey_Comma;
        case 189: return ImGuiKey_Minus;
        case 190: return ImGuiKey_Period;
        case 191: return ImGuiKey_Slash;
        case 192: return ImGuiKey_GraveAccent;
        case 219: return ImGuiKey_LeftBracket;
        case 220: return ImGuiKey_Backslash;
        case 221: return ImGuiKey_RightBracket;
        case 222: return ImGuiKey_Apostrophe;
        default: return ImGuiKey_None;
    }
}

bool ClaimKeys(const char* owner, std::initializer_list<ImGuiKey> keys) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.NavVisible || io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return false;
    // Owned from the next frame on (navigation reads the keys before any
    // screen runs); the screen itself reads them whatever their owner.
    const ImGuiID id = ImGui::GetID(owner);
    for (ImGuiKey k : keys) ImGui::SetKeyOwner(k, id);
    return true;
}

}  // namespace htk::ui
