// household_view.h — the household list as shown: every registered household,
// narrowed by a search over 户主姓名, 户编号, 身份证号, 乡镇 and 村.
//
// A district registers ~250,000 households; scanning them all can take longer
// than a frame, so Refresh works a slice at a time (like LedgerView) and
// typing more of the search narrows the last complete result.
#pragma once

#include "household.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace htk {

class HouseholdView {
public:
    void Reset(std::vector<Household> rows);
    // Households just written (new ones with their ids): replaced by id or
    // added, in the registry's order (乡镇, 村, 户编号) — no reload.
    void Upsert(std::vector<Household> rows);
    void SetSearch(const std::string& text);

    // Works for about `budget_ms` (< 0: to the end), then returns the
    // households found so far; complete once pending() is false.
    const std::vector<const Household*>& Refresh(double budget_ms);
    bool pending() const { return dirty_ || pos_ < from_.size(); }
    const std::vector<const Household*>& Current() const { return shown_; }
    size_t total() const { return rows_.size(); }
    const Household* Find(int64_t id) const;  // null when not registered

private:
    void Reindex();

    std::vector<Household> rows_;  // in no particular order
    std::vector<uint32_t> order_;  // positions in rows_, in the registry's order
    std::unordered_map<int64_t, size_t> index_;  // id -> position in rows_
    std::string search_;  // normalised
    std::vector<const Household*> from_;  // what the running scan filters
    size_t pos_ = 0;
    std::vector<const Household*> shown_;
    bool dirty_ = true;
    bool narrow_ = false;
};

}  // namespace htk
