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

}  // namespace htk::web
