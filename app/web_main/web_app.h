// web_app.h — the browser app's single instance, shared by the frame loop
// (main.cpp) and the page-facing API (js_api.cpp).
#pragma once

#include "app_ui.h"
#include "frame_loop.h"
#include "storage/database.h"

#include <memory>
#include <vector>

namespace htk::web {

struct WebApp {
    std::unique_ptr<Database> db;
    ui::UiState ui;
    ui::PlatformStatus status;
};

WebApp& App();

// Copies the writer lock's state into app.status and passes on a take-over
// the UI asked for (tabs.cpp); every frame.
void SyncWriterStatus(WebApp& app);

// CPU time of recently drawn frames, for tests/bench (js_api.cpp: htk_frame_stats):
// the whole frame, and the part spent building it (our UI code and ImGui,
// before the WebGL calls).
void RecordFrameTime(double total_ms, double build_ms);
struct FrameStats {
    int count;
    double p50, p95, max;
    double build_p95, build_max;
    std::vector<double> frames;  // each frame's total, in the order drawn (at most 1,000)
    double slice_max = 0;        // the longest piece of work run between frames (a task's slice)
};
FrameStats TakeFrameStats();  // and start a new sample

}  // namespace htk::web
