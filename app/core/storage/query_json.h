// query_json.h — one read-only SELECT, rows as a JSON array of objects.
//
// Backs window.app.query() used by tests and acceptance checks. Anything that
// is not exactly one read-only SELECT (or WITH ... SELECT) is refused.
#pragma once

#include <string>

namespace htk {

class Database;

struct QueryJsonResult {
    bool ok = false;
    std::string json;   // when ok: [{"col": value, ...}, ...]
    std::string error;  // when not ok: why (English; a developer tool)
};

QueryJsonResult QueryJson(Database& db, const std::string& sql);

}  // namespace htk
