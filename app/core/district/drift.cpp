#include "drift.h"

#include "check.h"
#include "district/received_files.h"
#include "domain/ledger_store.h"
#include "rules/text.h"
#include "storage/database.h"

#include <algorithm>
#include <map>
#include <set>

namespace htk {
namespace {

// The code points of a 问题表述 that carry meaning: no spaces, no punctuation.
std::vector<char32_t> Letters(const std::string& s) {
    const std::string k = NormalizeKey(s);
    std::vector<char32_t> out;
    for (size_t i = 0; i < k.size();) {
        const char32_t c = NextCodePoint(k, i);
        const bool ascii_word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
        const bool cjk_punct = (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
                               (c >= 0xFF1A && c <= 0xFF20) || (c >= 0x2010 && c <= 0x206F);
        if (c < 0x80 ? ascii_word : !cjk_punct) out.push_back(c);
    }
    return out;
}

}  // namespace

double TextSimilarity(const std::string& a, const std::string& b) {
    const std::vector<char32_t> x = Letters(a), y = Letters(b);
    if (x == y) return 1.0;
    if (x.size() < 2 || y.size() < 2) return 0.0;
    std::map<std::pair<char32_t, char32_t>, int> pairs;
    for (size_t i = 0; i + 1 < x.size(); ++i) ++pairs[{x[i], x[i + 1]}];
    int common = 0;
    for (size_t i = 0; i + 1 < y.size(); ++i) {
        auto it = pairs.find({y[i], y[i + 1]});
        if (it != pairs.end() && it->second > 0) --it->second, ++common;
    }
    return 2.0 * common / double(x.size() - 1 + y.size() - 1);
}

bool LooksReworded(const Problem& old, const Problem& now) {
    for (ProblemField f : {ProblemField::kReportingUnit, ProblemField::kVillage, ProblemField::kArea,
                           ProblemField::kDeadline})
        if (NormalizeKey(old[f]) != NormalizeKey(now[f])) return false;
    return TextSimilarity(old[ProblemField::kDescription], now[ProblemField::kDescription]) >= kRewordSimilarity;
}

std::string DriftHeading(const UnitDrift& d) {
    std::string week = d.latest_week == 1000 ? "终期" : "第" + std::to_string(d.latest_week) + "周";
    return week + "台账中没有以下 " + std::to_string(d.missing.size()) + " 个问题";
}

std::vector<UnitDrift> FindDrift(Database& db, const LedgerStore& store, int64_t campaign_id,
                                 const std::vector<std::string>& units) {
    // Each unit's latest counted file, when it has an earlier one too.
    std::vector<UnitDrift> all;
    Stmt latest = db.Prepare(
        "SELECT f.unit, f.id, f.file_name, f.week_no FROM received_file f WHERE f.campaign_id = ?1 AND f.removed = 0 "
        "AND f.id = (SELECT g.id FROM received_file g WHERE g.campaign_id = f.campaign_id AND g.unit = f.unit "
        "            AND g.removed = 0 ORDER BY g.week_no DESC, g.version_time DESC, g.id DESC LIMIT 1) "
        "AND EXISTS (SELECT 1 FROM received_file e WHERE e.campaign_id = f.campaign_id AND e.unit = f.unit "
        "            AND e.removed = 0 AND e.id <> f.id) "
        "ORDER BY f.unit");
    latest.Bind(1, campaign_id);
    while (latest.Step()) {
        UnitDrift d;
        d.unit = latest.Text(0), d.latest_file = latest.Int(1), d.latest_file_name = latest.Text(2);
        d.latest_week = int(latest.Int(3));
        all.push_back(std::move(d));
    }
    std::vector<UnitDrift> out;
    auto wanted = [&](const std::string& u) {
        return units.empty() || std::find(units.begin(), units.end(), u) != units.end();
    };
    for (UnitDrift& d : all) {
        if (!wanted(d.unit)) continue;
        Stmt missing = db.Prepare(
            "SELECT DISTINCT p.id FROM problem p JOIN file_problem fp ON fp.problem_id = p.id "
            "JOIN received_file f ON f.id = fp.file_id "
            "WHERE f.campaign_id = ?1 AND f.unit = ?2 AND f.removed = 0 AND f.id <> ?3 AND p.deleted = 0 "
            "AND NOT EXISTS (SELECT 1 FROM file_problem l WHERE l.file_id = ?3 AND l.problem_id = p.id) "
            "AND NOT EXISTS (SELECT 1 FROM drift_kept k WHERE k.problem_id = p.id) ORDER BY p.id");
        missing.Bind(1, campaign_id).Bind(2, d.unit).Bind(3, d.latest_file);
        while (missing.Step()) {
            DriftProblem m;
            HTK_CHECK(store.Load(missing.Int(0), &m.problem));
            d.missing.push_back(std::move(m));
        }
        if (d.missing.empty()) continue;
        Stmt fresh = db.Prepare(
            "SELECT p.id FROM file_problem l JOIN problem p ON p.id = l.problem_id WHERE l.file_id = ?1 AND "
            "p.deleted = 0 AND NOT EXISTS (SELECT 1 FROM file_problem o JOIN received_file f ON f.id = o.file_id "
            "WHERE o.problem_id = p.id AND o.file_id <> ?1 AND f.removed = 0 AND f.unit = ?2) ORDER BY p.id");
        fresh.Bind(1, d.latest_file).Bind(2, d.unit);
        while (fresh.Step()) {
            Problem p;
            HTK_CHECK(store.Load(fresh.Int(0), &p));
            d.new_in_latest.push_back(std::move(p));
        }
        // Proposals: the most alike pairs first, each problem in one pair.
        struct Pair {
            double similarity;
            size_t missing, fresh;
        };
        std::vector<Pair> pairs;
        for (size_t i = 0; i < d.missing.size(); ++i)
            for (size_t j = 0; j < d.new_in_latest.size(); ++j)
                if (LooksReworded(d.missing[i].problem, d.new_in_latest[j]))
                    pairs.push_back(Pair{TextSimilarity(d.missing[i].problem[ProblemField::kDescription],
                                                        d.new_in_latest[j][ProblemField::kDescription]),
                                         i, j});
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const Pair& a, const Pair& b) { return a.similarity > b.similarity; });
        std::set<size_t> used;
        for (const Pair& p : pairs) {
            DriftProblem& m = d.missing[p.missing];
            if (m.proposed || used.count(p.fresh)) continue;
            m.proposed = d.new_in_latest[p.fresh].id, m.similarity = p.similarity;
            used.insert(p.fresh);
        }
        out.push_back(std::move(d));
    }
    if (!units.empty())
        std::stable_sort(out.begin(), out.end(), [&](const UnitDrift& a, const UnitDrift& b) {
            return std::find(units.begin(), units.end(), a.unit) < std::find(units.begin(), units.end(), b.unit);
        });
    return out;
}

std::string MergeDriftedProblem(Database& db, LedgerStore& store, int64_t old_id, int64_t new_id,
                                const ChangeContext& ctx, std::vector<int64_t>* touched) {
    Problem from, into;
    if (old_id == new_id) return "请选择改述后的另一个问题";
    if (!store.Load(old_id, &from) || from.deleted) return "该问题已删除";
    if (!store.Load(new_id, &into) || into.deleted) return "改述后的问题已删除";
    if (from[ProblemField::kReportingUnit] != into[ProblemField::kReportingUnit])
        return "两个问题不属于同一单位，不能合并";
    {
        Stmt both = db.Prepare(
            "SELECT f.file_name FROM file_problem a JOIN file_problem b ON a.file_id = b.file_id "
            "JOIN received_file f ON f.id = a.file_id WHERE a.problem_id = ?1 AND b.problem_id = ?2 LIMIT 1");
        both.Bind(1, old_id).Bind(2, new_id);
        if (both.Step()) return "“" + both.Text(0) + "”中两个问题都有，不是同一问题的两种表述，不能合并";
    }
    std::vector<std::pair<int64_t, std::string>> links;
    {
        Stmt s = db.Prepare("SELECT file_id, data FROM file_problem WHERE problem_id = ?1 ORDER BY file_id");
        s.Bind(1, old_id);
        while (s.Step()) links.emplace_back(s.Int(0), s.Text(1));
    }
    ChangeContext mctx = ctx;
    mctx.actor = "区办（改述合并）";
    store.BeginStep("把“" + from[ProblemField::kDescription] + "”并入改述后的问题");
    for (const auto& [file_id, data] : links) {
        store.StepLink(file_id, new_id, true, data);
        store.StepLink(file_id, old_id, false);
    }
    store.StepNote(old_id, "merged_into", from[ProblemField::kDescription], into[ProblemField::kDescription], mctx);
    store.StepNote(new_id, "merged_from", from[ProblemField::kDescription], into[ProblemField::kDescription], mctx);
    store.StepSetDeleted(old_id, true, mctx);
    // The findings of spot checks on the old wording are findings on the problem.
    std::vector<std::pair<int64_t, int>> items;  // (round, number)
    {
        Stmt findings = db.Prepare(
            "SELECT spot_check_id, seq FROM spot_check_item WHERE problem_id = ?1 ORDER BY spot_check_id, seq");
        findings.Bind(1, old_id);
        while (findings.Step()) items.emplace_back(findings.Int(0), int(findings.Int(1)));
    }
    for (const auto& [round, seq] : items) store.StepMoveFinding(round, seq, old_id, new_id);
    std::vector<int64_t> ids = store.EndStep();
    if (touched) *touched = std::move(ids);
    return "";
}

std::string KeepDriftedProblem(LedgerStore& store, int64_t problem_id, const ChangeContext& ctx) {
    Problem p;
    if (!store.Load(problem_id, &p) || p.deleted) return "该问题已删除";
    store.BeginStep("保留“" + p[ProblemField::kDescription] + "”");
    store.StepKeepDrifted(problem_id, ctx.now);
    store.EndStep();
    return "";
}

}  // namespace htk
