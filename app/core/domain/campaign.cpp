#include "campaign.h"

#include "check.h"
#include "rules/text.h"
#include "storage/database.h"

#include <nlohmann/json.hpp>


namespace htk {

extern const char kCampaign2022Json[];
const char* BuiltinCampaignJson() { return kCampaign2022Json; }

namespace {

constexpr const char* kJoin = "、";

std::vector<std::string> Split(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    const std::string sep = kJoin;
    while (start <= s.size() && !s.empty()) {
        size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + sep.size();
    }
    return out;
}

// The key an area is looked up by: no spaces, half-width, no trailing 情况.
std::string AreaKey(std::string_view s) {
    std::string k = NormalizeKey(s);
    const std::string suffix = "情况";
    if (k.size() > suffix.size() && k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0)
        k.resize(k.size() - suffix.size());
    return k;
}

std::string Str(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const Area* Campaign::FindArea(std::string_view typed) const {
    auto it = area_by_key.find(AreaKey(typed));
    return it == area_by_key.end() ? nullptr : &areas[it->second];
}

bool Campaign::IsNature(std::string_view typed) const {
    std::string k = NormalizeKey(typed);
    for (const std::string& n : natures)
        if (NormalizeKey(n) == k) return true;
    return false;
}

int Campaign::Year() const {
    if (!phases.empty() && phases.front().start.valid()) return phases.front().start.y;
    return issued.valid() ? issued.y : 0;
}

std::string Campaign::AreaNames() const {
    std::vector<std::string> names;
    for (const Area& a : areas) names.push_back(a.name);
    return JoinList(names);
}

int64_t StoreCampaignJson(Database& db, std::string_view text, std::string* error) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    auto fail = [&](const char* why) -> int64_t {
        if (error) *error = why;
        return 0;
    };
    if (j.is_discarded() || !j.is_object()) return fail("活动数据不是有效的 JSON");
    if (j.value("format", 0) != 1) return fail("活动数据的格式版本不受支持");
    const nlohmann::json& c = j["campaign"];
    if (!c.is_object() || Str(c, "code").empty() || Str(c, "name").empty() || !j["areas"].is_array())
        return fail("活动数据缺少活动编号、名称或问题类型");

    {
        Stmt q = db.Prepare("SELECT id FROM campaign WHERE code = ?1");
        q.Bind(1, Str(c, "code"));
        if (q.Step()) return q.Int(0);
    }
    std::vector<std::string> natures;
    for (const auto& n : j["natures"])
        if (n.is_string()) natures.push_back(n.get<std::string>());

    Transaction tx(db);
    Stmt ins = db.Prepare(
        "INSERT INTO campaign(code, name, district, ledger_title, office, ledger_note, natures, issued) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins.Bind(1, Str(c, "code")).Bind(2, Str(c, "name")).Bind(3, Str(c, "district"));
    ins.Bind(4, Str(c, "ledger_title").empty() ? Str(c, "name") + "整改台账" : Str(c, "ledger_title"));
    ins.Bind(5, Str(c, "office")).Bind(6, Str(c, "ledger_note")).Bind(7, JoinList(natures)).Bind(8, Str(c, "issued"));
    if (!ins.Run()) return fail("活动数据无法保存");
    const int64_t cid = db.last_insert_rowid();

    Stmt phase = db.Prepare(
        "INSERT INTO campaign_phase(campaign_id, seq, code, name, start_date, end_date, task) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    int seq = 0;
    for (const auto& p : c.value("phases", nlohmann::json::array())) {
        phase.Bind(1, cid).Bind(2, int64_t(++seq)).Bind(3, Str(p, "code")).Bind(4, Str(p, "name"));
        phase.Bind(5, Str(p, "start")).Bind(6, Str(p, "end")).Bind(7, Str(p, "task"));
        if (!phase.Run()) return fail("活动阶段数据无效");
    }
    Stmt area = db.Prepare(
        "INSERT INTO area(campaign_id, no, name, section_title, lead_units) VALUES(?1, ?2, ?3, ?4, ?5)");
    Stmt syn = db.Prepare("INSERT OR IGNORE INTO area_synonym(campaign_id, key, area_id) VALUES(?1, ?2, ?3)");
    Stmt point = db.Prepare(
        "INSERT INTO check_point(area_id, no, short, text, scope, rule) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto& a : j["areas"]) {
        std::vector<std::string> leads;
        for (const auto& u : a.value("lead_units", nlohmann::json::array()))
            if (u.is_string()) leads.push_back(u.get<std::string>());
        area.Bind(1, cid).Bind(2, int64_t(a.value("no", 0))).Bind(3, Str(a, "name"));
        area.Bind(4, Str(a, "section_title")).Bind(5, JoinList(leads));
        if (Str(a, "name").empty() || !area.Run()) return fail("问题类型数据无效（名称为空或重复）");
        const int64_t aid = db.last_insert_rowid();
        std::vector<std::string> keys = {Str(a, "name"), Str(a, "section_title")};
        for (const auto& s : a.value("synonyms", nlohmann::json::array()))
            if (s.is_string()) keys.push_back(s.get<std::string>());
        for (const std::string& k : keys)
            if (!k.empty()) syn.Bind(1, cid).Bind(2, AreaKey(k)).Bind(3, aid).Run();
        for (const auto& p : a.value("points", nlohmann::json::array())) {
            point.Bind(1, aid).Bind(2, int64_t(p.value("no", 0))).Bind(3, Str(p, "short")).Bind(4, Str(p, "text"));
            point.Bind(5, Str(p, "scope").empty() ? "household" : Str(p, "scope"));
            point.Bind(6, p.contains("rule") ? p["rule"].dump() : std::string());
            point.Run();
        }
    }
    Stmt unit = db.Prepare("INSERT OR IGNORE INTO unit(campaign_id, name, kind) VALUES(?1, ?2, 'department')");
    for (const auto& d : j.value("departments", nlohmann::json::array()))
        if (d.is_string()) unit.Bind(1, cid).Bind(2, d.get<std::string>()).Run();
    if (!tx.Commit()) return fail("活动数据无法保存");
    return cid;
}

int64_t EnsureCurrentCampaign(Database& db) {
    {
        Stmt q = db.Prepare(
            "SELECT c.id FROM settings s JOIN campaign c ON c.id = CAST(s.value AS INTEGER) "
            "WHERE s.key = 'current_campaign'");
        if (q.Step()) return q.Int(0);
    }
    std::string error;
    int64_t id = StoreCampaignJson(db, BuiltinCampaignJson(), &error);
    HTK_CHECK_MSG(id != 0, "the built-in campaign JSON must load: " + error);
    db.Prepare("INSERT INTO settings(key, value) VALUES('current_campaign', ?1) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .Bind(1, std::to_string(id))
        .Run();
    return id;
}

Campaign LoadCampaign(Database& db, int64_t id) {
    Campaign c;
    Stmt q = db.Prepare(
        "SELECT id, code, name, district, ledger_title, office, ledger_note, natures, issued "
        "FROM campaign WHERE id = ?1");
    q.Bind(1, id);
    if (!q.Step()) return c;
    c.id = q.Int(0);
    c.code = q.Text(1);
    c.name = q.Text(2);
    c.district = q.Text(3);
    c.ledger_title = q.Text(4);
    c.office = q.Text(5);
    c.ledger_note = q.Text(6);
    c.natures = Split(q.Text(7));
    c.issued = ParseDate(q.Text(8)).date;

    Stmt ph = db.Prepare(
        "SELECT code, name, start_date, end_date, task FROM campaign_phase WHERE campaign_id = ?1 ORDER BY seq");
    ph.Bind(1, id);
    while (ph.Step())
        c.phases.push_back(Phase{ph.Text(0), ph.Text(1), ParseDate(ph.Text(2)).date, ParseDate(ph.Text(3)).date,
                                 ph.Text(4)});

    Stmt ar = db.Prepare(
        "SELECT id, no, name, section_title, lead_units FROM area WHERE campaign_id = ?1 ORDER BY no, id");
    ar.Bind(1, id);
    Stmt pt = db.Prepare(
        "SELECT id, no, short, text, scope, rule FROM check_point WHERE area_id = ?1 ORDER BY no, id");
    while (ar.Step()) {
        Area a;
        a.id = ar.Int(0);
        a.no = int(ar.Int(1));
        a.name = ar.Text(2);
        a.section_title = ar.Text(3);
        a.lead_units = Split(ar.Text(4));
        pt.Bind(1, a.id);
        while (pt.Step())
            a.points.push_back(CheckPoint{pt.Int(0), int(pt.Int(1)), pt.Text(2), pt.Text(3), pt.Text(4), pt.Text(5)});
        pt.Reset();
        c.areas.push_back(std::move(a));
    }
    Stmt syn = db.Prepare("SELECT key, area_id FROM area_synonym WHERE campaign_id = ?1");
    syn.Bind(1, id);
    while (syn.Step())
        for (size_t i = 0; i < c.areas.size(); ++i)
            if (c.areas[i].id == syn.Int(1)) c.area_by_key[syn.Text(0)] = i;

    Stmt un = db.Prepare("SELECT name FROM unit WHERE campaign_id = ?1 AND kind = 'department' ORDER BY id");
    un.Bind(1, id);
    while (un.Step()) c.departments.push_back(un.Text(0));
    return c;
}

std::vector<CampaignInfo> ListCampaigns(Database& db) {
    std::vector<CampaignInfo> out;
    Stmt q = db.Prepare("SELECT id, code, name FROM campaign ORDER BY id");
    while (q.Step()) out.push_back(CampaignInfo{q.Int(0), q.Text(1), q.Text(2)});
    return out;
}

void SetCurrentCampaign(Database& db, int64_t id) {
    Transaction tx(db);
    db.Prepare("INSERT INTO settings(key, value) VALUES('current_campaign', ?1) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .Bind(1, std::to_string(id))
        .Run();
    tx.Commit();
}

int64_t CreateNextCampaign(Database& db, int64_t from, const std::string& code, const std::string& name,
                           std::string* error) {
    const std::string c = Trim(code), n = Trim(name);
    if (c.empty() || n.empty()) {
        *error = "请填写新一轮活动的编号和名称";
        return 0;
    }
    {
        Stmt q = db.Prepare("SELECT 1 FROM campaign WHERE code = ?1");
        q.Bind(1, c);
        if (q.Step()) {
            *error = "活动编号“" + c + "”已经用过";
            return 0;
        }
    }
    Transaction tx(db);
    Stmt ins = db.Prepare(
        "INSERT INTO campaign(code, name, district, ledger_title, office, ledger_note, natures, issued) "
        "SELECT ?2, ?3, district, ?3 || '整改台账', office, ledger_note, natures, "
        "  coalesce(date(nullif(issued, ''), '+1 year'), '') FROM campaign WHERE id = ?1");
    ins.Bind(1, from).Bind(2, c).Bind(3, n);
    if (!ins.Run() || db.changes() != 1) {
        *error = "找不到要复制的活动";
        return 0;
    }
    const int64_t to = db.last_insert_rowid();
    for (const char* sql :
         {"INSERT INTO campaign_phase(campaign_id, seq, code, name, start_date, end_date, task) "
          "SELECT ?2, seq, code, name, date(start_date, '+1 year'), date(end_date, '+1 year'), task "
          "FROM campaign_phase WHERE campaign_id = ?1",
          "INSERT INTO unit(campaign_id, name, kind) SELECT ?2, name, kind FROM unit WHERE campaign_id = ?1 ORDER BY id"}) {
        Stmt q = db.Prepare(sql);
        q.Bind(1, from).Bind(2, to);
        q.Run();
    }
    Stmt areas = db.Prepare("SELECT id FROM area WHERE campaign_id = ?1 ORDER BY no");
    areas.Bind(1, from);
    std::vector<int64_t> old_ids;
    while (areas.Step()) old_ids.push_back(areas.Int(0));
    for (int64_t old : old_ids) {
        Stmt a = db.Prepare(
            "INSERT INTO area(campaign_id, no, name, section_title, lead_units) "
            "SELECT ?2, no, name, section_title, lead_units FROM area WHERE id = ?1");
        a.Bind(1, old).Bind(2, to);
        a.Run();
        const int64_t aid = db.last_insert_rowid();
        Stmt syn = db.Prepare(
            "INSERT INTO area_synonym(campaign_id, key, area_id) SELECT ?2, key, ?3 FROM area_synonym WHERE area_id = ?1");
        syn.Bind(1, old).Bind(2, to).Bind(3, aid);
        syn.Run();
        Stmt pts = db.Prepare(
            "INSERT INTO check_point(area_id, no, short, text, scope, rule) "
            "SELECT ?2, no, short, text, scope, rule FROM check_point WHERE area_id = ?1 ORDER BY id");
        pts.Bind(1, old).Bind(2, aid);
        pts.Run();
    }
    if (!tx.Commit()) {
        *error = "新一轮活动无法保存";
        return 0;
    }
    return to;
}

}  // namespace htk
