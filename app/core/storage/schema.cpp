#include "schema.h"

#include "database.h"

#include <cassert>
#include <string>

namespace htk {

// Each entry is one migration; index i takes version i to version i+1.
static const char* const kMigrations[] = {
    // 1: key/value settings of this installation (unit name, role, ...).
    R"sql(
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    )sql",
};

int SchemaVersion() { return int(sizeof(kMigrations) / sizeof(kMigrations[0])); }

int StoredSchemaVersion(Database& db) {
    Stmt s = db.Prepare("PRAGMA user_version");
    return s.Step() ? int(s.Int(0)) : 0;
}

MigrateResult Migrate(Database& db) {
    int v = StoredSchemaVersion(db);
    if (v > SchemaVersion()) return MigrateResult::kTooNew;
    for (; v < SchemaVersion(); ++v) {
        Transaction tx(db);
        db.ExecScript(kMigrations[v]);
        // PRAGMA takes no bound parameters; the value is our own integer.
        db.ExecScript(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
        bool ok = tx.Commit();
        assert(ok && "migration commit failed");
        (void)ok;
    }
    return MigrateResult::kOk;
}

}  // namespace htk
