// core_timings.h — the core's heavy operations timed on the open database.
//
// The same function runs in the browser (window.app.coreTimings(), through
// the platform layer) and natively (tests/bench/district_bench), on the same
// database file, so the two sets of numbers give the cost of WebAssembly for
// our code. It only reads: nothing in the database changes.
#pragma once

#include "rules/dates.h"

#include <cstddef>
#include <string>
#include <vector>

namespace htk {

class Database;

struct CoreTiming {
    std::string name;   // e.g. "ledger_filter_text"
    double ms = 0;      // median of the repeats
    size_t result = 0;  // rows found, bytes written...: the same on both sides
};

// Each operation `repeats` times (the median is kept); `today` dates the
// reports as the screens would.
std::vector<CoreTiming> TimeCoreOperations(Database& db, const Date& today, int repeats);

}  // namespace htk
