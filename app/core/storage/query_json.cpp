#include "query_json.h"

#include "database.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cctype>
#include <string_view>

namespace htk {

// Skips whitespace and SQL comments.
static std::string_view SkipBlank(std::string_view s) {
    for (;;) {
        while (!s.empty() && (std::isspace(static_cast<unsigned char>(s[0])) || s[0] == ';')) s.remove_prefix(1);
        if (s.substr(0, 2) == "--") {
            size_t nl = s.find('\n');
            s = nl == std::string_view::npos ? std::string_view() : s.substr(nl + 1);
        } else if (s.substr(0, 2) == "/*") {
            size_t end = s.find("*/", 2);
            s = end == std::string_view::npos ? std::string_view() : s.substr(end + 2);
        } else {
            return s;
        }
    }
}

static bool StartsWithKeyword(std::string_view s, std::string_view kw) {
    if (s.size() < kw.size()) return false;
    for (size_t i = 0; i < kw.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(s[i])) != kw[i]) return false;
    return s.size() == kw.size() || !std::isalnum(static_cast<unsigned char>(s[kw.size()]));
}

QueryJsonResult QueryJson(Database& db, const std::string& sql) {
    QueryJsonResult r;
    std::string_view head = SkipBlank(sql);
    if (!StartsWithKeyword(head, "SELECT") && !StartsWithKeyword(head, "WITH")) {
        r.error = "only a read-only SELECT is allowed";
        return r;
    }
    std::string_view tail;
    Stmt s = db.TryPrepare(sql, &r.error, &tail);
    if (!s.raw()) return r;
    if (!SkipBlank(tail).empty()) {
        r.error = "only one statement is allowed";
        return r;
    }
    if (!sqlite3_stmt_readonly(s.raw())) {
        r.error = "only a read-only SELECT is allowed";
        return r;
    }
    nlohmann::json rows = nlohmann::json::array();
    const int n = s.ColumnCount();
    while (s.Step()) {
        nlohmann::json row = nlohmann::json::object();
        for (int c = 0; c < n; ++c) {
            const char* name = sqlite3_column_name(s.raw(), c);
            switch (sqlite3_column_type(s.raw(), c)) {
                case SQLITE_INTEGER: row[name] = s.Int(c); break;
                case SQLITE_FLOAT: row[name] = s.Real(c); break;
                case SQLITE_NULL: row[name] = nullptr; break;
                default: row[name] = s.Text(c); break;  // text; blobs as their bytes
            }
        }
        rows.push_back(std::move(row));
    }
    if (!s.ok()) {
        r.error = db.last_error();
        return r;
    }
    r.ok = true;
    // Invalid UTF-8 (possible in a blob) is replaced, not thrown: exceptions are off in wasm.
    r.json = rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

}  // namespace htk
