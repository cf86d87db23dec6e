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

ReadTableTask::ReadTableTask(std::string file_name, std::string bytes)
    : file_name_(std::move(file_name)), bytes_(std::move(bytes)) {}
ReadTableTask::~ReadTableTask() = default;

bool ReadTableTask::Step(Slice& slice) {
    if (!started_) {
        started_ = true;
        if (bytes_.empty()) {
            error_ = "文件是空的";
            return true;
        }
        if (LooksLikeXls(bytes_)) {
            error_ = "这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为”.xlsx 后再导入";
            return true;
        }
        if (LooksLikeZip(bytes_)) {
            xlsx_ = std::make_unique<XlsxReadTask>(bytes_);
        } else {
            csv_ = std::make_unique<CsvReader>();
            if (!csv_->Open(std::string_view(bytes_), &error_)) {
                if (error_.empty()) error_ = "文件无法读取";
                return true;
            }
            book_.sheets.emplace_back();
            book_.sheets[0].name = file_name_;
        }
        if (slice.over_now()) return false;
    }
    if (xlsx_) {
        if (!xlsx_->Step(slice)) return false;
        if (xlsx_->ok()) book_ = std::move(xlsx_->workbook());
        else error_ = xlsx_->error();
        xlsx_.reset();
        std::string().swap(bytes_);
        return true;
    }
    std::vector<std::string> row;
    auto& rows = book_.sheets[0].rows;
    while (csv_->Next(&row)) {
        std::vector<Cell> cells;
        cells.reserve(row.size());
        for (auto& text : row) cells.push_back(Cell{text.empty() ? Cell::kEmpty : Cell::kText, std::move(text), 0});
        rows.push_back(std::move(cells));
        if (slice.over()) return false;
    }
    if (!csv_->error().empty()) {
        error_ = csv_->error();
        book_ = Workbook{};
    }
    csv_.reset();
    std::string().swap(bytes_);
    return true;
}

double ReadTableTask::progress() const {
    if (xlsx_) return xlsx_->progress();
    if (csv_ && csv_->size()) return double(csv_->position()) / double(csv_->size());
    return started_ ? 1.0 : 0.0;
}

std::string ReadTableTask::stage() const { return "正在读取“" + file_name_ + "”"; }

}  // namespace htk
