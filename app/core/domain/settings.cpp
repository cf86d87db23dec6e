#include "settings.h"

#include "check.h"
#include "storage/database.h"


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

// The stored keys, each with its field; a role is stored as its code.
namespace {
struct TextKey {
    const char* key;
    std::string Settings::*field;
};
const TextKey kTextKeys[] = {
    {"unit_name", &Settings::unit_name},
    {"contact_name", &Settings::contact_name},
    {"contact_phone", &Settings::contact_phone},
};
}  // namespace

Settings LoadSettings(Database& db) {
    Settings s;
    Stmt q = db.Prepare("SELECT key, value FROM settings");
    while (q.Step()) {
        std::string key = q.Text(0);
        if (key == "role") s.role = RoleFromCode(q.Text(1));
        for (const TextKey& k : kTextKeys)
            if (key == k.key) s.*k.field = q.Text(1);
    }
    return s;
}

void SaveSettings(Database& db, const Settings& s) {
    Settings old = LoadSettings(db);
    bool changed = old.role != s.role;
    for (const TextKey& k : kTextKeys) changed = changed || old.*k.field != s.*k.field;
    if (!changed) return;
    Transaction tx(db);
    Stmt put = db.Prepare("INSERT INTO settings(key, value) VALUES(?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (old.role != s.role) put.Bind(1, "role").Bind(2, RoleCode(s.role)).Run();
    for (const TextKey& k : kTextKeys)
        if (old.*k.field != s.*k.field) put.Bind(1, k.key).Bind(2, s.*k.field).Run();
    HTK_CHECK(tx.Commit());
}

}  // namespace htk
