// The ledger model's invariants (ledger_model.h): every write leaves the view
// holding exactly the stored live rows; writes by other owners go through
// Write(); the 完成日期 rule in one place; a screening finding and its
// problem in one transaction; the ledger as CSV.
#include "domain/ledger_csv.h"
#include "domain/ledger_import.h"
#include "domain/ledger_model.h"
#include "domain/screening.h"
#include "formats/csv.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace htk;

namespace {

Problem Make(const std::string& desc, const char* deadline = "2022-06-20") {
    Problem p = NewProblem();
    p[ProblemField::kArea] = "住房保障";
    p[ProblemField::kNature] = "个性问题";
    p[ProblemField::kDescription] = desc;
    p[ProblemField::kMeasures] = "6月10日前完成鉴定";
    p[ProblemField::kDeadline] = deadline;
    p[ProblemField::kRespUnits] = "区住建局";
    return p;
}

ChangeContext Ctx() { return ChangeContext{"2022-06-05 10:00:00", "胡鹏", "edit"}; }

// Invariant 2: the view's rows are the store's live rows, field for field.
void ExpectViewIsStore(LedgerModel& m) {
    std::vector<Problem> stored = m.store().LoadAll();
    std::vector<Problem> shown = m.view().rows();
    auto by_id = [](const Problem& a, const Problem& b) { return a.id < b.id; };
    std::sort(stored.begin(), stored.end(), by_id);
    std::sort(shown.begin(), shown.end(), by_id);
    ASSERT_EQ(shown.size(), stored.size());
    for (size_t i = 0; i < stored.size(); ++i) {
        EXPECT_EQ(shown[i].id, stored[i].id);
        EXPECT_EQ(shown[i].v, stored[i].v);
    }
}

}  // namespace

TEST(LedgerModel, EveryWriteLeavesTheViewEqualToTheStore) {
    test::TestDb t;
    LedgerModel m(*t.db, t.campaign_id);
    m.Load();
    const int64_t a = m.Add(Make("甲户住房未鉴定"), Ctx());
    const int64_t b = m.Add(Make("乙户未签约家庭医生"), Ctx());
    ExpectViewIsStore(m);
    EXPECT_EQ(m.view().total(), 2u);

    Problem changed = *m.view().Find(a);
    changed[ProblemField::kMeasures] = "本周内完成鉴定并悬挂标示牌";
    EXPECT_EQ(m.Update(changed, Ctx()), std::vector<int64_t>{a});
    EXPECT_EQ((*m.view().Find(a))[ProblemField::kMeasures], "本周内完成鉴定并悬挂标示牌");
    ExpectViewIsStore(m);

    m.Delete({b}, Ctx());
    EXPECT_EQ(m.view().Find(b), nullptr);
    ExpectViewIsStore(m);

    m.Undo(Ctx());  // the delete
    ASSERT_NE(m.view().Find(b), nullptr);
    ExpectViewIsStore(m);
    m.Undo(Ctx());  // the measure
    EXPECT_EQ((*m.view().Find(a))[ProblemField::kMeasures], "6月10日前完成鉴定");
    ExpectViewIsStore(m);
    m.Redo(Ctx());
    EXPECT_EQ((*m.view().Find(a))[ProblemField::kMeasures], "本周内完成鉴定并悬挂标示牌");
    ExpectViewIsStore(m);
}

TEST(LedgerModel, AnotherOwnersWriteGoesThroughWriteAndIsShown) {
    test::TestDb t;
    LedgerModel m(*t.db, t.campaign_id);
    m.Load();
    // An import of 300 rows (over the one-query threshold) and of 3 rows.
    for (int n : {300, 3}) {
        std::vector<Problem> adds;
        for (int i = 0; i < n; ++i) adds.push_back(Make("第" + std::to_string(n) + "批问题" + std::to_string(i)));
        const std::vector<int64_t> ids = m.Write([&](LedgerStore& s) {
            return s.ApplyBatch(std::move(adds), {}, ChangeContext{"2022-06-05 10:00:00", "胡鹏", "import"}, "导入");
        });
        EXPECT_EQ(ids.size(), size_t(n));
        ExpectViewIsStore(m);
    }
    EXPECT_EQ(m.view().total(), 303u);
    m.Undo(Ctx());
    m.Undo(Ctx());
    EXPECT_EQ(m.view().total(), 0u);
    ExpectViewIsStore(m);
}

TEST(LedgerModel, WritesBeforeTheFirstLoadAreReadByIt) {
    test::TestDb t;
    LedgerModel m(*t.db, t.campaign_id);
    m.Add(Make("未读入前新增的问题"), Ctx());
    EXPECT_EQ(m.view().total(), 0u);  // nothing read yet
    m.Load();
    EXPECT_EQ(m.view().total(), 1u);
    ExpectViewIsStore(m);
}

TEST(LedgerModel, DoneDateRuleFillsOnlyWhenBecomingDoneWithoutADate) {
    struct Case {
        ProblemStatus before, after;
        const char* given;
        const char* expected;
    } cases[] = {
        {ProblemStatus::kOpen, ProblemStatus::kDone, "", "2022-06-05"},
        {ProblemStatus::kInProgress, ProblemStatus::kDone, "", "2022-06-05"},
        {ProblemStatus::kOpen, ProblemStatus::kDone, "2022-06-03", "2022-06-03"},  // a date given is kept
        {ProblemStatus::kDone, ProblemStatus::kDone, "", ""},                      // already done: untouched
        {ProblemStatus::kOpen, ProblemStatus::kInProgress, "", ""},
        {ProblemStatus::kDone, ProblemStatus::kOpen, "2022-06-03", "2022-06-03"},  // reopened: left as given
    };
    for (const Case& c : cases) {
        Problem before = NewProblem(), after = NewProblem();
        before[ProblemField::kStatus] = StatusCode(c.before);
        after[ProblemField::kStatus] = StatusCode(c.after);
        after[ProblemField::kDoneDate] = c.given;
        FillDoneDate(before, after, "2022-06-05");
        EXPECT_EQ(after[ProblemField::kDoneDate], c.expected) << StatusCode(c.before) << " -> " << StatusCode(c.after);
    }
    // The store applies the same rule on update.
    test::TestDb t;
    LedgerModel m(*t.db, t.campaign_id);
    m.Load();
    Problem p = *m.view().Find(m.Add(Make("丙户危房"), Ctx()));
    p[ProblemField::kStatus] = StatusCode(ProblemStatus::kDone);
    m.Update(p, ChangeContext{"2022-06-09 16:00:00", "胡鹏", "edit"});
    EXPECT_EQ((*m.view().Find(p.id))[ProblemField::kDoneDate], "2022-06-09");
}

TEST(LedgerModel, AScreeningFindingAndItsProblemAreOneTransaction) {
    test::TestDb t;
    LedgerModel m(*t.db, t.campaign_id);
    m.Load();
    ScreeningStore screening(*t.db, t.campaign_id);
    const ScreeningTarget target{0, "椹涧乡", "陈庄村"};
    ScreeningEntry e;
    e.point_id = t.campaign.areas[0].points[0].id;
    e.result = ScreenResult::kProblem;
    const uint64_t commits = t.db->commit_count();
    const int64_t id = screening.SetWithFinding(target, e, Make("陈庄村户厕改造未完成"), m, Ctx(), "2022-06-05 10:00:00");
    EXPECT_EQ(t.db->commit_count(), commits + 1);  // one commit for both
    ASSERT_NE(m.view().Find(id), nullptr);
    const auto entries = screening.Load(target);
    ASSERT_EQ(entries.count(e.point_id), 1u);
    EXPECT_EQ(entries.at(e.point_id).problem_id, id);
    ExpectViewIsStore(m);
}

TEST(LedgerModel, TheLedgerAsCsvHasTheOfficialColumnsAndTheHiddenId) {
    test::TestDb t;
    LedgerModel m(*t.db, t.campaign_id);
    m.Load();
    Problem p = Make("=HYPERLINK(\"x\") 甲户");
    m.Add(p, Ctx());
    LedgerSheet sheet;
    sheet.rows = m.view().Order();
    for (bool gb18030 : {false, true}) {
        const std::string bytes = LedgerCsv(sheet, gb18030);
        CsvTable table;
        std::string error;
        ASSERT_TRUE(ParseCsv(bytes, &table, &error)) << error;
        EXPECT_EQ(table.encoding, gb18030 ? TextEncoding::kGb18030 : TextEncoding::kUtf8Bom);
        const auto& rows = table.rows;
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[0].front(), "序号");
        EXPECT_EQ(rows[0].back(), kUuidHeader);
        EXPECT_EQ(rows[1].front(), "1");
        const size_t desc = size_t(std::find(rows[0].begin(), rows[0].end(), "问题表述") - rows[0].begin());
        ASSERT_LT(desc, rows[0].size());
        EXPECT_EQ(rows[1][desc], "'=HYPERLINK(\"x\") 甲户");  // the CSV guard: never run as a formula
        EXPECT_EQ(rows[1].back(), m.view().Order()[0]->uuid);
    }
}
