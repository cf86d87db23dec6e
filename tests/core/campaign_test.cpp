#include "domain/campaign.h"
#include "domain/campaign_setup.h"
#include "domain/screening.h"
#include "test_db.h"

#include <gtest/gtest.h>

using namespace htk;

TEST(Campaign, BuiltinHasEightAreasAndThirtyNinePoints) {
    test::TestDb t;
    const Campaign& c = t.campaign;
    EXPECT_EQ(c.code, "2022-1");
    EXPECT_EQ(c.ledger_title, "建安区 2022 年第一轮巩固拓展脱贫攻坚成果行业政策落实“回头看”整改台账");
    ASSERT_EQ(c.areas.size(), 8u);
    size_t points = 0;
    const size_t expected[] = {5, 7, 3, 4, 6, 7, 4, 3};
    for (size_t i = 0; i < c.areas.size(); ++i) {
        EXPECT_EQ(c.areas[i].points.size(), expected[i]) << c.areas[i].name;
        points += c.areas[i].points.size();
    }
    EXPECT_EQ(points, 39u);
    EXPECT_EQ(c.areas[0].name, "住房保障");
    EXPECT_EQ(c.areas[0].lead_units, (std::vector<std::string>{"区住建局"}));
    EXPECT_EQ(c.areas[5].lead_units.size(), 5u);
    // The document's own wording.
    EXPECT_EQ(c.areas[1].points[6].text, "30 种大病专项救治落实情况");
    EXPECT_EQ(c.areas[7].points[2].text, "整村改造率是否达到 85%以上，困难群众的户厕是否做到应改尽改");
    EXPECT_NE(c.areas[7].points[2].rule.find("85"), std::string::npos);
    EXPECT_EQ(c.areas[1].points[2].scope, "village");
    EXPECT_EQ(c.natures, (std::vector<std::string>{"共性问题", "个性问题"}));
    ASSERT_EQ(c.phases.size(), 3u);
    EXPECT_EQ(c.phases[1].name, "排查整改");
    EXPECT_EQ(c.phases[1].start, (Date{2022, 6, 2}));
    EXPECT_EQ(c.phases[1].end, (Date{2022, 6, 29}));
    EXPECT_EQ(c.Year(), 2022);
    EXPECT_EQ(c.departments.size(), 12u);
    EXPECT_NE(c.ledger_note.find("完成时限精准到“日”"), std::string::npos);
}

TEST(Campaign, AreaSynonymsFromTheLedgerNote) {
    test::TestDb t;
    const Campaign& c = t.campaign;
    const std::pair<const char*, const char*> cases[] = {
        {"农村危房改造", "住房保障"}, {"住房保障情况", "住房保障"}, {"健康扶贫", "健康保障"},
        {"教育扶贫", "教育保障"},     {"饮水安全", "饮水安全保障"}, {"就业扶贫", "就业保障"},
        {"综合保障", "综合保障"},     {"兜底保障", "综合保障"},     {"金融扶贫", "金融政策"},
        {"户厕改造", "户厕改造"},     {" 就业 扶贫 ", "就业保障"},  {"金融政策落实情况", "金融政策"},
    };
    for (auto [typed, canonical] : cases) {
        const Area* a = c.FindArea(typed);
        ASSERT_NE(a, nullptr) << typed;
        EXPECT_EQ(a->name, canonical) << typed;
    }
    EXPECT_EQ(c.FindArea("交通运输"), nullptr);
    EXPECT_EQ(c.FindArea(""), nullptr);
}

TEST(Campaign, StoredOnceAndRemembered) {
    test::TestDb t;
    EXPECT_EQ(EnsureCurrentCampaign(*t.db), t.campaign_id);
    Stmt q = t.db->Prepare("SELECT count(*) FROM campaign");
    ASSERT_TRUE(q.Step());
    EXPECT_EQ(q.Int(0), 1);
}

TEST(Campaign, MalformedJsonIsRefused) {
    test::TestDb t;
    std::string err;
    EXPECT_EQ(StoreCampaignJson(*t.db, "{not json", &err), 0);
    EXPECT_FALSE(err.empty());
    EXPECT_EQ(StoreCampaignJson(*t.db, R"({"format":1,"campaign":{"code":"x"}})", &err), 0);
    EXPECT_EQ(StoreCampaignJson(*t.db, R"({"format":2})", &err), 0);
}

TEST(Campaign, NextRoundCopiesTheChecklistAndUnitsAYearLaterWithoutProblems) {
    test::TestDb t;
    std::string error;
    EXPECT_EQ(CreateNextCampaign(*t.db, t.campaign_id, "2022-1", "重复", &error), 0);
    EXPECT_NE(error.find("已经用过"), std::string::npos);
    int64_t next = CreateNextCampaign(*t.db, t.campaign_id, "2023-1", "建安区 2023 年度第一轮“回头看”", &error);
    ASSERT_NE(next, 0) << error;
    Campaign c = LoadCampaign(*t.db, next);
    EXPECT_EQ(c.name, "建安区 2023 年度第一轮“回头看”");
    EXPECT_EQ(c.ledger_title, "建安区 2023 年度第一轮“回头看”整改台账");
    ASSERT_EQ(c.phases.size(), t.campaign.phases.size());
    EXPECT_EQ(FormatIso(c.phases[1].start), "2023-06-02");
    ASSERT_EQ(c.areas.size(), 8u);
    size_t points = 0;
    for (const Area& a : c.areas) points += a.points.size();
    EXPECT_EQ(points, 39u);
    EXPECT_EQ(c.departments, t.campaign.departments);
    ASSERT_NE(c.FindArea("农村危房改造"), nullptr);  // synonyms came along
    EXPECT_EQ(c.FindArea("农村危房改造")->name, "住房保障");
    EXPECT_NE(c.areas[0].points[0].id, t.campaign.areas[0].points[0].id);

    ASSERT_EQ(ListCampaigns(*t.db).size(), 2u);
    SetCurrentCampaign(*t.db, next);
    EXPECT_EQ(EnsureCurrentCampaign(*t.db), next);
}

TEST(CampaignSetup, PhaseDatesAreCheckedThenSaved) {
    test::TestDb t;
    CampaignInfoEdit e{"建安区 2022 年第一轮“回头看”（调整）", "整改台账（调整）", t.campaign.phases};
    e.phases[1].end = Date{2022, 5, 1};
    EXPECT_EQ(SaveCampaignInfo(*t.db, t.campaign_id, e), "排查整改的结束日期早于开始日期");
    e.phases[1].end = Date{2022, 6, 29};
    e.phases[1].start = Date{2022, 6, 1};  // the day 动员部署 ends
    EXPECT_NE(SaveCampaignInfo(*t.db, t.campaign_id, e).find("应在动员部署结束（2022年6月1日）之后开始"),
              std::string::npos);
    e.phases[1].start = Date{};
    EXPECT_NE(SaveCampaignInfo(*t.db, t.campaign_id, e), "");
    e.name = " ";
    e.phases[1].start = Date{2022, 6, 2};
    EXPECT_EQ(SaveCampaignInfo(*t.db, t.campaign_id, e), "请填写活动名称");
    EXPECT_EQ(LoadCampaign(*t.db, t.campaign_id).name, t.campaign.name);  // refusals changed nothing

    e.name = "建安区 2022 年第一轮“回头看”（调整）";
    e.phases[1].end = Date{2022, 7, 6};
    e.phases[2].start = Date{2022, 7, 7};
    e.phases[2].end = Date{2022, 7, 10};
    ASSERT_EQ(SaveCampaignInfo(*t.db, t.campaign_id, e), "");
    Campaign c = LoadCampaign(*t.db, t.campaign_id);
    EXPECT_EQ(c.name, e.name);
    EXPECT_EQ(c.ledger_title, "整改台账（调整）");
    EXPECT_EQ(FormatIso(c.phases[1].end), "2022-07-06");
    EXPECT_EQ(FormatIso(c.phases[2].start), "2022-07-07");
}

TEST(CampaignSetup, CheckPointsEditedAddedAndRemovedUntilScreened) {
    test::TestDb t;
    const CheckPoint& first = t.campaign.areas[0].points[0];
    EXPECT_NE(SaveCheckPointText(*t.db, first.id, "", "x"), "");
    ASSERT_EQ(SaveCheckPointText(*t.db, first.id, "危房鉴定", "是否存在住房安全鉴定不准确的问题"), "");
    std::string error;
    int64_t added = AddCheckPoint(*t.db, t.campaign.areas[0].id, "新要点", "新增的排查内容", "household", &error);
    ASSERT_NE(added, 0) << error;
    Campaign c = LoadCampaign(*t.db, t.campaign_id);
    EXPECT_EQ(c.areas[0].points[0].short_name, "危房鉴定");
    ASSERT_EQ(c.areas[0].points.size(), 6u);
    EXPECT_EQ(c.areas[0].points.back().no, 6);
    EXPECT_EQ(c.areas[0].points.back().text, "新增的排查内容");

    ScreeningStore screenings(*t.db, t.campaign_id);
    ScreeningEntry e;
    e.point_id = added;
    e.result = ScreenResult::kOk;
    screenings.Set(ScreeningTarget{0, "椹涧乡", "陈庄村"}, e, "2022-06-03 09:00:00");
    EXPECT_NE(RemoveCheckPoint(*t.db, added).find("已有 1 条排查记录"), std::string::npos);
    e.result = ScreenResult::kUnchecked;
    screenings.Set(ScreeningTarget{0, "椹涧乡", "陈庄村"}, e, "2022-06-03 09:01:00");
    EXPECT_EQ(RemoveCheckPoint(*t.db, added), "");
    EXPECT_EQ(LoadCampaign(*t.db, t.campaign_id).areas[0].points.size(), 5u);
}

TEST(CampaignSetup, TownshipsPastedAsAListOnceEach) {
    test::TestDb t;
    AddTownshipsResult r = AddTownships(*t.db, t.campaign_id, "椹涧乡\n灵井镇、陈曹乡，桂村乡\t 五女店镇  \r\n\n椹涧乡");
    EXPECT_EQ(r.added, (std::vector<std::string>{"椹涧乡", "灵井镇", "陈曹乡", "桂村乡", "五女店镇"}));
    EXPECT_TRUE(r.already_listed.empty());
    r = AddTownships(*t.db, t.campaign_id, "椹涧乡；将官池镇;区住建局");
    EXPECT_EQ(r.added, (std::vector<std::string>{"将官池镇"}));
    EXPECT_EQ(r.already_listed, (std::vector<std::string>{"椹涧乡", "区住建局"}));  // a department is a unit too
    EXPECT_EQ(ListTownships(*t.db, t.campaign_id).size(), 6u);
    EXPECT_EQ(RemoveTownship(*t.db, t.campaign_id, "陈曹乡"), "");
    EXPECT_NE(RemoveTownship(*t.db, t.campaign_id, "区住建局"), "");  // departments are built in
    EXPECT_EQ(ListTownships(*t.db, t.campaign_id),
              (std::vector<std::string>{"椹涧乡", "灵井镇", "桂村乡", "五女店镇", "将官池镇"}));
    // The next round takes them along.
    std::string error;
    int64_t next = CreateNextCampaign(*t.db, t.campaign_id, "2023-1", "下一轮", &error);
    EXPECT_EQ(ListTownships(*t.db, next).size(), 5u);
}
