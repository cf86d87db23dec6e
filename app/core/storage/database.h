// database.h — a thin owner of one SQLite connection.
//
// The whole app keeps its data in one in-memory SQLite database. The browser
// layer restores it from an image (LoadImage) before the app starts and writes
// a fresh image (ImageView) to IndexedDB after every committed write; the
// commit counter tells it when. Native tests use the same class unchanged.
//
// Rules kept here:
//  - every statement is prepared; values are always bound, never spliced;
//  - SQL that we write and that fails is our bug: HTK_CHECK stops (check.h);
//  - data the user brings (an image, a query typed in the console) can be bad:
//    those calls return false / an error string and change nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace htk {

class Database;

// A prepared statement. Bind indexes are 1-based as in SQLite; column
// indexes are 0-based. Move-only; finalized on destruction.
class Stmt {
public:
    Stmt() = default;
    Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    ~Stmt();

    Stmt& Bind(int i, int64_t v);
    Stmt& Bind(int i, double v);
    Stmt& Bind(int i, std::string_view v);
    Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
    Stmt& BindNull(int i);

    // Steps once. Returns true while a row is available, false when done.
    // A constraint violation or other step error is reported through ok();
    // callers that do not expect one HTK_CHECK it (mostly through Run()).
    bool Step();
    // Runs a statement that returns no rows; returns false on error.
    bool Run();
    void Reset();

    bool ok() const { return ok_; }
    int64_t Int(int col) const;
    double Real(int col) const;
    std::string Text(int col) const;
    bool IsNull(int col) const;
    int ColumnCount() const;

    sqlite3_stmt* raw() const { return s_; }

private:
    friend class Database;
    explicit Stmt(sqlite3_stmt* s) : s_(s) {}
    sqlite3_stmt* s_ = nullptr;
    bool ok_ = true;
};

// Memory for a database image that a Database can take over without copying
// it (LoadImage(ImageBuffer&&)): copying a district's 120 MB image took 190 to
// 430 ms in the browser, most of it first touching the fresh pages. It has
// room to grow (a quarter more, at least 4 MB), as memdb would otherwise
// double a full buffer on the first write. Move-only; freed unless taken.
class ImageBuffer {
public:
    // Room for an image of `size` bytes (size() is set to it); empty() when
    // that much memory cannot be had.
    static ImageBuffer ForImage(size_t size);
    ImageBuffer() = default;
    ImageBuffer(ImageBuffer&& o) noexcept;
    ImageBuffer& operator=(ImageBuffer&& o) noexcept;
    ImageBuffer(const ImageBuffer&) = delete;
    ImageBuffer& operator=(const ImageBuffer&) = delete;
    ~ImageBuffer();

    bool empty() const { return data_ == nullptr; }
    uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    // The image's size after a database opened over it (OpenOver) changed it;
    // at most capacity().
    void set_size(size_t size);

private:
    friend class Database;
    uint8_t* Release();
    uint8_t* data_ = nullptr;
    size_t size_ = 0, capacity_ = 0;
};

class Database {
public:
    // Opens an empty in-memory database ("memdb", so it can be serialized
    // without a copy). Never fails short of out-of-memory.
    static std::unique_ptr<Database> OpenInMemory();
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // How much LoadImage checks an image before it replaces the contents.
    enum class ImageCheck {
        // PRAGMA integrity_check(1): every page, every index against its table
        // (2 s for a district's 96 MB in wasm). For bytes from outside.
        kFull,
        // Bytes already proven to be a database this app wrote: a stored
        // generation whose chunk hashes match what the save recorded, or an
        // image just checked in full. Only the schema is read.
        kKnown,
    };
    // Replaces the contents with a database image (the bytes of a .db file).
    // The image is checked first (on a scratch copy); on a bad image returns
    // false with the reason and leaves the old contents.
    bool LoadImage(const uint8_t* data, size_t size, std::string* error, ImageCheck check = ImageCheck::kFull);
    // The same without a copy: the database takes `image` over (checked in
    // place first). On a bad image the buffer is freed and the old contents
    // stay.
    bool LoadImage(ImageBuffer&& image, std::string* error, ImageCheck check = ImageCheck::kFull);
    // A database whose data is `image` itself, read and written in place:
    // never moved or freed by SQLite, so it cannot grow past the buffer's
    // capacity (a write that would fails with SQLITE_FULL). `image` must
    // outlive it; after it is closed, image.set_size(what Image() last said)
    // makes the buffer hold its final data (backup.cpp's scratch copy, later
    // taken over by the app's database). Null plus the reason when the image
    // does not pass `check`.
    static std::unique_ptr<Database> OpenOver(ImageBuffer& image, std::string* error,
                                              ImageCheck check = ImageCheck::kFull);
    // PRAGMA integrity_check of an image on a connection of its own: "ok", or
    // what SQLite found first. One SQLite call that cannot be cut into slices
    // (1.5 s for a district's 120 MB natively): the browser runs it in a Web
    // Worker (app/web_worker/).
    static std::string CheckImageIntegrity(const uint8_t* data, size_t size);

    // Makes room for `bytes` more without memdb's reallocations while they are
    // written: each doubles the buffer, copying the whole image at once (a
    // district's registry import held one frame for 1.4 s that way). Moves
    // the image into a buffer of size + bytes when the one it has is smaller:
    // one copy now, of a database that is usually small before a big import.
    // False (nothing changed) when that much memory cannot be had.
    bool Reserve(size_t bytes);

    // The current image without copying; valid until the next write.
    // Returns {nullptr, 0} for an empty database.
    struct ImageView { const uint8_t* data; size_t size; };
    ImageView Image();

    // Prepares SQL that we wrote (HTK_CHECK on error).
    Stmt Prepare(std::string_view sql);
    // The same, kept prepared for the life of the connection: for statements
    // run once per row in loops. Returned reset and unbound; do not keep it
    // across another Cached() call with the same SQL.
    Stmt& Cached(const std::string& sql);
    // Prepares SQL that came from outside; nullptr-statement plus error on failure.
    Stmt TryPrepare(std::string_view sql, std::string* error, std::string_view* tail = nullptr);
    // Runs one or more statements that we wrote and that bind nothing (schema).
    void ExecScript(const char* sql);
    // The same for a script whose failure depends on the data it meets (a
    // migration over stored data): false plus SQLite's message on failure.
    bool TryExecScript(const char* sql, std::string* error);

    // Number of transactions committed since open (including autocommits).
    uint64_t commit_count() const { return commits_; }
    bool in_transaction() const;
    int64_t last_insert_rowid() const;
    int changes() const;  // rows the last statement inserted, updated or deleted
    std::string last_error() const;
    sqlite3* raw() const { return db_; }

private:
    Database() = default;
    bool Adopt(ImageBuffer& image, std::string* error);
    sqlite3* db_ = nullptr;
    uint64_t commits_ = 0;
    size_t capacity_ = 0;  // of the buffer LoadImage or Reserve gave memdb (it may have grown since)
    std::unordered_map<std::string, Stmt> cache_;
    friend class Transaction;
    int transaction_depth_ = 0;  // Transactions open now, outermost first
};

// RAII transaction (a savepoint, so they nest): rolled back unless Commit();
// only the outermost Commit() writes.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    bool Commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace htk
