// ledger_view.h — the ledger as the table shows it: every row in memory,
// filtered and sorted in C++ so that 50,000 rows stay smooth.
//
// The store (SQLite) is the truth; after each change the screen hands the
// changed rows to Upsert/Remove and the view re-filters on the next Order().
#pragma once

#include "ledger_text_index.h"
#include "problem.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace htk {

struct LedgerFilter {
    std::string area;       // canonical area name, "" = any
    std::string nature;     // "" = any
    std::string status;     // status code, "" = any
    std::string resp_unit;  // substring of 责任单位, "" = any
    std::string reporting_unit;  // 填报单位 exactly (the district's merged ledger), "" = any
    int warning = -1;       // Warning as int, -1 = any
    std::string text;       // substring of 问题表述 or 整改措施 (ASCII case-insensitive)
    bool operator==(const LedgerFilter& o) const {
        return area == o.area && nature == o.nature && status == o.status && resp_unit == o.resp_unit &&
               reporting_unit == o.reporting_unit && warning == o.warning && text == o.text;
    }
    bool any() const { return !(*this == LedgerFilter{}); }
};

// Columns the table can sort by: 序号 (entry order), any field, or warning.
enum class SortColumn { kEntry, kField, kWarning };

// The ledger table's rows: every stored row, filtered and sorted.
//
// Sorting happens once per sort order (or row change) into `sorted_`;
// filtering is then one scan of that list, which keeps the order. The scan
// can run a slice per frame (Refresh) so typing in the search box stays
// smooth at any size; Order() finishes it at once for whoever needs all rows.
class LedgerView {
public:
    void Reset(std::vector<Problem> rows);
    void Upsert(const Problem& p);  // deleted rows are removed
    void Remove(int64_t id);

    void SetFilter(const LedgerFilter& f);
    void SetSort(SortColumn column, ProblemField field, bool ascending);
    void SetToday(const Date& today);
    // Builds the search index now (the search box got the keyboard), so that
    // the first keystroke does not wait for it.
    void PrepareTextSearch();

    // Rows passing the filter, in sort order: all of them (finishes any scan).
    const std::vector<const Problem*>& Order();
    // Works on the scan for about `budget_ms`, then returns the rows found so
    // far (complete once pending() is false).
    const std::vector<const Problem*>& Refresh(double budget_ms);
    bool pending() const { return dirty_ || scan_pos_ < scan_from_.size(); }
    // What the last Refresh or Order returned, without doing any work.
    const std::vector<const Problem*>& Current() const { return order_; }

    size_t total() const { return rows_.size(); }
    const Problem* Find(int64_t id) const;
    const Date& today() const { return today_; }
    const std::vector<Problem>& rows() const { return rows_; }
    // Changes whenever the rows do: for caching what is computed from them.
    uint64_t version() const { return version_; }

private:
    bool Matches(const Problem& p) const;
    void RowsChanged();
    void StartScan();
    void Scan(double budget_ms);  // < 0: to the end

    std::vector<Problem> rows_;
    uint64_t version_ = 0;
    std::unordered_map<int64_t, size_t> index_;  // id -> position in rows_
    std::vector<const Problem*> sorted_;         // every row in sort order
    bool sort_dirty_ = true;
    std::vector<const Problem*> scan_from_;  // what the running scan filters
    size_t scan_pos_ = 0;
    std::vector<const Problem*> order_;  // what passed so far
    bool dirty_ = true;                  // the filter, sort or rows changed: scan again
    bool narrow_ = false;  // only the search text grew: filter the last complete result
    LedgerFilter filter_;
    std::string text_lower_;
    // The search text is looked up in an index of the rows' texts (built when
    // the search box takes the keyboard, or on the first search after the
    // rows change), a row at a time as the scan reaches it.
    LedgerTextIndex text_index_;
    uint64_t text_index_version_ = ~0ull;
    SortColumn sort_ = SortColumn::kEntry;
    ProblemField sort_field_ = ProblemField::kArea;
    bool ascending_ = true;
    Date today_;
};

}  // namespace htk
