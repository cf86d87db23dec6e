#include "ledger_text_index.h"

#include "check.h"
#include "rules/text.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace htk {

void LedgerTextIndex::Clear() {
    std::string().swap(text_);
    std::vector<uint32_t>().swap(start_);
    run_row_ = SIZE_MAX;
}

void LedgerTextIndex::Build(const std::vector<Problem>& rows) {
    size_t total = 0;
    for (const Problem& p : rows)
        total += p[ProblemField::kDescription].size() + p[ProblemField::kMeasures].size() + 2;
    HTK_CHECK(total < UINT32_MAX);  // offsets are 32-bit: a wrong one filters the wrong rows
    text_.resize(total);
    run_row_ = SIZE_MAX;  // the rows changed: no run carries over
    start_.clear();
    start_.reserve(rows.size() + 1);
    char* out = text_.data();
    for (const Problem& p : rows) {
        start_.push_back(uint32_t(out - text_.data()));
        for (ProblemField f : {ProblemField::kDescription, ProblemField::kMeasures}) {
            const std::string& t = p[f];
            std::memcpy(out, t.data(), t.size());
            out += t.size();
            *out++ = '\0';  // a match never runs from one text into the next
        }
    }
    HTK_CHECK(size_t(out - text_.data()) == total);
    start_.push_back(uint32_t(total));
    LowerAsciiInPlace(text_.data(), total);
}

bool LedgerTextIndex::RowContains(size_t row, std::string_view needle_lower) const {
    assert(row < rows());  // per row of every filter pass: debug builds only (check.h, rule 3)
    if (needle_lower.find('\0') != std::string_view::npos) return false;
    const size_t begin = start_[row], end = start_[row + 1];
    if (row != run_row_ || needle_lower != run_needle_) {
        // Not the next row of a run: this row alone; a run may start after it.
        run_needle_.assign(needle_lower);
        run_row_ = row + 1;
        run_limit_ = 0;
        run_length_ = 0;
        return FindBytes(std::string_view(text_.data(), end), needle_lower, begin) != std::string_view::npos;
    }
    run_row_ = row + 1;
    run_length_ = std::min<size_t>(run_length_ + 1, 6);
    if (run_limit_ <= begin || (run_match_ != std::string_view::npos && run_match_ < begin)) {
        // Search on from this row over the rows ahead at once (texts end in
        // NUL, so no match crosses a row's end).
        const size_t ahead = std::min<size_t>(kRunRows, size_t(1) << run_length_);
        run_limit_ = start_[std::min(rows(), row + ahead)];
        run_match_ = FindBytes(std::string_view(text_.data(), run_limit_), needle_lower, begin);
    }
    return run_match_ != std::string_view::npos && run_match_ < end;
}

}  // namespace htk
