#include "domain/dashboard.h"
#include "domain/ledger_store.h"
#include "domain/rectification_report.h"
#include "domain/weekly_report.h"
#include "domain/work_plan.h"
#include "formats/xlsx_reader.h"
#include "test_db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

using namespace htk;

namespace {

Problem Make(const char* desc, const char* deadline, const char* status = "open") {
    Problem p = NewProblem();
    p.uuid = std::string("00000000-0000-4000-8000-00000000000") + desc[0];
    p[ProblemField::kArea] = "住房保障";
    p[ProblemField::kNature] = "个性问题";
    p[ProblemField::kDescription] = desc;
    p[ProblemField::kMeasures] = "限期整改";
    p[ProblemField::kDeadline] = deadline;
    p[ProblemField::kRespUnits] = "区住建局";
    p[ProblemField::kStatus] = status;
    return p;
}

}  // namespace

TEST(WeeklyReport, WeeksOfThePhase) {
    test::TestDb t;
    auto weeks = ReportWeeks(t.campaign);
    ASSERT_EQ(weeks.size(), 4u);  // 6-02 … 6-29: four weeks, the last one short
    EXPECT_EQ(FormatIso(weeks[0].start), "2022-06-02");
    EXPECT_EQ(FormatIso(weeks[0].end), "2022-06-08");
    EXPECT_EQ(FormatIso(weeks[3].start), "2022-06-23");
    EXPECT_EQ(FormatIso(weeks[3].end), "2022-06-29");
    EXPECT_EQ(WeekNumberOn(weeks, Date{2022, 6, 1}), 0);
    EXPECT_EQ(WeekNumberOn(weeks, Date{2022, 6, 2}), 1);
    EXPECT_EQ(WeekNumberOn(weeks, Date{2022, 6, 8}), 1);
    EXPECT_EQ(WeekNumberOn(weeks, Date{2022, 6, 9}), 2);
    EXPECT_EQ(WeekNumberOn(weeks, Date{2022, 7, 9}), 4);
}

// 首页 points out the weeks that ended without the unit's report.
TEST(WeeklyReport, MissedWeeksAreTheEndedOnesWithoutThisUnitsReport) {
    test::TestDb t;
    const auto weeks = ReportWeeks(t.campaign);
    std::vector<WeeklyReportInfo> reports(2);
    reports[0].week_no = 1, reports[0].unit = "椹涧乡";
    reports[1].week_no = 2, reports[1].unit = "灵井镇";
    auto nos = [](const std::vector<ReportWeek>& ws) {
        std::vector<int> out;
        for (const ReportWeek& w : ws) out.push_back(w.no);
        return out;
    };
    EXPECT_TRUE(MissedReportWeeks(weeks, reports, "椹涧乡", Date{2022, 6, 8}).empty()) << "due today, not missed";
    EXPECT_EQ(nos(MissedReportWeeks(weeks, reports, "椹涧乡", Date{2022, 6, 23})), (std::vector<int>{2, 3}));
    EXPECT_EQ(nos(MissedReportWeeks(weeks, reports, "", Date{2022, 6, 23})), (std::vector<int>{3}));
    EXPECT_EQ(nos(MissedReportWeeks(weeks, reports, "椹涧乡", Date{2022, 7, 20})), (std::vector<int>{2, 3, 4}));
    EXPECT_TRUE(MissedReportWeeks(weeks, reports, "椹涧乡", Date{2022, 5, 1}).empty());
}

TEST(WeeklyReport, SnapshotStaysAsReportedAndDiffsWithLastWeek) {
    test::TestDb t;
    WeeklyReportStore reports(*t.db, t.campaign_id);
    std::vector<Problem> week1 = {Make("A 住房未鉴定", "2022-06-10"), Make("B 标示牌缺失", "2022-06-12"),
                                  Make("C 危房住人", "2022-06-09")};
    int64_t r1 = reports.Create(1, "椹涧乡", Date{2022, 6, 8}, week1, "2022-06-08 17:00:00");
    // The ledger moves on: A done, B still open, C overdue, D new.
    week1[0][ProblemField::kDescription] = "changed after the report";
    std::vector<Problem> week2 = {Make("A 住房未鉴定", "2022-06-10", "done"), Make("B 标示牌缺失", "2022-06-20"),
                                  Make("C 危房住人", "2022-06-09", "in_progress"), Make("D 饮水", "2022-06-20")};
    int64_t r2 = reports.Create(2, "椹涧乡", Date{2022, 6, 15}, week2, "2022-06-15 17:00:00");

    WeeklyReport first, second, previous;
    ASSERT_TRUE(reports.Load(r1, &first));
    EXPECT_EQ(first.rows[0][ProblemField::kDescription], "A 住房未鉴定");  // frozen
    ASSERT_TRUE(reports.Load(r2, &second));
    ASSERT_TRUE(reports.LoadPrevious("椹涧乡", 2, &previous));
    EXPECT_EQ(previous.id, r1);
    EXPECT_FALSE(reports.LoadPrevious("椹涧乡", 1, &previous));

    WeeklyDiff d = DiffReports(&first, second);
    ASSERT_EQ(d.added.size(), 1u);
    EXPECT_EQ((*d.added[0])[ProblemField::kDescription], "D 饮水");
    ASSERT_EQ(d.completed.size(), 1u);
    EXPECT_EQ(d.still_open.size(), 2u);  // B and C
    ASSERT_EQ(d.newly_overdue.size(), 1u);  // C: due 6-09, open on 6-15
    EXPECT_EQ((*d.newly_overdue[0])[ProblemField::kDescription], "C 危房住人");

    auto table = WeeklyStatsTable(second, d, t.campaign);
    EXPECT_EQ(table[1][1], "4");    // 问题总数
    EXPECT_EQ(table[2][2], "完成率 25.0%");
    EXPECT_EQ(table[5][1], "1");    // 超期未完成
    EXPECT_EQ(table[7][1], "1");    // 本周新增

    // Generating week 2 again replaces it; the list shows both weeks, newest first.
    reports.Create(2, "椹涧乡", Date{2022, 6, 15}, week2, "2022-06-15 18:00:00");
    auto list = reports.List();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].week_no, 2);
    EXPECT_EQ(list[0].rows, 4);
    EXPECT_EQ(list[0].created_at, "2022-06-15 18:00:00");
}

TEST(WeeklyReport, ExportHasTheLedgerAndTheStatisticsAndIsTheSameEveryTime) {
    test::TestDb t;
    WeeklyReportStore reports(*t.db, t.campaign_id);
    int64_t id = reports.Create(1, "椹涧乡", Date{2022, 6, 8}, {Make("A 住房未鉴定", "2022-06-10")},
                                "2022-06-08 17:00:00");
    WeeklyReport r;
    ASSERT_TRUE(reports.Load(id, &r));
    WeeklyDiff d = DiffReports(nullptr, r);
    std::string a, b, error;
    ASSERT_TRUE(WriteLedgerXlsx(WeeklyReportWorkbook(r, d, t.campaign), &a, &error)) << error;
    ASSERT_TRUE(WriteLedgerXlsx(WeeklyReportWorkbook(r, d, t.campaign), &b, &error)) << error;
    EXPECT_EQ(WeeklyReportFileName(r), "椹涧乡_整改台账_第1周_20220608.xlsx");
    Workbook ra, rb;
    ASSERT_TRUE(ReadXlsx(a, &ra, &error)) << error;
    ASSERT_TRUE(ReadXlsx(b, &rb, &error)) << error;
    ASSERT_EQ(ra.sheets.size(), 2u);
    for (size_t s = 0; s < 2; ++s) {
        ASSERT_EQ(ra.sheets[s].rows.size(), rb.sheets[s].rows.size());
        for (size_t i = 0; i < ra.sheets[s].rows.size(); ++i)
            for (size_t c = 0; c < ra.sheets[s].rows[i].size(); ++c)
                EXPECT_EQ(ra.sheets[s].rows[i][c].text, rb.sheets[s].rows[i][c].text);
    }
    EXPECT_EQ(ra.sheets[0].name, "整改台账（第1周）");
    EXPECT_EQ(ra.sheets[1].name, "本周统计");
    // An independent reader: openpyxl sees the date line and the statistics.
    std::string path = std::string(HTK_TEST_OUT) + "/weekly.xlsx";
    std::ofstream(path, std::ios::binary) << a;
    std::string cmd = "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
                      "s=wb.worksheets[1]; t=wb.worksheets[0]; "
                      "assert '2022 年 6 月 8 日' in str(t['E2'].value), t['E2'].value; "
                      "assert s['A3'].value=='问题总数' and s['B3'].value==1, (s['A3'].value, s['B3'].value)\" " +
                      path;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(Dashboard, CountsByStatusAreaWarningAndWeek) {
    test::TestDb t;
    std::vector<Problem> rows = {Make("A", "2022-06-05"), Make("B", "2022-06-17", "in_progress"),
                                 Make("C", "2022-06-10", "done"), Make("D", "2022-06-30")};
    rows[0][ProblemField::kFoundDate] = "2022-06-03";  // week 1
    rows[1][ProblemField::kFoundDate] = "2022-06-10";  // week 2
    rows[2][ProblemField::kFoundDate] = "2022-05-31";  // before the phase
    rows[2][ProblemField::kDoneDate] = "2022-06-09";   // done in week 2
    rows[3].created_at = "2022-06-16 09:00:00";       // no 发现日期: the day it was entered (week 3)
    rows[3][ProblemField::kArea] = "饮水安全保障";
    Dashboard d = ComputeDashboard(rows, t.campaign, Date{2022, 6, 15});
    EXPECT_EQ(d.total, 4);
    EXPECT_EQ(d.done, 1);
    EXPECT_EQ(d.in_progress, 1);
    EXPECT_EQ(d.open, 2);
    EXPECT_EQ(d.red, 1);     // A: due 6-05
    EXPECT_EQ(d.yellow, 1);  // B: due 6-17
    EXPECT_DOUBLE_EQ(d.completion(), 0.25);
    ASSERT_EQ(d.by_area.size(), 8u);
    EXPECT_EQ(d.by_area[0].area, "住房保障");
    EXPECT_EQ(d.by_area[0].total(), 3);
    EXPECT_EQ(d.by_area[0].done, 1);
    ASSERT_EQ(d.per_week.size(), 5u);  // 6月2日前, then four weeks
    EXPECT_EQ(d.per_week[0].found, 1);
    EXPECT_EQ(d.per_week[1].found, 1);
    EXPECT_EQ(d.per_week[2].found, 1);
    EXPECT_EQ(d.per_week[2].done, 1);
    EXPECT_EQ(d.per_week[3].found, 1);
    EXPECT_EQ(d.per_week[4].label, "第4周");

    CampaignMoment m = MomentOf(t.campaign, Date{2022, 6, 15});
    EXPECT_EQ(t.campaign.phases[size_t(m.phase)].name, "排查整改");
    EXPECT_EQ(m.week_no, 2);
    EXPECT_EQ(m.days_left, 15);  // 6-15 … 6-29
    EXPECT_EQ(MomentOf(t.campaign, Date{2022, 5, 1}).phase, -1);
    EXPECT_EQ(MomentOf(t.campaign, Date{2022, 7, 1}).phase, 3);
}

TEST(RectificationReport, DraftFromTheLedgerAndTheSignedFinalLedger) {
    test::TestDb t;
    std::vector<Problem> rows = {Make("A 住房未鉴定", "2022-06-10", "done"), Make("B 标示牌缺失", "2022-06-20"),
                                 Make("C 危房住人", "2022-06-25", "in_progress")};
    rows[1][ProblemField::kNature] = "共性问题";
    rows[0][ProblemField::kCause] = "排查不细";
    rows[1][ProblemField::kCause] = "排查不细";
    rows[2][ProblemField::kArea] = "健康保障";
    // 主要整改措施: by how many problems share a measure, ties in ledger order;
    // generated or too short measures (限期整改) say nothing and are left out.
    rows[0][ProblemField::kMeasures] = "请房屋鉴定机构上门鉴定并建立档案。";
    rows[1][ProblemField::kMeasures] = "村两委逐户补挂住房安全标示牌";
    rows[2][ProblemField::kMeasures] = "请房屋鉴定机构上门鉴定并建立档案。";
    rows.push_back(Make("D 标示牌错挂", "2022-06-25"));
    rows[3][ProblemField::kMeasures] = "对照“住房安全标示牌”要求，限期整改到位";
    std::string text = DraftRectificationReport(rows, t.campaign, "椹涧乡", Date{2022, 6, 30});
    for (const char* want : {"椹涧乡关于建安区", "共排查发现问题 4 个，其中共性问题 1 个、个性问题 3 个",
                             "住房保障 3 个，健康保障 1 个", "已完成整改 1 个，正在整改 1 个，尚未整改 2 个，整改完成率 25.0%",
                             "超过完成时限仍未完成的问题 3 个", "1. 排查不细（涉及 2 个问题）",
                             "1. 请房屋鉴定机构上门鉴定并建立档案（涉及 2 个问题）。\n2. 村两委逐户补挂住房安全标示牌。\n\n",
                             "2022年6月30日"})
        EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
    EXPECT_EQ(text.find("限期整改到位"), std::string::npos) << text;
    EXPECT_EQ(RectificationReportFileName("椹涧乡", Date{2022, 6, 30}, ".txt"), "椹涧乡_整改报告_20220630.txt");

    EXPECT_EQ(LoadReportDraft(*t.db, t.campaign_id), "");
    SaveReportDraft(*t.db, t.campaign_id, "改过的报告");
    EXPECT_EQ(LoadReportDraft(*t.db, t.campaign_id), "改过的报告");

    // The final ledger: signature line, date and room for the stamp; the report as a sheet.
    LedgerWorkbook book;
    LedgerSheet sheet;
    sheet.title = t.campaign.ledger_title;
    sheet.unit = "椹涧乡";
    sheet.date = Date{2022, 6, 30};
    sheet.note = t.campaign.ledger_note;
    sheet.signature = true;
    for (const Problem& p : rows) sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);
    TableSheet report{"整改报告", "椹涧乡整改报告", {{"第一段"}, {"第二段"}}, true};
    book.tables.push_back(report);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    std::string path = std::string(HTK_TEST_OUT) + "/final.xlsx";
    std::ofstream(path, std::ios::binary) << bytes;
    std::string cmd = "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
                      "s=wb.worksheets[0]; v=[str(c.value) for r in s.iter_rows() for c in r if c.value]; "
                      "assert '主要负责同志签字：' in v and '（单位公章）' in v and v.count('2022 年 6 月 30 日')==2, v; "
                      "r=wb['整改报告']; assert r['A2'].value=='第一段' and r['A3'].value=='第二段'\" " + path;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(WorkPlan, DueByTheEndOfMobilisationKeptPerUnit) {
    test::TestDb t;
    EXPECT_EQ(FormatIso(WorkPlanDue(t.campaign)), "2022-06-01");
    WorkPlan plan;
    EXPECT_EQ(WorkPlanStateOn(plan, t.campaign, Date{2022, 5, 30}).text, "应于6月1日前报送，还有 2 天");
    EXPECT_EQ(WorkPlanStateOn(plan, t.campaign, Date{2022, 6, 1}).text, "今天（6月1日）是报送截止日");
    WorkPlanState late = WorkPlanStateOn(plan, t.campaign, Date{2022, 6, 4});
    EXPECT_TRUE(late.late);
    EXPECT_EQ(late.text, "已逾期 3 天，尚未报送（应于6月1日前报送）");
    plan.content = "对照八个方面 39 个要点逐户排查";
    plan.submitted = Date{2022, 5, 31};
    EXPECT_EQ(WorkPlanStateOn(plan, t.campaign, Date{2022, 6, 4}).text, "已按时报送（5月31日）");
    plan.submitted = Date{2022, 6, 3};
    EXPECT_TRUE(WorkPlanStateOn(plan, t.campaign, Date{2022, 6, 4}).late);

    SaveWorkPlan(*t.db, t.campaign_id, "椹涧乡", plan, "2022-06-03 10:00:00");
    WorkPlan back = LoadWorkPlan(*t.db, t.campaign_id, "椹涧乡");
    EXPECT_EQ(back.content, plan.content);
    EXPECT_EQ(FormatIso(back.submitted), "2022-06-03");
    EXPECT_TRUE(LoadWorkPlan(*t.db, t.campaign_id, "陈曹乡").content.empty());
    TableSheet sheet = WorkPlanSheet(back, t.campaign, "椹涧乡");
    EXPECT_EQ(sheet.rows[1][1], plan.content);
    EXPECT_EQ(sheet.rows[4][1], "2022年6月3日");
}
