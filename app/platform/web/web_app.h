// web_app.h — the browser app's single instance, shared by the frame loop
// (main.cpp) and the page-facing API (js_api.cpp).
#pragma once

#include "app_ui.h"
#include "storage/database.h"

#include <memory>

namespace htk::web {

struct WebApp {
    std::unique_ptr<Database> db;
    ui::UiState ui;
    ui::PlatformStatus status;
};

WebApp& App();

// CPU time of recently drawn frames, for tests/bench (js_api.cpp: htk_frame_stats).
void RecordFrameTime(double ms);
struct FrameStats {
    int count;
    double p50, p95, max;
};
FrameStats TakeFrameStats();  // and start a new sample

}  // namespace htk::web
