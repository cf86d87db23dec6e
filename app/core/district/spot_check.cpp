#include "spot_check.h"

#include "check.h"
#include "domain/campaign.h"
#include "domain/ledger_store.h"
#include "domain/problem_rules.h"
#include "rules/text.h"
#include "storage/database.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace htk {
namespace {

// An item from a row whose first six columns are seq, problem_id, finding,
// note, checked_on, on_site.
SpotCheckItem ItemFromRow(const Stmt& s) {
    SpotCheckItem it;
    it.seq = int(s.Int(0)), it.problem_id = s.Int(1), it.finding = s.Text(2), it.note = s.Text(3);
    it.checked_on = ParseDate(s.Text(4)).date;
    it.on_site = s.Int(5) != 0;
    return it;
}

// SplitMix64 (Steele, Lea, Flood 2014): tiny, and the same on every platform.
struct Random {
    uint64_t state;
    uint64_t Next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound): rejects the few values that would bias the modulo.
    uint64_t Below(uint64_t bound) {
        const uint64_t threshold = (0 - bound) % bound;
        for (;;) {
            uint64_t r = Next();
            if (r >= threshold) return r % bound;
        }
    }
};

std::string StratumKey(const Problem& p, const SampleSpec& spec) {
    std::string key;
    if (spec.by_unit) key += p[ProblemField::kReportingUnit] + '\x1f';
    if (spec.by_area) key += p[ProblemField::kArea] + '\x1f';
    if (spec.by_nature) key += p[ProblemField::kNature] + '\x1f';
    return key;
}

std::string Thousands(size_t n) {
    std::string s = std::to_string(n);
    for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
    return s;
}

}  // namespace

size_t SampleSize(const SampleSpec& spec, size_t candidates) {
    size_t n = 0;
    if (spec.percent > 0) {
        n = size_t(std::llround(double(candidates) * std::min(spec.percent, 100.0) / 100.0));
        if (n == 0 && candidates > 0) n = 1;  // some percent of something is at least one
    } else if (spec.size > 0) {
        n = size_t(spec.size);
    }
    return std::min(n, candidates);
}

std::vector<const Problem*> DrawSample(const std::vector<Problem>& rows, const SampleSpec& spec) {
    std::vector<const Problem*> candidates;
    for (const Problem& p : rows)
        if (!p.deleted && (!spec.only_done || p.status() == ProblemStatus::kDone)) candidates.push_back(&p);
    std::sort(candidates.begin(), candidates.end(),
              [](const Problem* a, const Problem* b) { return a->uuid < b->uuid; });
    const size_t total = candidates.size();
    const size_t n = SampleSize(spec, total);
    if (n == 0) return {};

    std::map<std::string, std::vector<const Problem*>> strata;
    for (const Problem* p : candidates) strata[StratumKey(*p, spec)].push_back(p);

    // Proportional shares; the largest remainders get what rounding down left.
    struct Share {
        std::vector<const Problem*>* rows;
        size_t take;
        uint64_t remainder;
        size_t order;
    };
    std::vector<Share> shares;
    size_t given = 0;
    for (auto& [key, list] : strata) {
        const uint64_t scaled = uint64_t(n) * list.size();
        shares.push_back(Share{&list, size_t(scaled / total), scaled % total, shares.size()});
        given += shares.back().take;
    }
    std::vector<Share*> by_remainder;
    for (Share& s : shares) by_remainder.push_back(&s);
    std::stable_sort(by_remainder.begin(), by_remainder.end(),
                     [](const Share* a, const Share* b) { return a->remainder > b->remainder; });
    for (size_t i = 0; given < n; ++i, ++given) ++by_remainder[i % by_remainder.size()]->take;

    Random rng{spec.seed};
    std::vector<const Problem*> out;
    out.reserve(n);
    for (Share& s : shares) {
        std::vector<const Problem*>& list = *s.rows;
        for (size_t i = 0; i < s.take; ++i) {  // the first `take` of a Fisher–Yates shuffle
            size_t j = i + size_t(rng.Below(list.size() - i));
            std::swap(list[i], list[j]);
            out.push_back(list[i]);
        }
    }
    return out;
}

uint64_t SeedFromTime(const std::string& now) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a of the time text
    for (unsigned char c : now) h = (h ^ c) * 1099511628211ull;
    return 100000 + h % 900000;  // six digits: easy to note down and type again
}

std::string DescribeSpec(const SampleSpec& spec, size_t candidates, size_t drawn) {
    std::string s = "从 " + Thousands(candidates) + " 条" + (spec.only_done ? "已完成的问题" : "问题") + "中";
    if (spec.percent > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g%%", spec.percent);
        s += std::string("按 ") + buf + " ";
    }
    s += "抽取 " + Thousands(drawn) + " 条";
    std::vector<std::string> by;
    if (spec.by_unit) by.push_back("单位");
    if (spec.by_area) by.push_back("问题类型");
    if (spec.by_nature) by.push_back("问题性质");
    if (by.empty()) {
        s += "，不分层";
    } else {
        s += "，按" + JoinList(by) + "分层";
    }
    s += "，种子 " + std::to_string(spec.seed);
    return s;
}

bool IsFinding(const std::string& s) {
    for (const char* f : kFindings)
        if (s == f) return true;
    return false;
}

int64_t SpotCheckStore::Create(const SampleSpec& spec, const std::vector<const Problem*>& sample,
                               const std::string& description, const std::string& now) {
    nlohmann::json j = {{"size", spec.size},           {"percent", spec.percent},   {"by_unit", spec.by_unit},
                        {"by_area", spec.by_area},     {"by_nature", spec.by_nature}, {"only_done", spec.only_done},
                        {"description", description}};
    Transaction tx(db_);
    Stmt ins = db_.Prepare("INSERT INTO spot_check(campaign_id, seed, spec, created_at) VALUES(?1, ?2, ?3, ?4)");
    ins.Bind(1, campaign_id_).Bind(2, int64_t(spec.seed)).Bind(3, j.dump()).Bind(4, now);
    HTK_CHECK(ins.Run());
    const int64_t id = db_.last_insert_rowid();
    Stmt item = db_.Prepare("INSERT INTO spot_check_item(spot_check_id, seq, problem_id) VALUES(?1, ?2, ?3)");
    for (size_t i = 0; i < sample.size(); ++i) {
        item.Reset();
        item.Bind(1, id).Bind(2, int64_t(i + 1)).Bind(3, sample[i]->id);
        HTK_CHECK(item.Run());
    }
    HTK_CHECK(tx.Commit());
    return id;
}

std::vector<SpotCheckInfo> SpotCheckStore::List() const {
    std::vector<SpotCheckInfo> out;
    Stmt s = db_.Prepare(
        "SELECT c.id, c.created_at, c.spec, count(i.seq) FILTER (WHERE i.on_site = 0), "
        "count(nullif(i.finding, '')) FILTER (WHERE i.on_site = 0), count(i.seq) FILTER (WHERE i.on_site = 1) "
        "FROM spot_check c LEFT JOIN spot_check_item i ON i.spot_check_id = c.id WHERE c.campaign_id = ?1 "
        "GROUP BY c.id ORDER BY c.id");
    s.Bind(1, campaign_id_);
    while (s.Step()) {
        SpotCheckInfo info;
        info.id = s.Int(0), info.created_at = s.Text(1);
        info.round = int(out.size()) + 1;
        nlohmann::json j = nlohmann::json::parse(s.Text(2), nullptr, false);
        if (j.is_object()) info.description = j.value("description", "");
        info.items = int(s.Int(3)), info.checked = int(s.Int(4)), info.on_site = int(s.Int(5));
        out.push_back(std::move(info));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

bool SpotCheckStore::Load(int64_t id, SpotCheck* out) const {
    Stmt s = db_.Prepare("SELECT seed, spec, created_at FROM spot_check WHERE id = ?1 AND campaign_id = ?2");
    s.Bind(1, id).Bind(2, campaign_id_);
    if (!s.Step()) return false;
    *out = SpotCheck{};
    out->id = id;
    out->spec.seed = uint64_t(s.Int(0));
    out->created_at = s.Text(2);
    nlohmann::json j = nlohmann::json::parse(s.Text(1), nullptr, false);
    if (j.is_object()) {
        out->spec.size = j.value("size", 0);
        out->spec.percent = j.value("percent", 0.0);
        out->spec.by_unit = j.value("by_unit", false);
        out->spec.by_area = j.value("by_area", false);
        out->spec.by_nature = j.value("by_nature", false);
        out->spec.only_done = j.value("only_done", false);
        out->description = j.value("description", "");
    }
    Stmt items = db_.Prepare(
        "SELECT seq, problem_id, finding, note, checked_on, on_site FROM spot_check_item WHERE spot_check_id = ?1 "
        "ORDER BY seq");
    items.Bind(1, id);
    while (items.Step()) out->items.push_back(ItemFromRow(items));
    return true;
}

std::vector<SpotCheckItem> SpotCheckStore::AllItems() const {
    std::vector<SpotCheckItem> out;
    Stmt s = db_.Prepare(
        "SELECT i.seq, i.problem_id, i.finding, i.note, i.checked_on, i.on_site, "
        "(SELECT count(*) FROM spot_check e WHERE e.campaign_id = c.campaign_id AND e.id <= c.id) "
        "FROM spot_check c JOIN spot_check_item i ON i.spot_check_id = c.id WHERE c.campaign_id = ?1 "
        "ORDER BY c.id, i.seq");
    s.Bind(1, campaign_id_);
    while (s.Step()) {
        SpotCheckItem it = ItemFromRow(s);
        it.round = int(s.Int(6));
        out.push_back(std::move(it));
    }
    return out;
}

std::string SpotCheckStore::RegisterOnSiteProblem(LedgerStore& store, const Campaign& campaign, int64_t id,
                                                  Problem p, const Date& found_on, const std::string& note,
                                                  const ChangeContext& ctx, int64_t* added) {
    {
        Stmt c = db_.Prepare("SELECT 1 FROM spot_check WHERE id = ?1 AND campaign_id = ?2");
        c.Bind(1, id).Bind(2, campaign_id_);
        if (!c.Step()) return "请先选择一次抽查";
    }
    if (Trim(p[ProblemField::kReportingUnit]).empty()) return "请选择漏报问题所属的单位";
    if (!found_on.valid()) return "请填写发现日期（精准到日）";
    if (p[ProblemField::kFoundDate].empty()) p[ProblemField::kFoundDate] = FormatIso(found_on);
    std::vector<FieldError> errors = NormalizeAndValidate(p, campaign);
    if (!errors.empty()) return JoinErrors(errors);
    ChangeContext octx = ctx;
    octx.actor = "区办（抽查发现）";
    octx.source = "spot_check";
    p.id = 0;
    p.deleted = false;
    store.BeginStep("登记抽查发现的漏报问题");
    const int64_t problem_id = store.StepAdd(std::move(p), octx);
    Stmt item = db_.Prepare(
        "INSERT INTO spot_check_item(spot_check_id, seq, problem_id, finding, note, checked_on, on_site) "
        "VALUES(?1, (SELECT coalesce(max(seq), 0) + 1 FROM spot_check_item WHERE spot_check_id = ?1), ?2, ?3, ?4, "
        "?5, 1)");
    item.Bind(1, id).Bind(2, problem_id).Bind(3, std::string(kFindings[2])).Bind(4, note).Bind(5, FormatIso(found_on));
    HTK_CHECK(item.Run());
    store.EndStep();
    if (added) *added = problem_id;
    return "";
}

std::string SpotCheckStore::SetFinding(int64_t id, int seq, const std::string& finding, const std::string& note,
                                       const Date& checked_on) {
    if (!finding.empty() && !IsFinding(finding)) return "抽查结果应为：属实、整改不到位、漏报、瞒报或弄虚作假";
    Stmt s = db_.Prepare(
        "UPDATE spot_check_item SET finding = ?3, note = ?4, checked_on = ?5 WHERE spot_check_id = ?1 AND seq = ?2");
    s.Bind(1, id).Bind(2, int64_t(seq)).Bind(3, finding).Bind(4, note);
    s.Bind(5, checked_on.valid() ? FormatIso(checked_on) : std::string());
    HTK_CHECK(s.Run());
    return db_.changes() == 1 ? "" : "没有这一条抽查记录";
}

}  // namespace htk
