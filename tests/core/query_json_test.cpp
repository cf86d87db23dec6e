#include "storage/database.h"
#include "storage/query_json.h"
#include "storage/schema.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace htk;

class QueryJsonTest : public ::testing::Test {
protected:
    void SetUp() override {
        db = Database::OpenInMemory();
        ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
        db->Prepare("INSERT INTO settings VALUES('unit_name', '椹涧乡'), ('role', 'township')").Run();
    }
    std::unique_ptr<Database> db;
};

TEST_F(QueryJsonTest, RowsAsObjects) {
    QueryJsonResult r = QueryJson(*db, "SELECT key, value, 1 AS n, 2.5 AS x, NULL AS z FROM settings ORDER BY key");
    ASSERT_TRUE(r.ok) << r.error;
    auto j = nlohmann::json::parse(r.json);
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["key"], "role");
    EXPECT_EQ(j[1]["value"], "椹涧乡");
    EXPECT_EQ(j[1]["n"], 1);
    EXPECT_EQ(j[1]["x"], 2.5);
    EXPECT_TRUE(j[1]["z"].is_null());
}

TEST_F(QueryJsonTest, WithAndCommentsAllowed) {
    QueryJsonResult r = QueryJson(*db, "  -- count\n WITH t AS (SELECT 1 AS a) SELECT a FROM t; ");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.json, R"([{"a":1}])");
}

TEST_F(QueryJsonTest, RefusesWrites) {
    for (const char* sql : {"DELETE FROM settings", "UPDATE settings SET value='x'",
                            "INSERT INTO settings VALUES('a','b')", "DROP TABLE settings",
                            "PRAGMA user_version=5", "ATTACH ':memory:' AS x", "VACUUM",
                            "WITH t AS (SELECT 1) DELETE FROM settings"}) {
        QueryJsonResult r = QueryJson(*db, sql);
        EXPECT_FALSE(r.ok) << sql;
        EXPECT_FALSE(r.error.empty()) << sql;
    }
    QueryJsonResult r = QueryJson(*db, "SELECT count(*) AS n FROM settings");
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.json, R"([{"n":2}])");
}

TEST_F(QueryJsonTest, RefusesSecondStatement) {
    QueryJsonResult r = QueryJson(*db, "SELECT 1; DELETE FROM settings");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(QueryJson(*db, "SELECT count(*) AS n FROM settings").json, R"([{"n":2}])");
}

TEST_F(QueryJsonTest, SyntaxErrorIsReported) {
    QueryJsonResult r = QueryJson(*db, "SELECT FROM WHERE");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("syntax"), std::string::npos) << r.error;
}

TEST_F(QueryJsonTest, InvalidUtf8DoesNotAbort) {
    QueryJsonResult r = QueryJson(*db, "SELECT CAST(x'ff fe 41' AS TEXT) AS t");
    QueryJsonResult r2 = QueryJson(*db, "SELECT CAST(x'fffe41' AS TEXT) AS t");
    EXPECT_FALSE(r.ok);  // malformed hex literal: an error, not a crash
    ASSERT_TRUE(r2.ok) << r2.error;
    EXPECT_NE(r2.json.find("A"), std::string::npos);
}
