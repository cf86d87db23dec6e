// drift.h — problems that drift: a unit's latest received file no longer
// lists problems its earlier files did. Usually a 问题表述 was reworded (the
// file's row got a new content identity and came in as a second problem, the
// first staying 整改中 and 超期 for ever); sometimes a problem was left out.
//
// For each unit with two or more counted files, the problems its earlier
// files list and its latest file (highest week, then newest version) does not
// are listed, each with the problem new in the latest file that looks like it
// reworded (same unit, 所属村, 问题类型 and 完成时限, similar text), if any.
// The office either merges the old problem into the reworded one — the old
// one is deleted (it stops counting; its history stays, with a line saying
// where it went, and the new one's says what it took in), the files that
// listed it list the new one, and its spot-check findings go with it — or
// keeps it open, and it is not listed again. Each is one undo step of the
// ledger (undone, the findings go back and the problem is listed again).
#pragma once

#include "domain/problem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace htk {

class Database;
class LedgerStore;
struct ChangeContext;

struct DriftProblem {
    Problem problem;       // the problem the latest file lacks, as stored
    int64_t proposed = 0;  // the problem of the latest file that looks like it reworded; 0: none
    double similarity = 0;
};

struct UnitDrift {
    std::string unit;
    int64_t latest_file = 0;
    std::string latest_file_name;
    int latest_week = 0;
    std::vector<DriftProblem> missing;  // by id
    std::vector<Problem> new_in_latest;  // problems only the latest file lists: what a missing one may have become
};

// Every unit's drift (units with none are left out), in `units`' order when
// given (only those units), else by unit name.
std::vector<UnitDrift> FindDrift(Database& db, const LedgerStore& store, int64_t campaign_id,
                                 const std::vector<std::string>& units = {});

// “第3周台账中没有以下 2 个问题”
std::string DriftHeading(const UnitDrift& d);

// How alike two 问题表述 are, 0…1: the Dice coefficient of their character
// pairs after NormalizeKey (width, spaces, case and punctuation ignored).
double TextSimilarity(const std::string& a, const std::string& b);
// Whether `now` looks like `old` reworded: the same unit, 所属村, 问题类型 and
// 完成时限, and text at least kRewordSimilarity alike.
constexpr double kRewordSimilarity = 0.5;
bool LooksReworded(const Problem& old, const Problem& now);

// Merges `old_id` into `new_id` (see above). "" or why not, in Chinese
// (nothing changes then). `touched`: the problem ids changed.
std::string MergeDriftedProblem(Database& db, LedgerStore& store, int64_t old_id, int64_t new_id,
                                const ChangeContext& ctx, std::vector<int64_t>* touched);

// Keeps the problem open although the unit's latest file lacks it; it is not
// listed as drift again. One undo step of the ledger. "" or why not.
std::string KeepDriftedProblem(LedgerStore& store, int64_t problem_id, const ChangeContext& ctx);

}  // namespace htk
