// problem.h — one row of the rectification ledger (整改台账).
//
// A problem's fields are kept as text in an array indexed by ProblemField, so
// that history, undo, import and the table can treat every field alike; dates
// are ISO (2022-06-15) and the status is its code (open/in_progress/done).
// The first seven fields are the official ledger's columns, in its order.
#pragma once

#include "rules/dates.h"

#include <array>
#include <cstdint>
#include <string>

namespace htk {

enum class ProblemField {
    kArea,           // 问题类型
    kNature,         // 问题性质
    kDescription,    // 问题表述
    kMeasures,       // 整改措施
    kDeadline,       // 完成时限
    kRespUnits,      // 责任单位
    kRespLeader,     // 责任领导
    kCause,          // 原因分析
    kProgress,       // 整改进度
    kEffect,         // 落实效果
    kFoundDate,      // 发现日期
    kTownship,       // 所属乡镇
    kVillage,        // 所属村
    kReportingUnit,  // 填报单位
    kStatus,         // 整改状态
    kDoneDate,       // 完成日期
    kCount
};
constexpr int kProblemFieldCount = int(ProblemField::kCount);
constexpr int kOfficialFieldCount = 6;  // 问题类型 … 责任单位 (序号 is the row's position)

struct ProblemFieldInfo {
    const char* column;  // SQL column name
    const char* label;   // Chinese label, as in the official sheet where it has one
    bool required;
    bool is_date;
    bool multiline;      // edited in a multi-line box
};
const ProblemFieldInfo& FieldInfo(ProblemField f);
inline const ProblemFieldInfo& FieldInfo(int f) { return FieldInfo(ProblemField(f)); }

enum class ProblemStatus { kOpen, kInProgress, kDone };
const char* StatusCode(ProblemStatus s);   // open / in_progress / done
const char* StatusLabel(ProblemStatus s);  // 待整改 / 整改中 / 已完成
ProblemStatus StatusFromCode(const std::string& code);
// Reads what people write in a 状态 column (已完成, 已整改, 销号, 整改中, 未完成 …).
bool ParseStatusText(const std::string& text, ProblemStatus* out);

enum class Warning { kNone, kYellow, kRed };
constexpr int kYellowDays = 3;  // due within this many days: yellow

struct Problem {
    int64_t id = 0;
    std::string uuid;
    std::array<std::string, kProblemFieldCount> v;
    std::string created_at, updated_at;
    bool deleted = false;

    std::string& operator[](ProblemField f) { return v[size_t(f)]; }
    const std::string& operator[](ProblemField f) const { return v[size_t(f)]; }
    ProblemStatus status() const { return StatusFromCode(v[size_t(ProblemField::kStatus)]); }
    Date deadline() const;
};

Problem NewProblem();  // empty, status open

// The 完成日期 rule, kept here only: a problem that becomes 已完成 without a
// 完成日期 gets `today_iso` (the day it was marked); any other change leaves
// the date as given. The store applies it to every update; the editor as the
// status is chosen, so the date shows before it is stored.
void FillDoneDate(const Problem& before, Problem& after, const std::string& today_iso);

// Red: past 完成时限 and not done. Yellow: not done and due within kYellowDays.
Warning WarningFor(const Problem& p, const Date& today);
const char* WarningLabel(Warning w);  // "", "临期", "超期"

}  // namespace htk
