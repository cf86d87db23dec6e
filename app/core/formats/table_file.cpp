#include "table_file.h"

#include "csv.h"
#include "xlsx_reader.h"

namespace htk {

Sheet SheetFromCsv(CsvTable&& table, const std::string& name) {
    Sheet sheet;
    sheet.name = name;
    sheet.rows.reserve(table.rows.size());
    for (auto& r : table.rows) {
        std::vector<Cell> cells;
        cells.reserve(r.size());
        for (auto& text : r) cells.push_back(Cell{text.empty() ? Cell::kEmpty : Cell::kText, std::move(text), 0});
        sheet.rows.push_back(std::move(cells));
    }
    return sheet;
}

static bool LooksLikeXls(std::string_view bytes) {
    return bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

bool IsTextTable(std::string_view bytes) { return !bytes.empty() && !LooksLikeZip(bytes) && !LooksLikeXls(bytes); }

bool ReadTableFile(const std::string& file_name, std::string_view bytes, Workbook* out, std::string* error) {
    out->sheets.clear();
    out->custom_properties.clear();
    if (bytes.empty()) {
        *error = "文件是空的";
        return false;
    }
    if (LooksLikeZip(bytes)) return ReadXlsx(bytes, out, error);
    if (LooksLikeXls(bytes)) {
        *error = "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入";
        return false;
    }
    CsvTable table;
    if (!ParseCsv(bytes, &table, error)) return false;
    out->sheets.push_back(SheetFromCsv(std::move(table), file_name));
    return true;
}

}  // namespace htk
