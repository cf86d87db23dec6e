// household_import_job.h — a registry file from its bytes to the database, a
// slice of work at a time, so that the page keeps drawing (with a progress
// bar) through a district's registry of 800,000 person rows:
//
//   reading   a CSV file a row at a time (an .xlsx workbook is read whole
//             first, then its sheet's rows are taken a slice at a time);
//   checking  the file's households against the registry (HouseholdImport);
//   preview   waits for the user's confirmation;
//   writing   in one transaction (HouseholdWriter), committed at the end.
//
// Destroying the job at any stage changes nothing (an unfinished write rolls
// back). The UI owns the job and calls Step once per frame.
#pragma once

#include "formats/csv.h"
#include "formats/sheet.h"
#include "household_import.h"
#include "household_store.h"

#include <memory>
#include <string>

namespace htk {

class Database;

class HouseholdImportJob {
public:
    enum class Stage { kReading, kChecking, kPreview, kWriting, kDone };

    // A CSV file: null (and the bytes untouched) when its first rows hold no
    // household header, or with *error set when it cannot be decoded.
    static std::unique_ptr<HouseholdImportJob> FromCsv(const std::string& file_name, std::string& bytes, Database& db,
                                                       const Date& today, std::string* error);
    // A workbook already read whose sheet has a household header (see
    // IsHouseholdWorkbook); a workbook without one gives a plan with `fatal`.
    static std::unique_ptr<HouseholdImportJob> FromWorkbook(const std::string& file_name, Workbook book,
                                                            Database& db, const Date& today);
    ~HouseholdImportJob();

    // Works for about `budget_s` seconds by `clock` (< 0: to the next stage
    // that waits: the preview, or done).
    void Step(double budget_s, double (*clock)());
    Stage stage() const { return stage_; }
    double progress() const;  // within the stage, 0..1
    HouseholdImportPlan& plan() { return import_->plan(); }

    // From the preview: write the plan (stamped `now`) over the next steps;
    // written households get their ids and let go of their members.
    void Confirm(const std::string& now);
    // Done: whether the write failed (and was rolled back).
    bool write_failed() const { return write_failed_; }

private:
    HouseholdImportJob(const std::string& file_name, const std::string& sheet_name, Database& db, const Date& today);
    bool Read(double budget_s, double (*clock)(), double start);
    void Write(double budget_s, double (*clock)(), double start);

    Database& db_;
    HouseholdStore store_;
    std::unique_ptr<HouseholdImport> import_;
    Stage stage_ = Stage::kReading;
    // The rows' source: a CSV reader, or a workbook's sheet.
    std::unique_ptr<CsvReader> csv_;
    Workbook book_;
    Sheet* sheet_ = nullptr;  // in book_
    size_t next_row_ = 0;
    // Writing.
    std::unique_ptr<HouseholdWriter> writer_;
    size_t written_ = 0;
    bool write_failed_ = false;
};

}  // namespace htk
