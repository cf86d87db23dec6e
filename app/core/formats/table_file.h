// table_file.h — any spreadsheet file a user picks: .xlsx (by its zip
// signature, whatever the name says) or text (.csv/.txt, any encoding).
#pragma once

#include "csv.h"
#include "sheet.h"

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

}  // namespace htk
