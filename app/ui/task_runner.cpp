#include "task_runner.h"

#include "dialogs.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace htk::ui {

namespace {

// One slice of the running task; true while it has more to do.
bool StepOnce(TaskRunner& r) {
    if (!r.task || r.finished || r.cancel_requested) return false;
    const double start = platform::Seconds();
    r.last_step_at = start;
    platform::Mark("htk-task-step-start");
    double budget = kTaskBudget;
    if (r.pumping) {
        const double held = platform::TakeHeldSinceDrawnFrame();
        if (held < kNoFramesComing) budget = std::clamp(kHoldLimit - held, kTaskMinBudget, kTaskBudget);
    }
    Slice slice(platform::Seconds, budget);
    r.finished = r.task->Step(slice);
    platform::Mark("htk-task-step-end");
    r.longest_step = std::max(r.longest_step, platform::Seconds() - start);
    ++r.steps;
    // Stepped in frames, the next frame is the next step; between frames, the
    // page's idle redraw (4 a second) shows the progress and each frame drawn
    // is one less slice of work (with SwiftShader a drawn frame holds the page
    // ~60 ms). Finished: the next frame runs `done`.
    if (!r.pumping || r.finished) platform::KeepDrawing();
    return !r.finished;
}

// Frees one spent thing; true while more are left.
bool FreeOne(TaskRunner& r) {
    if (r.spent.empty()) return false;
    r.spent.pop_back();
    platform::Mark("htk-task-freed");
    return !r.spent.empty();
}

void FreeSpent(TaskRunner& r) {
    if (r.spent.empty() || r.pumping) return;  // (a running task's slices free them first)
    if (!platform::WorkBetweenFrames([&r] { return FreeOne(r); }))
        while (FreeOne(r)) {
        }
}

// A slice between frames; false stops them (finished, cancelled, or waiting
// for a worker: then StepTasks asks once per frame).
bool PumpSlice(TaskRunner& r) {
    if (!r.spent.empty()) {  // a slot of its own
        FreeOne(r);
        return true;
    }
    if (!StepOnce(r) || r.task->waiting()) {
        r.pumping = false;
        return false;
    }
    return true;
}

void Pump(TaskRunner& r) { r.pumping = platform::WorkBetweenFrames([&r] { return PumpSlice(r); }); }

}  // namespace

bool StartTask(TaskRunner& r, const char* title, std::unique_ptr<Task> task, std::function<void(Task&)> done,
               std::function<void()> cancelled, bool cancellable) {
    if (r.task || !task) return false;
    r.task = std::move(task);
    r.title = title;
    r.done = std::move(done);
    r.cancelled = std::move(cancelled);
    r.cancel_requested = false;
    r.cancellable = cancellable;
    r.finished = false;
    r.started = r.last_step_at = platform::Seconds();
    r.longest_step = 0;
    r.steps = 0;
    platform::Mark("htk-task-start");
    Pump(r);
    platform::KeepDrawing();
    return true;
}

bool TaskRunning(const TaskRunner& r) { return r.task != nullptr; }

void FreeBetweenFrames(TaskRunner& r, std::shared_ptr<void> thing) {
    r.spent.push_back(std::move(thing));
    FreeSpent(r);
}

void StepTasks(TaskRunner& r) {
    if (!r.task) return;
    if (r.cancel_requested) {
        r.task.reset();  // rule 2: nothing it would have changed is changed
        auto cancelled = std::move(r.cancelled);
        r.done = nullptr;
        ++r.ended;
        platform::Mark("htk-task-cancelled");
        if (cancelled) cancelled();
        return;
    }
    // Slices between frames that stopped coming (the browser dropped the
    // message that was to run the next one): this frame steps it and starts
    // them again, so a task always ends.
    if (r.pumping && !r.finished && platform::Seconds() - r.last_step_at > kPumpStalled) {
        platform::Mark("htk-task-pump-stalled");
        r.pumping = false;
    }
    if (!r.pumping && !r.finished && StepOnce(r) && !r.task->waiting()) Pump(r);
    if (!r.finished) return;
    std::unique_ptr<Task> task = std::move(r.task);
    auto done = std::move(r.done);
    r.cancelled = nullptr;
    r.finished = false;
    if (done) done(*task);  // may start the next task
    ++r.ended;
    platform::Mark("htk-task-end");
    r.spent.push_back(std::shared_ptr<Task>(std::move(task)));  // what it still holds
    FreeSpent(r);
}

void DrawTaskDialog(TaskRunner& r) {
    if (!r.task) return;
    const std::string id = r.title + "##task";
    // Tall enough for its four lines and the button at any zoom (8.5 cut the
    // button off at 1366×768).
    if (!BeginModalDialog(id.c_str(), 26, 10.5f)) return;
    const double p = std::clamp(r.task->progress(), 0.0, 1.0);
    char text[160];
    std::snprintf(text, sizeof text, "%s… %.0f%%", r.task->stage().c_str(), p * 100);
    ImGui::TextUnformatted(text);
    MarkItem("task.stage", text);
    ImGui::ProgressBar(float(p), ImVec2(-1, 0), "");
    MarkItem("task.progress", text);
    ImGui::Spacing();
    if (r.cancellable) {
        ColoredTextWrapped(kColorMuted, "取消后数据保持原样。");
        if (ImGui::Button("取消 (Esc)") || DialogCancelled()) r.cancel_requested = true;
        MarkItem("task.cancel", "取消");
    } else {
        ColoredTextWrapped(kColorMuted, "请稍候，完成前请勿关闭页面。");
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
