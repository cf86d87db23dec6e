#include "domain/ledger_store.h"
#include "domain/ledger_view.h"
#include "domain/problem_rules.h"
#include "rules/text.h"
#include "rules/uuid.h"
#include "test_db.h"

#include <gtest/gtest.h>

using namespace htk;

namespace {

Problem Make(const char* area, const char* desc, const char* deadline) {
    Problem p = NewProblem();
    p[ProblemField::kArea] = area;
    p[ProblemField::kNature] = "个性问题";
    p[ProblemField::kDescription] = desc;
    p[ProblemField::kMeasures] = "立即整改";
    p[ProblemField::kDeadline] = deadline;
    p[ProblemField::kRespUnits] = "区住建局";
    return p;
}

ChangeContext Ctx(const char* now = "2022-06-05 10:00:00") { return ChangeContext{now, "胡鹏", "edit"}; }

struct HistoryRow {
    std::string field, old_value, new_value, actor, source;
};

std::vector<HistoryRow> History(Database& db, int64_t id) {
    std::vector<HistoryRow> out;
    Stmt q = db.Prepare(
        "SELECT field, coalesce(old_value, ''), coalesce(new_value, ''), actor, source FROM problem_history "
        "WHERE problem_id = ?1 ORDER BY id");
    q.Bind(1, id);
    while (q.Step()) out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)});
    return out;
}

}  // namespace

TEST(LedgerStore, AddGivesUuidAndHistory) {
    test::TestDb t;
    LedgerStore store(*t.db, t.campaign_id);
    int64_t id = store.Add(Make("住房保障", "危房住人", "2022-06-10"), Ctx());
    Problem p;
    ASSERT_TRUE(store.Load(id, &p));
    EXPECT_TRUE(IsUuid(p.uuid)) << p.uuid;
    EXPECT_EQ(p.created_at, "2022-06-05 10:00:00");
    EXPECT_EQ(p[ProblemField::kDescription], "危房住人");
    auto h = History(*t.db, id);
    ASSERT_EQ(h.size(), 1u);
    EXPECT_EQ(h[0].field, "created");
    EXPECT_EQ(h[0].actor, "胡鹏");
    EXPECT_EQ(store.FindByUuid(p.uuid), id);
    EXPECT_EQ(store.CountActive(), 1);
}

TEST(LedgerStore, UpdateRecordsOldAndNewPerField) {
    test::TestDb t;
    LedgerStore store(*t.db, t.campaign_id);
    int64_t id = store.Add(Make("住房保障", "危房住人", "2022-06-10"), Ctx());
    Problem p;
    store.Load(id, &p);
    p[ProblemField::kMeasures] = "安排原址重建";
    p[ProblemField::kStatus] = "done";
    auto touched = store.Update(p, Ctx("2022-06-08 09:00:00"));
    EXPECT_EQ(touched, (std::vector<int64_t>{id}));
    Problem after;
    store.Load(id, &after);
    EXPECT_EQ(after[ProblemField::kDoneDate], "2022-06-08") << "done records the day";
    EXPECT_EQ(after.updated_at, "2022-06-08 09:00:00");
    auto h = History(*t.db, id);
    ASSERT_EQ(h.size(), 4u);  // created + measures + status + done_date
    EXPECT_EQ(h[1].field, "measures");
    EXPECT_EQ(h[1].old_value, "立即整改");
    EXPECT_EQ(h[1].new_value, "安排原址重建");
    EXPECT_EQ(h[2].field, "status");
    EXPECT_EQ(h[3].field, "done_date");
    // The history as the editor shows it: newest first, labels in Chinese.
    auto shown = store.History(id);
    ASSERT_EQ(shown.size(), 4u);
    EXPECT_EQ(shown[0].field, "完成日期");
    EXPECT_EQ(shown[1].field, "整改状态");
    EXPECT_EQ(shown[1].old_value, "待整改");
    EXPECT_EQ(shown[1].new_value, "已完成");
    EXPECT_EQ(shown[2].field, "整改措施");
    EXPECT_EQ(shown[3].field, "新增");
    EXPECT_EQ(shown[3].actor, "胡鹏");
    // Saving the same values again changes and records nothing.
    EXPECT_TRUE(store.Update(after, Ctx()).empty());
    EXPECT_EQ(History(*t.db, id).size(), 4u);
}

TEST(LedgerStore, UndoRedoEditsAddsAndDeletes) {
    test::TestDb t;
    LedgerStore store(*t.db, t.campaign_id);
    EXPECT_FALSE(store.CanUndo());
    int64_t a = store.Add(Make("住房保障", "甲", "2022-06-10"), Ctx());
    int64_t b = store.Add(Make("健康保障", "乙", "2022-06-11"), Ctx());
    Problem p;
    store.Load(a, &p);
    p[ProblemField::kDescription] = "甲（已核实）";
    store.Update(p, Ctx());
    EXPECT_EQ(store.UndoLabel(), "修改问题表述");
    store.Delete({b}, Ctx());
    EXPECT_EQ(store.CountActive(), 1);

    store.Undo(Ctx());  // delete
    EXPECT_EQ(store.CountActive(), 2);
    store.Undo(Ctx());  // edit
    store.Load(a, &p);
    EXPECT_EQ(p[ProblemField::kDescription], "甲");
    EXPECT_TRUE(store.CanRedo());
    store.Redo(Ctx());
    store.Load(a, &p);
    EXPECT_EQ(p[ProblemField::kDescription], "甲（已核实）");
    store.Undo(Ctx());
    store.Undo(Ctx());  // add b
    store.Undo(Ctx());  // add a
    EXPECT_EQ(store.CountActive(), 0);
    EXPECT_FALSE(store.CanUndo());
    store.Redo(Ctx());
    EXPECT_EQ(store.CountActive(), 1);
    // A new change clears the redo list.
    store.Add(Make("教育保障", "丙", "2022-06-12"), Ctx());
    EXPECT_FALSE(store.CanRedo());
    // Undo itself is in the history, marked as such.
    auto h = History(*t.db, a);
    EXPECT_EQ(h.back().source, "redo");
}

TEST(LedgerStore, BatchIsOneUndoStepAndRestoresDeletedRows) {
    test::TestDb t;
    LedgerStore store(*t.db, t.campaign_id);
    int64_t a = store.Add(Make("住房保障", "甲", "2022-06-10"), Ctx());
    store.Delete({a}, Ctx());
    Problem upd;
    store.Load(a, &upd);
    upd[ProblemField::kMeasures] = "复核后整改";
    std::vector<Problem> adds = {Make("健康保障", "乙", "2022-06-11"), Make("教育保障", "丙", "2022-06-12")};
    auto touched = store.ApplyBatch(adds, {upd}, ChangeContext{"2022-06-06 08:00:00", "区办", "import"}, "导入");
    EXPECT_EQ(touched.size(), 3u);
    EXPECT_EQ(store.CountActive(), 3);
    EXPECT_EQ(store.UndoLabel(), "导入");
    store.Undo(Ctx());
    EXPECT_EQ(store.CountActive(), 0);
    Problem back;
    store.Load(a, &back);
    EXPECT_EQ(back[ProblemField::kMeasures], "立即整改");
}

TEST(LedgerView, FiltersAndSorts) {
    test::TestDb t;
    LedgerStore store(*t.db, t.campaign_id);
    store.Add(Make("住房保障", "危房住人 B", "2022-06-20"), Ctx());
    store.Add(Make("健康保障", "未签约家庭医生", "2022-06-03"), Ctx());
    Problem done = Make("住房保障", "标示牌缺失", "2022-06-01");
    done[ProblemField::kStatus] = "done";
    store.Add(done, Ctx());
    store.Add(Make("饮水安全保障", "水质检测报告未张贴 b", "2022-06-08"), Ctx());

    LedgerView v;
    v.Reset(store.LoadAll());
    v.SetToday(Date{2022, 6, 6});
    EXPECT_EQ(v.Order().size(), 4u);

    LedgerFilter f;
    f.area = "住房保障";
    v.SetFilter(f);
    EXPECT_EQ(v.Order().size(), 2u);
    f = {};
    f.warning = int(Warning::kRed);
    v.SetFilter(f);
    ASSERT_EQ(v.Order().size(), 1u);
    EXPECT_EQ((*v.Order()[0])[ProblemField::kDescription], "未签约家庭医生");
    f = {};
    f.warning = int(Warning::kYellow);
    v.SetFilter(f);
    ASSERT_EQ(v.Order().size(), 1u);
    f = {};
    f.text = "b";  // ASCII case folding; matches 问题表述
    v.SetFilter(f);
    EXPECT_EQ(v.Order().size(), 2u);
    f = {};
    f.status = "done";
    v.SetFilter(f);
    EXPECT_EQ(v.Order().size(), 1u);

    v.SetFilter({});
    v.SetSort(SortColumn::kField, ProblemField::kDeadline, true);
    EXPECT_EQ((*v.Order().front())[ProblemField::kDeadline], "2022-06-01");
    v.SetSort(SortColumn::kField, ProblemField::kDeadline, false);
    EXPECT_EQ((*v.Order().front())[ProblemField::kDeadline], "2022-06-20");
    v.SetSort(SortColumn::kWarning, ProblemField::kArea, true);
    EXPECT_EQ((*v.Order().front())[ProblemField::kDescription], "未签约家庭医生");  // red first

    // Changes flow in without a reload.
    Problem extra = Make("金融政策", "贷款逾期", "2022-06-30");
    int64_t id = store.Add(extra, Ctx());
    Problem stored;
    store.Load(id, &stored);
    v.Upsert(stored);
    EXPECT_EQ(v.Order().size(), 5u);
    v.Remove(id);
    EXPECT_EQ(v.Order().size(), 4u);
}

TEST(LedgerView, TypingMoreSearchTextNarrowsToTheSameRowsAsAFreshFilter) {
    test::TestDb t;
    LedgerStore store(*t.db, t.campaign_id);
    const char* texts[] = {"第12村张某", "第12村李某", "第1村王某", "第2村Ab", "第12村aB"};
    for (const char* d : texts) store.Add(Make("住房保障", d, "2022-06-20"), Ctx());
    LedgerView typed, fresh;
    typed.Reset(store.LoadAll());
    fresh.Reset(store.LoadAll());
    typed.SetSort(SortColumn::kField, ProblemField::kDescription, false);
    fresh.SetSort(SortColumn::kField, ProblemField::kDescription, false);
    LedgerFilter f;
    for (const char* step : {"第", "第1", "第12", "第12村", "第12村a", "第12村ab"}) {
        f.text = step;
        typed.SetFilter(f);
        typed.Order();  // each keystroke draws a frame
    }
    fresh.SetFilter(f);
    ASSERT_EQ(typed.Order().size(), 1u);
    EXPECT_EQ((*typed.Order()[0])[ProblemField::kDescription], (*fresh.Order()[0])[ProblemField::kDescription]);
    // Deleting text widens again from every row.
    f.text = "第1";
    typed.SetFilter(f);
    fresh.SetFilter(f);
    ASSERT_EQ(typed.Order().size(), fresh.Order().size());
    EXPECT_EQ(typed.Order().size(), 4u);
    for (size_t i = 0; i < typed.Order().size(); ++i)
        EXPECT_EQ(typed.Order()[i]->id, fresh.Order()[i]->id) << i;
}

// The table filters a slice per frame: with no time at all each Refresh still
// makes progress, the partial result is a prefix of the full one, keystrokes
// arriving mid-scan restart it, and the end result equals a one-shot filter.
TEST(LedgerView, FilteringASliceAtATimeEndsWhereOneScanEnds) {
    std::vector<Problem> rows;
    for (int i = 0; i < 3000; ++i) {
        Problem p = Make(i % 2 ? "住房保障" : "健康保障", ("第" + std::to_string(i % 40) + "村某户").c_str(),
                         i % 3 ? "2022-06-20" : "2022-06-10");
        p.id = i + 1;
        rows.push_back(p);
    }
    LedgerView sliced, once;
    sliced.Reset(rows);
    once.Reset(rows);
    for (LedgerView* v : {&sliced, &once}) v->SetSort(SortColumn::kField, ProblemField::kDeadline, true);
    LedgerFilter f;
    f.text = "第1";
    sliced.SetFilter(f);
    const size_t partial = sliced.Refresh(0).size();  // one slice of 512 rows
    EXPECT_TRUE(sliced.pending());
    EXPECT_LT(partial, 3000u);
    f.text = "第12";  // typed before the scan finished: starts over, still right
    sliced.SetFilter(f);
    int frames = 0;
    while (sliced.pending()) {
        sliced.Refresh(0);
        ASSERT_LT(++frames, 100);
    }
    EXPECT_GT(frames, 3);
    once.SetFilter(f);
    const auto& want = once.Order();
    ASSERT_EQ(sliced.Current().size(), want.size());
    EXPECT_EQ(want.size(), 75u);  // 12 of every 40
    for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(sliced.Current()[i]->id, want[i]->id) << i;
    // Narrowing from a complete result, also by slices.
    f.text = "第12村";
    sliced.SetFilter(f);
    while (sliced.pending()) sliced.Refresh(0);
    EXPECT_EQ(sliced.Current().size(), 75u);
}

// The search goes through one buffer of every row's texts: it finds text in
// either field and ASCII in any case, never a match running from 问题表述 into
// 整改措施, and follows rows changed after it was built.
TEST(LedgerView, SearchIndexFindsEitherFieldAndFollowsChanges) {
    std::vector<Problem> rows;
    for (int i = 0; i < 4; ++i) {
        rows.push_back(Make("住房保障", ("问题" + std::to_string(i) + "尾").c_str(), "2022-06-20"));
        rows.back().id = i + 1;
    }
    rows[1][ProblemField::kMeasures] = "联系 WiFi 运营商";
    rows[2][ProblemField::kMeasures] = "头部处理";
    LedgerView v;
    v.Reset(rows);
    LedgerFilter f;
    f.text = "wifi";
    v.SetFilter(f);
    ASSERT_EQ(v.Order().size(), 1u);
    EXPECT_EQ(v.Order()[0]->id, 2);
    f.text = "尾头";  // the end of 问题表述 and the start of 整改措施: not one text
    v.SetFilter(f);
    EXPECT_EQ(v.Order().size(), 0u);
    f.text = "问题";
    v.SetFilter(f);
    EXPECT_EQ(v.Order().size(), 4u);
    Problem changed = rows[3];
    changed[ProblemField::kDescription] = "已改写";
    v.Upsert(changed);
    EXPECT_EQ(v.Order().size(), 3u);
    f.text = "改写";
    v.SetFilter(f);
    ASSERT_EQ(v.Order().size(), 1u);
    EXPECT_EQ(v.Order()[0]->id, 4);

    LedgerTextIndex index;
    index.Build(rows);
    std::vector<bool> hits, all;
    for (size_t r = 0; r < index.rows(); ++r) {
        all.push_back(index.RowContains(r, ""));
        hits.push_back(index.RowContains(r, "头部"));
    }
    EXPECT_EQ(all, std::vector<bool>(4, true));
    EXPECT_EQ(hits, (std::vector<bool>{false, false, true, false}));
    EXPECT_FALSE(index.RowContains(2, std::string_view("头\0部", 7)));
}

// Rows asked in a run share one search over many rows; asked in any order,
// with needles changing, the answers are those of searching each row alone.
TEST(LedgerTextIndex, RunsAnswerAsEachRowAlone) {
    const char* words[] = {"安全", "鉴定", "饮水", "ABC", "村", "x"};
    std::vector<Problem> rows;
    unsigned seed = 7;
    auto rnd = [&](unsigned k) { seed = seed * 1103515245u + 12345u; return (seed >> 8) % k; };
    for (int i = 0; i < 500; ++i) {
        Problem p = NewProblem();
        for (ProblemField f : {ProblemField::kDescription, ProblemField::kMeasures})
            for (unsigned n = rnd(4); n > 0; --n) p[f] += words[rnd(6)];
        rows.push_back(p);
    }
    LedgerTextIndex index;
    index.Build(rows);
    auto alone = [&](size_t r, const std::string& needle) {
        for (ProblemField f : {ProblemField::kDescription, ProblemField::kMeasures}) {
            std::string lower = rows[r][f];
            LowerAsciiInPlace(lower.data(), lower.size());
            if (lower.find(needle) != std::string::npos) return true;
        }
        return false;
    };
    for (const std::string needle : {"安全", "饮水鉴定", "abc", "定村", "x"}) {
        std::vector<size_t> order;
        for (size_t r = 0; r < rows.size(); ++r) order.push_back(r);  // in order: one long run
        for (int k = 0; k < 3000; ++k) {
            size_t r = rnd(unsigned(rows.size()));  // then runs of random length from random rows
            for (unsigned n = rnd(100); n > 0 && r < rows.size(); --n) order.push_back(r++);
        }
        size_t hits = 0;
        for (size_t r : order) {
            ASSERT_EQ(index.RowContains(r, needle), alone(r, needle)) << needle << " row " << r;
            hits += alone(r, needle);
            if (rnd(50) == 0) index.RowContains(rnd(unsigned(rows.size())), "鉴");  // another needle between
        }
        EXPECT_GT(hits, 0u) << needle;
    }
}
