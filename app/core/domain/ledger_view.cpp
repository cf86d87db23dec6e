#include "ledger_view.h"

#include "rules/text.h"

#include <algorithm>
#include <chrono>

namespace htk {

void LedgerView::Reset(std::vector<Problem> rows) {
    rows_ = std::move(rows);
    index_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) index_[rows_[i].id] = i;
    RowsChanged();
}

void LedgerView::RowsChanged() {
    // Pointers into rows_ may have moved: sort and scan again from scratch.
    // order_ stays until then: a table being drawn this frame may hold it.
    ++version_;
    sort_dirty_ = true;
    dirty_ = true;
    narrow_ = false;
    scan_from_.clear();
    scan_pos_ = 0;
}

void LedgerView::Upsert(const Problem& p) {
    if (p.deleted) {
        Remove(p.id);
        return;
    }
    auto it = index_.find(p.id);
    if (it != index_.end()) {
        rows_[it->second] = p;
    } else if (rows_.empty() || rows_.back().id < p.id) {
        index_[p.id] = rows_.size();
        rows_.push_back(p);
    } else {
        // Keep entry order: ids grow, so a new row usually goes last.
        auto pos = std::lower_bound(rows_.begin(), rows_.end(), p.id,
                                    [](const Problem& r, int64_t id) { return r.id < id; });
        rows_.insert(pos, p);
        index_.clear();
        for (size_t i = 0; i < rows_.size(); ++i) index_[rows_[i].id] = i;
    }
    RowsChanged();
}

void LedgerView::Remove(int64_t id) {
    auto it = index_.find(id);
    if (it == index_.end()) return;
    rows_.erase(rows_.begin() + std::ptrdiff_t(it->second));
    index_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) index_[rows_[i].id] = i;
    RowsChanged();
}

void LedgerView::SetFilter(const LedgerFilter& f) {
    if (f == filter_) return;
    // Typing more of the search text only narrows the last complete result:
    // filter that (already in order) instead of every row.
    LedgerFilter same_but_text = f;
    same_but_text.text = filter_.text;
    narrow_ = !pending() && same_but_text == filter_ && !filter_.text.empty() &&
              f.text.size() > filter_.text.size() && f.text.compare(0, filter_.text.size(), filter_.text) == 0;
    filter_ = f;
    text_lower_ = f.text;
    LowerAsciiInPlace(text_lower_.data(), text_lower_.size());  // as the index holds the texts
    dirty_ = true;
}

void LedgerView::SetSort(SortColumn column, ProblemField field, bool ascending) {
    if (column == sort_ && field == sort_field_ && ascending == ascending_) return;
    sort_ = column;
    sort_field_ = field;
    ascending_ = ascending;
    sort_dirty_ = true;
    dirty_ = true;
    narrow_ = false;
}

void LedgerView::SetToday(const Date& today) {
    if (today == today_) return;
    today_ = today;
    if (sort_ == SortColumn::kWarning) sort_dirty_ = true;
    dirty_ = true;
    narrow_ = false;
}

const Problem* LedgerView::Find(int64_t id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &rows_[it->second];
}

bool LedgerView::Matches(const Problem& p) const {
    const LedgerFilter& f = filter_;
    if (!f.area.empty() && p[ProblemField::kArea] != f.area) return false;
    if (!f.nature.empty() && p[ProblemField::kNature] != f.nature) return false;
    if (!f.status.empty() && p[ProblemField::kStatus] != f.status) return false;
    if (!f.resp_unit.empty() && p[ProblemField::kRespUnits].find(f.resp_unit) == std::string::npos) return false;
    if (!f.reporting_unit.empty() && p[ProblemField::kReportingUnit] != f.reporting_unit) return false;
    if (f.warning >= 0 && int(WarningFor(p, today_)) != f.warning) return false;
    if (!text_lower_.empty() && !text_index_.RowContains(size_t(&p - rows_.data()), text_lower_)) return false;
    return true;
}

void LedgerView::PrepareTextSearch() {
    if (text_index_version_ == version_) return;
    text_index_.Build(rows_);
    text_index_version_ = version_;
}

void LedgerView::StartScan() {
    dirty_ = false;
    if (!text_lower_.empty()) PrepareTextSearch();
    if (narrow_) {
        scan_from_ = std::move(order_);  // the last complete result, in order
        narrow_ = false;
    } else {
        if (sort_dirty_) {
            sort_dirty_ = false;
            sorted_.clear();
            sorted_.reserve(rows_.size());
            for (const Problem& p : rows_) sorted_.push_back(&p);
            // rows_ is in entry order, so a stable sort keeps it as the tie-breaker.
            if (sort_ == SortColumn::kField) {
                const size_t f = size_t(sort_field_);
                std::stable_sort(sorted_.begin(), sorted_.end(),
                                 [f](const Problem* a, const Problem* b) { return a->v[f] < b->v[f]; });
            } else if (sort_ == SortColumn::kWarning) {
                // Worst first when ascending: red, yellow, none; then by deadline.
                std::vector<std::pair<int, const Problem*>> keyed;
                keyed.reserve(sorted_.size());
                for (const Problem* p : sorted_) keyed.emplace_back(-int(WarningFor(*p, today_)), p);
                std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
                    if (a.first != b.first) return a.first < b.first;
                    return a.second->v[size_t(ProblemField::kDeadline)] < b.second->v[size_t(ProblemField::kDeadline)];
                });
                for (size_t i = 0; i < keyed.size(); ++i) sorted_[i] = keyed[i].second;
            }
            if (!ascending_) std::reverse(sorted_.begin(), sorted_.end());
        }
        scan_from_ = sorted_;
    }
    scan_pos_ = 0;
    order_.clear();
    order_.reserve(scan_from_.size());
}

void LedgerView::Scan(double budget_ms) {
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + std::chrono::microseconds(int64_t(budget_ms * 1000));
    while (scan_pos_ < scan_from_.size()) {
        // Look at the clock every 512 rows: often enough, cheap enough.
        size_t end = std::min(scan_from_.size(), scan_pos_ + 512);
        for (; scan_pos_ < end; ++scan_pos_)
            if (Matches(*scan_from_[scan_pos_])) order_.push_back(scan_from_[scan_pos_]);
        if (budget_ms >= 0 && Clock::now() >= until) break;
    }
    if (scan_pos_ >= scan_from_.size()) {
        scan_from_.clear();
        scan_pos_ = 0;
    }
}

const std::vector<const Problem*>& LedgerView::Refresh(double budget_ms) {
    if (dirty_) StartScan();
    Scan(budget_ms);
    return order_;
}

const std::vector<const Problem*>& LedgerView::Order() {
    if (dirty_) StartScan();
    Scan(-1);
    return order_;
}

}  // namespace htk
