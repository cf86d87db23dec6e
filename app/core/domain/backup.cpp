#include "backup.h"

#include "domain/ledger_xlsx.h"  // UnitFileName
#include "storage/database.h"
#include "storage/schema.h"

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

// Opens the bytes as a scratch database, checked, this app's, migrated.
std::unique_ptr<Database> OpenChecked(std::string_view bytes, int* stored_version, std::string* error) {
    if (!LooksLikeSqlite(bytes)) {
        *error = "这不是备份文件（备份文件是本工具“备份”导出的 .db 文件）";
        return nullptr;
    }
    std::unique_ptr<Database> scratch = Database::OpenInMemory();
    std::string why;
    // Known: the full check follows on the scratch copy (it reports every problem, not the first).
    if (!scratch->LoadImage(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &why,
                            Database::ImageCheck::kKnown)) {
        *error = "备份文件已损坏，无法使用（" + why + "）";
        return nullptr;
    }
    {
        Stmt q = scratch->Prepare("PRAGMA integrity_check");
        std::string result = q.Step() ? q.Text(0) : "无结果";
        if (result != "ok") {
            *error = "备份文件已损坏，无法使用（完整性检查：" + result + "）";
            return nullptr;
        }
    }
    *stored_version = StoredSchemaVersion(*scratch);
    if (*stored_version > SchemaVersion()) {
        *error = "这个备份来自更新版本的工具（数据版本 " + std::to_string(*stored_version) +
                 "），请先更新本工具再恢复";
        return nullptr;
    }
    // Its tables, indexes and triggers must be exactly what our migrations
    // make at its version (migrations are never edited once released), so the
    // later ones apply and every statement we prepare fits. A file that only
    // looks like ours — other columns, an extra trigger — is refused here.
    std::unique_ptr<Database> reference = Database::OpenInMemory();
    if (*stored_version < 2 || Migrate(*reference, *stored_version) != MigrateResult::kOk ||
        SchemaText(*scratch) != SchemaText(*reference)) {
        *error = "这个 .db 文件不是“回头看整改台账”的备份（或已被其他程序改动）";
        return nullptr;
    }
    std::string migrate_error;
    if (Migrate(*scratch, 0, &migrate_error) != MigrateResult::kOk) {
        *error = "这个备份无法升级到当前版本（" + migrate_error + "）";
        return nullptr;
    }
    return scratch;
}

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

bool InspectBackup(std::string_view bytes, BackupSummary* s, std::string* error) {
    std::unique_ptr<Database> db = OpenChecked(bytes, &s->schema_version, error);
    if (!db) return false;
    {
        Stmt q = db->Prepare("SELECT value FROM settings WHERE key = 'unit_name'");
        s->unit_name = q.Step() ? q.Text(0) : "";
    }
    Stmt c = db->Prepare("SELECT name FROM campaign ORDER BY id");
    while (c.Step()) s->campaigns.push_back(c.Text(0));
    s->problems = Count(*db, "SELECT count(*) FROM problem WHERE deleted = 0");
    s->households = Count(*db, "SELECT count(*) FROM household");
    s->screenings = Count(*db, "SELECT count(*) FROM screening");
    s->weekly_reports = Count(*db, "SELECT count(*) FROM weekly_report");
    Stmt last = db->Prepare(
        "SELECT max(t) FROM (SELECT max(updated_at) AS t FROM problem UNION ALL SELECT max(updated_at) FROM household)");
    s->last_change = last.Step() && !last.IsNull(0) ? last.Text(0) : "";
    return true;
}

bool RestoreBackup(Database& db, std::string_view bytes, std::string* error) {
    int version = 0;
    std::unique_ptr<Database> scratch = OpenChecked(bytes, &version, error);
    if (!scratch) return false;
    Database::ImageView image = scratch->Image();
    // Checked in full by OpenChecked.
    if (!db.LoadImage(image.data, image.size, error, Database::ImageCheck::kKnown)) {
        *error = "恢复失败，当前数据没有改变（" + *error + "）";
        return false;
    }
    // A committed write, so that the restored data is saved like any edit.
    Transaction tx(db);
    Stmt q = db.Prepare("INSERT INTO settings(key, value) VALUES('restored_from_version', ?1) "
                        "ON CONFLICT(key) DO UPDATE SET value = ?1");
    q.Bind(1, std::to_string(version));
    q.Run();
    return tx.Commit();
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
