// household_members.h — who in a household each policy area concerns.
//
// On site, an official checks 教育保障 for the children of compulsory-school
// age, 就业保障 for the people of working age and 健康保障 (参保) for
// everyone. Ages are counted on the campaign's day from the birth date in the
// ID number (GB 11643), sex from its 17th digit (odd = male).
#pragma once

#include "campaign.h"
#include "household.h"
#include "rules/dates.h"

#include <string>
#include <vector>

namespace htk {

// Compulsory education (义务教育): ages 6 to 15. Working age (劳动年龄):
// men 16 to 59, women 16 to 54.
constexpr int kSchoolAgeFrom = 6, kSchoolAgeTo = 15;
constexpr int kWorkingAgeFrom = 16, kWorkingAgeToMale = 59, kWorkingAgeToFemale = 54;

struct MemberFacts {
    int age = -1;           // full years on the day; -1 when the ID number tells no birth date
    bool known_sex = false;
    bool male = false;
    bool school_age = false;
    bool working_age = false;
};
MemberFacts FactsOf(const HouseholdMember& m, const Date& on);

// Full years from `birth` to `on` (a birthday on `on` counts).
int AgeOn(const Date& birth, const Date& on);

enum class MemberConcern { kNone, kSchoolAge, kWorkingAge, kEveryone };
// 教育保障 -> school age, 就业保障 -> working age, 健康保障 -> everyone
// (by the campaign's own areas, so synonyms like 教育扶贫 count too).
MemberConcern ConcernOfArea(const Campaign& campaign, const Area& area);

// The day ages are counted on: the start of 排查整改 (the first phase's start
// when the campaign has no such phase).
Date MemberFactsDay(const Campaign& campaign);

// Indexes into `members` of those the concern points at, in list order.
std::vector<size_t> MembersConcerned(const std::vector<HouseholdMember>& members, MemberConcern concern,
                                     const Date& on);

}  // namespace htk
