// import_errors.h — the rows an import refuses, and the same grouped by cause.
//
// A registry of 30,000 people may refuse a hundred rows for one reason and
// two for another: the preview shows each cause once with its row numbers
// (“证件号码校验位错误：2 行（第 116、118 行）”), and the whole list stays
// available row by row, to copy or export.
#pragma once

#include <string>
#include <vector>

namespace htk {

struct ImportRowError {
    int row = 0;          // the sheet's row number (1-based)
    std::string message;  // Chinese: what is wrong with this row
    std::string cause;    // the kind of error, for grouping; "" = the message itself
};

struct ImportErrorGroup {
    std::string cause;
    std::vector<int> rows;     // sheet rows, in file order
    std::string first_detail;  // the first row's full message
};

// Groups by cause, the most frequent first (ties: the cause met first).
std::vector<ImportErrorGroup> GroupImportErrors(const std::vector<ImportRowError>& errors);

// “2 行（第 116、118 行）”, listing at most `max_rows` rows (“…等 120 行”).
std::string ImportErrorRowsText(const ImportErrorGroup& group, size_t max_rows = 10);

// Every refused row as tab-separated text, a header line first (行号, 原因):
// for the clipboard (pastes into Excel/WPS as two columns).
std::string ImportErrorsAsText(const std::vector<ImportRowError>& errors);
// The same as a CSV file (UTF-8 with BOM, for Excel/WPS).
std::string ImportErrorsAsCsv(const std::vector<ImportRowError>& errors);

}  // namespace htk
