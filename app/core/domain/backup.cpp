#include "backup.h"

#include "domain/ledger_xlsx.h"  // UnitFileName
#include "storage/database.h"
#include "storage/schema.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace htk {
namespace {

constexpr char kSqliteHeader[] = "SQLite format 3";  // and its NUL: 16 bytes
constexpr const char* kLastBackupKey = "last_backup_on";

// Every schema object, as SQLite keeps its definition.
std::vector<std::string> SchemaText(Database& db) {
    std::vector<std::string> out;
    Stmt q = db.Prepare("SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') "
                        "FROM sqlite_schema ORDER BY type, name");
    while (q.Step()) out.push_back(q.Text(0));
    return out;
}

// Copied into the scratch's buffer per piece: ~13 ms in the browser.
constexpr size_t kCopyPiece = size_t(8) << 20;

// Is it this app's database (at its version), and is it migrated?
bool CheckSchema(Database& scratch, int* stored_version, std::string* error) {
    *stored_version = StoredSchemaVersion(scratch);
    if (*stored_version > SchemaVersion()) {
        *error = "这个备份来自更新版本的工具（数据版本 " + std::to_string(*stored_version) +
                 "），请先更新本工具再恢复";
        return false;
    }
    // Its tables, indexes and triggers must be exactly what our migrations
    // make at its version (migrations are never edited once released), so the
    // later ones apply and every statement we prepare fits. A file that only
    // looks like ours — other columns, an extra trigger — is refused here.
    std::unique_ptr<Database> reference = Database::OpenInMemory();
    if (*stored_version < 2 || Migrate(*reference, *stored_version) != MigrateResult::kOk ||
        SchemaText(scratch) != SchemaText(*reference)) {
        *error = "这个 .db 文件不是“回头看整改台账”的备份（或已被其他程序改动）";
        return false;
    }
    std::string migrate_error;
    if (Migrate(scratch, 0, &migrate_error) != MigrateResult::kOk) {
        *error = "这个备份无法升级到当前版本（" + migrate_error + "）";
        return false;
    }
    return true;
}

class CheckedHere : public IntegrityCheck {
public:
    explicit CheckedHere(std::string result) : result_(std::move(result)) {}
    bool Done(std::string* result) override {
        *result = result_;
        return true;
    }

private:
    std::string result_;
};

int64_t Count(Database& db, const char* sql) {
    Stmt q = db.Prepare(sql);
    return q.Step() ? q.Int(0) : 0;
}

}  // namespace

std::string BackupBytes(Database& db) {
    Database::ImageView image = db.Image();
    return std::string(reinterpret_cast<const char*>(image.data), image.size);
}

std::string BackupFileName(const std::string& unit, const Date& date) {
    return UnitFileName(unit, "回头看备份", date, ".db");
}

bool LooksLikeSqlite(std::string_view bytes) {
    return bytes.size() >= 100 && std::memcmp(bytes.data(), kSqliteHeader, sizeof kSqliteHeader) == 0;
}

std::unique_ptr<IntegrityCheck> CheckIntegrityHere(std::string_view bytes) {
    return std::make_unique<CheckedHere>(
        Database::CheckImageIntegrity(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

InspectedBackup::InspectedBackup() = default;
InspectedBackup::InspectedBackup(InspectedBackup&&) noexcept = default;
InspectedBackup& InspectedBackup::operator=(InspectedBackup&& o) noexcept {
    db = std::move(o.db);  // the old scratch closed before its buffer goes
    image = std::move(o.image);
    summary = std::move(o.summary);
    return *this;
}
InspectedBackup::~InspectedBackup() = default;  // db (declared last) closes first

BackupInspectTask::BackupInspectTask(std::string bytes, IntegrityCheckStarter start)
    : bytes_(std::move(bytes)), start_(start) {}
BackupInspectTask::~BackupInspectTask() = default;

bool BackupInspectTask::Step(Slice& slice) {
    auto fail = [&](std::string why) {
        error_ = std::move(why);
        result_ = InspectedBackup();
        check_.reset();
        bytes_.clear();
        stage_ = Stage::kDone;
        return true;
    };
    switch (stage_) {
        case Stage::kHeader:
            if (!LooksLikeSqlite(bytes_)) return fail("这不是备份文件（备份文件是本工具“备份”导出的 .db 文件）");
            check_ = start_(bytes_);
            stage_ = Stage::kChecking;
            return false;
        case Stage::kChecking: {
            std::string result;
            if (!check_->Done(&result)) return false;
            check_.reset();
            if (result != "ok") return fail("备份文件已损坏，无法使用（完整性检查：" + result + "）");
            stage_ = Stage::kOpening;
            return false;
        }
        case Stage::kOpening: {
            if (result_.image.empty()) {
                result_.image = ImageBuffer::ForImage(bytes_.size());
                if (result_.image.empty()) return fail("内存不足，无法打开这个备份文件。请关闭其他网页后再试");
            }
            do {
                const size_t n = std::min(kCopyPiece, bytes_.size() - copied_);
                std::memcpy(result_.image.data() + copied_, bytes_.data() + copied_, n);
                copied_ += n;
            } while (copied_ < bytes_.size() && !slice.over_now());
            if (copied_ < bytes_.size()) return false;
            std::string why;
            // Checked in full by the whole-file check.
            result_.db = Database::OpenOver(result_.image, &why, Database::ImageCheck::kKnown);
            if (!result_.db) return fail("备份文件已损坏，无法使用（" + why + "）");
            bytes_ = std::string();  // the scratch holds the data now
            stage_ = Stage::kSchema;
            return false;
        }
        case Stage::kSchema:
            if (!CheckSchema(*result_.db, &result_.summary.schema_version, &error_)) return fail(error_);
            stage_ = Stage::kSummary;
            return false;
        case Stage::kSummary: {
            Database& db = *result_.db;
            BackupSummary* s = &result_.summary;
            {
                Stmt q = db.Prepare("SELECT value FROM settings WHERE key = 'unit_name'");
                s->unit_name = q.Step() ? q.Text(0) : "";
            }
            Stmt c = db.Prepare("SELECT name FROM campaign ORDER BY id");
            while (c.Step()) s->campaigns.push_back(c.Text(0));
            s->problems = Count(db, "SELECT count(*) FROM problem WHERE deleted = 0");
            s->households = Count(db, "SELECT count(*) FROM household");
            s->screenings = Count(db, "SELECT count(*) FROM screening");
            s->weekly_reports = Count(db, "SELECT count(*) FROM weekly_report");
            Stmt last = db.Prepare("SELECT max(t) FROM (SELECT max(updated_at) AS t FROM problem "
                                   "UNION ALL SELECT max(updated_at) FROM household)");
            s->last_change = last.Step() && !last.IsNull(0) ? last.Text(0) : "";
            stage_ = Stage::kDone;
            return true;
        }
        case Stage::kDone:
            return true;
    }
    return true;
}

double BackupInspectTask::progress() const {
    switch (stage_) {
        case Stage::kHeader: return 0;
        case Stage::kChecking: return 0.1;
        case Stage::kOpening: return 0.7 + (bytes_.empty() ? 0 : 0.1 * double(copied_) / double(bytes_.size()));
        case Stage::kSchema: return 0.8;
        case Stage::kSummary: return 0.9;
        case Stage::kDone: return 1;
    }
    return 1;
}

std::string BackupInspectTask::stage() const {
    return stage_ <= Stage::kChecking ? "正在检查备份文件是否完整" : "正在读取备份内容";
}

bool InspectBackup(std::string_view bytes, BackupSummary* s, std::string* error) {
    BackupInspectTask task{std::string(bytes), CheckIntegrityHere};
    RunToEnd(task);
    if (!task.ok()) {
        *error = task.error();
        return false;
    }
    *s = task.TakeResult().summary;
    return true;
}

bool RestoreInspected(Database& db, InspectedBackup&& backup, std::string* error) {
    InspectedBackup used = std::move(backup);
    if (!used.db) {
        *error = "恢复失败，当前数据没有改变（备份未经检查）";
        return false;
    }
    // The scratch let go of its buffer (a migration may have grown the data in it).
    used.image.set_size(used.db->Image().size);
    used.db.reset();
    // Checked in full when it was inspected.
    if (!db.LoadImage(std::move(used.image), error, Database::ImageCheck::kKnown)) {
        *error = "恢复失败，当前数据没有改变（" + *error + "）";
        return false;
    }
    // A committed write, so that the restored data is saved like any edit.
    Transaction tx(db);
    Stmt q = db.Prepare("INSERT INTO settings(key, value) VALUES('restored_from_version', ?1) "
                        "ON CONFLICT(key) DO UPDATE SET value = ?1");
    q.Bind(1, std::to_string(backup.summary.schema_version));
    q.Run();
    return tx.Commit();
}

bool RestoreBackup(Database& db, std::string_view bytes, std::string* error) {
    BackupInspectTask task{std::string(bytes), CheckIntegrityHere};
    RunToEnd(task);
    if (!task.ok()) {
        *error = task.error();
        return false;
    }
    return RestoreInspected(db, task.TakeResult(), error);
}

std::string LastBackupDay(Database& db) {
    Stmt q = db.Prepare("SELECT value FROM settings WHERE key = ?1");
    q.Bind(1, kLastBackupKey);
    return q.Step() ? q.Text(0) : "";
}

void RecordBackup(Database& db, const Date& day) {
    Transaction tx(db);
    Stmt q = db.Prepare("INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    q.Bind(1, kLastBackupKey).Bind(2, FormatIso(day));
    q.Run();
    tx.Commit();
}

bool BackupDue(Database& db, const Date& today, int* days_since) {
    const bool has_data = Count(db, "SELECT EXISTS (SELECT 1 FROM problem WHERE deleted = 0) OR "
                                    "EXISTS (SELECT 1 FROM household)") != 0;
    DateParse last = ParseDate(LastBackupDay(db));
    const int days = last.ok ? int(DaysBetween(last.date, today)) : -1;
    if (days_since) *days_since = days;
    return has_data && (days < 0 || days >= 7);
}

const BackupStatus& UpdateBackupStatus(Database& db, const Date& today, BackupStatus* s) {
    if (s->read_at_commit != db.commit_count() || !(s->read_on == today)) {
        s->last_day = LastBackupDay(db);
        s->due = BackupDue(db, today, &s->days_since);
        s->read_at_commit = db.commit_count();
        s->read_on = today;
    }
    return *s;
}

}  // namespace htk
