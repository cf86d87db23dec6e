// household_import_task.h — a registry file from its bytes to the database as
// two tasks (task.h) with the user's preview between them, so that the page
// keeps drawing (with a progress bar and 取消) through a district's registry of
// 800,000 person rows:
//
//   HouseholdPlanTask   reading a CSV file a row at a time (an .xlsx workbook
//                       is read whole first, then its sheet's rows are taken a
//                       slice at a time), then checking the file's households
//                       against the registry (HouseholdImport). Reads only.
//   (the preview)       the plan waits for the user's confirmation.
//   HouseholdWriteTask  the plan written in one transaction (HouseholdWriter),
//                       committed in its last step.
//
// Destroying either unfinished changes nothing (an unfinished write rolls back).
#pragma once

#include "formats/csv.h"
#include "formats/sheet.h"
#include "household_import.h"
#include "household_store.h"
#include "task.h"

#include <memory>
#include <string>

namespace htk {

class Database;

class HouseholdPlanTask : public Task {
public:
    // A CSV file: null (and the bytes untouched) when its first rows hold no
    // household header, or with *error set when it cannot be decoded.
    static std::unique_ptr<HouseholdPlanTask> FromCsv(const std::string& file_name, std::string& bytes, Database& db,
                                                      const Date& today, std::string* error);
    // A workbook already read whose sheet has a household header (see
    // IsHouseholdWorkbook); a workbook without one gives a plan with `fatal`.
    static std::unique_ptr<HouseholdPlanTask> FromWorkbook(const std::string& file_name, Workbook book,
                                                           Database& db, const Date& today);
    ~HouseholdPlanTask() override;

    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;  // 正在读取文件 / 正在逐户核对
    bool reading() const { return reading_; }
    HouseholdImportPlan TakePlan();  // after Step returned true

private:
    HouseholdPlanTask(const std::string& file_name, const std::string& sheet_name, Database& db, const Date& today);
    bool Read(Slice& slice);

    HouseholdStore store_;
    std::unique_ptr<HouseholdImport> import_;
    bool reading_ = true;
    // The rows' source: a CSV reader, or a workbook's sheet.
    std::unique_ptr<CsvReader> csv_;
    Workbook book_;
    Sheet* sheet_ = nullptr;  // in book_
    size_t next_row_ = 0;
};

class HouseholdWriteTask : public Task {
public:
    // Stamped `now`. Room is reserved in the database for what the plan adds.
    HouseholdWriteTask(HouseholdImportPlan plan, Database& db, std::string now);
    ~HouseholdWriteTask() override;  // unfinished: rolled back

    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override { return "正在写入名册"; }
    // Once finished: whether the write failed (and was rolled back), and the
    // plan, whose written households have their ids and no members any more.
    bool failed() const { return failed_; }
    HouseholdImportPlan& plan() { return plan_; }

private:
    HouseholdImportPlan plan_;
    std::unique_ptr<HouseholdWriter> writer_;
    size_t written_ = 0;
    bool failed_ = false;
};

}  // namespace htk
