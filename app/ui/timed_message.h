// timed_message.h — a line of feedback a screen shows for a few seconds
// ("已导出 …" in green, "导入失败：…" in red).
#pragma once

#include <limits>
#include <string>

namespace htk::ui {

struct TimedMessage {
    std::string text;
    bool is_error = false;
    double until = 0;  // ImGui::GetTime() at which it goes
};

constexpr double kUntilReplaced = std::numeric_limits<double>::infinity();

// Shows `text` for `seconds` from now.
void SetMessage(TimedMessage& m, std::string text, bool error, double seconds);
// Draws the message while it lasts, marked `mark` for the tests: on the line
// of the last item, or on its own wrapped line when `wrapped`, after a × that
// closes it. A message on its own line should last until replaced or closed:
// one that goes by itself moves everything below it under the pointer.
void DrawMessage(TimedMessage& m, const char* mark, bool wrapped = false);

}  // namespace htk::ui
