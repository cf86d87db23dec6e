// settings.h — who is using this installation: the unit's name and its role.
//
// Stored as key/value rows in the `settings` table so later settings need no
// migration. The role decides which sections matter most (the district office
// merges every unit's files; townships and departments keep their own ledger).
#pragma once

#include <string>

namespace htk {

class Database;

enum class Role { kTownship, kDepartment, kDistrictOffice };

struct Settings {
    std::string unit_name;      // 单位名称, as typed (e.g. "椹涧乡")
    Role role = Role::kTownship;
    std::string contact_name;   // 填报人, printed on reports
    std::string contact_phone;  // 联系电话
};

// Chinese label of a role (乡镇 / 区直单位 / 区办) and its stable stored code.
const char* RoleLabel(Role r);
const char* RoleCode(Role r);
// Parses a stored code; unknown codes give kTownship.
Role RoleFromCode(const std::string& code);

Settings LoadSettings(Database& db);
// Writes only the values that differ from what is stored, in one transaction
// (nothing at all when nothing changed).
void SaveSettings(Database& db, const Settings& s);

}  // namespace htk
