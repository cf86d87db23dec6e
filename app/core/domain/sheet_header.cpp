#include "sheet_header.h"

#include "rules/text.h"

#include <algorithm>
#include <set>

namespace htk {

std::string HeaderKey(const std::string& text) {
    std::string s = NormalizeWidth(text);
    // Drop remarks in brackets and required-field stars.
    for (auto [open, close] : {std::pair<std::string, std::string>{"（", "）"}, {"(", ")"}, {"【", "】"}}) {
        size_t a;
        while ((a = s.find(open)) != std::string::npos) {
            size_t b = s.find(close, a);
            if (b == std::string::npos) break;
            s.erase(a, b + close.size() - a);
        }
    }
    s.erase(std::remove(s.begin(), s.end(), '*'), s.end());
    return NormalizeKey(s);
}

void HeaderWords::Add(int field, std::initializer_list<const char*> words) {
    for (const char* w : words) by_key_[NormalizeKey(w)] = field;
}

int HeaderWords::Find(const std::string& label) const {
    auto it = by_key_.find(HeaderKey(label));
    return it == by_key_.end() ? kNoColumn : it->second;
}

bool HeaderMatch::Has(int field) const {
    return std::find(column_field.begin(), column_field.end(), field) != column_field.end();
}

HeaderMatch FindHeaderRow(const Sheet& sheet, const HeaderWords& words, int required, int min_fields) {
    HeaderMatch best;
    const int limit = std::min<int>(kHeaderSearchRows, int(sheet.rows.size()));
    for (int r = 0; r < limit; ++r) {
        HeaderMatch m;
        m.row = r;
        std::set<int> seen;
        for (const Cell& c : sheet.rows[size_t(r)]) {
            int f = c.type == Cell::kText ? words.Find(c.text) : kNoColumn;
            if (f != kNoColumn && seen.insert(f).second) ++m.recognised;
            else f = kNoColumn;
            m.column_field.push_back(f);
        }
        if (m.Has(required) && m.recognised >= min_fields && m.recognised > best.recognised) best = m;
    }
    return best;
}

}  // namespace htk
