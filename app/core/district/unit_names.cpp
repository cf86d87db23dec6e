#include "unit_names.h"

#include "check.h"
#include "rules/text.h"
#include "storage/database.h"

#include <algorithm>
#include <cstring>

namespace htk {
namespace {

bool EndsWith(const std::string& s, const char* end) {
    const size_t n = std::strlen(end);
    return s.size() > n && s.compare(s.size() - n, n, end) == 0;
}
bool StartsWith(const std::string& s, const char* head) { return s.rfind(head, 0) == 0; }

// The full and short forms of the twelve departments the 2022 campaign lists
// (section 二 and 三 of the document), as units sign and name their files.
struct DepartmentForms {
    const char* name;
    std::vector<const char*> forms;
};
const std::vector<DepartmentForms>& Departments() {
    static const std::vector<DepartmentForms> kForms = {
        {"区住建局", {"区住房和城乡建设局", "区住房城乡建设局", "区住建委"}},
        {"区卫健委", {"区卫生健康委员会", "区卫生健康委", "区卫生和健康委员会", "区卫健局"}},
        {"区医疗保障局", {"区医保局", "区医疗保障管理局"}},
        {"区教体局", {"区教育体育局", "区教育和体育局", "区教育局"}},
        {"区乡村振兴局", {"区乡村振兴服务中心", "区扶贫办", "区扶贫开发办公室"}},
        {"区水利局", {"区水务局"}},
        {"区人社局", {"区人力资源和社会保障局", "区人力资源社会保障局", "区人力社保局"}},
        {"区民政局", {}},
        {"区残联", {"区残疾人联合会"}},
        {"区供电公司", {"区供电局", "国网建安区供电公司", "国网许昌市建安区供电公司", "区供电中心"}},
        {"区金融工作局", {"区金融局", "区金融工作办公室", "区金融办", "区地方金融监督管理局"}},
        {"区城管局", {"区城市管理局", "区城市管理综合执法局", "区城市管理和综合执法局", "区城管执法局"}},
    };
    return kForms;
}

void AddUnique(std::vector<std::string>& out, const std::string& s, const std::string& self) {
    if (!s.empty() && s != self && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
}

// “区人社局” also as “人社局” and “建安区人社局”.
void AddWithDistrict(std::vector<std::string>& out, const std::string& form, const std::string& district,
                     const std::string& self) {
    AddUnique(out, form, self);
    if (StartsWith(form, "区") && Utf8Length(form) > 2) {
        const std::string bare = form.substr(std::strlen("区"));
        if (!StartsWith(bare, "国网")) AddUnique(out, bare, self);
        if (!district.empty()) AddUnique(out, district + bare, self);
    } else if (!district.empty() && !StartsWith(form, district.c_str()) && !StartsWith(form, "国网")) {
        AddUnique(out, district + form, self);
    }
}

}  // namespace

std::string AliasKey(const std::string& name) {
    std::string k = NormalizeKey(name);
    for (const char* seal : {"(盖章)", "(章)", "(公章)", "盖章"}) {
        const size_t at = k.find(seal);
        if (at != std::string::npos) k.erase(at, std::strlen(seal));
    }
    for (const char* head : {"单位:", "填报单位:"})
        if (StartsWith(k, head)) k = k.substr(std::strlen(head));
    return k;
}

std::vector<std::string> BuiltInAliases(const std::string& unit, const std::string& district) {
    std::vector<std::string> out;
    const std::string u = Trim(unit);
    for (const DepartmentForms& d : Departments())
        if (u == d.name) {
            AddWithDistrict(out, u, district, u);
            for (const char* f : d.forms) AddWithDistrict(out, f, district, u);
            return out;
        }
    // A township: 乡/镇 sign as their 人民政府, 街道 as their 办事处.
    std::vector<std::string> forms = {u};
    if (EndsWith(u, "乡") || EndsWith(u, "镇")) {
        forms.push_back(u + "人民政府");
        forms.push_back(u + "政府");
    } else if (EndsWith(u, "街道")) {
        const std::string base = u.substr(0, u.size() - std::strlen("街道"));
        forms.push_back(u + "办事处");
        forms.push_back(u + "办");
        forms.push_back(base + "办事处");
    } else if (EndsWith(u, "办事处")) {
        const std::string base = u.substr(0, u.size() - std::strlen("办事处"));
        forms.push_back(base + "街道");
        forms.push_back(base + "街道办事处");
    }
    for (const std::string& f : forms) {
        AddUnique(out, f, u);
        if (!district.empty() && !StartsWith(f, district.c_str())) AddUnique(out, district + f, u);
    }
    return out;
}

UnitDirectory MakeUnitDirectory(const std::vector<std::string>& units, const std::string& district,
                                const std::vector<UnitAlias>& user_aliases) {
    UnitDirectory d;
    d.units = units;
    d.user_aliases = user_aliases;
    // The units' own names first: an alias never hides a unit's name.
    for (const std::string& u : units) d.by_key.emplace(AliasKey(u), u);
    for (const UnitAlias& a : user_aliases)
        if (std::find(units.begin(), units.end(), a.unit) != units.end()) d.by_key.emplace(AliasKey(a.alias), a.unit);
    for (const std::string& u : units)
        for (const std::string& a : BuiltInAliases(u, district)) d.by_key.emplace(AliasKey(a), u);
    return d;
}

UnitDirectory LoadUnitDirectory(Database& db, int64_t campaign_id, const std::vector<std::string>& units,
                                const std::string& district) {
    UnitDirectory d = MakeUnitDirectory(units, district, ListUnitAliases(db, campaign_id));
    Stmt s = db.Prepare(
        "SELECT content_hash, unit, week_no FROM received_file WHERE campaign_id = ?1 "
        "ORDER BY removed DESC, received_at, id");  // live and newest last: they win
    s.Bind(1, campaign_id);
    while (s.Step()) d.remembered[s.Text(0)] = UnitDirectory::Choice{s.Text(1), int(s.Int(2))};
    return d;
}

std::string ResolveUnit(const UnitDirectory& dir, const std::string& typed) {
    std::string t = AliasKey(typed);
    if (t.empty()) return "";
    if (auto it = dir.by_key.find(t); it != dir.by_key.end()) return it->second;
    // The longest name inside the typed one (“陈曹乡人民政府关于…”, a file name).
    const std::string* best = nullptr;
    size_t best_len = 0;
    for (const auto& [key, unit] : dir.by_key)
        if (Utf8Length(key) >= 2 && key.size() > best_len && t.find(key) != std::string::npos)
            best = &unit, best_len = key.size();
    if (best) return *best;
    // The typed name inside names of one unit only (“住建” in 区住建局).
    if (Utf8Length(t) < 2) return "";
    const std::string* only = nullptr;
    for (const auto& [key, unit] : dir.by_key)
        if (key.find(t) != std::string::npos) {
            if (only && *only != unit) return "";
            only = &unit;
        }
    return only ? *only : "";
}

std::vector<UnitAlias> ListUnitAliases(Database& db, int64_t campaign_id) {
    std::vector<UnitAlias> out;
    Stmt s = db.Prepare("SELECT alias, unit FROM unit_alias WHERE campaign_id = ?1 ORDER BY unit, alias");
    s.Bind(1, campaign_id);
    while (s.Step()) out.push_back(UnitAlias{s.Text(0), s.Text(1)});
    return out;
}

std::string AddUnitAlias(Database& db, int64_t campaign_id, const UnitDirectory& dir, const std::string& unit,
                         const std::string& alias) {
    const std::string a = CollapseSpaces(alias);
    if (AliasKey(a).empty()) return "请填写别名";
    if (std::find(dir.units.begin(), dir.units.end(), unit) == dir.units.end()) return "请选择单位";
    if (auto it = dir.by_key.find(AliasKey(a)); it != dir.by_key.end())
        return it->second == unit ? "“" + a + "”已经是" + unit + "的名称" : "“" + a + "”已经指向" + it->second;
    Stmt s = db.Prepare("INSERT INTO unit_alias(campaign_id, alias, unit) VALUES(?1, ?2, ?3)");
    s.Bind(1, campaign_id).Bind(2, a).Bind(3, unit);
    HTK_CHECK(s.Run());
    return "";
}

void RemoveUnitAlias(Database& db, int64_t campaign_id, const std::string& alias) {
    Stmt s = db.Prepare("DELETE FROM unit_alias WHERE campaign_id = ?1 AND alias = ?2");
    s.Bind(1, campaign_id).Bind(2, alias);
    HTK_CHECK(s.Run());
}

}  // namespace htk
