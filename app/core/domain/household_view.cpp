#include "household_view.h"

#include "rules/text.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>

namespace htk {
namespace {

bool Matches(const Household& h, const std::string& q) {
    if (q.empty()) return true;
    for (const std::string* f : {&h.head_name, &h.code, &h.id_number, &h.village, &h.township})
        if (f->find(q) != std::string::npos) return true;
    return false;
}

}  // namespace

std::vector<Household> HouseholdView::Reset(std::vector<Household> rows) {
    std::vector<Household> old = std::exchange(rows_, std::move(rows));
    order_.resize(rows_.size());
    for (size_t i = 0; i < rows_.size(); ++i) order_[i] = uint32_t(i);
    Reindex();
    return old;
}

void HouseholdView::Reindex() {
    int64_t max_id = 0;
    for (const Household& h : rows_) max_id = std::max(max_id, h.id);
    const int64_t limit = int64_t(rows_.size()) * 4 + 1024;
    by_id_.assign(size_t(std::min(max_id, limit) + 1), 0);
    sparse_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) {
        const int64_t id = rows_[i].id;
        if (id >= 0 && id <= limit) by_id_[size_t(id)] = uint32_t(i + 1);
        else sparse_[id] = i;
    }
    from_.clear();
    pos_ = 0;
    shown_.clear();
    dirty_ = true;
    narrow_ = false;
}

void HouseholdView::Upsert(std::vector<Household> rows) {
    // Households stay where they are in rows_ (a district's 250,000 moved
    // twice took 0.5 s in the browser); only order_ is sorted.
    if (rows_.empty()) {
        rows_ = std::move(rows);
    } else {
        rows_.reserve(rows_.size() + rows.size());
        for (Household& h : rows) {
            const size_t at = PositionOf(h.id);
            if (at != npos) rows_[at] = std::move(h);
            else rows_.push_back(std::move(h));
        }
    }
    // The registry's order (乡镇, 村, 户编号, id), as LoadAll gives it. A
    // district has ~400 villages and 250,000 households: villages are ranked
    // once, then positions are sorted by rank and the first eight bytes of
    // 户编号 as one number, the rest of it compared only on a tie. A file in
    // that order already (the national system's) is not sorted at all.
    using Place = std::pair<std::string_view, std::string_view>;
    std::map<Place, uint32_t> rank;
    for (size_t i = 0; i < rows_.size(); ++i) {
        const Household& h = rows_[i];
        if (i == 0 || rows_[i - 1].village != h.village || rows_[i - 1].township != h.township)
            rank.emplace(Place(h.township, h.village), 0);
    }
    uint32_t next = 0;
    for (auto& [place, r] : rank) r = next++;
    struct Key {
        uint32_t village;
        uint32_t at;
        uint64_t code;  // its first 8 bytes, big-endian, zero-padded: orders as the bytes do
    };
    std::vector<Key> keys(rows_.size());
    const Place* last = nullptr;  // a file lists a village's households together
    uint32_t last_rank = 0;
    for (size_t i = 0; i < rows_.size(); ++i) {
        const Household& h = rows_[i];
        if (!last || last->first != h.township || last->second != h.village) {
            auto it = rank.find(Place(h.township, h.village));
            last = &it->first;
            last_rank = it->second;
        }
        uint64_t code = 0;
        for (size_t b = 0; b < 8; ++b) code = code << 8 | (b < h.code.size() ? uint8_t(h.code[b]) : 0);
        keys[i] = {last_rank, uint32_t(i), code};
    }
    auto before = [&](const Key& a, const Key& b) {
        if (a.village != b.village) return a.village < b.village;
        if (a.code != b.code) return a.code < b.code;
        const Household &x = rows_[a.at], &y = rows_[b.at];
        if (x.code.size() > 8 || y.code.size() > 8) {
            if (const int c = x.code.compare(y.code)) return c < 0;
        }
        return x.id < y.id;
    };
    if (!std::is_sorted(keys.begin(), keys.end(), before)) std::sort(keys.begin(), keys.end(), before);
    order_.resize(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) order_[i] = keys[i].at;
    Reindex();
}

const Household* HouseholdView::Find(int64_t id) const {
    const size_t at = PositionOf(id);
    return at == npos ? nullptr : &rows_[at];
}

size_t HouseholdView::PositionOf(int64_t id) const {
    if (id >= 0 && size_t(id) < by_id_.size()) return by_id_[size_t(id)] ? by_id_[size_t(id)] - 1 : npos;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? npos : it->second;
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
            from_.reserve(order_.size());
            for (uint32_t at : order_) from_.push_back(&rows_[at]);
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
