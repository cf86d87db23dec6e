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

// Reads a CSV file a row at a time, so that a large file (a district's
// registry: 800,000 rows) is never held as a table of cells and can be read
// over several frames.
class CsvReader {
public:
    // Decodes the file (see DecodeTextAuto) and finds the delimiter. Returns
    // false with a Chinese message for undecodable input.
    bool Open(std::string_view bytes, std::string* error);
    // The same, taking the bytes: a file marked UTF-8 by its BOM (as Excel
    // and this app save CSV) is then read in place, not copied, and checked
    // row by row as it is read. Release() gives the bytes back unread.
    bool Open(std::string&& bytes, std::string* error);
    std::string Release();
    // The next row into *row; false at the end of the file, or (with a
    // Chinese message in error()) past kMaxImportRows.
    bool Next(std::vector<std::string>* row);
    const std::string& error() const { return error_; }
    size_t position() const { return pos_; }    // bytes of the decoded text read so far
    size_t size() const { return text_.size(); }
    TextEncoding encoding() const { return encoding_; }
    char delimiter() const { return delimiter_; }

private:
    bool Decode(std::string_view bytes, std::string* error);

    std::string text_;      // UTF-8 (with its BOM when read in place)
    std::string original_;  // the bytes as given, when text_ is a decoded copy
    bool in_place_ = false;
    size_t pos_ = 0;
    size_t rows_ = 0;
    TextEncoding encoding_ = TextEncoding::kUtf8;
    char delimiter_ = ',';
    std::string error_;
};

// The whole file at once. Returns false with a Chinese message for
// undecodable or oversized input.
bool ParseCsv(std::string_view bytes, CsvTable* out, std::string* error);

}  // namespace htk
