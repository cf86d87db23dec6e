#include "ledger_text_index.h"

#include "rules/text.h"

#include <algorithm>
#include <cassert>

namespace htk {

void LedgerTextIndex::Clear() {
    std::string().swap(text_);
    std::vector<uint32_t>().swap(start_);
}

void LedgerTextIndex::Build(const std::vector<Problem>& rows) {
    size_t total = 0;
    for (const Problem& p : rows)
        total += p[ProblemField::kDescription].size() + p[ProblemField::kMeasures].size() + 2;
    assert(total < UINT32_MAX);
    text_.clear();
    text_.reserve(total);
    start_.clear();
    start_.reserve(rows.size() + 1);
    for (const Problem& p : rows) {
        start_.push_back(uint32_t(text_.size()));
        for (ProblemField f : {ProblemField::kDescription, ProblemField::kMeasures}) {
            const size_t at = text_.size();
            text_ += p[f];
            for (size_t i = at; i < text_.size(); ++i)
                if (text_[i] >= 'A' && text_[i] <= 'Z') text_[i] = char(text_[i] - 'A' + 'a');
            text_ += '\0';  // a match never runs from one text into the next
        }
    }
    start_.push_back(uint32_t(text_.size()));
}

void LedgerTextIndex::Find(std::string_view needle_lower, std::vector<uint8_t>* hits) const {
    hits->assign(rows(), needle_lower.empty() ? 1 : 0);
    if (needle_lower.empty() || needle_lower.find('\0') != std::string_view::npos) return;
    size_t at = 0;
    while ((at = FindBytes(text_, needle_lower, at)) != std::string_view::npos) {
        // The row holding the match; then on from its end (one hit is enough).
        const size_t row = size_t(std::upper_bound(start_.begin(), start_.end(), uint32_t(at)) - start_.begin()) - 1;
        (*hits)[row] = 1;
        at = start_[row + 1];
    }
}

}  // namespace htk
