// unit_names.h — the names a unit signs its files with. A unit is written
// “区人社局” in the campaign's list, “建安区人力资源和社会保障局” on its seal and
// “人社局” in a file name; a township “陈曹乡”, “陈曹乡人民政府” or “建安区陈曹乡”.
// Every unit has aliases: built in for the campaign's departments (their
// full and short forms), derived for townships (+人民政府, 街道 + 办事处, the
// district in front), and those the office adds in 设置. A name is matched to
// a unit, never copied into a new one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace htk {

class Database;

struct UnitAlias {
    std::string alias, unit;
};

// Where a unit name typed in a file points.
struct UnitDirectory {
    std::vector<std::string> units;              // the units expected to report
    std::map<std::string, std::string> by_key;   // AliasKey(name or alias) → unit
    std::vector<UnitAlias> user_aliases;         // added in 设置, in the order added
    // The unit and week chosen for a file before, by its content hash.
    struct Choice {
        std::string unit;
        int week_no = 0;
    };
    std::map<std::string, Choice> remembered;
};

// The built-in aliases of `unit` (without the unit's own name): a
// department's full and short forms, a township's seal forms; both with and
// without the district (`district`, e.g. 建安区) in front.
std::vector<std::string> BuiltInAliases(const std::string& unit, const std::string& district);

// How names are compared: width, spaces and ASCII case ignored, a seal's
// “（盖章）” or “（章）” dropped.
std::string AliasKey(const std::string& name);

UnitDirectory MakeUnitDirectory(const std::vector<std::string>& units, const std::string& district,
                                const std::vector<UnitAlias>& user_aliases);
// The same from the database: the user's aliases and the choices remembered
// for files received before (the newest record of each content hash, files
// removed too).
UnitDirectory LoadUnitDirectory(Database& db, int64_t campaign_id, const std::vector<std::string>& units,
                                const std::string& district);

// The unit `typed` names: a name or alias exactly, else the longest one
// inside it (“陈曹乡人民政府关于…”), else the only unit with an alias that
// contains it; "" when none.
std::string ResolveUnit(const UnitDirectory& dir, const std::string& typed);

std::vector<UnitAlias> ListUnitAliases(Database& db, int64_t campaign_id);
// Adds `alias` for `unit`; "" or why not (empty, a unit not listed, or a
// name that already points to another unit). Nothing changes on refusal.
std::string AddUnitAlias(Database& db, int64_t campaign_id, const UnitDirectory& dir, const std::string& unit,
                         const std::string& alias);
void RemoveUnitAlias(Database& db, int64_t campaign_id, const std::string& alias);

}  // namespace htk
