// task.h — heavy work done a slice at a time, so that the page keeps drawing.
//
// The app runs on the page's one thread: a frame that works for a second is a
// frozen page (on an office PC, one that gets closed). Every piece of work
// that can take longer than a frame — reading and checking a file, a
// district's merge, an export, a backup or a restore, a report — is a Task:
// the UI's runner (ui/task_runner.h) calls Step once per frame with a Slice
// of time, draws its progress and offers 取消 meanwhile.
//
// Rules every Task keeps:
//   1. Step returns when its slice is over, at a point where it can resume;
//      one call never does more than a bounded piece of work after the slice
//      has run out (the bench's longest frame shows it), and never less than
//      one piece, so that a task ends however short the slices.
//   2. Destroying an unfinished task is its cancel: nothing it would have
//      changed is changed (a write in progress is rolled back, a file not yet
//      handed over is never handed over).
//   3. A task changes stored data only in its last step, or inside one
//      transaction that its last step commits.
//   4. Whatever a finished task produced is taken from it by its owner after
//      Step returned true; Step is not called again.
#pragma once

#include <string>

namespace htk {

// How long a step may work: a clock and a budget. `over()` reads the clock
// only every few calls, so it may be asked per row.
class Slice {
public:
    // budget_s < 0: no limit (the whole task in one call, as native tools and
    // tests run it).
    Slice(double (*clock)(), double budget_s) : clock_(clock), budget_(budget_s), start_(clock ? clock() : 0) {}
    static Slice Unlimited() { return Slice(nullptr, -1); }

    bool over() {
        if (budget_ < 0 || !clock_) return false;
        if (++calls_ % kCallsPerLook != 0) return false;
        return clock_() - start_ > budget_;
    }
    // Reads the clock now (for steps that are each long, e.g. a 4 MB slice).
    bool over_now() const { return budget_ >= 0 && clock_ && clock_() - start_ > budget_; }

private:
    static constexpr unsigned kCallsPerLook = 16;
    double (*clock_)();
    double budget_;
    double start_;
    unsigned calls_ = 0;
};

class Task {
public:
    virtual ~Task() = default;  // cancels an unfinished task (rule 2)
    // Works until the slice is over; true when the task has finished.
    virtual bool Step(Slice& slice) = 0;
    // Within the whole task, 0..1.
    virtual double progress() const = 0;
    // What is being done now, in the user's words (“正在写入 Excel 文件”).
    virtual std::string stage() const = 0;
    // True while it waits for work done elsewhere (a Web Worker's check): the
    // runner then asks again on the next frame rather than at once.
    virtual bool waiting() const { return false; }
};

// Runs a task to its end in one call (native tools, tests).
inline void RunToEnd(Task& task) {
    Slice slice = Slice::Unlimited();
    while (!task.Step(slice)) {
    }
}

}  // namespace htk
