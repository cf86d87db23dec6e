// input_queue.h — browser input events, fed to ImGui one frame at a time.
//
// ImGui 1.86 reads input as state (io.KeysDown, io.MouseDown), so a key
// pressed and released between two frames would be lost, and a fast click
// would land where the mouse moved next. Events are queued as they arrive and
// applied in order; an event that would change something already changed in
// this frame waits for the next one (the "trickle" rule ImGui 1.87 adopted).
#pragma once

#include <string>

struct ImGuiIO;

namespace htk::web {

void InstallImGuiInput(ImGuiIO& io);   // key map, clipboard and IME callbacks
// Applies queued events for this frame. Returns true if any was applied.
bool ApplyQueuedInput(ImGuiIO& io);
bool HasQueuedInput();
// The last text the page pasted, or the last text the app copied.
const std::string& ClipboardText();
// Text pasted while no text field had the keyboard, for the screen to use.
bool TakeLoosePaste(std::string* out);

}  // namespace htk::web
