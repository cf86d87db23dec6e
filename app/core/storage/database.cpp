#include "database.h"

#include "check.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <utility>

namespace htk {

// --- Stmt -----------------------------------------------------------------

Stmt& Stmt::operator=(Stmt&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(s_);
        s_ = o.s_;
        ok_ = o.ok_;
        o.s_ = nullptr;
    }
    return *this;
}

Stmt::~Stmt() { sqlite3_finalize(s_); }

Stmt& Stmt::Bind(int i, int64_t v) {
    int rc = sqlite3_bind_int64(s_, i, v);
    HTK_CHECK_MSG(rc == SQLITE_OK, sqlite3_errstr(rc));
    return *this;
}

Stmt& Stmt::Bind(int i, double v) {
    int rc = sqlite3_bind_double(s_, i, v);
    HTK_CHECK_MSG(rc == SQLITE_OK, sqlite3_errstr(rc));
    return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    HTK_CHECK_MSG(rc == SQLITE_OK, sqlite3_errstr(rc));
    return *this;
}

Stmt& Stmt::BindNull(int i) {
    int rc = sqlite3_bind_null(s_, i);
    HTK_CHECK_MSG(rc == SQLITE_OK, sqlite3_errstr(rc));
    return *this;
}

bool Stmt::Step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    ok_ = (rc == SQLITE_DONE);
    return false;
}

bool Stmt::Run() {
    while (Step()) {}
    bool ok = ok_;
    Reset();
    return ok;
}

void Stmt::Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    ok_ = true;
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(s_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(s_, col); }
bool Stmt::IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
int Stmt::ColumnCount() const { return sqlite3_column_count(s_); }

std::string Stmt::Text(int col) const {
    const unsigned char* p = sqlite3_column_text(s_, col);
    int n = sqlite3_column_bytes(s_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), size_t(n)) : std::string();
}

// --- Database ---------------------------------------------------------------

std::unique_ptr<Database> Database::OpenInMemory() {
    std::unique_ptr<Database> d(new Database());
    // A memdb file: the whole database lives in one contiguous buffer, which
    // sqlite3_serialize can hand out without copying. No leading '/', so the
    // file is private to this connection (tests open many).
    int rc = sqlite3_open_v2("file:htk.db?vfs=memdb", &d->db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr);
    if (rc != SQLITE_OK) {
        std::fprintf(stderr, "sqlite3_open_v2: %s\n", sqlite3_errstr(rc));
        std::abort();
    }
    sqlite3_commit_hook(d->db_, [](void* p) -> int {
        ++static_cast<Database*>(p)->commits_;
        return 0;
    }, d.get());
    d->ExecScript("PRAGMA foreign_keys=ON; PRAGMA journal_mode=MEMORY;");
    return d;
}

Database::~Database() {
    cache_.clear();  // finalize before closing
    sqlite3_close_v2(db_);
}

Stmt& Database::Cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) it = cache_.emplace(sql, Prepare(sql)).first;
    it->second.Reset();
    return it->second;
}

namespace {

// The first column of `sql`'s first row on `db`'s image, just deserialized
// with code `rc`; SQLite's message when it cannot be read.
std::string CheckDeserialized(sqlite3* db, int rc, const char* sql) {
    if (rc != SQLITE_OK) return sqlite3_errstr(rc);
    std::string result;
    sqlite3_stmt* s = nullptr;
    rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
    const int step = rc == SQLITE_OK ? sqlite3_step(s) : rc;
    if (step == SQLITE_ROW)
        result = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    else
        result = step == SQLITE_DONE ? "no tables" : sqlite3_errmsg(db);
    sqlite3_finalize(s);
    return result;
}

// The same on the image opened read-only over the caller's bytes on a
// connection of its own (no copy: a district's 120 MB).
std::string ProbeImage(const uint8_t* data, size_t size, const char* sql) {
    sqlite3* probe = nullptr;
    sqlite3_open_v2(":memory:", &probe, SQLITE_OPEN_READWRITE, nullptr);
    const int rc = sqlite3_deserialize(probe, "main", const_cast<unsigned char*>(data), sqlite3_int64(size),
                                       sqlite3_int64(size), SQLITE_DESERIALIZE_READONLY);
    std::string result = CheckDeserialized(probe, rc, sql);
    sqlite3_close_v2(probe);
    return result;
}

const char* CheckSql(Database::ImageCheck check) {
    return check == Database::ImageCheck::kFull ? "PRAGMA integrity_check(1)"
                                                : "SELECT 'ok' FROM sqlite_schema LIMIT 1";
}

}  // namespace

// --- ImageBuffer ------------------------------------------------------------

ImageBuffer ImageBuffer::ForImage(size_t size) {
    ImageBuffer b;
    const size_t capacity = size + std::max<size_t>(size / 4, size_t(4) << 20);
    b.data_ = static_cast<uint8_t*>(sqlite3_malloc64(capacity));  // memdb frees it when it owns it
    if (b.data_) {
        b.size_ = size;
        b.capacity_ = capacity;
    }
    return b;
}

ImageBuffer::ImageBuffer(ImageBuffer&& o) noexcept : data_(o.data_), size_(o.size_), capacity_(o.capacity_) {
    o.data_ = nullptr;
    o.size_ = o.capacity_ = 0;
}

ImageBuffer& ImageBuffer::operator=(ImageBuffer&& o) noexcept {
    if (this != &o) {
        sqlite3_free(data_);
        data_ = o.Release();
        size_ = std::exchange(o.size_, 0);
        capacity_ = std::exchange(o.capacity_, 0);
    }
    return *this;
}

ImageBuffer::~ImageBuffer() { sqlite3_free(data_); }

void ImageBuffer::set_size(size_t size) {
    HTK_CHECK(size <= capacity_);
    size_ = size;
}

uint8_t* ImageBuffer::Release() { return std::exchange(data_, nullptr); }

// --- Database images ------------------------------------------------------------

bool Database::LoadImage(const uint8_t* data, size_t size, std::string* error, ImageCheck check_kind) {
    if (size == 0) return true;  // nothing stored yet: keep the empty database
    // Check the image on a scratch connection first, so a bad image leaves
    // the current data untouched (and costs no copy).
    const std::string check = ProbeImage(data, size, CheckSql(check_kind));
    if (check != "ok") {
        if (error) *error = check;
        return false;
    }
    ImageBuffer image = ImageBuffer::ForImage(size);
    if (image.empty()) {
        if (error) *error = "out of memory";
        return false;
    }
    std::memcpy(image.data(), data, size);
    return Adopt(image, error);
}

bool Database::LoadImage(ImageBuffer&& image, std::string* error, ImageCheck check_kind) {
    ImageBuffer mine = std::move(image);  // freed here unless taken over
    if (mine.size() == 0) return true;
    const std::string check = ProbeImage(mine.data(), mine.size(), CheckSql(check_kind));
    if (check != "ok") {
        if (error) *error = check;
        return false;
    }
    return Adopt(mine, error);
}

bool Database::Adopt(ImageBuffer& image, std::string* error) {
    const size_t size = image.size(), capacity = image.capacity();
    // memdb owns the buffer from here (and frees it when this fails).
    const int rc = sqlite3_deserialize(db_, "main", image.Release(), sqlite3_int64(size), sqlite3_int64(capacity),
                                       SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) {
        if (error) *error = sqlite3_errstr(rc);
        return false;
    }
    capacity_ = capacity;
    ExecScript("PRAGMA foreign_keys=ON; PRAGMA journal_mode=MEMORY;");
    return true;
}

std::unique_ptr<Database> Database::OpenOver(ImageBuffer& image, std::string* error, ImageCheck check_kind) {
    std::unique_ptr<Database> d = OpenInMemory();
    // No flags: memdb neither frees nor moves the buffer, and writes it in place.
    const int rc = sqlite3_deserialize(d->db_, "main", image.data(), sqlite3_int64(image.size()),
                                       sqlite3_int64(image.capacity()), 0);
    const std::string result = CheckDeserialized(d->db_, rc, CheckSql(check_kind));
    if (result != "ok") {
        if (error) *error = result;
        return nullptr;
    }
    d->ExecScript("PRAGMA foreign_keys=ON; PRAGMA journal_mode=MEMORY;");
    d->capacity_ = image.capacity();
    return d;
}

std::string Database::CheckImageIntegrity(const uint8_t* data, size_t size) {
    return ProbeImage(data, size, "PRAGMA integrity_check(1)");
}

bool Database::Reserve(size_t bytes) {
    if (in_transaction()) return false;  // the image must be whole
    const ImageView img = Image();
    if (img.size + bytes <= capacity_) return true;
    const size_t capacity = img.size + bytes;
    auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(capacity));
    if (!buf) return false;
    if (img.size) std::memcpy(buf, img.data, img.size);
    const int rc = sqlite3_deserialize(db_, "main", buf, sqlite3_int64(img.size), sqlite3_int64(capacity),
                                       SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) return false;  // (sqlite3_deserialize frees buf on failure)
    capacity_ = capacity;
    ExecScript("PRAGMA foreign_keys=ON; PRAGMA journal_mode=MEMORY;");
    return true;
}

Database::ImageView Database::Image() {
    sqlite3_int64 size = 0;
    unsigned char* p = sqlite3_serialize(db_, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    return {p, p ? size_t(size) : 0};
}

Stmt Database::Prepare(std::string_view sql) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) {
        std::fprintf(stderr, "prepare failed: %s\n  in: %.*s\n", sqlite3_errmsg(db_), int(sql.size()), sql.data());
        CheckFailed(__FILE__, __LINE__, "SQL written by us failed to prepare", sqlite3_errmsg(db_));
    }
    return Stmt(s);
}

Stmt Database::TryPrepare(std::string_view sql, std::string* error, std::string_view* tail) {
    sqlite3_stmt* s = nullptr;
    const char* end = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), int(sql.size()), &s, &end);
    if (rc != SQLITE_OK) {
        if (error) *error = sqlite3_errmsg(db_);
        sqlite3_finalize(s);
        return Stmt();
    }
    if (tail) *tail = std::string_view(end, size_t(sql.data() + sql.size() - end));
    return Stmt(s);
}

void Database::ExecScript(const char* sql) {
    std::string error;
    if (!TryExecScript(sql, &error)) {
        std::fprintf(stderr, "exec failed: %s\n  in: %s\n", error.c_str(), sql);
        CheckFailed(__FILE__, __LINE__, "SQL script written by us failed", error);
    }
}

bool Database::TryExecScript(const char* sql, std::string* error) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK && error) *error = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return rc == SQLITE_OK;
}

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
std::string Database::last_error() const { return sqlite3_errmsg(db_); }

// --- Transaction -------------------------------------------------------------

// A transaction may run inside another (loading the demo data calls the
// stores, which open their own): the outermost is BEGIN/COMMIT, inner ones
// are savepoints, and only the outermost commit writes (and is counted).
Transaction::Transaction(Database& db) : db_(db) {
    db_.ExecScript(db_.transaction_depth_++ == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT htk");
}

Transaction::~Transaction() {
    if (done_) return;
    db_.ExecScript(--db_.transaction_depth_ == 0 ? "ROLLBACK" : "ROLLBACK TO htk; RELEASE htk");
}

bool Transaction::Commit() {
    done_ = true;
    const char* sql = --db_.transaction_depth_ == 0 ? "COMMIT" : "RELEASE htk";
    return sqlite3_exec(db_.raw(), sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

}  // namespace htk
