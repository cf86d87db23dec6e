// csv.h — comma-separated values as officials exchange them.
//
// Writing: RFC 4180 (quotes where needed, CRLF), UTF-8 with a BOM so Excel
// shows Chinese, or GB18030 for old tools; every cell is passed through
// NeutralizeFormula so a cell cannot run as a formula (OWASP ASVS 1.2.10).
// Reading: UTF-8 (BOM or not), UTF-16 and GB18030; comma, tab or semicolon;
// quoted fields with newlines; ragged rows.
#pragma once

#include "text_encoding.h"

#include <string>
#include <string_view>
#include <vector>

namespace htk {

using CsvRows = std::vector<std::vector<std::string>>;

struct CsvWriteOptions {
    bool gb18030 = false;  // default: UTF-8 with BOM
};

// Text that starts with = + - @ tab or CR gets a leading apostrophe.
std::string NeutralizeFormula(std::string_view cell);
// Would NeutralizeFormula change `cell`?
bool NeedsNeutralizing(std::string_view cell);
// Undoes NeutralizeFormula (for reading files we wrote).
std::string UnneutralizeFormula(std::string_view cell);

// Builds a CSV file a row at a time, so a large ledger is not first copied
// into a table of strings.
class CsvWriter {
public:
    explicit CsvWriter(const CsvWriteOptions& options = {});
    void Row(const std::vector<std::string_view>& cells);
    std::string Finish();  // the file's bytes (GB18030-encoded if asked)

private:
    CsvWriteOptions options_;
    std::string out_;
};

std::string WriteCsv(const CsvRows& rows, const CsvWriteOptions& options = {});

struct CsvTable {
    CsvRows rows;
    TextEncoding encoding = TextEncoding::kUtf8;
    char delimiter = ',';
};

constexpr size_t kMaxImportRows = 1000000;

// Returns false with a Chinese message for undecodable or oversized input.
bool ParseCsv(std::string_view bytes, CsvTable* out, std::string* error);

}  // namespace htk
