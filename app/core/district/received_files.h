// received_files.h — 收文: the ledgers every township and department sends
// the district office, read, attributed to a unit and a report week, and
// merged into one ledger.
//
// A file is read like any ledger import (header anywhere in the first rows,
// column synonyms, dates in every form, a row-level error report). Its unit
// is the unit (unit_names.h: names and aliases) that our own metadata, the
// “单位（盖章）：” line, the file name, or one 填报单位 shared by every row name
// — or the user chooses it; a name matching no unit never makes a new one.
// The same bytes go where they went before. Its week comes from "第k周" in
// the file or sheet name, else from the date it carries.
//
// Every received file is linked to every problem it lists (file_problem). A
// file can be removed (its problems go too, unless another file still counted
// lists them) or moved to another unit and week; each is one undo step of the
// ledger, and so is an import together with its file records.
//
// Merging keeps, for each problem, the version with the newest version time
// (when the file was exported, else the date on the sheet, else the file's
// own time). A version that loses stays in the problem's history, so both
// versions of a conflict are kept; importing the same files again changes
// nothing.
#pragma once

#include "district/drift.h"
#include "district/unit_names.h"
#include "domain/ledger_import.h"
#include "formats/sheet.h"
#include "rules/dates.h"
#include "task.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace htk {

struct Campaign;
class Database;
class LedgerStore;
struct ChangeContext;

constexpr int kFinalWeek = 1000;  // the final ledger of 总结验收 (终期), after every report week
// A file dated up to this many days after a week's due day is that week's
// report, late (not the next week's, early).
constexpr int kLateDays = 3;

// "第2周", or "终期" for kFinalWeek.
std::string WeekLabel(int week_no);

// A unit's file as received, before it is merged.
struct ReceivedFile {
    std::string file_name;
    std::string content_hash;  // XXH64 of the bytes, hex
    std::string unit;          // "" until the user chooses
    std::string unit_from;     // how the unit was found, for the dialog (文件信息 / 单位（盖章）行 / 文件名 / 填报单位列 / 上次的选择)
    std::string unit_typed;    // the name the file gives when it matches no unit
    std::string unit_note;     // what the dialog must say: a name matching no unit, sources that disagree
    int week_no = 0;           // 1…n or kFinalWeek
    std::string week_from;     // how the week was found (文件名 / 表名 / 报送日期 / 导入日期)
    Date report_date;          // the date the file carries, or its own date
    std::string version_time;  // "YYYY-MM-DD HH:MM:SS": orders versions of a problem
    Workbook book;
    int rows = 0;              // problems read (rows taken)
    std::vector<ImportRowError> errors;
    std::string error;         // why nothing can be read (the file is listed, not merged)
};

// Reads a received file. `dir` holds the units expected to report, their
// aliases and the choices remembered for files received before;
// `modified` is the file's own time ("YYYY-MM-DD HH:MM:SS", "" if unknown) and
// `now` the time of receipt, used when the file carries no date.
ReceivedFile ReadReceivedFile(const std::string& name, const std::string& bytes, const std::string& modified,
                              const std::string& now, const Campaign& campaign, const UnitDirectory& dir,
                              const LedgerStore& store);

// The same a slice at a time (task.h), for a file read by the page (a unit's
// 2,800-row file took one 70 ms frame): the file read (ReadTableTask), its rows
// checked (LedgerPlanTask, nothing matched), then its unit and week found. It
// keeps its own copies of the campaign and the directory; `store` must stay.
// Reads only.
class ReceivedFileTask : public Task {
public:
    ReceivedFileTask(std::string name, std::string bytes, std::string modified, std::string now,
                     const Campaign& campaign, UnitDirectory dir, const LedgerStore& store);
    ~ReceivedFileTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    ReceivedFile TakeFile();  // after Step returned true

    struct State;

private:
    std::unique_ptr<State> s_;
};

// The name in `known_units` that `typed` means: the same after width and
// spaces, or one containing the other ("椹涧乡人民政府" is 椹涧乡); "" when none.
std::string MatchUnit(const std::string& typed, const std::vector<std::string>& known_units);

// A name ending as unit names do (…乡, …镇, …街道, …局, …委, …办, …公司, …):
// a file named "<单位>_整改台账…" names its unit even if 设置 does not list it.
bool LooksLikeUnitName(const std::string& s);

struct MergeCounts {
    int added = 0;      // problems not seen before
    int updated = 0;    // newer versions of problems the unit sent before
    int unchanged = 0;  // the same as stored, or an older version already kept
    int conflicts = 0;  // versions of a problem that differ between files (newer wins)
    int rejected = 0;   // rows that could not be taken (see the file's errors)
    void operator+=(const MergeCounts& o) {
        added += o.added, updated += o.updated, unchanged += o.unchanged, conflicts += o.conflicts;
        rejected += o.rejected;
    }
};

struct MergedFile {
    std::string file_name, unit;
    int week_no = 0;
    MergeCounts counts;
    bool received_before = false;  // the same bytes from the same unit and week
};

struct MergeSummary {
    std::vector<MergedFile> files;  // in the order merged (oldest version first)
    MergeCounts total;
    std::vector<int64_t> touched;   // problem ids added or changed
    // For each unit a file came from: the problems its earlier files listed
    // and its latest file does not (drift.h), with the reworded ones proposed.
    std::vector<UnitDrift> drift;
};

// Merges the files (each with its unit and week set) in one transaction and
// one undo step, a file at a time (core/task.h): the files, `current` (every
// stored problem not deleted: the ledger screen's rows) and the campaign stay
// the caller's and unchanged until the task ends. Files without a unit or
// with an error are skipped. Destroyed unfinished, it rolls back: nothing is
// merged, no file recorded, no undo step pushed.
class MergeTask : public Task {
public:
    MergeTask(const std::vector<const ReceivedFile*>& files, const Campaign& campaign, Database& db,
              LedgerStore& store, const std::vector<Problem>& current, const ChangeContext& ctx);
    ~MergeTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    MergeSummary& summary();  // once finished

private:
    struct State;
    std::unique_ptr<State> s_;
};

// The same in one call.
MergeSummary MergeReceivedFiles(const std::vector<const ReceivedFile*>& files, const Campaign& campaign,
                                Database& db, LedgerStore& store, const std::vector<Problem>& current,
                                const ChangeContext& ctx);

// A problem's fields as JSON ({"area": …}), as a file gave them
// (file_problem.data), and back (fields missing from `data` stay).
std::string ProblemData(const Problem& p);
bool ReadProblemData(const std::string& data, Problem* p);

// A received file as recorded.
struct ReceivedFileInfo {
    int64_t id = 0;
    std::string unit;
    int week_no = 0;
    std::string file_name, version_time, received_at, content_hash;
    Date report_date;
    int row_count = 0;
    MergeCounts counts;
};
std::vector<ReceivedFileInfo> ListReceivedFiles(Database& db, int64_t campaign_id);  // counted ones, newest first
// The rows a received file could not give, with their reasons.
std::vector<ImportRowError> ListFileErrors(Database& db, int64_t file_id);

// Stops counting a received file, and deletes the problems no other counted
// file lists; a problem others still list gets back the values of the latest
// of them where this file's newer version had set them. One undo step.
// Returns the touched problem ids.
std::vector<int64_t> RemoveReceivedFile(Database& db, LedgerStore& store, int64_t file_id, const ChangeContext& ctx);
// Gives a received file to another unit and/or week, as if it were removed
// from its unit and received from the other: its problems follow (a problem
// the new unit already has is linked instead); a problem another file of the
// old unit still lists stays there with that file's values, and the new unit
// gets its own copy, as the moved file gave it. One undo step. "" or why not
// (in Chinese).
std::string MoveReceivedFile(Database& db, LedgerStore& store, const Campaign& campaign, int64_t file_id,
                             const std::string& unit, int week_no, const ChangeContext& ctx,
                             std::vector<int64_t>* touched);

// What must hold between the received files and the ledger: each counted file
// lists as many problems as it gave, all of them not deleted and of its unit,
// and every problem that came from files is listed by a counted file. Returns
// each discrepancy in words (empty when all holds); for tests.
std::vector<std::string> CheckReceivedFiles(Database& db, int64_t campaign_id);

}  // namespace htk
