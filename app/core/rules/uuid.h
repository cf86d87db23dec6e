// uuid.h — random (version 4) UUIDs that identify a ledger row across files.
#pragma once

#include <string>

namespace htk {

std::string NewUuid();  // "3f2b…-…", lower-case, 36 characters
bool IsUuid(const std::string& s);

}  // namespace htk
