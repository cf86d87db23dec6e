#include "household_members.h"

#include "rules/id_number.h"

namespace htk {

int AgeOn(const Date& birth, const Date& on) {
    if (!birth.valid() || !on.valid() || on < birth) return -1;
    int age = on.y - birth.y;
    if (on.m < birth.m || (on.m == birth.m && on.d < birth.d)) --age;
    return age;
}

MemberFacts FactsOf(const HouseholdMember& m, const Date& on) {
    MemberFacts f;
    if (m.id_number.size() != 18) return f;
    f.age = AgeOn(IdNumberBirthDate(m.id_number), on);
    const char sex = m.id_number[16];
    f.known_sex = sex >= '0' && sex <= '9';
    f.male = f.known_sex && (sex - '0') % 2 == 1;
    if (f.age < 0) return f;
    f.school_age = f.age >= kSchoolAgeFrom && f.age <= kSchoolAgeTo;
    f.working_age = f.known_sex && f.age >= kWorkingAgeFrom &&
                    f.age <= (f.male ? kWorkingAgeToMale : kWorkingAgeToFemale);
    return f;
}

MemberConcern ConcernOfArea(const Campaign& campaign, const Area& area) {
    if (&area == campaign.FindArea("教育保障")) return MemberConcern::kSchoolAge;
    if (&area == campaign.FindArea("就业保障")) return MemberConcern::kWorkingAge;
    if (&area == campaign.FindArea("健康保障")) return MemberConcern::kEveryone;
    return MemberConcern::kNone;
}

Date MemberFactsDay(const Campaign& campaign) {
    for (const Phase& p : campaign.phases)
        if (p.code == "rectify") return p.start;
    return campaign.phases.empty() ? Date{} : campaign.phases.front().start;
}

std::vector<size_t> MembersConcerned(const std::vector<HouseholdMember>& members, MemberConcern concern,
                                     const Date& on) {
    std::vector<size_t> out;
    for (size_t i = 0; i < members.size(); ++i) {
        const MemberFacts f = FactsOf(members[i], on);
        if (concern == MemberConcern::kEveryone || (concern == MemberConcern::kSchoolAge && f.school_age) ||
            (concern == MemberConcern::kWorkingAge && f.working_age))
            out.push_back(i);
    }
    return out;
}

}  // namespace htk
