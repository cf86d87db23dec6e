// uuid.h — random (version 4) UUIDs that identify a ledger row across files.
#pragma once

#include <string>

namespace htk {

std::string NewUuid();  // "3f2b…-…", lower-case, 36 characters
bool IsUuid(const std::string& s);

// A UUID derived from `key` (version 8, “custom”): the same key gives the same
// identity on every computer. Used for problems read from files that carry no
// 唯一编号 (see ProblemContentUuid).
std::string ContentUuid(const std::string& key);
// Whether `s` was made by ContentUuid (its version digit is 8).
bool IsContentUuid(const std::string& s);

}  // namespace htk
