// campaign.h — one review campaign: its phases, the policy areas (问题类型)
// with their check points and lead units, the district units, and the words
// of its ledger sheet. Campaigns are data: the 2022 第一轮 ships as JSON
// (app/core/data/campaign_2022_1.json) and is stored in SQLite on first run.
#pragma once

#include "rules/dates.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace htk {

class Database;

struct CheckPoint {
    int64_t id = 0;
    int no = 0;
    std::string short_name;  // a few words for lists
    std::string text;        // the document's own wording
    std::string scope;       // "household" or "village"
    std::string rule;        // JSON, empty when the point has no numeric rule
};

struct Area {
    int64_t id = 0;
    int no = 0;
    std::string name;           // canonical 问题类型, e.g. 住房保障
    std::string section_title;  // e.g. 住房保障情况
    std::vector<std::string> lead_units;
    std::vector<CheckPoint> points;
};

struct Phase {
    std::string code;  // mobilize / rectify / accept
    std::string name;  // 动员部署 / 排查整改 / 总结验收
    Date start, end;
    std::string task;
};

struct Campaign {
    int64_t id = 0;
    std::string code, name, district, ledger_title, office, ledger_note;
    Date issued;
    std::vector<std::string> natures;  // 共性问题, 个性问题
    std::vector<Phase> phases;
    std::vector<Area> areas;
    std::vector<std::string> departments;

    // The area a typed 问题类型 means: its name, section title or a synonym,
    // compared ignoring spaces and width, and with or without a trailing 情况.
    const Area* FindArea(std::string_view typed) const;
    bool IsNature(std::string_view typed) const;
    // The year dates without a year belong to (the first phase's).
    int Year() const;
    // "住房保障、健康保障、…" for messages.
    std::string AreaNames() const;

    std::unordered_map<std::string, size_t> area_by_key;  // NormalizeKey -> index in areas
};

// The JSON text of the built-in 2022 第一轮 campaign.
const char* BuiltinCampaignJson();

// Stores a campaign described by JSON (format 1) unless one with its code
// exists. Returns its id, or 0 with a Chinese error for malformed JSON.
int64_t StoreCampaignJson(Database& db, std::string_view json, std::string* error);

// The built-in campaign, stored on first use; the current one is remembered
// in settings ("current_campaign").
int64_t EnsureCurrentCampaign(Database& db);
Campaign LoadCampaign(Database& db, int64_t id);

// The campaigns stored, oldest first: id, code, name.
struct CampaignInfo {
    int64_t id = 0;
    std::string code, name;
};
std::vector<CampaignInfo> ListCampaigns(Database& db);
void SetCurrentCampaign(Database& db, int64_t id);

// 新一轮: a campaign made from `from` — its checklist (areas, synonyms, check
// points), units and wording, its phases one year later — under a new code and
// name; no problems, screenings or reports. Returns its id, or 0 with a Chinese
// error (a code already used, an empty name).
int64_t CreateNextCampaign(Database& db, int64_t from, const std::string& code, const std::string& name,
                           std::string* error);

}  // namespace htk
