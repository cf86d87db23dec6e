#include "storage/database.h"
#include "storage/schema.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <vector>

using namespace htk;

static int TableCount(Database& db, const char* name) {
    Stmt s = db.Prepare("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name=?1");
    s.Bind(1, name);
    return s.Step() ? int(s.Int(0)) : -1;
}

TEST(Schema, EmptyDatabaseMigratesToCurrent) {
    auto db = Database::OpenInMemory();
    EXPECT_EQ(StoredSchemaVersion(*db), 0);
    EXPECT_EQ(Migrate(*db), MigrateResult::kOk);
    EXPECT_EQ(StoredSchemaVersion(*db), SchemaVersion());
    EXPECT_EQ(TableCount(*db, "settings"), 1);
}

TEST(Schema, MigrateIsIdempotent) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    uint64_t commits = db->commit_count();
    EXPECT_EQ(Migrate(*db), MigrateResult::kOk);
    EXPECT_EQ(StoredSchemaVersion(*db), SchemaVersion());
    EXPECT_EQ(db->commit_count(), commits) << "a second migrate must write nothing";
}

TEST(Schema, RefusesDatabaseFromNewerBuild) {
    auto db = Database::OpenInMemory();
    db->ExecScript("PRAGMA user_version=9999");
    EXPECT_EQ(Migrate(*db), MigrateResult::kTooNew);
    EXPECT_EQ(StoredSchemaVersion(*db), 9999);
    EXPECT_EQ(TableCount(*db, "settings"), 0);
}

TEST(Database, ImageRoundTrip) {
    auto a = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*a), MigrateResult::kOk);
    a->Prepare("INSERT INTO settings VALUES('unit_name', '椹涧乡')").Run();
    Database::ImageView img = a->Image();
    ASSERT_NE(img.data, nullptr);
    ASSERT_GT(img.size, 0u);
    std::vector<uint8_t> bytes(img.data, img.data + img.size);

    auto b = Database::OpenInMemory();
    std::string err;
    ASSERT_TRUE(b->LoadImage(bytes.data(), bytes.size(), &err)) << err;
    EXPECT_EQ(StoredSchemaVersion(*b), SchemaVersion());
    Stmt s = b->Prepare("SELECT value FROM settings WHERE key='unit_name'");
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(0), "椹涧乡");
}

// A buffer handed to LoadImage is taken over, not copied: the database's
// image is that memory, and the buffer is empty after.
TEST(Database, LoadImageTakesABufferOver) {
    auto a = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*a), MigrateResult::kOk);
    a->Prepare("INSERT INTO settings VALUES('unit_name', '𠮷村')").Run();
    Database::ImageView img = a->Image();
    ImageBuffer buf = ImageBuffer::ForImage(img.size);
    ASSERT_FALSE(buf.empty());
    EXPECT_GE(buf.capacity(), img.size + (size_t(4) << 20));
    std::memcpy(buf.data(), img.data, img.size);
    const uint8_t* memory = buf.data();
    auto b = Database::OpenInMemory();
    std::string err;
    ASSERT_TRUE(b->LoadImage(std::move(buf), &err, Database::ImageCheck::kKnown)) << err;
    EXPECT_TRUE(buf.empty());
    EXPECT_EQ(b->Image().data, memory);
    Stmt s = b->Prepare("SELECT value FROM settings WHERE key='unit_name'");
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(0), "𠮷村");
    s.Reset();
    b->Prepare("UPDATE settings SET value = '改' WHERE key='unit_name'").Run();  // writable, in place
    EXPECT_EQ(b->Image().data, memory);

    // A bad one is freed and changes nothing.
    ImageBuffer junk = ImageBuffer::ForImage(4096);
    std::memset(junk.data(), 0x5a, 4096);
    EXPECT_FALSE(b->LoadImage(std::move(junk), &err));
    EXPECT_FALSE(err.empty());
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(0), "改");
}

// A database opened over a buffer reads and writes it in place and never
// moves it: a write past its capacity fails (SQLITE_FULL) instead, and the
// data up to the last commit is what the buffer holds once it is closed.
TEST(Database, OpenOverWritesInPlaceWithinTheCapacity) {
    auto a = Database::OpenInMemory();
    a->ExecScript("CREATE TABLE t(x BLOB); INSERT INTO t VALUES(zeroblob(1000));");
    Database::ImageView img = a->Image();
    ImageBuffer buf = ImageBuffer::ForImage(img.size);
    std::memcpy(buf.data(), img.data, img.size);
    std::string err;
    {
        auto db = Database::OpenOver(buf, &err);
        ASSERT_TRUE(db) << err;
        EXPECT_EQ(db->Image().data, buf.data());
        Stmt ins = db->Prepare("INSERT INTO t VALUES(zeroblob(65536))");
        int written = 0;
        for (; written < 1000; ++written) {
            ins.Reset();
            if (!ins.Run()) break;
        }
        EXPECT_LT(written, 1000);  // stopped by the capacity
        EXPECT_GT(written, 32);    // but a quarter more (≥ 4 MB) fitted
        EXPECT_NE(db->last_error().find("full"), std::string::npos) << db->last_error();
        EXPECT_EQ(db->Image().data, buf.data());
        buf.set_size(db->Image().size);
    }
    auto c = Database::OpenInMemory();
    ASSERT_TRUE(c->LoadImage(std::move(buf), &err)) << err;  // the full check passes
    Stmt q = c->Prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(q.Step());
    EXPECT_GT(q.Int(0), 33);

    ImageBuffer junk = ImageBuffer::ForImage(4096);
    std::memset(junk.data(), 0x5a, 4096);
    EXPECT_FALSE(Database::OpenOver(junk, &err));
    EXPECT_FALSE(err.empty());
}

TEST(Database, BadImageIsRefusedAndChangesNothing) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    db->Prepare("INSERT INTO settings VALUES('unit_name', '原值')").Run();
    std::vector<uint8_t> junk(4096, 0x5a);
    std::string err;
    EXPECT_FALSE(db->LoadImage(junk.data(), junk.size(), &err));
    EXPECT_FALSE(err.empty());
    Stmt s = db->Prepare("SELECT value FROM settings WHERE key='unit_name'");
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(0), "原值");
}

TEST(Database, TruncatedImageIsRefused) {
    auto a = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*a), MigrateResult::kOk);
    for (int i = 0; i < 200; ++i)
        a->Prepare("INSERT INTO settings VALUES(?1, ?2)").Bind(1, "k" + std::to_string(i))
            .Bind(2, std::string(100, 'x')).Run();
    Database::ImageView img = a->Image();
    std::vector<uint8_t> half(img.data, img.data + img.size / 2);
    auto b = Database::OpenInMemory();
    std::string err;
    EXPECT_FALSE(b->LoadImage(half.data(), half.size(), &err));
}

TEST(Database, CommitCounterCountsTransactionsNotStatements) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    uint64_t c0 = db->commit_count();
    {
        Transaction tx(*db);
        db->Prepare("INSERT INTO settings VALUES('a', '1')").Run();
        db->Prepare("INSERT INTO settings VALUES('b', '2')").Run();
        EXPECT_TRUE(db->in_transaction());
        EXPECT_EQ(db->commit_count(), c0);
        ASSERT_TRUE(tx.Commit());
    }
    EXPECT_EQ(db->commit_count(), c0 + 1);
    {
        Transaction tx(*db);  // rolled back: no commit counted
        db->Prepare("INSERT INTO settings VALUES('c', '3')").Run();
    }
    EXPECT_EQ(db->commit_count(), c0 + 1);
    EXPECT_FALSE(db->in_transaction());
}

TEST(Database, TransactionsNestAndOnlyTheOutermostCommits) {
    auto db = Database::OpenInMemory();
    ASSERT_EQ(Migrate(*db), MigrateResult::kOk);
    const uint64_t c0 = db->commit_count();
    {
        Transaction outer(*db);
        db->Prepare("INSERT INTO settings VALUES('a', '1')").Run();
        {
            Transaction inner(*db);  // rolled back alone
            db->Prepare("INSERT INTO settings VALUES('b', '2')").Run();
        }
        {
            Transaction inner(*db);
            db->Prepare("INSERT INTO settings VALUES('c', '3')").Run();
            ASSERT_TRUE(inner.Commit());
        }
        EXPECT_EQ(db->commit_count(), c0);
        ASSERT_TRUE(outer.Commit());
    }
    EXPECT_EQ(db->commit_count(), c0 + 1);
    Stmt q = db->Prepare("SELECT group_concat(key, '') FROM (SELECT key FROM settings ORDER BY key)");
    ASSERT_TRUE(q.Step());
    EXPECT_EQ(q.Text(0), "ac");
}

// A loaded image has room to grow: memdb would otherwise reallocate a full
// buffer to twice the size it needs (old and new held at once), and the
// browser's heap never gives that back. Adding 1 MB to an 8 MB database must
// not cost anything like 8 + 16 MB.
TEST(Database, LoadedImageGrowsWithoutDoubling) {
    // Our build counts no memory (SQLITE_DEFAULT_MEMSTATUS=0): count here.
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1);
    sqlite3_initialize();
    auto src = Database::OpenInMemory();
    src->ExecScript("CREATE TABLE t(x BLOB)");
    {
        Transaction tx(*src);
        Stmt ins = src->Prepare("INSERT INTO t VALUES(zeroblob(65536))");
        for (int i = 0; i < 128; ++i) {
            ins.Reset();
            ASSERT_TRUE(ins.Run());
        }
        ASSERT_TRUE(tx.Commit());
    }
    Database::ImageView img = src->Image();
    ASSERT_GT(img.size, size_t(8) << 20);
    const std::string bytes(reinterpret_cast<const char*>(img.data), img.size);
    auto db = Database::OpenInMemory();
    std::string error;
    ASSERT_TRUE(db->LoadImage(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &error)) << error;
    const sqlite3_int64 before = sqlite3_memory_used();
    sqlite3_memory_highwater(1);  // from here on
    {
        Transaction tx(*db);
        Stmt ins = db->Prepare("INSERT INTO t VALUES(zeroblob(65536))");
        for (int i = 0; i < 16; ++i) {
            ins.Reset();
            ASSERT_TRUE(ins.Run());
        }
        ASSERT_TRUE(tx.Commit());
    }
    EXPECT_LT(sqlite3_memory_highwater(0) - before, sqlite3_int64(4) << 20);
    EXPECT_GT(db->Image().size, bytes.size() + (size_t(1) << 20));  // the rows are there
}

// Reserve moves the image into a buffer with room for a big write: the rows
// already there stay, statements prepared before it still run, and writing
// what was reserved reallocates nothing (memdb would double the buffer,
// copying the whole image, each time it filled).
TEST(Database, ReservedRoomTakesABigWriteWithoutReallocating) {
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1);
    sqlite3_initialize();
    auto db = Database::OpenInMemory();
    db->ExecScript("CREATE TABLE t(x BLOB); INSERT INTO t VALUES(zeroblob(1000));");
    Stmt count = db->Prepare("SELECT count(*) FROM t");
    ASSERT_TRUE(db->Reserve(size_t(12) << 20));
    ASSERT_TRUE(count.Step());
    EXPECT_EQ(count.Int(0), 1);
    count.Reset();
    const sqlite3_int64 before = sqlite3_memory_used();
    sqlite3_memory_highwater(1);
    {
        Transaction tx(*db);
        Stmt ins = db->Prepare("INSERT INTO t VALUES(zeroblob(65536))");
        for (int i = 0; i < 128; ++i) {
            ins.Reset();
            ASSERT_TRUE(ins.Run());
        }
        ASSERT_TRUE(tx.Commit());
    }
    // The page cache and journal grow; the image itself (8 MB) does not move.
    EXPECT_LT(sqlite3_memory_highwater(0) - before, sqlite3_int64(6) << 20);
    ASSERT_TRUE(count.Step());
    EXPECT_EQ(count.Int(0), 129);
    count.Reset();
    // Inside a transaction it refuses and changes nothing.
    Transaction tx(*db);
    EXPECT_FALSE(db->Reserve(size_t(64) << 20));
}
