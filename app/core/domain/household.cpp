#include "household.h"

#include "rules/id_number.h"
#include "rules/text.h"

namespace htk {

const char* HouseholdKindLabel(HouseholdKind k) {
    switch (k) {
        case HouseholdKind::kPovertyExitedWithPolicy: return "脱贫享受政策户";
        case HouseholdKind::kPovertyExitedNoPolicy: return "脱贫不享受政策户";
        case HouseholdKind::kMonitoredAtRisk: return "监测对象（风险未消除）";
        case HouseholdKind::kMonitoredRiskCleared: return "监测对象（风险已消除）";
        case HouseholdKind::kOrdinary: return "一般农户";
    }
    return "";
}

bool ParseHouseholdKind(const std::string& text, HouseholdKind* out) {
    // NormalizeKey keeps brackets (they matter here) and makes them half-width.
    const std::string k = NormalizeKey(text);
    if (k.empty()) return false;
    for (int i = 0; i < kHouseholdKindCount; ++i)
        if (k == NormalizeKey(HouseholdKindLabel(HouseholdKind(i)))) {
            *out = HouseholdKind(i);
            return true;
        }
    struct Synonym {
        const char* text;
        HouseholdKind kind;
    };
    static const Synonym kSynonyms[] = {
        {"脱贫户(享受政策)", HouseholdKind::kPovertyExitedWithPolicy},
        {"享受政策脱贫户", HouseholdKind::kPovertyExitedWithPolicy},
        {"脱贫户(不享受政策)", HouseholdKind::kPovertyExitedNoPolicy},
        {"不享受政策脱贫户", HouseholdKind::kPovertyExitedNoPolicy},
        {"监测户(风险未消除)", HouseholdKind::kMonitoredAtRisk},
        {"风险未消除", HouseholdKind::kMonitoredAtRisk},
        {"未消除风险监测对象", HouseholdKind::kMonitoredAtRisk},
        {"监测户(风险已消除)", HouseholdKind::kMonitoredRiskCleared},
        {"风险已消除", HouseholdKind::kMonitoredRiskCleared},
        {"已消除风险监测对象", HouseholdKind::kMonitoredRiskCleared},
        {"一般户", HouseholdKind::kOrdinary},
        {"普通农户", HouseholdKind::kOrdinary},
    };
    for (const Synonym& s : kSynonyms)
        if (k == NormalizeKey(s.text)) {
            *out = s.kind;
            return true;
        }
    return false;
}

bool MapSystemKind(const std::string& kind, const std::string& monitor_type, const std::string& risk_cleared,
                   HouseholdKind* out) {
    const std::string k = NormalizeKey(kind), m = NormalizeKey(monitor_type), r = NormalizeKey(risk_cleared);
    static const char* const kMonitorTypes[] = {"脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "边缘户",
                                                "严重困难户", "监测户", "监测对象"};
    // 三类户 / 三类对象: what people call the three monitored categories.
    bool monitored = k == "监测户" || k == "监测对象" || k == "防返贫监测户" || k == "防止返贫监测对象" ||
                     k == "三类户" || k == "三类对象";
    bool monitor_known = m.empty() || m == "无" || m == "/";
    for (const char* t : kMonitorTypes)
        if (m == t) monitored = monitor_known = true;
    if (!monitor_known) return false;
    if (monitored) {
        const bool cleared = r == "是" || r == "已消除" || r == "风险已消除";
        const bool open = r.empty() || r == "否" || r == "未消除" || r == "风险未消除";
        if (!cleared && !open) return false;
        *out = cleared ? HouseholdKind::kMonitoredRiskCleared : HouseholdKind::kMonitoredAtRisk;
        return true;
    }
    if (k == "脱贫户" || k == "已脱贫户" || k == "脱贫人口") {
        *out = HouseholdKind::kPovertyExitedWithPolicy;
        return true;
    }
    if (k == "一般农户" || k == "一般户" || k == "农户") {
        *out = HouseholdKind::kOrdinary;
        return true;
    }
    return ParseHouseholdKind(kind, out);
}

bool IsHeadRelation(const std::string& relation) {
    const std::string k = NormalizeKey(relation);
    return k == "户主" || k == "本人" || k == "本人(户主)";
}

bool HouseholdMember::SameData(const HouseholdMember& o) const {
    return person_code == o.person_code && name == o.name && id_number == o.id_number && relation == o.relation &&
           ethnicity == o.ethnicity && education == o.education && school == o.school && health == o.health &&
           skill == o.skill && work_months == o.work_months && medical_insurance == o.medical_insurance &&
           illness_insurance == o.illness_insurance;
}

bool Household::SameData(const Household& o) const {
    return code == o.code && head_name == o.head_name && id_number == o.id_number && township == o.township &&
           village == o.village && kind == o.kind && population == o.population && phone == o.phone &&
           note == o.note && demo == o.demo;
}

std::vector<HouseholdError> NormalizeAndValidateHousehold(Household& h, const Date& today) {
    std::vector<HouseholdError> errors;
    for (std::string* s : {&h.code, &h.head_name, &h.township, &h.village, &h.phone, &h.note}) *s = Trim(*s);
    h.code = NormalizeWidth(h.code);
    h.id_number = NormalizeIdNumber(h.id_number);
    if (h.head_name.empty()) errors.push_back({"户主姓名", "户主姓名不能为空"});
    if (h.township.empty()) errors.push_back({"所属乡镇", "所属乡镇不能为空"});
    if (h.village.empty()) errors.push_back({"所属村", "所属村不能为空"});
    h.kind = Trim(h.kind);
    HouseholdKind kind;
    if (ParseHouseholdKind(h.kind, &kind)) h.kind = HouseholdKindLabel(kind);
    if (h.code.empty() && h.id_number.empty()) errors.push_back({"户编号", "户编号和身份证号至少填写一项"});
    if (!h.id_number.empty()) {
        std::string e = IdNumberError(h.id_number, today);
        if (!e.empty()) errors.push_back({"身份证号", e});
    }
    if (h.population < 0 || h.population > 99) errors.push_back({"人口数", "人口数应在 0–99 之间"});
    return errors;
}

}  // namespace htk
