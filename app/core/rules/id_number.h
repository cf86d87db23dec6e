// id_number.h — 居民身份证号码 (GB 11643-1999): checking and masking.
//
// An 18-character number: 6 digits of region, 8 of birth date (YYYYMMDD),
// 3 of sequence, and a check character (0-9 or X) computed over the first 17
// (ISO 7064 MOD 11-2). People type it with spaces, full-width digits or a
// lower-case x; NormalizeIdNumber takes those. The app shows and exports it
// masked (MaskIdNumber) unless the user explicitly asks for the full number.
#pragma once

#include "dates.h"

#include <string>
#include <string_view>

namespace htk {

// Upper-case X, full-width digits made ASCII, spaces removed.
std::string NormalizeIdNumber(std::string_view typed);

// The check character the first 17 digits call for.
char IdNumberCheckChar(std::string_view first17);

// "" when `id` (normalised) is a plausible number: 18 characters, a birth date
// that is a real day between 1900-01-01 and `today`, and the right check
// character. Otherwise why not, in Chinese.
std::string IdNumberError(const std::string& id, const Date& today);

// 411023********1234: the region and the last four stay. Shorter or odd text
// keeps at most its first and last characters, so nothing whole leaks.
std::string MaskIdNumber(const std::string& id);

// The birth date in a valid number.
Date IdNumberBirthDate(const std::string& id);

}  // namespace htk
