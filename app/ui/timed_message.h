// timed_message.h — a line of feedback a screen shows for a few seconds
// ("已导出 …" in green, "导入失败：…" in red).
#pragma once

#include <string>

namespace htk::ui {

struct TimedMessage {
    std::string text;
    bool is_error = false;
    double until = 0;  // ImGui::GetTime() at which it goes
};

// Shows `text` for `seconds` from now.
void SetMessage(TimedMessage& m, std::string text, bool error, double seconds);
// Draws the message while it lasts, marked `mark` for the tests: on the line
// of the last item, or on its own wrapped line when `wrapped`.
void DrawMessage(const TimedMessage& m, const char* mark, bool wrapped = false);

}  // namespace htk::ui
