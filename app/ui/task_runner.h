// task_runner.h — runs the app's heavy work (core/task.h) a slice at a time:
// a modal dialog shows what is being done, a progress bar and 取消, while the
// page keeps drawing. One task at a time; files that arrive meanwhile wait.
//
//   StartTask(ui.tasks, "导出 Excel", std::move(task), [&](Task& t) { ...take the result... });
//
// In the browser the slices run between the page's frames, each a browser
// task of its own (platform::WorkBetweenFrames): the frames only draw, and the
// work does not wait for animation frames (with SwiftShader a frame came every
// ~100 ms, so a 40 ms slice per frame was 40 % of the time). Where that is not
// available, StepTasks runs one slice at the start of each frame. Either way
// DrawApp calls StepTasks before the screens and DrawTaskDialog after them;
// when the task has finished, its `done` runs in StepTasks (in a frame, before
// the screens draw); 取消 or Esc destroys the task, which leaves the data as it
// was (core/task.h, rule 2), and runs `cancelled` if given.
#pragma once

#include "task.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace htk::ui {

// Work per slice, seconds. Between two frames the page does at most one
// slice, and a frame also draws (5–20 ms, more in a software renderer): with
// 40 ms of work the page answers well within the 100 ms a user notices.
constexpr double kTaskBudget = 0.040;
// Between frames, the slice right after a drawn frame is cut short so that
// the two hold the page at most this long (with SwiftShader a drawn frame
// alone holds it 60–70 ms), not below kTaskMinBudget; other slices, and one
// that comes kNoFramesComing after the frame (a hidden page), get the whole
// kTaskBudget.
constexpr double kHoldLimit = 0.060;
constexpr double kTaskMinBudget = 0.005;
constexpr double kNoFramesComing = 0.5;
// Slices between frames that have not come for this long while frames do are
// taken as stalled: a frame steps the task and starts them again.
constexpr double kPumpStalled = 1.0;

struct TaskRunner {
    std::unique_ptr<Task> task;
    std::string title;                 // the dialog's title (“导出 Excel”)
    std::function<void(Task&)> done;
    std::function<void()> cancelled;
    // What a finished task (and its `done`) let go of, freed between frames a
    // thing per browser task: a merge's 50,000 rows and 18 workbooks freed
    // in the frame that ran `done` took ~45 ms in the browser.
    std::vector<std::shared_ptr<void>> spent;
    bool cancel_requested = false;
    bool cancellable = true;
    bool pumping = false;   // its slices run between frames now (not in StepTasks)
    bool finished = false;  // Step returned true; `done` runs in the next StepTasks
    double last_step_at = 0;  // platform seconds when the last slice began
    double started = 0;                // platform seconds
    // The current or last task's steps and its longest one (seconds), and how
    // many tasks ended (finished or cancelled): window.app.status().task.
    double longest_step = 0;
    int steps = 0;
    int ended = 0;
};

// Starts `task` (false, and nothing started, while another one runs).
bool StartTask(TaskRunner& r, const char* title, std::unique_ptr<Task> task, std::function<void(Task&)> done,
               std::function<void()> cancelled = {}, bool cancellable = true);
bool TaskRunning(const TaskRunner& r);
// In a frame: a cancel asked for is carried out; a finished task's `done`
// runs and the task is freed; where slices do not run between frames (or the
// task waits for a worker), one slice of work.
void StepTasks(TaskRunner& r);
// Frees `thing` between frames (at once where that cannot be done): for what a
// `done` callback lets go of.
void FreeBetweenFrames(TaskRunner& r, std::shared_ptr<void> thing);
// The progress dialog (while a task runs).
void DrawTaskDialog(TaskRunner& r);

}  // namespace htk::ui
