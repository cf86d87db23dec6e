// schema.h — the database schema and its forward migrations, in one place.
//
// The schema version is PRAGMA user_version. Migration k (1-based) takes a
// database at version k-1 to version k; each runs in its own transaction and
// is never edited once released — a change is a new migration at the end.
#pragma once

#include <string>

namespace htk {

class Database;

// The version this build creates and understands.
int SchemaVersion();

// Reads PRAGMA user_version.
int StoredSchemaVersion(Database& db);

enum class MigrateResult { kOk, kTooNew, kFailed };

// Brings the database up to SchemaVersion() (or to `up_to`, for tests of
// older data). Idempotent. A database written by a newer build (version
// above ours) is left untouched: kTooNew. A migration that fails on the data
// it is given (stored or restored data is the outside world's) is rolled
// back, leaving the database at the last version that applied: kFailed, with
// SQLite's message in *error.
MigrateResult Migrate(Database& db, int up_to = 0, std::string* error = nullptr);

}  // namespace htk
