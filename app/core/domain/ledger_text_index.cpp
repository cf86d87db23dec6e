#include "ledger_text_index.h"

#include "rules/text.h"

#include <cassert>
#include <cstring>

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
    text_.resize(total);
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
    assert(size_t(out - text_.data()) == total);
    start_.push_back(uint32_t(total));
    LowerAsciiInPlace(text_.data(), total);
}

bool LedgerTextIndex::RowContains(size_t row, std::string_view needle_lower) const {
    assert(row < rows());
    if (needle_lower.find('\0') != std::string_view::npos) return false;
    const std::string_view texts(text_.data() + start_[row], start_[row + 1] - start_[row]);
    return FindBytes(texts, needle_lower) != std::string_view::npos;
}

}  // namespace htk
