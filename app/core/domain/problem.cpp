#include "problem.h"

#include "rules/text.h"

namespace htk {

const ProblemFieldInfo& FieldInfo(ProblemField f) {
    static const ProblemFieldInfo kInfo[kProblemFieldCount] = {
        {"area", "问题类型", true, false, false},
        {"nature", "问题性质", true, false, false},
        {"description", "问题表述", true, false, true},
        {"measures", "整改措施", true, false, true},
        {"deadline", "完成时限", true, true, false},
        {"resp_units", "责任单位", true, false, false},
        {"resp_leader", "责任领导", false, false, false},
        {"cause", "原因分析", false, false, true},
        {"progress", "整改进度", false, false, true},
        {"effect", "落实效果", false, false, true},
        {"found_date", "发现日期", false, true, false},
        {"township", "所属乡镇", false, false, false},
        {"village", "所属村", false, false, false},
        {"reporting_unit", "填报单位", false, false, false},
        {"status", "整改状态", true, false, false},
        {"done_date", "完成日期", false, true, false},
    };
    return kInfo[int(f)];
}

const char* StatusCode(ProblemStatus s) {
    switch (s) {
        case ProblemStatus::kOpen: return "open";
        case ProblemStatus::kInProgress: return "in_progress";
        case ProblemStatus::kDone: return "done";
    }
    return "open";
}

const char* StatusLabel(ProblemStatus s) {
    switch (s) {
        case ProblemStatus::kOpen: return "待整改";
        case ProblemStatus::kInProgress: return "整改中";
        case ProblemStatus::kDone: return "已完成";
    }
    return "";
}

ProblemStatus StatusFromCode(const std::string& code) {
    if (code == "in_progress") return ProblemStatus::kInProgress;
    if (code == "done") return ProblemStatus::kDone;
    return ProblemStatus::kOpen;
}

bool ParseStatusText(const std::string& text, ProblemStatus* out) {
    std::string k = NormalizeKey(text);
    static const struct {
        const char* word;
        ProblemStatus status;
    } kWords[] = {
        {"待整改", ProblemStatus::kOpen},      {"未整改", ProblemStatus::kOpen},
        {"未完成", ProblemStatus::kOpen},      {"未开始", ProblemStatus::kOpen},
        {"open", ProblemStatus::kOpen},        {"整改中", ProblemStatus::kInProgress},
        {"正在整改", ProblemStatus::kInProgress}, {"推进中", ProblemStatus::kInProgress},
        {"in_progress", ProblemStatus::kInProgress}, {"已完成", ProblemStatus::kDone},
        {"已整改", ProblemStatus::kDone},      {"完成", ProblemStatus::kDone},
        {"已销号", ProblemStatus::kDone},      {"销号", ProblemStatus::kDone},
        {"整改完成", ProblemStatus::kDone},    {"已整改完成", ProblemStatus::kDone},
        {"done", ProblemStatus::kDone},        {"是", ProblemStatus::kDone},
        {"已整改到位", ProblemStatus::kDone},  {"整改到位", ProblemStatus::kDone},
        {"已完成整改", ProblemStatus::kDone},  {"整改完毕", ProblemStatus::kDone},
        {"已办结", ProblemStatus::kDone},      {"正在推进", ProblemStatus::kInProgress},
        {"进行中", ProblemStatus::kInProgress}, {"未整改到位", ProblemStatus::kOpen},
        {"否", ProblemStatus::kOpen},
    };
    for (const auto& w : kWords)
        if (k == w.word) {
            *out = w.status;
            return true;
        }
    return false;
}

Date Problem::deadline() const { return ParseDate(v[size_t(ProblemField::kDeadline)]).date; }

Problem NewProblem() {
    Problem p;
    p[ProblemField::kStatus] = StatusCode(ProblemStatus::kOpen);
    return p;
}

void FillDoneDate(const Problem& before, Problem& after, const std::string& today_iso) {
    if (after.status() == ProblemStatus::kDone && before.status() != ProblemStatus::kDone &&
        after[ProblemField::kDoneDate].empty())
        after[ProblemField::kDoneDate] = today_iso;
}

Warning WarningFor(const Problem& p, const Date& today) {
    if (p.status() == ProblemStatus::kDone) return Warning::kNone;
    Date due = p.deadline();
    if (!due.valid()) return Warning::kNone;
    int64_t left = DaysBetween(today, due);
    if (left < 0) return Warning::kRed;
    if (left <= kYellowDays) return Warning::kYellow;
    return Warning::kNone;
}

const char* WarningLabel(Warning w) {
    switch (w) {
        case Warning::kNone: return "";
        case Warning::kYellow: return "临期";
        case Warning::kRed: return "超期";
    }
    return "";
}

}  // namespace htk
