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

struct Household {
    int64_t id = 0;
    std::string code;       // 户编号
    std::string head_name;  // 户主姓名
    std::string id_number;  // 身份证号, normalised
    std::string township, village;
    std::string kind;       // HouseholdKindLabel()
    int population = 0;     // 人口数
    std::string phone, note;
    bool demo = false;

    bool SameData(const Household& o) const;  // every field but id
};

struct HouseholdError {
    const char* field;    // column label: 户主姓名, 身份证号 …
    std::string message;  // Chinese
};

// Trims, normalises the ID number and the kind; then lists what is wrong.
// A household needs 户主姓名, 所属乡镇, 所属村, a known 户类型 and 户编号 or
// 身份证号 (to tell it apart); an ID number, when given, must be valid.
std::vector<HouseholdError> NormalizeAndValidateHousehold(Household& h, const Date& today);

}  // namespace htk
