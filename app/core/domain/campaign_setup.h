// campaign_setup.h — what 设置 changes in a stored campaign: its name, ledger
// title and phase dates, the wording of its check points, and the township
// units the user enters (建安区 has 18; the seed's departments are built in).
//
// Every function checks what it is given and returns "" or why not, in
// Chinese; on refusal nothing changes.
#pragma once

#include "campaign.h"

#include <string>
#include <string_view>
#include <vector>

namespace htk {

class Database;

// Name, ledger title and phase dates (phases in the campaign's order: each
// starts no later than it ends and after the previous one has ended).
struct CampaignInfoEdit {
    std::string name, ledger_title;
    std::vector<Phase> phases;  // code, start and end are used
};
std::string SaveCampaignInfo(Database& db, int64_t campaign_id, const CampaignInfoEdit& edit);

// A check point's short name and wording. Screenings keep pointing at it.
std::string SaveCheckPointText(Database& db, int64_t point_id, const std::string& short_name,
                               const std::string& text);
// A new check point at the end of an area; `scope` "household" or "village".
// Returns its id, or 0 with `error` set.
int64_t AddCheckPoint(Database& db, int64_t area_id, const std::string& short_name, const std::string& text,
                      const std::string& scope, std::string* error);
// Refused once a household or village has been screened against it.
std::string RemoveCheckPoint(Database& db, int64_t point_id);

// Township units of a campaign, in the order entered.
std::vector<std::string> ListTownships(Database& db, int64_t campaign_id);

// Adds the names in `text` — one per line, or separated by 、，,；; or spaces,
// as pasted from a list or a spreadsheet column — skipping blanks and names
// already listed (townships or departments).
struct AddTownshipsResult {
    std::vector<std::string> added, already_listed;
};
AddTownshipsResult AddTownships(Database& db, int64_t campaign_id, std::string_view text);
std::string RemoveTownship(Database& db, int64_t campaign_id, const std::string& name);

}  // namespace htk
