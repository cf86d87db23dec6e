// frame_loop.h — what the browser backend asks of the frame loop. The loop
// is the entry point's (app/web_main/main.cpp), which defines these.
#pragma once

namespace htk::web {

// Draws the next frames at full rate even without input (platform::KeepDrawing).
void KeepDrawing();
// platform::MarkAfterFrame: marked by the frame loop after drawing.
void MarkAfterFrame(const char* name);

}  // namespace htk::web
