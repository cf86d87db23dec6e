// table_file.h — any spreadsheet file a user picks: .xlsx (by its zip
// signature, whatever the name says) or text (.csv/.txt, any encoding).
#pragma once

#include "csv.h"
#include "sheet.h"
#include "task.h"

#include <memory>
#include <string>
#include <string_view>

namespace htk {

// A CSV table as a sheet of text cells.
Sheet SheetFromCsv(CsvTable&& table, const std::string& name);

// Whether ReadTableFile would read these bytes as text (CSV), not as a
// workbook (.xlsx) nor refuse them as an old binary .xls.
bool IsTextTable(std::string_view bytes);

// Returns false with a Chinese message (e.g. for an old binary .xls).
bool ReadTableFile(const std::string& file_name, std::string_view bytes, Workbook* out, std::string* error);

// ReadTableFile a slice at a time (core/task.h): a workbook through
// XlsxReadTask, a CSV a row at a time. It owns the file's bytes. Finished:
// ok() and workbook(), or error() (a Chinese message).
class ReadTableTask : public Task {
public:
    ReadTableTask(std::string file_name, std::string bytes);
    ~ReadTableTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    const std::string& file_name() const { return file_name_; }
    Workbook& workbook() { return book_; }

private:
    std::string file_name_, bytes_;
    std::unique_ptr<class XlsxReadTask> xlsx_;
    std::unique_ptr<class CsvReader> csv_;
    bool started_ = false;
    Workbook book_;
    std::string error_;
};

}  // namespace htk
