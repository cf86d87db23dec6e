// test_marks.h — named widget rectangles for end-to-end tests.
//
// A screen calls MarkItem("settings.unit_name") right after a widget; the
// page's window.app.rect(id) then tells a test where to click, and what the
// widget showed (`text`, e.g. a field's value) and whether it had the
// keyboard focus (`focused`). Only widgets drawn in the last
// frame are known.
#pragma once

#include <string>

namespace htk::ui {

struct MarkRect {
    float x, y, w, h;
    std::string text;
    bool focused = false;  // the keyboard focus is on it (shown or not)
};

void BeginMarksFrame();
void MarkItem(const char* id, const char* text = nullptr);
bool FindMark(const char* id, MarkRect* out);

}  // namespace htk::ui
