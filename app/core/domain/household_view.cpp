#include "household_view.h"

#include "rules/text.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string_view>

namespace htk {
namespace {

bool Matches(const Household& h, const std::string& q) {
    if (q.empty()) return true;
    for (const std::string* f : {&h.head_name, &h.code, &h.id_number, &h.village, &h.township})
        if (f->find(q) != std::string::npos) return true;
    return false;
}

}  // namespace

void HouseholdView::Reset(std::vector<Household> rows) {
    rows_ = std::move(rows);
    index_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) index_[rows_[i].id] = i;
    from_.clear();
    pos_ = 0;
    shown_.clear();
    dirty_ = true;
    narrow_ = false;
}

void HouseholdView::Upsert(std::vector<Household> rows) {
    std::vector<Household> all = std::move(rows_);
    for (Household& h : rows) {
        auto it = index_.find(h.id);
        if (it != index_.end()) all[it->second] = std::move(h);
        else all.push_back(std::move(h));
    }
    // The registry's order (乡镇, 村, 户编号, id), as LoadAll gives it. A
    // district has ~400 villages and 250,000 households: villages are ranked
    // once, then positions (not households) are sorted, mostly by rank.
    std::map<std::pair<std::string_view, std::string_view>, uint32_t> rank;
    for (const Household& h : all) rank.emplace(std::pair<std::string_view, std::string_view>(h.township, h.village), 0);
    uint32_t next = 0;
    for (auto& [place, r] : rank) r = next++;
    struct Key {
        uint32_t village;
        uint32_t at;
    };
    std::vector<Key> keys(all.size());
    for (size_t i = 0; i < all.size(); ++i)
        keys[i] = {rank[std::pair<std::string_view, std::string_view>(all[i].township, all[i].village)], uint32_t(i)};
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        if (a.village != b.village) return a.village < b.village;
        const Household &x = all[a.at], &y = all[b.at];
        if (x.code != y.code) return x.code < y.code;
        return x.id < y.id;
    });
    std::vector<Household> sorted;
    sorted.reserve(all.size());
    for (const Key& k : keys) sorted.push_back(std::move(all[k.at]));
    Reset(std::move(sorted));
}

const Household* HouseholdView::Find(int64_t id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &rows_[it->second];
}

void HouseholdView::SetSearch(const std::string& text) {
    // ID numbers are stored with an upper-case X and half-width digits.
    std::string q = Trim(NormalizeWidth(text));
    for (char& c : q)
        if (c == 'x') c = 'X';
    if (q == search_) return;
    narrow_ = !pending() && !search_.empty() && q.size() > search_.size() && q.compare(0, search_.size(), search_) == 0;
    search_ = q;
    dirty_ = true;
}

const std::vector<const Household*>& HouseholdView::Refresh(double budget_ms) {
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + std::chrono::microseconds(int64_t(budget_ms * 1000));
    if (dirty_) {
        dirty_ = false;
        if (narrow_) {
            from_ = std::move(shown_);
        } else {
            from_.clear();
            from_.reserve(rows_.size());
            for (const Household& h : rows_) from_.push_back(&h);
        }
        narrow_ = false;
        pos_ = 0;
        shown_.clear();
    }
    while (pos_ < from_.size()) {
        size_t end = std::min(from_.size(), pos_ + 1024);
        for (; pos_ < end; ++pos_)
            if (Matches(*from_[pos_], search_)) shown_.push_back(from_[pos_]);
        if (budget_ms >= 0 && Clock::now() >= until) break;
    }
    if (pos_ >= from_.size()) {
        from_.clear();
        pos_ = 0;
    }
    return shown_;
}

}  // namespace htk
