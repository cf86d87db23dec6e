// save_scheduler.h — when to write the database image to durable storage.
//
// Platform-free state machine used by the browser layer: every committed write
// makes the image dirty; a save starts on the next frame when none is running
// (so saves never overlap and a burst of commits becomes one save); a failed
// save keeps the image dirty and is retried with a growing delay, and the
// failure stays visible until a save succeeds. Times are seconds, any epoch.
#pragma once

#include <cstdint>
#include <string>

namespace htk {

enum class SaveState { kSaved, kSaving, kFailed, kDisabled };

class SaveScheduler {
public:
    // The database's commit counter, read every frame.
    void ObserveCommits(uint64_t commit_count);
    // True when a save should start now. `in_transaction`: never save a
    // half-done transaction.
    bool ShouldStart(double now, bool in_transaction) const;
    // Like ShouldStart but ignores the retry delay (page being hidden/closed).
    bool ShouldFlush(bool in_transaction) const;
    void Started();
    void Finished(bool ok, const std::string& error, double now);
    // The save in flight was dropped unwritten because the image changed
    // under it (or an urgent save replaces it): dirty, no failure, no delay.
    void Superseded();
    // Storage cannot be used at all (e.g. it could not be read at start, and
    // writing would overwrite data we never loaded).
    void Disable(const std::string& reason);
    // Starts over from a database read afresh (another tab wrote it): nothing
    // to save, no failure, commits counted from commit_count.
    void Reset(uint64_t commit_count);

    SaveState state() const;
    // The state with the database's commit counter as it is now: a commit not
    // yet observed (made earlier in this frame) shows as saving at once, so
    // the frame of an edit draws 保存中 itself instead of the next one.
    SaveState state(uint64_t commit_count) const;
    const std::string& error() const { return error_; }
    int failures() const { return failures_; }
    double retry_at() const { return retry_at_; }
    bool dirty() const { return dirty_; }
    bool in_flight() const { return in_flight_; }

private:
    uint64_t seen_commits_ = 0;
    bool dirty_ = false;
    bool in_flight_ = false;
    bool disabled_ = false;
    int failures_ = 0;
    double retry_at_ = 0;
    std::string error_;
};

}  // namespace htk
