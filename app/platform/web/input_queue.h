// input_queue.h — browser input events, handed to ImGui as they arrive.
//
// ImGui 1.87+ queues input events itself (io.AddKeyEvent, io.AddMouse*Event)
// and trickles them over frames, so a key pressed and released between two
// frames is not lost and a fast click lands where it was made. The page sends
// DOM keyCodes (shell/input.js); they are mapped to ImGuiKey here. Typed text
// alone is held back while keys wait or the keyboard focus is moving to
// another field (Tab, a shortcut that focuses one), see FeedHeldText.
#pragma once

#include <deque>
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
// A mouse press or release as ImGui saw it, for window.app.status() (a
// test whose click had no effect says where it went).
struct ClickNote {
    int frame = 0, button = 0;
    bool down = false;
    float x = 0, y = 0;
    std::string window;            // the hovered window
    unsigned hovered_last = 0;     // the item hovered in the frame before
    unsigned active = 0;           // the active item
};
// Call right after NewFrame: remembers this frame's presses and releases.
void NoteClicks();
const std::deque<ClickNote>& RecentClicks();  // the last eight, oldest first

}  // namespace htk::web
