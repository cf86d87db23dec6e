// HTK_CHECK survives a release build: this file, check.cpp and database.cpp
// are compiled with NDEBUG (as the shipped MinSizeRel wasm is), where every
// assert() is gone. See app/core/check.h for the error convention.
#ifndef NDEBUG
#error "check_release_test must be built with NDEBUG, like the shipped build"
#endif

#include "check.h"
#include "storage/database.h"

#include <gtest/gtest.h>

#include <cassert>

namespace htk {
namespace {

TEST(CheckRelease, AssertIsGoneButCheckFires) {
    assert(false);  // compiled out: NDEBUG
    EXPECT_DEATH(HTK_CHECK(1 + 1 == 3), "check_release_test\\.cpp:[0-9]+: check failed: 1 \\+ 1 == 3");
}

TEST(CheckRelease, DetailIsPrinted) {
    EXPECT_DEATH(HTK_CHECK_MSG(false, std::string("no such table: x")), "check failed: false \\(no such table: x\\)");
}

TEST(CheckRelease, ConditionIsEvaluatedOnceInEveryBuild) {
    int calls = 0;
    HTK_CHECK(++calls == 1);
    EXPECT_EQ(calls, 1);
}

TEST(CheckRelease, SqlWeWroteThatFailsStops) {
    std::unique_ptr<Database> db = Database::OpenInMemory();
    EXPECT_DEATH(db->Prepare("SELECT a FROM nowhere"), "SQL written by us failed to prepare.*no such table");
    EXPECT_DEATH(db->ExecScript("CREATE TABLE t(a); CREATE TABLE t(a);"), "SQL script written by us failed");
    Stmt s = db->Prepare("SELECT ?1");
    EXPECT_DEATH(s.Bind(2, int64_t(1)), "check failed: rc == SQLITE_OK \\(column index out of range\\)");
}

TEST(CheckRelease, DataDependentScriptReturnsAnError) {
    std::unique_ptr<Database> db = Database::OpenInMemory();
    std::string error;
    EXPECT_TRUE(db->TryExecScript("CREATE TABLE t(a); INSERT INTO t VALUES(1), (1);", &error));
    EXPECT_FALSE(db->TryExecScript("CREATE UNIQUE INDEX t_a ON t(a);", &error));
    EXPECT_NE(error.find("UNIQUE"), std::string::npos) << error;
}

}  // namespace
}  // namespace htk
