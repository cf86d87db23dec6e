// spot_check.h — 抽查: the district office samples reported problems to check
// in the field, stratified by unit, area and/or nature, and records what it
// found for each.
//
// The sample is drawn with our own generator (SplitMix64) and our own
// shuffle, not the standard library's, whose results differ between
// libstdc++ and libc++: the same seed on the same data gives the same sample
// natively and in the browser. Candidates are ordered by UUID first, so the
// order rows were entered in does not matter either.
#pragma once

#include "domain/problem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace htk {

class Database;

struct SampleSpec {
    int size = 0;          // how many; used when percent is 0
    double percent = 0;    // of the candidates, > 0 to use it
    bool by_unit = true;   // strata
    bool by_area = false;
    bool by_nature = false;
    bool only_done = false;  // only problems reported as 已完成
    uint64_t seed = 1;
};

// "从 1,234 条已完成的问题中按 10% 抽取 123 条，按单位、问题类型分层，种子 202206"
std::string DescribeSpec(const SampleSpec& spec, size_t candidates, size_t drawn);

// The sample: in each stratum a share proportional to its size (largest
// remainders get the rounding), drawn at random with the seed. Returned in
// stratum order, then drawing order.
std::vector<const Problem*> DrawSample(const std::vector<Problem>& rows, const SampleSpec& spec);
// How many `spec` asks for out of `candidates`.
size_t SampleSize(const SampleSpec& spec, size_t candidates);
// A seed to offer: from the time (the user can type another).
uint64_t SeedFromTime(const std::string& now);

// The findings a check can record, in this order; 属实 means the report was true.
constexpr const char* kFindings[] = {"属实", "整改不到位", "漏报", "瞒报", "弄虚作假"};
constexpr int kFindingCount = 5;
bool IsFinding(const std::string& s);
// A finding that is a problem (everything but 属实).
inline bool IsAdverse(const std::string& finding) { return !finding.empty() && finding != kFindings[0]; }

struct SpotCheckItem {
    int seq = 0;
    int64_t problem_id = 0;
    std::string finding, note;
    Date checked_on;
    bool on_site = false;  // a problem found on site (漏报) and registered, not drawn
    int round = 0;         // the spot check's round (1 = the first drawn), set by AllItems
};

struct SpotCheck {
    int64_t id = 0;
    SampleSpec spec;
    std::string created_at;
    std::string description;  // DescribeSpec when drawn
    std::vector<SpotCheckItem> items;
};

struct SpotCheckInfo {
    int64_t id = 0;
    int round = 0;  // 1 = the first drawn
    std::string created_at, description;
    int items = 0, checked = 0;  // drawn, and of them with a finding
    int on_site = 0;             // problems found on site and registered
};

class LedgerStore;
struct Campaign;
struct ChangeContext;

class SpotCheckStore {
public:
    SpotCheckStore(Database& db, int64_t campaign_id) : db_(db), campaign_id_(campaign_id) {}
    // Records a drawn sample; one transaction. Returns its id.
    int64_t Create(const SampleSpec& spec, const std::vector<const Problem*>& sample, const std::string& description,
                   const std::string& now);
    std::vector<SpotCheckInfo> List() const;  // newest first
    bool Load(int64_t id, SpotCheck* out) const;
    // Every round's items, each with its round: what 单位统计 and the 通报 count.
    std::vector<SpotCheckItem> AllItems() const;
    // A problem found on site that the unit's ledger lacks (漏报): added to
    // the ledger as a problem of its unit (history source 抽查发现) and
    // recorded in round `id` as a 漏报 finding dated `found_on` — one
    // transaction and one undo step of the ledger (undone, the problem is
    // deleted and its finding no longer counts). "" or why not, in Chinese
    // (nothing changes then); `added` gets the new problem's id.
    std::string RegisterOnSiteProblem(LedgerStore& store, const Campaign& campaign, int64_t id, Problem p,
                                      const Date& found_on, const std::string& note, const ChangeContext& ctx,
                                      int64_t* added);
    // A finding for item `seq` ("" clears it). Returns a Chinese error, or "".
    std::string SetFinding(int64_t id, int seq, const std::string& finding, const std::string& note,
                           const Date& checked_on);

private:
    Database& db_;
    int64_t campaign_id_;
};

}  // namespace htk
