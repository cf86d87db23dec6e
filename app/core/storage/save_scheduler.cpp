#include "save_scheduler.h"

#include "check.h"

#include <algorithm>

namespace htk {

void SaveScheduler::ObserveCommits(uint64_t commit_count) {
    if (commit_count != seen_commits_) dirty_ = true;
    seen_commits_ = commit_count;
}

bool SaveScheduler::ShouldStart(double now, bool in_transaction) const {
    return ShouldFlush(in_transaction) && now >= retry_at_;
}

bool SaveScheduler::ShouldFlush(bool in_transaction) const {
    return dirty_ && !in_flight_ && !disabled_ && !in_transaction;
}

void SaveScheduler::Started() {
    HTK_CHECK(!in_flight_);
    in_flight_ = true;
    dirty_ = false;  // commits from now on make it dirty again
}

void SaveScheduler::Finished(bool ok, const std::string& error, double now) {
    HTK_CHECK(in_flight_);
    in_flight_ = false;
    if (ok) {
        failures_ = 0;
        retry_at_ = 0;
        error_.clear();
        return;
    }
    dirty_ = true;
    ++failures_;
    // 1 s, 2 s, 4 s ... capped at 30 s.
    retry_at_ = now + std::min(30.0, double(1 << std::min(failures_ - 1, 5)));
    error_ = error;
}

void SaveScheduler::Superseded() {
    HTK_CHECK(in_flight_);
    in_flight_ = false;
    dirty_ = true;
}

void SaveScheduler::Disable(const std::string& reason) {
    disabled_ = true;
    error_ = reason;
}

void SaveScheduler::Reset(uint64_t commit_count) {
    HTK_CHECK(!in_flight_);
    seen_commits_ = commit_count;
    dirty_ = false;
    failures_ = 0;
    retry_at_ = 0;
    if (!disabled_) error_.clear();
}

SaveState SaveScheduler::state() const { return state(seen_commits_); }

SaveState SaveScheduler::state(uint64_t commit_count) const {
    if (disabled_) return SaveState::kDisabled;
    if (failures_ > 0) return SaveState::kFailed;
    if (in_flight_ || dirty_ || commit_count != seen_commits_) return SaveState::kSaving;
    return SaveState::kSaved;
}

}  // namespace htk
