#include "settings.h"

#include "storage/database.h"

#include <cassert>

namespace htk {

const char* RoleLabel(Role r) {
    switch (r) {
        case Role::kTownship: return "乡镇";
        case Role::kDepartment: return "区直单位";
        case Role::kDistrictOffice: return "区办";
    }
    return "";
}

const char* RoleCode(Role r) {
    switch (r) {
        case Role::kTownship: return "township";
        case Role::kDepartment: return "department";
        case Role::kDistrictOffice: return "district";
    }
    return "";
}

Role RoleFromCode(const std::string& code) {
    if (code == "department") return Role::kDepartment;
    if (code == "district") return Role::kDistrictOffice;
    return Role::kTownship;
}

Settings LoadSettings(Database& db) {
    Settings s;
    Stmt q = db.Prepare("SELECT key, value FROM settings");
    while (q.Step()) {
        std::string key = q.Text(0);
        if (key == "unit_name") s.unit_name = q.Text(1);
        else if (key == "role") s.role = RoleFromCode(q.Text(1));
    }
    return s;
}

void SaveSettings(Database& db, const Settings& s) {
    Settings old = LoadSettings(db);
    bool unit_changed = old.unit_name != s.unit_name;
    bool role_changed = old.role != s.role;
    if (!unit_changed && !role_changed) return;
    Transaction tx(db);
    Stmt put = db.Prepare("INSERT INTO settings(key, value) VALUES(?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (unit_changed) put.Bind(1, "unit_name").Bind(2, s.unit_name).Run();
    if (role_changed) put.Bind(1, "role").Bind(2, RoleCode(s.role)).Run();
    bool ok = tx.Commit();
    assert(ok);
    (void)ok;
}

}  // namespace htk
