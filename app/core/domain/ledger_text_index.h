// ledger_text_index.h — the ledger's 问题表述 and 整改措施 laid end to end in
// one buffer (ASCII lower-cased, each text closed by a NUL), so that searching
// a row reads contiguous memory instead of two small strings and lower-cases
// nothing, which makes a search of a large ledger several times faster in
// wasm (docs/PERFORMANCE.md). Rows are
// asked one at a time, so the table's filter can spread a search over frames.
//
// The index is a copy: rebuild it (Build) whenever the rows change.
#pragma once

#include "problem.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace htk {

class LedgerTextIndex {
public:
    void Build(const std::vector<Problem>& rows);
    void Clear();
    // Does row `row`'s 问题表述 or 整改措施 contain `needle_lower` (ASCII
    // already lower-cased, as the index holds it)? An empty needle is in every
    // row; a match never runs from one text into the other. Rows asked one
    // after the other (the table in entry order, or runs of equal sort keys)
    // share one search over the rows ahead, not a search per row: 2 rows, then
    // 4, ... up to kRunRows as the run goes on (a narrowing search asks rows
    // here and there, and would waste a long look ahead).
    bool RowContains(size_t row, std::string_view needle_lower) const;
    size_t rows() const { return start_.empty() ? 0 : start_.size() - 1; }
    size_t bytes() const { return text_.size(); }

private:
    static constexpr size_t kRunRows = 64;
    std::string text_;             // per row: description NUL measures NUL
    std::vector<uint32_t> start_;  // where each row's text starts; then the end
    // The current run: the row expected next, and the first match at or after
    // its start found below run_limit_ (npos: none there).
    mutable std::string run_needle_;
    mutable size_t run_row_ = SIZE_MAX, run_match_ = 0, run_limit_ = 0, run_length_ = 0;
};

}  // namespace htk
