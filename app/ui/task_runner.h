// task_runner.h — runs the app's heavy work (core/task.h) a slice per frame:
// a modal dialog shows what is being done, a progress bar and 取消, while the
// page keeps drawing. One task at a time; files that arrive meanwhile wait.
//
//   StartTask(ui.tasks, "导出 Excel", std::move(task), [&](Task& t) { ...take the result... });
//
// Each frame DrawApp calls StepTasks before the screens (the task works for
// kTaskBudget) and DrawTaskDialog after them. When the task finishes, `done`
// runs (in that frame, before the screens draw); 取消 or Esc destroys the
// task, which leaves the data as it was (core/task.h, rule 2), and runs
// `cancelled` if given.
#pragma once

#include "task.h"

#include <functional>
#include <memory>
#include <string>

namespace htk::ui {

// Work per frame, seconds. A frame also draws (5–20 ms, more in a software
// renderer) and the browser needs time for input and painting: with 40 ms of
// work a frame stays well under the 100 ms a user notices.
constexpr double kTaskBudget = 0.040;

struct TaskRunner {
    std::unique_ptr<Task> task;
    std::string title;                 // the dialog's title (“导出 Excel”)
    std::function<void(Task&)> done;
    std::function<void()> cancelled;
    bool cancel_requested = false;
    bool cancellable = true;
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
// One slice of work; when the task finishes, its `done` runs and it is freed.
void StepTasks(TaskRunner& r);
// The progress dialog (while a task runs).
void DrawTaskDialog(TaskRunner& r);

}  // namespace htk::ui
