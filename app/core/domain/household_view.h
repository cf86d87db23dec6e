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
    // Returns the rows it held, for the caller to free where it suits (a
    // district's 250,000 households take tens of ms to free in the browser).
    std::vector<Household> Reset(std::vector<Household> rows);
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
    // Position in rows_ of the household with this id; npos when none.
    size_t PositionOf(int64_t id) const;
    static constexpr size_t npos = size_t(-1);

    std::vector<Household> rows_;  // in no particular order
    std::vector<uint32_t> order_;  // positions in rows_, in the registry's order
    // id -> position in rows_ + 1 (0: none). Ids are SQLite rowids, dense
    // enough for a table indexed by id: built in ~1 ms for a district, where a
    // hash map of 250,000 ids took most of the ~90 ms that joining the
    // registry to 入户排查's list held a frame in the browser. Ids beyond a
    // few times the count (never seen) go to sparse_.
    std::vector<uint32_t> by_id_;
    std::unordered_map<int64_t, size_t> sparse_;
    std::string search_;  // normalised
    std::vector<const Household*> from_;  // what the running scan filters
    size_t pos_ = 0;
    std::vector<const Household*> shown_;
    bool dirty_ = true;
    bool narrow_ = false;
};

}  // namespace htk
