// check.h — the core's one way to stop on a broken invariant.
//
// The core's error convention (docs/ARCHITECTURE.md, "Errors"):
//  1. What the user or the outside world can get wrong — a file, a backup, a
//     typed query, a full disk, a database written by a newer build — is a
//     returned error (false, an empty result, an error string, an enum) that
//     changes nothing, and the caller shows it.
//  2. What can only go wrong when our own code or SQLite is broken — SQL we
//     wrote fails to prepare or run, a transaction we opened fails to commit,
//     a state machine is driven out of order — is HTK_CHECK: in every build,
//     Release and MinSizeRel included, it prints file:line and the condition
//     and aborts before anything half-done can be committed or saved. In the
//     browser the page then says the program stopped; what was saved before
//     stays as it was.
//  3. assert() is left only for checks in per-row or per-frame loops whose
//     failure cannot reach stored data (an index out of range while drawing).
//
// The condition is always evaluated, in every build: HTK_CHECK(stmt.Run())
// runs the statement.
#pragma once

#include <string_view>

namespace htk {

// Prints "file:line: check failed: condition (detail)" to stderr, then aborts.
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition, std::string_view detail = {});

}  // namespace htk

#define HTK_CHECK(cond) \
    ((cond) ? (void)0 : ::htk::CheckFailed(__FILE__, __LINE__, #cond))
// The same, with a detail (e.g. SQLite's error message), evaluated only on failure.
#define HTK_CHECK_MSG(cond, detail) \
    ((cond) ? (void)0 : ::htk::CheckFailed(__FILE__, __LINE__, #cond, (detail)))
