// household.h — a household of the registry (户), as the national monitoring
// system lists it, and the rules a row must pass.
#pragma once

#include "rules/dates.h"

#include <cstdint>
#include <string>
#include <vector>

namespace htk {

// 户类型. The order is the order shown in lists.
enum class HouseholdKind { kPovertyExitedWithPolicy, kPovertyExitedNoPolicy, kMonitoredAtRisk, kMonitoredRiskCleared,
                           kOrdinary };
constexpr int kHouseholdKindCount = 5;
const char* HouseholdKindLabel(HouseholdKind k);  // 脱贫享受政策户 …
// What people write in a 户类型/人员类型 column (“一般户”, “监测户（风险已消除）” …).
bool ParseHouseholdKind(const std::string& text, HouseholdKind* out);

// The national monitoring system describes a household with three columns:
// 户类型 (脱贫户, 监测户, 一般农户), 监测对象类别 (脱贫不稳定户, 边缘易致贫户,
// 突发严重困难户) and 风险是否消除 (是/否). MapSystemKind maps them onto one
// kind: a 监测对象类别 or 户类型 监测户 makes a monitored household whose risk
// 风险是否消除 tells (是 = cleared; 否 or empty = not cleared); 脱贫户 alone is
// 脱贫享受政策户 (policies continue through the transition period); the tool's
// own labels and their synonyms map as ParseHouseholdKind says. Returns false
// when the words are not known (the household keeps them as written).
bool MapSystemKind(const std::string& kind, const std::string& monitor_type, const std::string& risk_cleared,
                   HouseholdKind* out);

struct Household {
    int64_t id = 0;
    std::string code;       // 户编号
    std::string head_name;  // 户主姓名
    std::string id_number;  // 身份证号, normalised
    std::string township, village;
    std::string kind;       // HouseholdKindLabel(), or the file's words when not known
    int population = 0;     // 人口数
    std::string phone, note;
    bool demo = false;

    bool SameData(const Household& o) const;  // every field but id
};

struct HouseholdError {
    const char* field;    // column label: 户主姓名, 身份证号 …
    std::string message;  // Chinese
};

// A person of a household (家庭成员), as the person-level registry lists them.
// The person columns are kept as the file words them.
struct HouseholdMember {
    int64_t id = 0;
    int64_t household_id = 0;
    std::string person_code;  // 人编号
    std::string name;         // 姓名
    std::string id_number;    // 证件号码, normalised
    std::string relation;     // 与户主关系: 户主, 配偶, 之子 …
    std::string ethnicity;    // 民族
    std::string education;    // 文化程度
    std::string school;       // 在校生状况
    std::string health;       // 健康状况
    std::string skill;        // 劳动技能
    std::string work_months;  // 务工时间（月）
    std::string medical_insurance;  // 是否参加城乡居民基本医疗保险
    std::string illness_insurance;  // 是否参加大病保险

    bool SameData(const HouseholdMember& o) const;  // every field but the ids
};

// 户主 (or 本人), whatever the width or spaces.
bool IsHeadRelation(const std::string& relation);

// Trims, normalises the ID number and the kind (a kind the tool does not know
// is kept as written); then lists what is wrong. A household needs 户主姓名,
// 所属乡镇, 所属村 and 户编号 or 身份证号 (to tell it apart); an ID number,
// when given, must be valid.
std::vector<HouseholdError> NormalizeAndValidateHousehold(Household& h, const Date& today);

}  // namespace htk
