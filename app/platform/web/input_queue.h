// input_queue.h — browser input events, handed to ImGui as they arrive.
//
// ImGui 1.87+ queues input events itself (io.AddKeyEvent, io.AddMouse*Event)
// and trickles them over frames, so a key pressed and released between two
// frames is not lost and a fast click lands where it was made. The page sends
// DOM keyCodes (shell/input.js); they are mapped to ImGuiKey here. Typed text
// alone is held back while keys wait or the keyboard focus is moving to
// another field (Tab, a shortcut that focuses one), see FeedHeldText.
#pragma once

#include <string>

struct ImGuiIO;

namespace htk::web {

void InstallImGuiInput(ImGuiIO& io);   // clipboard and IME callbacks
// Hands typed text held back (and the keys after it) to ImGui once the text can go to the right
// field. Call before NewFrame.
void FeedHeldText();
// Whether input waits to be processed (ImGui's queue, or a loose paste).
bool HasQueuedInput();
// Where the IME caret is (CSS px) and the line height, as ImGui last said.
bool ImeCaret(float* x, float* y, float* h);
// Text pasted while no text field had the keyboard, for the screen to use.
bool TakeLoosePaste(std::string* out);
// How many events wait behind held text (for window.app.status()).
size_t HeldCount();
// Call right after NewFrame: remembers the last few mouse presses and
// releases with what ImGui saw under the pointer, for window.app.status()
// (a test whose click had no effect says where it went).
void NoteClicks();
std::string RecentClicks();  // JSON array

}  // namespace htk::web
