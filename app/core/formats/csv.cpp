#include "csv.h"

#include "rules/text.h"

namespace htk {

bool NeedsNeutralizing(std::string_view s) {
    if (s.empty()) return false;
    char c = s[0];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string NeutralizeFormula(std::string_view cell) {
    if (!NeedsNeutralizing(cell)) return std::string(cell);
    return "'" + std::string(cell);
}

std::string UnneutralizeFormula(std::string_view cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && NeedsNeutralizing(cell.substr(1))) return std::string(cell.substr(1));
    return std::string(cell);
}

CsvWriter::CsvWriter(const CsvWriteOptions& options) : options_(options) {
    if (!options_.gb18030) out_ = "\xEF\xBB\xBF";
}

void CsvWriter::Row(const std::vector<std::string_view>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
        if (c) out_ += ',';
        std::string cell = NeutralizeFormula(cells[c]);
        if (cell.find_first_of(",\"\r\n") == std::string::npos) {
            out_ += cell;
            continue;
        }
        out_ += '"';
        for (char ch : cell) {
            if (ch == '"') out_ += '"';
            out_ += ch;
        }
        out_ += '"';
    }
    out_ += "\r\n";
}

std::string CsvWriter::Finish() {
    std::string out;
    out.swap(out_);
    return options_.gb18030 ? EncodeGb18030(out) : out;
}

std::string WriteCsv(const CsvRows& rows, const CsvWriteOptions& options) {
    CsvWriter w(options);
    std::vector<std::string_view> cells;
    for (const auto& row : rows) {
        cells.assign(row.begin(), row.end());
        w.Row(cells);
    }
    return w.Finish();
}

// Picks the delimiter that appears most in the first line, outside quotes.
static char DetectDelimiter(std::string_view text) {
    size_t counts[3] = {0, 0, 0};
    const char kDelims[3] = {',', '\t', ';'};
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        for (int k = 0; k < 3; ++k) counts[k] += c == kDelims[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
        if (counts[k] > counts[best]) best = k;
    return kDelims[best];
}

bool CsvReader::Decode(std::string_view bytes, std::string* error) {
    DecodedText text = DecodeTextAuto(bytes);
    if (!text.ok) {
        *error = text.error;
        return false;
    }
    text_ = std::move(text.utf8);
    encoding_ = text.encoding;
    delimiter_ = DetectDelimiter(text_);
    in_place_ = false;
    pos_ = rows_ = 0;
    error_.clear();
    return true;
}

bool CsvReader::Open(std::string_view bytes, std::string* error) {
    original_.clear();
    return Decode(bytes, error);
}

bool CsvReader::Open(std::string&& bytes, std::string* error) {
    if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text_ = std::move(bytes);
        original_.clear();
        encoding_ = TextEncoding::kUtf8Bom;
        in_place_ = true;
        pos_ = 3;
        rows_ = 0;
        error_.clear();
        delimiter_ = DetectDelimiter(std::string_view(text_).substr(3));
        return true;
    }
    original_ = std::move(bytes);
    if (Decode(original_, error)) return true;
    bytes = std::move(original_);
    return false;
}

std::string CsvReader::Release() {
    std::string bytes = in_place_ ? std::move(text_) : std::move(original_);
    text_.clear();
    original_.clear();
    pos_ = 0;
    return bytes;
}

bool CsvReader::Next(std::vector<std::string>* row) {
    row->clear();
    const std::string& s = text_;
    if (pos_ >= s.size()) return false;
    if (++rows_ > kMaxImportRows) {
        error_ = "文件超过 " + std::to_string(kMaxImportRows) + " 行，无法导入";
        pos_ = s.size();
        return false;
    }
    const char delim = delimiter_;
    std::string cell;
    bool quoted = false, cell_started = false;
    size_t i = pos_;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cell_started) {
            quoted = cell_started = true;
        } else if (c == delim) {
            row->push_back(std::move(cell));
            cell.clear();
            cell_started = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            ++i;
            break;
        } else {
            // Runs of plain text are copied in one piece.
            size_t run = i + 1;
            while (run < s.size() && s[run] != delim && s[run] != '"' && s[run] != '\r' && s[run] != '\n') ++run;
            cell.append(s, i, run - i);  // a stray quote inside an unquoted field is kept as text (next turn)
            cell_started = true;
            i = run - 1;
        }
    }
    row->push_back(std::move(cell));
    pos_ = i;
    if (in_place_)  // read in place: checked a row at a time
        for (const std::string& c : *row)
            if (!IsValidUtf8(c)) {
                error_ = "文件标明是 UTF-8 编码，但第 " + std::to_string(rows_) + " 行中有无效字节，可能已损坏";
                pos_ = s.size();
                row->clear();
                return false;
            }
    return true;
}

bool ParseCsv(std::string_view bytes, CsvTable* out, std::string* error) {
    CsvReader reader;
    out->rows.clear();
    if (!reader.Open(bytes, error)) return false;
    out->encoding = reader.encoding();
    out->delimiter = reader.delimiter();
    std::vector<std::string> row;
    while (reader.Next(&row)) out->rows.push_back(std::move(row));
    if (!reader.error().empty()) {
        *error = reader.error();
        out->rows.clear();
        return false;
    }
    return true;
}

}  // namespace htk
