// backup.h — the whole database as one file (备份), and putting such a file
// back (恢复).
//
// A backup is the SQLite database itself (`<单位>_回头看备份_<YYYYMMDD>.db`):
// any SQLite tool can open it. Restoring checks the file before anything
// changes — the SQLite header, PRAGMA integrity_check, that it is this app's
// database, its schema version (an older one is migrated on a scratch copy; a
// newer one is refused) — and then replaces the current data in one step.
#pragma once

#include "rules/dates.h"
#include "storage/database.h"
#include "task.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace htk {

// What a backup holds, for the confirmation before restoring.
struct BackupSummary {
    int schema_version = 0;  // as stored in the file (before any migration)
    std::string unit_name;
    std::vector<std::string> campaigns;  // names, oldest first
    int64_t problems = 0, households = 0, screenings = 0, weekly_reports = 0;
    std::string last_change;  // the newest problem/household change, "2022-06-15 10:00:00", or ""
};

// The database as bytes of a SQLite file.
std::string BackupBytes(Database& db);
std::string BackupFileName(const std::string& unit, const Date& date);

// Does `bytes` start like a SQLite database file (the 16-byte header)?
bool LooksLikeSqlite(std::string_view bytes);

// The whole-file check (Database::CheckImageIntegrity) under way: Done() is
// asked once per step until it has SQLite's answer ("ok" or a complaint).
// Destroying it unfinished abandons the check.
class IntegrityCheck {
public:
    virtual ~IntegrityCheck() = default;
    virtual bool Done(std::string* result) = 0;
};
// Starts the check of `bytes` (copying what it needs): in the call here, in a
// Web Worker in the browser (platform::StartIntegrityCheck).
using IntegrityCheckStarter = std::unique_ptr<IntegrityCheck> (*)(std::string_view bytes);
std::unique_ptr<IntegrityCheck> CheckIntegrityHere(std::string_view bytes);

// A backup checked and opened: what it holds and its data on a scratch
// database over `image`, migrated to this build's schema, ready to be
// restored — the app's database then takes the buffer over, no copy.
struct InspectedBackup {
    BackupSummary summary;
    ImageBuffer image;
    std::unique_ptr<Database> db;  // over `image`: closed before it is freed
    InspectedBackup();
    InspectedBackup(InspectedBackup&&) noexcept;
    InspectedBackup& operator=(InspectedBackup&&) noexcept;
    ~InspectedBackup();
};

// Checking a backup file a step at a time (task.h): the header; the
// whole-file check, by `start`; the file opened on a scratch database; its
// schema compared with ours and migrated; the summary. Each step is one of
// these (the check's wait costs nothing) but the copy into the scratch's
// buffer, a few MB per slice; the file's bytes are freed once it is open.
class BackupInspectTask : public Task {
public:
    BackupInspectTask(std::string bytes, IntegrityCheckStarter start);
    ~BackupInspectTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    bool waiting() const override { return stage_ == Stage::kChecking; }  // for the worker's check

    // After Step returned true: whether the file can be restored, why not.
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    InspectedBackup TakeResult() { return std::move(result_); }

private:
    enum class Stage { kHeader, kChecking, kOpening, kSchema, kSummary, kDone };
    std::string bytes_;
    IntegrityCheckStarter start_;
    std::unique_ptr<IntegrityCheck> check_;
    Stage stage_ = Stage::kHeader;
    size_t copied_ = 0;  // of bytes_ into result_.image
    InspectedBackup result_;
    std::string error_;
};

// The same run to its end, the check in the call; false with a Chinese reason.
bool InspectBackup(std::string_view bytes, BackupSummary* summary, std::string* error);

// Replaces everything in `db` with an inspected backup's data, taking its
// buffer over (the backup is used up either way). On any failure `db` is
// unchanged and `error` says why.
bool RestoreInspected(Database& db, InspectedBackup&& backup, std::string* error);
// Inspects and restores in one call.
bool RestoreBackup(Database& db, std::string_view bytes, std::string* error);

// The day of the last backup ("" when none), and recording one.
std::string LastBackupDay(Database& db);
void RecordBackup(Database& db, const Date& day);
// A backup is due when there is data and none was made in the last 7 days.
bool BackupDue(Database& db, const Date& today, int* days_since = nullptr);

// What 首页 and 设置 show of backups, every frame: read again only after a
// commit or on a new day.
struct BackupStatus {
    std::string last_day;  // ISO, "" when none
    bool due = false;
    int days_since = -1;   // -1 when none
    uint64_t read_at_commit = ~0ull;
    Date read_on;
};
const BackupStatus& UpdateBackupStatus(Database& db, const Date& today, BackupStatus* status);

}  // namespace htk
