// problem_rules.h — what makes a ledger row acceptable (the 备注 of the
// official sheet): 问题类型 one of the campaign's areas (synonyms accepted and
// stored canonical), 问题性质 共性问题 or 个性问题, 完成时限 an exact day, and
// 问题表述 / 整改措施 / 责任单位 not empty.
#pragma once

#include "problem.h"

#include <string>
#include <vector>

namespace htk {

struct Campaign;

struct FieldError {
    ProblemField field;
    std::string message;  // Chinese, names the field
};

// Trims every field, rewrites synonyms and dates to their canonical forms,
// and returns what is still wrong (empty when the row is acceptable).
std::vector<FieldError> NormalizeAndValidate(Problem& p, const Campaign& campaign);

// Why a 整改措施 is not yet the specific, workable measure the 备注 asks for
// (a warning: the row is still accepted), or "" when it reads as one:
// the text a screening finding starts with (“对照“…”要求，限期整改到位”),
// or fewer than kMinMeasureChars characters.
constexpr size_t kMinMeasureChars = 10;
std::string WeakMeasureReason(const std::string& measures);
bool IsGeneratedMeasure(const std::string& measures);
// The measure a screening finding starts with, for check point `point_name`.
std::string GeneratedMeasure(const std::string& point_name);

// "问题类型不能为空；完成时限“6月底”要精准到日…"
std::string JoinErrors(const std::vector<FieldError>& errors);

}  // namespace htk
