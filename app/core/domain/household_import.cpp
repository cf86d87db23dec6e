#include "household_import.h"

#include "household_store.h"
#include "rules/id_number.h"
#include "rules/text.h"
#include "sheet_header.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <unordered_map>

namespace htk {
namespace {

enum Column {
    kCode, kPersonCode, kHeadName, kName, kIdNumber, kHeadIdNumber, kRelation, kTownship, kVillage, kKind,
    kMonitorType, kRiskCleared, kPopulation, kPhone, kNote, kEthnicity, kEducation, kSchool, kHealth, kSkill,
    kWorkMonths, kMedicalInsurance, kIllnessInsurance,
    kKnownOnly,  // columns recognised (they help find the header) but not kept
    kColumnCount
};

const HeaderWords& Words() {
    static const HeaderWords words = [] {
        HeaderWords w;
        w.Add(kCode, {"户编号", "户码", "家庭编号", "户号"});
        w.Add(kPersonCode, {"人编号", "人员编号", "成员编号"});
        w.Add(kHeadName, {"户主姓名", "户主", "户主名称"});
        w.Add(kName, {"姓名", "成员姓名", "人员姓名"});
        w.Add(kIdNumber, {"身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证件号码"});
        w.Add(kHeadIdNumber, {"户主身份证号", "户主身份证号码", "户主证件号码"});
        w.Add(kRelation, {"与户主关系", "与户主的关系", "家庭关系"});
        w.Add(kTownship, {"所属乡镇", "所在乡镇", "乡镇", "乡(镇)", "乡镇(街道)", "乡镇街道", "乡(镇、街道)"});
        w.Add(kVillage, {"所属村", "所在村", "村", "行政村", "村(社区)", "村社区", "行政村(社区)"});
        w.Add(kKind, {"户类型", "人员类型", "户类别", "类型", "农户类型", "户属性", "贫困户属性"});
        w.Add(kMonitorType, {"监测对象类别", "监测对象类型", "易返贫致贫户(监测对象)类型", "易返贫致贫户类型",
                             "监测类型"});
        w.Add(kRiskCleared, {"风险是否消除", "是否消除风险", "风险消除"});
        w.Add(kPopulation, {"人口数", "家庭人口数", "家庭人口", "人口", "户人数", "人数"});
        w.Add(kPhone, {"联系电话", "电话", "手机号", "手机号码", "户联系电话", "联系方式"});
        w.Add(kNote, {"备注", "说明"});
        w.Add(kEthnicity, {"民族"});
        w.Add(kEducation, {"文化程度"});
        w.Add(kSchool, {"在校生状况", "在校生情况", "在校情况"});
        w.Add(kHealth, {"健康状况"});
        w.Add(kSkill, {"劳动技能"});
        w.Add(kWorkMonths, {"务工时间(月)", "务工时间", "务工月数"});
        w.Add(kMedicalInsurance, {"是否参加城乡居民基本医疗保险", "是否参加基本医疗保险", "是否参加医保"});
        w.Add(kIllnessInsurance, {"是否参加大病保险"});
        w.Add(kKnownOnly, {"序号", "数据日期", "县(市、区、旗)", "县(市、区)", "县", "自然村", "性别",
                           "是否参加城乡居民基本养老保险"});
        return w;
    }();
    return words;
}

bool HasAny(const HeaderMatch& m, std::initializer_list<int> fields) {
    for (int f : fields)
        if (m.Has(f)) return true;
    return false;
}

HeaderMatch FindHouseholdHeader(const Sheet& sheet) {
    HeaderMatch m = FindHeaderRow(sheet, Words(), kNoColumn, 3);
    // A name, and something that tells households apart; a ledger sheet has neither.
    if (m.row >= 0 && !(HasAny(m, {kHeadName, kName}) && HasAny(m, {kIdNumber, kCode, kHeadIdNumber}))) m.row = -1;
    return m;
}

int ParsePopulation(const Cell& c, bool* ok) {
    *ok = true;
    if (c.type == Cell::kNumber) {
        if (c.number >= 0 && c.number < 100 && c.number == std::floor(c.number)) return int(c.number);
        *ok = false;
        return 0;
    }
    std::string t = Trim(NormalizeWidth(c.text));
    if (t.empty()) return 0;
    if (t.size() >= 3 && t.compare(t.size() - 3, 3, "人") == 0) t.resize(t.size() - 3);  // "3人"
    char* end = nullptr;
    long v = std::strtol(t.c_str(), &end, 10);
    if (end == t.c_str() || *end != 0 || v < 0 || v > 99) {
        *ok = false;
        return 0;
    }
    return int(v);
}

// The cells of one row by field (text as written, trimmed).
struct RowFields {
    std::string f[kColumnCount];
    const Cell* population = nullptr;
    bool id_as_number = false, head_id_as_number = false, any = false;
};

// "4.11023E+17": an ID number that went through a number cell (CSV saved by
// Excel shows it so).
bool LooksLikeScientific(const std::string& t) {
    size_t e = t.find_first_of("Ee");
    if (e == std::string::npos || e == 0 || e + 1 >= t.size()) return false;
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (i == e || (c == '.' && i < e) || (c == '+' && i == e + 1) || (c >= '0' && c <= '9')) continue;
        return false;
    }
    return true;
}

RowFields ReadFields(const std::vector<Cell>& cells, const HeaderMatch& header) {
    RowFields r;
    for (size_t c = 0; c < cells.size() && c < header.column_field.size(); ++c) {
        const int col = header.column_field[c];
        if (col == kNoColumn || col == kKnownOnly) continue;
        const Cell& cell = cells[c];
        std::string v = Trim(cell.text);
        if (v.empty()) continue;
        r.any = true;
        // An ID number typed as a number loses its last digits in Excel: say so.
        const bool number = cell.type == Cell::kNumber || LooksLikeScientific(v);
        if (number && col == kIdNumber) r.id_as_number = true;
        if (number && col == kHeadIdNumber) r.head_id_as_number = true;
        if (col == kPopulation) r.population = &cell;
        r.f[col] = std::move(v);
    }
    return r;
}

// The kind of an error message: its words without the bracketed detail
// (“身份证号应为 18 位（现为 17 位）” -> “身份证号应为 18 位”).
std::string CauseOf(const std::string& message) {
    size_t at = message.find("（");
    return at == std::string::npos ? message : message.substr(0, at);
}

void AddError(HouseholdImportPlan& plan, int row, const std::vector<std::string>& messages) {
    ImportRowError e;
    e.row = row;
    for (const std::string& m : messages) {
        e.message += (e.message.empty() ? "" : "；") + m;
        e.cause += (e.cause.empty() ? "" : "；") + CauseOf(m);
    }
    plan.errors.push_back(std::move(e));
}

// The kind words as the preview quotes them.
std::string KindWords(const std::string& kind, const std::string& monitor, const std::string& risk) {
    std::string w = kind.empty() ? "（空）" : kind;
    if (!monitor.empty()) w += " / " + monitor;
    if (!risk.empty()) w += " / 风险是否消除：" + risk;
    return w;
}

// Maps the kind words onto the tool's kind (or keeps them) and counts them.
class KindTally {
public:
    void Map(Household& h, const std::string& monitor, const std::string& risk) {
        const std::string words = KindWords(h.kind, monitor, risk);
        HouseholdKind k;
        const bool known = MapSystemKind(h.kind, monitor, risk, &k);
        if (known) h.kind = HouseholdKindLabel(k);
        else if (!monitor.empty()) h.kind = KindWords(h.kind, monitor, "");
        auto [it, fresh] = at_.emplace(words, counts_.size());
        if (fresh) counts_.push_back(KindCount{words, known ? h.kind : "", 0});
        ++counts_[it->second].households;
    }
    std::vector<KindCount> Take() {
        std::stable_sort(counts_.begin(), counts_.end(), [](const KindCount& a, const KindCount& b) {
            if (a.kind.empty() != b.kind.empty()) return !a.kind.empty();
            return a.households > b.households;
        });
        return std::move(counts_);
    }

private:
    std::unordered_map<std::string, size_t> at_;
    std::vector<KindCount> counts_;
};

HouseholdMember MemberOf(RowFields& r) {
    HouseholdMember m;
    m.person_code = NormalizeWidth(r.f[kPersonCode]);
    m.name = std::move(r.f[kName]);
    m.id_number = NormalizeIdNumber(r.f[kIdNumber]);
    m.relation = std::move(r.f[kRelation]);
    m.ethnicity = std::move(r.f[kEthnicity]);
    m.education = std::move(r.f[kEducation]);
    m.school = std::move(r.f[kSchool]);
    m.health = std::move(r.f[kHealth]);
    m.skill = std::move(r.f[kSkill]);
    m.work_months = std::move(r.f[kWorkMonths]);
    m.medical_insurance = std::move(r.f[kMedicalInsurance]);
    m.illness_insurance = std::move(r.f[kIllnessInsurance]);
    return m;
}

// What is wrong with one person row, in Chinese; empty when it can be taken.
std::vector<std::string> PersonErrors(const RowFields& r, const HouseholdMember& m, const Date& today) {
    std::vector<std::string> errors;
    if (m.name.empty()) errors.push_back("姓名为空");
    if (r.id_as_number) errors.push_back("证件号码被存成了数字（末几位会丢失），请把该列设为文本后重新填写");
    else if (!m.id_number.empty()) {
        std::string e = IdNumberError(m.id_number, today);
        if (!e.empty()) errors.push_back("证件号码有误：" + e);
    }
    return errors;
}

// A household of a person-level file, as its rows arrive.
struct PersonGroup {
    std::string label;  // what names it in messages: 户编号 or the head's ID
    Household h;
    std::string monitor, risk;
    int heads = 0;
    std::vector<int> rows;        // every sheet row of the household, taken or refused
    std::vector<int> head_rows;   // rows marked 户主 (taken or refused)
    std::vector<std::string> head_names;
    std::vector<int> refused_rows;
    bool head_refused = false;    // the 户主 row itself was refused
    int population_column = -1;   // 人数 on the head's row (-1: none)
    bool population_bad = false;
    std::vector<HouseholdMember> members;
    std::vector<std::string> refused_keys;  // 人编号 / 证件号码 of refused rows: never removed
};

// Household fields from a row: the head's row sets them, any other row only
// fills what is still empty.
void TakeHouseholdFields(PersonGroup& g, RowFields& r, bool head) {
    auto take = [&](std::string& to, std::string& from) {
        if (head ? !from.empty() : to.empty()) to = from;
    };
    take(g.h.code, r.f[kCode]);
    take(g.h.township, r.f[kTownship]);
    take(g.h.village, r.f[kVillage]);
    take(g.h.kind, r.f[kKind]);
    take(g.monitor, r.f[kMonitorType]);
    take(g.risk, r.f[kRiskCleared]);
    take(g.h.phone, r.f[kPhone]);
    take(g.h.note, r.f[kNote]);
    if (head && r.population) {
        bool ok;
        g.population_column = ParsePopulation(*r.population, &ok);
        g.population_bad = !ok;
    }
}

std::string JoinRows(const std::vector<int>& rows) {
    std::string s;
    for (int r : rows) s += (s.empty() ? "第 " : "、") + std::to_string(r);
    return s + " 行";
}

// The person fields a file has columns for; the others keep what is registered.
using MemberFieldPtr = std::string HouseholdMember::*;
struct MemberColumn {
    int column;
    MemberFieldPtr field;
};
constexpr MemberColumn kMemberColumns[] = {
    {kPersonCode, &HouseholdMember::person_code}, {kIdNumber, &HouseholdMember::id_number},
    {kRelation, &HouseholdMember::relation},      {kEthnicity, &HouseholdMember::ethnicity},
    {kEducation, &HouseholdMember::education},    {kSchool, &HouseholdMember::school},
    {kHealth, &HouseholdMember::health},          {kSkill, &HouseholdMember::skill},
    {kWorkMonths, &HouseholdMember::work_months}, {kMedicalInsurance, &HouseholdMember::medical_insurance},
    {kIllnessInsurance, &HouseholdMember::illness_insurance},
};

void KeepAbsentFields(HouseholdMember& m, const HouseholdMember& stored, const HeaderMatch& header) {
    for (const MemberColumn& c : kMemberColumns)
        if (!header.Has(c.column)) m.*c.field = stored.*c.field;
}

// Compares a household's members in the file with the registered ones: a
// member is the same person by 人编号, else 证件号码, else 姓名.
void DiffMembers(HouseholdWrite& w, std::vector<HouseholdMember> listed, const std::vector<HouseholdMember>& stored,
                 const std::vector<std::string>& refused_keys, const HeaderMatch& header, HouseholdImportPlan& plan) {
    std::vector<bool> matched(stored.size(), false);
    auto find = [&](const HouseholdMember& m) -> int {
        for (auto key : {&HouseholdMember::person_code, &HouseholdMember::id_number, &HouseholdMember::name}) {
            if ((m.*key).empty()) continue;
            for (size_t i = 0; i < stored.size(); ++i)
                if (!matched[i] && stored[i].*key == m.*key) return int(i);
        }
        return -1;
    };
    for (HouseholdMember& m : listed) {
        const int i = find(m);
        if (i < 0) {
            w.member_adds.push_back(std::move(m));
            continue;
        }
        matched[size_t(i)] = true;
        KeepAbsentFields(m, stored[size_t(i)], header);
        m.id = stored[size_t(i)].id;
        m.household_id = stored[size_t(i)].household_id;
        if (!m.SameData(stored[size_t(i)])) w.member_updates.push_back(std::move(m));
    }
    for (size_t i = 0; i < stored.size(); ++i) {
        if (matched[i]) continue;
        const HouseholdMember& s = stored[i];
        // A person whose row was refused (a mistyped ID) is still in the household.
        bool kept = false;
        for (const std::string& k : refused_keys)
            if (!k.empty() && (k == s.person_code || k == s.id_number)) kept = true;
        if (!kept) w.member_removes.push_back(s.id);
    }
    plan.members_added += int(w.member_adds.size());
    plan.members_changed += int(w.member_updates.size());
    plan.members_removed += int(w.member_removes.size());
}

// The registry, looked up by 户编号 and by 身份证号, with its members.
struct Registry {
    std::vector<Household> households;
    std::unordered_map<std::string, size_t> by_code, by_id;
    std::unordered_map<int64_t, std::vector<HouseholdMember>> members;

    Registry(const HouseholdStore& store, bool with_members) : households(store.LoadAll()) {
        for (size_t i = 0; i < households.size(); ++i) {
            if (!households[i].code.empty()) by_code.emplace(households[i].code, i);
            if (!households[i].id_number.empty()) by_id.emplace(households[i].id_number, i);
        }
        if (with_members)
            for (HouseholdMember& m : store.LoadAllMembers()) members[m.household_id].push_back(std::move(m));
    }
    const Household* Match(const Household& h) const {
        if (!h.code.empty()) {
            auto it = by_code.find(h.code);
            if (it != by_code.end()) return &households[it->second];
        }
        if (!h.id_number.empty()) {
            auto it = by_id.find(h.id_number);
            if (it != by_id.end()) return &households[it->second];
        }
        return nullptr;
    }
};

// Adds a household of the file to the plan: new, changed or the same as registered.
// `header` is null for household rows (the file lists no members).
void PlanHousehold(HouseholdImportPlan& plan, const Registry& registry, Household h, const HeaderMatch* header,
                   std::vector<HouseholdMember> members, const std::vector<std::string>& refused_keys) {
    const Household* match = registry.Match(h);
    HouseholdWrite w;
    if (!match) {
        w.household = std::move(h);
        w.member_adds = std::move(members);
        plan.members_added += int(w.member_adds.size());
        plan.adds.push_back(std::move(w));
        return;
    }
    h.id = match->id;
    // What the file leaves empty stays as registered.
    if (h.code.empty()) h.code = match->code;
    if (h.id_number.empty()) h.id_number = match->id_number;
    if (h.phone.empty()) h.phone = match->phone;
    if (h.note.empty()) h.note = match->note;
    if (!h.population) h.population = match->population;
    h.demo = match->demo;
    w.write_household = !h.SameData(*match);
    w.household = std::move(h);
    if (header) {
        static const std::vector<HouseholdMember> kNone;
        auto it = registry.members.find(match->id);
        DiffMembers(w, std::move(members), it == registry.members.end() ? kNone : it->second, refused_keys, *header,
                    plan);
    }
    if (!w.write_household && w.member_adds.empty() && w.member_updates.empty() && w.member_removes.empty())
        ++plan.unchanged;
    else plan.updates.push_back(std::move(w));
}

std::string GroupName(const PersonGroup& g) {
    const std::string names = JoinList(g.head_names);
    return names.empty() ? g.label : g.label + "（" + names + "）";
}

// Person rows: grouped into households as they come.
struct PersonRows {
    std::vector<PersonGroup> groups;
    std::unordered_map<std::string, size_t> group_at;
    size_t current = SIZE_MAX;  // the household the row above belongs to

    void Add(HouseholdImportPlan& plan, RowFields& f, int sheet_row, const Date& today) {
        // Not a person: a blank row, or a note under the table (“制表人：…”,
        // merged across the place columns).
        if (f.f[kName].empty() && f.f[kIdNumber].empty() && f.f[kPersonCode].empty() && f.f[kCode].empty()) return;
        const bool head = IsHeadRelation(f.f[kRelation]);
        std::string code = NormalizeWidth(f.f[kCode]);
        std::string head_id = f.head_id_as_number ? "" : NormalizeIdNumber(f.f[kHeadIdNumber]);
        if (head_id.empty() && head && !f.id_as_number) head_id = NormalizeIdNumber(f.f[kIdNumber]);
        // Which household: 户编号, else the head's ID, else the household above.
        std::string key, label;
        if (!code.empty()) key = "c:" + code, label = "户编号 " + code;
        else if (!head_id.empty()) key = "i:" + head_id, label = "户主证件号码 " + MaskIdNumber(head_id);
        size_t gi = current;
        if (!key.empty()) {
            auto [it, fresh] = group_at.emplace(std::move(key), groups.size());
            if (fresh) {
                groups.emplace_back();
                groups.back().label = std::move(label);
            }
            gi = it->second;
        }
        if (gi == SIZE_MAX) {
            AddError(plan, sheet_row, {"无法确定属于哪一户（没有户编号，也没有户主证件号码）"});
            return;
        }
        current = gi;
        PersonGroup& g = groups[gi];
        g.rows.push_back(sheet_row);
        if (head) g.head_rows.push_back(sheet_row);
        HouseholdMember m = MemberOf(f);
        std::vector<std::string> errors = PersonErrors(f, m, today);
        if (!errors.empty()) {
            AddError(plan, sheet_row, errors);
            g.refused_rows.push_back(sheet_row);
            g.refused_keys.push_back(m.person_code);
            g.refused_keys.push_back(m.id_number);
            if (head) g.head_refused = true;
            return;
        }
        if (head) {
            ++g.heads;
            g.head_names.push_back(m.name);
            g.h.head_name = m.name;
            g.h.id_number = m.id_number;
        }
        if (head || g.heads == 0) TakeHouseholdFields(g, f, head);
        g.members.push_back(std::move(m));
        ++plan.people;
    }

    // A household of the file checked as a whole and compared with the registry.
    static void Finish(PersonGroup& g, HouseholdImportPlan& plan, const Registry& registry, KindTally& kinds,
                       const HeaderMatch& header, const Date& today) {
        std::string refuse;
        if (g.head_rows.empty()) {
            refuse = "所在的户没有户主（没有“与户主关系”为“户主”的行），整户未导入";
            plan.notices.push_back({GroupName(g), "没有户主：没有“与户主关系”为“户主”的行（" + JoinRows(g.rows) +
                                                      "），整户未导入", true});
        } else if (g.head_rows.size() > 1) {
            refuse = "所在的户有多行标为户主，整户未导入";
            plan.notices.push_back({GroupName(g), "有 " + std::to_string(g.head_rows.size()) + " 行标为户主（" +
                                                      JoinRows(g.head_rows) + "），整户未导入", true});
        } else if (g.head_refused) {
            refuse = "所在户的户主行有误，整户未导入";
            plan.notices.push_back({GroupName(g), "户主行有误（" + JoinRows(g.head_rows) + "），整户未导入", true});
        }
        Household& h = g.h;
        h.population = int(g.rows.size());
        const std::string kind_words = h.kind;
        if (refuse.empty()) {
            const std::vector<HouseholdError> household_errors = NormalizeAndValidateHousehold(h, today);
            if (!household_errors.empty()) {
                refuse = "所在的户信息不全，整户未导入：";
                for (size_t i = 0; i < household_errors.size(); ++i)
                    refuse += (i ? "；" : "") + household_errors[i].message;
            }
        }
        if (!refuse.empty()) {
            // Every row of the household not refused already is refused now.
            for (int row : g.rows)
                if (std::find(g.refused_rows.begin(), g.refused_rows.end(), row) == g.refused_rows.end())
                    plan.errors.push_back(ImportRowError{row, refuse, CauseOf(refuse)});
            return;
        }
        if (g.population_bad)
            plan.notices.push_back({GroupName(g), "人数一栏不是 0–99 的整数，人口数按名单计为 " +
                                                      std::to_string(h.population) + " 人", false});
        else if (g.population_column >= 0 && g.population_column != h.population)
            plan.notices.push_back({GroupName(g), "人数一栏为 " + std::to_string(g.population_column) + "，名单中有 " +
                                                      std::to_string(h.population) + " 人，人口数按名单计",
                                    false});
        h.kind = kind_words;
        kinds.Map(h, g.monitor, g.risk);
        PlanHousehold(plan, registry, std::move(h), &header, std::move(g.members), g.refused_keys);
    }
};

// Household rows: rows for the same household (户编号 or 身份证号) merge.
struct HouseholdRows {
    struct KindColumns {
        std::string kind, monitor, risk;
    };
    std::vector<Household> taken;
    std::vector<KindColumns> kind_words;  // per taken household, as the file words them
    std::unordered_map<std::string, size_t> file_by_code, file_by_id;

    void Add(HouseholdImportPlan& plan, RowFields& f, int sheet_row, const Date& today) {
        if (!f.any) return;
        Household h;
        h.code = std::move(f.f[kCode]);
        h.head_name = std::move(f.f[f.f[kHeadName].empty() ? kName : kHeadName]);
        const bool id_as_number = f.id_as_number || (f.f[kIdNumber].empty() && f.head_id_as_number);
        h.id_number = std::move(f.f[f.f[kIdNumber].empty() ? kHeadIdNumber : kIdNumber]);
        h.township = std::move(f.f[kTownship]);
        h.village = std::move(f.f[kVillage]);
        h.kind = f.f[kKind];
        h.phone = std::move(f.f[kPhone]);
        h.note = std::move(f.f[kNote]);
        bool population_ok = true;
        if (f.population) h.population = ParsePopulation(*f.population, &population_ok);
        std::vector<std::string> errors;
        if (id_as_number) {
            errors.push_back("身份证号被存成了数字（末几位会丢失），请把该列设为文本后重新填写");
            h.id_number.clear();
        }
        for (const HouseholdError& e : NormalizeAndValidateHousehold(h, today)) errors.push_back(e.message);
        if (!population_ok) errors.push_back("人口数应为 0–99 的整数");
        if (!errors.empty()) {
            AddError(plan, sheet_row, errors);
            return;
        }
        // The same household earlier in this file: the later row completes it.
        size_t earlier = taken.size();
        if (!h.code.empty() && file_by_code.count(h.code)) earlier = file_by_code[h.code];
        else if (!h.id_number.empty() && file_by_id.count(h.id_number)) earlier = file_by_id[h.id_number];
        if (earlier < taken.size()) {
            Household& first = taken[earlier];
            for (auto [to, from] : {std::pair<std::string*, std::string*>{&first.code, &h.code},
                                    {&first.id_number, &h.id_number}, {&first.phone, &h.phone},
                                    {&first.note, &h.note}})
                if (!from->empty()) *to = *from;
            first.head_name = h.head_name;
            first.township = h.township;
            first.village = h.village;
            kind_words[earlier] = {f.f[kKind], f.f[kMonitorType], f.f[kRiskCleared]};
            if (h.population) first.population = h.population;
            if (!first.code.empty()) file_by_code[first.code] = earlier;
            if (!first.id_number.empty()) file_by_id[first.id_number] = earlier;
            ++plan.merged;
            return;
        }
        if (!h.code.empty()) file_by_code[h.code] = taken.size();
        if (!h.id_number.empty()) file_by_id[h.id_number] = taken.size();
        taken.push_back(std::move(h));
        kind_words.push_back({f.f[kKind], f.f[kMonitorType], f.f[kRiskCleared]});
    }

    void Finish(size_t i, HouseholdImportPlan& plan, const Registry& registry, KindTally& kinds) {
        taken[i].kind = kind_words[i].kind;
        kinds.Map(taken[i], kind_words[i].monitor, kind_words[i].risk);
        PlanHousehold(plan, registry, std::move(taken[i]), nullptr, {}, {});
    }
};

const char* const kNoHeader =
    "没有找到户信息的表头行（前 20 行中应有“户主姓名”或“姓名”，以及“身份证号”“证件号码”或“户编号”等列名）";

}  // namespace

struct HouseholdImport::State {
    State(const HouseholdStore& s, const Date& d) : store(s), today(d) {}
    HouseholdImportPlan plan;
    const HouseholdStore& store;
    Date today;
    Sheet held;  // the first rows, until the header is known
    HeaderMatch header;
    bool header_known = false;
    int next_row = 0;  // 0-based sheet row of the next row added
    PersonRows persons;
    HouseholdRows households;
    std::unique_ptr<Registry> registry;
    KindTally kinds;
    size_t finished = 0;  // households of the file compared with the registry
    bool done = false;

    void Take(std::vector<Cell>& cells, int row0) {
        RowFields f = ReadFields(cells, header);
        if (plan.person_rows) persons.Add(plan, f, row0 + 1, today);
        else households.Add(plan, f, row0 + 1, today);
    }

    void DecideHeader() {
        header_known = true;
        header = FindHouseholdHeader(held);
        if (header.row < 0) {
            plan.fatal = kNoHeader;
            return;
        }
        plan.header_row = header.row + 1;
        const auto& header_cells = held.rows[size_t(header.row)];
        for (size_t c = 0; c < header.column_field.size(); ++c)
            if (header.column_field[c] != kNoColumn && header.column_field[c] != kKnownOnly)
                plan.columns.push_back(CollapseSpaces(Trim(header_cells[c].text)));
        plan.person_rows = header.Has(kRelation) && header.Has(kName);
        for (size_t r = size_t(header.row) + 1; r < held.rows.size(); ++r) Take(held.rows[r], int(r));
        held.rows.clear();
    }

    size_t total() const { return plan.person_rows ? persons.groups.size() : households.taken.size(); }
};

HouseholdImport::HouseholdImport(std::string file_name, std::string sheet_name, const HouseholdStore& store,
                                 const Date& today)
    : s_(std::make_unique<State>(store, today)) {
    s_->plan.file_name = std::move(file_name);
    s_->plan.sheet_name = std::move(sheet_name);
}

HouseholdImport::~HouseholdImport() = default;

void HouseholdImport::AddRow(std::vector<Cell>&& cells) {
    State& s = *s_;
    const int row0 = s.next_row++;
    if (!s.header_known) {
        s.held.rows.push_back(std::move(cells));
        if (s.held.rows.size() >= size_t(kHeaderSearchRows)) s.DecideHeader();
        return;
    }
    if (s.plan.fatal.empty()) s.Take(cells, row0);
}

bool HouseholdImport::EndOfRows() {
    if (!s_->header_known) s_->DecideHeader();
    return s_->plan.fatal.empty();
}

bool HouseholdImport::Finish(Slice& slice) {
    State& s = *s_;
    if (s.done) return true;
    if (!s.plan.fatal.empty()) return s.done = true;
    if (!s.registry) s.registry = std::make_unique<Registry>(s.store, s.plan.person_rows);
    const size_t total = s.total();
    while (s.finished < total) {
        if (s.plan.person_rows) {
            PersonGroup& g = s.persons.groups[s.finished];
            PersonRows::Finish(g, s.plan, *s.registry, s.kinds, s.header, s.today);
            g = PersonGroup();  // freed now, within the budget, not all at the end (0.6 s for a district)
        } else {
            s.households.Finish(s.finished, s.plan, *s.registry, s.kinds);
        }
        ++s.finished;
        if (slice.over()) return false;
    }
    std::stable_sort(s.plan.errors.begin(), s.plan.errors.end(),
                     [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
    s.plan.kinds = s.kinds.Take();
    s.persons = PersonRows();
    s.households = HouseholdRows();
    s.registry.reset();
    return s.done = true;
}

double HouseholdImport::finish_progress() const {
    const size_t total = s_->total();
    return s_->done || total == 0 ? 1.0 : double(s_->finished) / double(total);
}

HouseholdImportPlan& HouseholdImport::plan() { return s_->plan; }

bool IsHouseholdWorkbook(const Workbook& book) {
    HeaderMatch match;
    return FirstSheetWithHeader(book, FindHouseholdHeader, &match) != nullptr;
}

HouseholdImportPlan PlanHouseholdImport(const Workbook& book, const std::string& file_name,
                                        const HouseholdStore& store, const Date& today) {
    HeaderMatch header;
    const Sheet* sheet = FirstSheetWithHeader(book, FindHouseholdHeader, &header);
    HouseholdImport import(file_name, sheet ? sheet->name : "", store, today);
    if (!sheet) {
        import.plan().fatal = kNoHeader;
        return std::move(import.plan());
    }
    for (const std::vector<Cell>& row : sheet->rows) import.AddRow(std::vector<Cell>(row));
    import.EndOfRows();
    Slice unlimited = Slice::Unlimited();
    import.Finish(unlimited);
    return std::move(import.plan());
}

}  // namespace htk
