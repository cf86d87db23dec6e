// ledger_text_index.h — the ledger's 问题表述 and 整改措施 laid end to end in
// one buffer (ASCII lower-cased, each text closed by a NUL), so that a search
// is one pass over contiguous memory instead of 100,000 small strings: the
// 50,000-row search drops from ~21 ms in wasm to a few, and the table can
// settle in the frame after the keystroke.
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
    // hits[i] = 1 when row i's 问题表述 or 整改措施 contains `needle_lower`
    // (ASCII already lower-cased, as the index holds it), else 0.
    void Find(std::string_view needle_lower, std::vector<uint8_t>* hits) const;
    size_t rows() const { return start_.empty() ? 0 : start_.size() - 1; }
    size_t bytes() const { return text_.size(); }

private:
    std::string text_;             // per row: description NUL measures NUL
    std::vector<uint32_t> start_;  // where each row's text starts; then the end
};

}  // namespace htk
