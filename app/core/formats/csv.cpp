#include "csv.h"

namespace htk {

static bool NeedsNeutralizing(std::string_view s) {
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

std::string WriteCsv(const CsvRows& rows, const CsvWriteOptions& options) {
    std::string out;
    if (!options.gb18030) out = "\xEF\xBB\xBF";
    for (const auto& row : rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            std::string cell = NeutralizeFormula(row[c]);
            bool quote = cell.find_first_of(",\"\r\n") != std::string::npos;
            if (!quote) {
                out += cell;
                continue;
            }
            out += '"';
            for (char ch : cell) {
                if (ch == '"') out += '"';
                out += ch;
            }
            out += '"';
        }
        out += "\r\n";
    }
    if (options.gb18030) return EncodeGb18030(out);
    return out;
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

bool ParseCsv(std::string_view bytes, CsvTable* out, std::string* error) {
    DecodedText text = DecodeTextAuto(bytes);
    if (!text.ok) {
        *error = text.error;
        return false;
    }
    out->encoding = text.encoding;
    out->rows.clear();
    const std::string& s = text.utf8;
    const char delim = out->delimiter = DetectDelimiter(s);

    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, cell_started = false;
    auto end_cell = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        cell_started = false;
    };
    auto end_row = [&] {
        end_cell();
        out->rows.push_back(std::move(row));
        row.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
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
            end_cell();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            end_row();
            if (out->rows.size() > kMaxImportRows) {
                *error = "文件超过 " + std::to_string(kMaxImportRows) + " 行，无法导入";
                out->rows.clear();
                return false;
            }
        } else {
            cell += c;  // a stray quote inside an unquoted field is kept as text
            cell_started = true;
        }
    }
    if (cell_started || !cell.empty() || !row.empty()) end_row();
    return true;
}

}  // namespace htk
