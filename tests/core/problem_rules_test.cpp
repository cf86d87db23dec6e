#include "domain/problem_rules.h"
#include "test_db.h"

#include <gtest/gtest.h>

using namespace htk;

static Problem Valid() {
    Problem p = NewProblem();
    p[ProblemField::kArea] = "住房保障";
    p[ProblemField::kNature] = "个性问题";
    p[ProblemField::kDescription] = "椹涧乡某村张某某住房未进行安全鉴定";
    p[ProblemField::kMeasures] = "6月10日前完成鉴定并悬挂标示牌";
    p[ProblemField::kDeadline] = "2022-06-10";
    p[ProblemField::kRespUnits] = "区住建局";
    return p;
}

static bool HasError(const std::vector<FieldError>& e, ProblemField f) {
    for (const FieldError& x : e)
        if (x.field == f) return true;
    return false;
}

TEST(ProblemRules, ValidRowPasses) {
    test::TestDb t;
    Problem p = Valid();
    EXPECT_TRUE(NormalizeAndValidate(p, t.campaign).empty());
}

TEST(ProblemRules, SynonymsAndDatesBecomeCanonical) {
    test::TestDb t;
    Problem p = Valid();
    p[ProblemField::kArea] = " 农村危房改造 ";
    p[ProblemField::kNature] = "共性";
    p[ProblemField::kDeadline] = "2022年6月15日";
    p[ProblemField::kFoundDate] = "6月3日";
    p[ProblemField::kStatus] = "已销号";
    p[ProblemField::kDoneDate] = "2022/6/14";
    auto e = NormalizeAndValidate(p, t.campaign);
    EXPECT_TRUE(e.empty()) << JoinErrors(e);
    EXPECT_EQ(p[ProblemField::kArea], "住房保障");
    EXPECT_EQ(p[ProblemField::kNature], "共性问题");
    EXPECT_EQ(p[ProblemField::kDeadline], "2022-06-15");
    EXPECT_EQ(p[ProblemField::kFoundDate], "2022-06-03");
    EXPECT_EQ(p[ProblemField::kStatus], "done");
    EXPECT_EQ(p[ProblemField::kDoneDate], "2022-06-14");
}

TEST(ProblemRules, EachRuleReportsInChinese) {
    test::TestDb t;
    Problem p = Valid();
    p[ProblemField::kArea] = "交通运输";
    p[ProblemField::kNature] = "一般问题";
    p[ProblemField::kDescription] = "  ";
    p[ProblemField::kMeasures] = "";
    p[ProblemField::kDeadline] = "6月底";
    p[ProblemField::kRespUnits] = "";
    p[ProblemField::kStatus] = "差不多";
    auto e = NormalizeAndValidate(p, t.campaign);
    for (ProblemField f : {ProblemField::kArea, ProblemField::kNature, ProblemField::kDescription,
                           ProblemField::kMeasures, ProblemField::kDeadline, ProblemField::kRespUnits,
                           ProblemField::kStatus})
        EXPECT_TRUE(HasError(e, f)) << FieldInfo(f).label;
    std::string all = JoinErrors(e);
    EXPECT_NE(all.find("问题类型“交通运输”不是本次排查的方面之一"), std::string::npos) << all;
    EXPECT_NE(all.find("问题性质只能是“共性问题”或“个性问题”"), std::string::npos) << all;
    EXPECT_NE(all.find("问题表述不能为空"), std::string::npos) << all;
    EXPECT_NE(all.find("完成时限“6月底”要精准到日"), std::string::npos) << all;
    EXPECT_NE(all.find("责任单位不能为空"), std::string::npos) << all;
}

TEST(ProblemRules, DeadlineMustBeARealDay) {
    test::TestDb t;
    for (const char* bad : {"尽快", "2022-06", "2022-02-30", ""}) {
        Problem p = Valid();
        p[ProblemField::kDeadline] = bad;
        EXPECT_TRUE(HasError(NormalizeAndValidate(p, t.campaign), ProblemField::kDeadline)) << bad;
    }
}

TEST(ProblemRules, Warnings) {
    Problem p = Valid();
    p[ProblemField::kDeadline] = "2022-06-10";
    EXPECT_EQ(WarningFor(p, Date{2022, 6, 1}), Warning::kNone);
    EXPECT_EQ(WarningFor(p, Date{2022, 6, 7}), Warning::kYellow);
    EXPECT_EQ(WarningFor(p, Date{2022, 6, 10}), Warning::kYellow);
    EXPECT_EQ(WarningFor(p, Date{2022, 6, 11}), Warning::kRed);
    p[ProblemField::kStatus] = "done";
    EXPECT_EQ(WarningFor(p, Date{2022, 6, 11}), Warning::kNone);
    p[ProblemField::kStatus] = "in_progress";
    EXPECT_EQ(WarningFor(p, Date{2022, 7, 1}), Warning::kRed);
}

// The 备注 asks for specific, workable measures: the text a screening finding
// starts with, and a measure of a few characters, are pointed out (the row
// is still accepted).
TEST(ProblemRules, GeneratedAndTooShortMeasuresAreWeak) {
    EXPECT_TRUE(IsGeneratedMeasure(GeneratedMeasure("住房安全鉴定")));
    EXPECT_NE(WeakMeasureReason(" " + GeneratedMeasure("住房安全鉴定") + " ").find("自动生成"), std::string::npos);
    EXPECT_NE(WeakMeasureReason("限期整改").find("过于简短"), std::string::npos);
    EXPECT_EQ(WeakMeasureReason("请房屋鉴定机构上门鉴定并建立档案"), "");
    EXPECT_EQ(WeakMeasureReason("对照“住房安全鉴定”要求，本周五前由镇住建办上门鉴定并建档"), "") << "edited: specific now";
    EXPECT_EQ(WeakMeasureReason(""), "") << "a missing measure is an error, not a warning";
    Problem p = NewProblem();
    p[ProblemField::kMeasures] = GeneratedMeasure("住房安全鉴定");
    for (const FieldError& e : NormalizeAndValidate(p, Campaign{}))
        EXPECT_NE(e.field, ProblemField::kMeasures) << "a warning, never a refusal";
}
