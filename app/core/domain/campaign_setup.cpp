#include "campaign_setup.h"

#include "check.h"
#include "rules/text.h"
#include "storage/database.h"

#include <algorithm>

namespace htk {
namespace {

// Names pasted as a list: lines, cells of a copied column, or 、-separated.
std::vector<std::string> SplitNames(std::string_view text) {
    std::string s = NormalizeWidth(text);  // ，；and the wide space become , ; and ' '
    for (size_t at; (at = s.find("、")) != std::string::npos;) s.replace(at, std::string("、").size(), ",");
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        std::string t = Trim(cur);
        if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
        cur.clear();
    };
    for (char ch : s) {
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ',' || ch == ';' || ch == ' ')
            flush();
        else
            cur += ch;
    }
    flush();
    return out;
}

int64_t ScreeningsOfPoint(Database& db, int64_t point_id) {
    Stmt q = db.Prepare("SELECT count(*) FROM screening WHERE point_id = ?1");
    q.Bind(1, point_id);
    return q.Step() ? q.Int(0) : 0;
}

}  // namespace

std::string SaveCampaignInfo(Database& db, int64_t campaign_id, const CampaignInfoEdit& edit) {
    const std::string name = Trim(edit.name), title = Trim(edit.ledger_title);
    if (name.empty()) return "请填写活动名称";
    if (title.empty()) return "请填写整改台账的标题";
    for (size_t i = 0; i < edit.phases.size(); ++i) {
        const Phase& p = edit.phases[i];
        if (!p.start.valid() || !p.end.valid()) return p.name + "的开始和结束日期都要填写到日";
        if (p.end < p.start) return p.name + "的结束日期早于开始日期";
        if (i > 0 && !(edit.phases[i - 1].end < p.start))
            return p.name + "应在" + edit.phases[i - 1].name + "结束（" + FormatChinese(edit.phases[i - 1].end) +
                   "）之后开始";
    }
    Transaction tx(db);
    Stmt c = db.Prepare("UPDATE campaign SET name = ?2, ledger_title = ?3 WHERE id = ?1");
    c.Bind(1, campaign_id).Bind(2, name).Bind(3, title);
    if (!c.Run() || db.changes() != 1) return "找不到要修改的活动";
    Stmt ph = db.Prepare("UPDATE campaign_phase SET start_date = ?3, end_date = ?4 WHERE campaign_id = ?1 AND code = ?2");
    for (const Phase& p : edit.phases) {
        ph.Bind(1, campaign_id).Bind(2, p.code).Bind(3, FormatIso(p.start)).Bind(4, FormatIso(p.end));
        HTK_CHECK(ph.Run());
    }
    return tx.Commit() ? "" : "活动信息无法保存";
}

std::string SaveCheckPointText(Database& db, int64_t point_id, const std::string& short_name,
                               const std::string& text) {
    const std::string s = Trim(short_name), t = Trim(text);
    if (s.empty() || t.empty()) return "排查要点的简称和内容都要填写";
    Transaction tx(db);
    Stmt q = db.Prepare("UPDATE check_point SET short = ?2, text = ?3 WHERE id = ?1");
    q.Bind(1, point_id).Bind(2, s).Bind(3, t);
    if (!q.Run() || db.changes() != 1) return "找不到这条排查要点";
    return tx.Commit() ? "" : "排查要点无法保存";
}

int64_t AddCheckPoint(Database& db, int64_t area_id, const std::string& short_name, const std::string& text,
                      const std::string& scope, std::string* error) {
    const std::string s = Trim(short_name), t = Trim(text);
    if (s.empty() || t.empty()) {
        *error = "排查要点的简称和内容都要填写";
        return 0;
    }
    HTK_CHECK(scope == "household" || scope == "village");
    Transaction tx(db);
    Stmt q = db.Prepare(
        "INSERT INTO check_point(area_id, no, short, text, scope) "
        "SELECT ?1, coalesce((SELECT max(no) FROM check_point WHERE area_id = ?1), 0) + 1, ?2, ?3, ?4 "
        "FROM area WHERE id = ?1");
    q.Bind(1, area_id).Bind(2, s).Bind(3, t).Bind(4, scope);
    if (!q.Run() || db.changes() != 1) {
        *error = "找不到这个问题类型";
        return 0;
    }
    const int64_t id = db.last_insert_rowid();
    if (!tx.Commit()) {
        *error = "排查要点无法保存";
        return 0;
    }
    return id;
}

std::string RemoveCheckPoint(Database& db, int64_t point_id) {
    if (int64_t n = ScreeningsOfPoint(db, point_id))
        return "已有 " + std::to_string(n) + " 条排查记录用到这条要点，不能删除；可以修改它的文字";
    Transaction tx(db);
    Stmt q = db.Prepare("DELETE FROM check_point WHERE id = ?1");
    q.Bind(1, point_id);
    if (!q.Run() || db.changes() != 1) return "找不到这条排查要点";
    return tx.Commit() ? "" : "排查要点无法删除";
}

std::vector<std::string> ListTownships(Database& db, int64_t campaign_id) {
    std::vector<std::string> out;
    Stmt q = db.Prepare("SELECT name FROM unit WHERE campaign_id = ?1 AND kind = 'township' ORDER BY id");
    q.Bind(1, campaign_id);
    while (q.Step()) out.push_back(q.Text(0));
    return out;
}

AddTownshipsResult AddTownships(Database& db, int64_t campaign_id, std::string_view text) {
    AddTownshipsResult r;
    Transaction tx(db);
    Stmt q = db.Prepare("INSERT OR IGNORE INTO unit(campaign_id, name, kind) VALUES(?1, ?2, 'township')");
    for (const std::string& name : SplitNames(text)) {
        q.Bind(1, campaign_id).Bind(2, name);
        HTK_CHECK(q.Run());
        (db.changes() == 1 ? r.added : r.already_listed).push_back(name);
    }
    HTK_CHECK(tx.Commit());
    return r;
}

std::string RemoveTownship(Database& db, int64_t campaign_id, const std::string& name) {
    Transaction tx(db);
    Stmt q = db.Prepare("DELETE FROM unit WHERE campaign_id = ?1 AND name = ?2 AND kind = 'township'");
    q.Bind(1, campaign_id).Bind(2, name);
    if (!q.Run() || db.changes() != 1) return "找不到乡镇“" + name + "”";
    return tx.Commit() ? "" : "无法删除";
}

}  // namespace htk
