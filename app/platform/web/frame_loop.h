// frame_loop.h — what the browser backend asks of the frame loop. The loop
// is the entry point's (app/web_main/main.cpp), which defines these.
#pragma once

namespace htk::web {

// Draws the next frames at full rate even without input (platform::KeepDrawing).
void KeepDrawing();
// platform::MarkAfterFrame: marked by the frame loop after drawing.
void MarkAfterFrame(const char* name);
// A piece of work run between frames took `ms` (window.app.frameStats().slice_max).
void RecordSliceTime(double ms);

// And what the loop asks of the backend (web_platform.cpp): whether work given
// to platform::WorkBetweenFrames is running. Meanwhile the loop draws when
// input arrives and at its idle rate, not at full rate for a while after input
// (with SwiftShader each frame drawn holds the page ~60 ms).
bool WorkingBetweenFrames();
// An animation frame's callback began; it was one that draws nothing after
// all (platform::TakeHeldSinceDrawnFrame).
void AnimationFrameBegan();
void AnimationFrameSkipped();

}  // namespace htk::web
