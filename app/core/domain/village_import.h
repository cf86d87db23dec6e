// village_import.h — the villages of each township from a sheet (乡镇, 村),
// before or without their households: a list typed by hand or exported from
// another system.
//
// A township left blank under the first row of its block (a column filled only
// where the township changes, as people type it) is taken from the row above.
// Villages already listed are counted, not repeated. The townships named
// become units of the campaign. Planning changes nothing.
#pragma once

#include "formats/sheet.h"
#include "ledger_import.h"  // ImportRowError

#include <string>
#include <vector>

namespace htk {

class Database;

struct VillageName {
    std::string township, village;
    bool operator==(const VillageName& o) const { return township == o.township && village == o.village; }
};

struct VillageImportPlan {
    std::string file_name, sheet_name;
    int header_row = 0;  // 1-based
    std::vector<VillageName> adds;
    std::vector<std::string> townships;  // every township named, in sheet order
    int already_listed = 0;
    std::vector<ImportRowError> errors;
    std::string fatal;
};

// Does a sheet of this workbook look like a list of villages (乡镇 and 村
// columns, nothing of a household or a ledger problem)?
bool IsVillageWorkbook(const Workbook& book);

VillageImportPlan PlanVillageImport(Database& db, const Workbook& book, const std::string& file_name);

// Adds the plan's villages and its townships (to `campaign_id`'s units) in
// one transaction.
void ApplyVillageImport(Database& db, int64_t campaign_id, const VillageImportPlan& plan);

}  // namespace htk
