#include "storage/save_scheduler.h"

#include <gtest/gtest.h>

using namespace htk;

TEST(SaveScheduler, CleanUntilACommit) {
    SaveScheduler s;
    s.ObserveCommits(0);
    EXPECT_FALSE(s.ShouldStart(0, false));
    EXPECT_EQ(s.state(), SaveState::kSaved);
    s.ObserveCommits(1);
    EXPECT_EQ(s.state(), SaveState::kSaving);
    EXPECT_TRUE(s.ShouldStart(0, false));
    EXPECT_FALSE(s.ShouldStart(0, true)) << "never save inside a transaction";
}

TEST(SaveScheduler, ACommitNotYetObservedShowsAsSaving) {
    SaveScheduler s;
    s.ObserveCommits(3);
    s.Started();
    s.Finished(true, "", 0);
    EXPECT_EQ(s.state(3), SaveState::kSaved);
    EXPECT_EQ(s.state(4), SaveState::kSaving) << "an edit earlier in this frame";
    EXPECT_EQ(s.state(), SaveState::kSaved) << "what the scheduler itself has seen";
    s.Disable("满了");
    EXPECT_EQ(s.state(4), SaveState::kDisabled);
}

TEST(SaveScheduler, NeverTwoSavesAtOnceAndCoalesces) {
    SaveScheduler s;
    s.ObserveCommits(1);
    ASSERT_TRUE(s.ShouldStart(0, false));
    s.Started();
    s.ObserveCommits(2);
    s.ObserveCommits(5);  // a burst while saving
    EXPECT_FALSE(s.ShouldStart(0.1, false));
    EXPECT_FALSE(s.ShouldFlush(false));
    s.Finished(true, "", 0.2);
    EXPECT_TRUE(s.ShouldStart(0.2, false)) << "commits during a save need one more save";
    s.Started();
    s.Finished(true, "", 0.3);
    EXPECT_FALSE(s.ShouldStart(0.3, false));
    EXPECT_EQ(s.state(), SaveState::kSaved);
}

TEST(SaveScheduler, FailureIsShownAndRetriedWithBackoff) {
    SaveScheduler s;
    s.ObserveCommits(1);
    s.Started();
    s.Finished(false, "QuotaExceededError", 10.0);
    EXPECT_EQ(s.state(), SaveState::kFailed);
    EXPECT_EQ(s.error(), "QuotaExceededError");
    EXPECT_FALSE(s.ShouldStart(10.5, false));
    EXPECT_TRUE(s.ShouldFlush(false)) << "a page being closed still tries";
    EXPECT_TRUE(s.ShouldStart(11.0, false));
    s.Started();
    s.Finished(false, "QuotaExceededError", 11.0);
    EXPECT_FALSE(s.ShouldStart(12.5, false));
    EXPECT_TRUE(s.ShouldStart(13.0, false));
    for (int i = 0; i < 10; ++i) {
        s.Started();
        s.Finished(false, "x", 100.0);
    }
    EXPECT_NEAR(s.retry_at(), 130.0, 1e-9) << "delay capped at 30 s";
    s.Started();
    EXPECT_EQ(s.state(), SaveState::kFailed) << "failure stays visible until a save succeeds";
    s.Finished(true, "", 131.0);
    EXPECT_EQ(s.state(), SaveState::kSaved);
    EXPECT_TRUE(s.error().empty());
}

TEST(SaveScheduler, DisabledNeverSaves) {
    SaveScheduler s;
    s.Disable("无法读取浏览器存储");
    s.ObserveCommits(3);
    EXPECT_FALSE(s.ShouldStart(100, false));
    EXPECT_FALSE(s.ShouldFlush(false));
    EXPECT_EQ(s.state(), SaveState::kDisabled);
}

// A tab that takes over from another reads the stored data afresh: what it
// held before (a failure, unsaved commits) belongs to data it no longer has.
TEST(SaveScheduler, ResetStartsCleanFromTheGivenCommitCount) {
    SaveScheduler s;
    s.ObserveCommits(4);
    s.Started();
    s.Finished(false, "QuotaExceededError", 1.0);
    ASSERT_EQ(s.state(), SaveState::kFailed);
    s.Reset(9);
    EXPECT_EQ(s.state(), SaveState::kSaved);
    EXPECT_TRUE(s.error().empty());
    s.ObserveCommits(9);
    EXPECT_FALSE(s.ShouldStart(2.0, false)) << "the count it started from is not a change";
    s.ObserveCommits(10);
    EXPECT_TRUE(s.ShouldStart(2.0, false)) << "no retry delay left over";
}

// A save dropped because the image changed under it (or given up for an
// urgent one) leaves the image dirty, is no failure, and may start again at once.
TEST(SaveScheduler, ASupersededSaveStartsAgainWithoutDelayOrFailure) {
    SaveScheduler s;
    s.ObserveCommits(1);
    ASSERT_TRUE(s.ShouldStart(0, false));
    s.Started();
    EXPECT_FALSE(s.ShouldStart(0.1, false));
    s.Superseded();
    EXPECT_EQ(s.state(), SaveState::kSaving);
    EXPECT_EQ(s.failures(), 0);
    EXPECT_TRUE(s.error().empty());
    EXPECT_TRUE(s.ShouldStart(0.1, false));
    s.Started();
    s.Finished(true, "", 0.2);
    EXPECT_EQ(s.state(), SaveState::kSaved);
}
