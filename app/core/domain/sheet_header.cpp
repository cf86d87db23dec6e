#include "sheet_header.h"

#include "rules/text.h"

#include <algorithm>
#include <set>

namespace htk {

HeaderKeys HeaderKeysOf(const std::string& text) {
    std::string s = NormalizeWidth(text);  // （ ） become ( )
    s.erase(std::remove(s.begin(), s.end(), '*'), s.end());
    HeaderKeys k;
    k.bare = s;
    for (auto [open, close] : {std::pair<std::string, std::string>{"(", ")"}, {"【", "】"}, {"[", "]"}}) {
        for (size_t a; (a = k.bare.find(open)) != std::string::npos;) {
            size_t b = k.bare.find(close, a);
            if (b == std::string::npos) break;
            k.bare.erase(a, b + close.size() - a);
        }
        for (const std::string* mark : {&open, &close})
            for (size_t a; (a = s.find(*mark)) != std::string::npos;) s.erase(a, mark->size());
    }
    k.full = NormalizeKey(s);
    k.bare = NormalizeKey(k.bare);
    return k;
}

void HeaderWords::Add(int field, std::initializer_list<const char*> words) {
    for (const char* w : words) by_key_[HeaderKeysOf(w).full] = field;
}

int HeaderWords::Find(const std::string& label) const {
    const HeaderKeys k = HeaderKeysOf(label);
    auto it = by_key_.find(k.full);
    if (it == by_key_.end()) it = by_key_.find(k.bare);
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
        if ((required == kNoColumn || m.Has(required)) && m.recognised >= min_fields && m.recognised > best.recognised) best = m;
    }
    return best;
}

}  // namespace htk
