#include "ledger_xlsx.h"

#include "formats/csv.h"
#include "formats/xlsxwriter_io.h"
#include "rules/text.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace htk {
namespace {

struct Column {
    const char* header;
    double width;      // Excel character units
    int field;         // ProblemField, or -1 for 序号
};

// Official columns first, then the extended ones.
const Column kOfficial[] = {
    {"序号", 6, -1},
    {"问题类型", 12, int(ProblemField::kArea)},
    {"问题性质", 10, int(ProblemField::kNature)},
    {"问题表述", 42, int(ProblemField::kDescription)},
    {"整改措施", 42, int(ProblemField::kMeasures)},
    {"完成时限", 14, int(ProblemField::kDeadline)},
    {"责任单位", 16, int(ProblemField::kRespUnits)},
};
const Column kExtended[] = {
    {"责任领导", 10, int(ProblemField::kRespLeader)},
    {"原因分析", 28, int(ProblemField::kCause)},
    {"整改进度", 24, int(ProblemField::kProgress)},
    {"落实效果", 24, int(ProblemField::kEffect)},
    {"整改状态", 10, int(ProblemField::kStatus)},
};

constexpr double kLinePoints = 14.25;  // one line of 11 pt 宋体

// Display width in Excel character units: CJK and full-width count double.
// Counts the bytes that start a character (ASCII 1, any other 2), eight at a
// time: a 50,000-row export measures every cell, and wasm has no vectors here.
double TextWidth(std::string_view s) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    size_t w = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        const uint64_t ascii = ~x & kHigh;        // 0xxxxxxx
        const uint64_t lead = x & (x << 1) & kHigh;  // 11xxxxxx
        w += size_t(__builtin_popcountll(ascii)) + 2 * size_t(__builtin_popcountll(lead));
    }
    for (; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        w += c < 0x80 ? 1 : c >= 0xC0 ? 2 : 0;
    }
    return double(w);
}

// Lines a wrapped cell needs at a column width.
int LinesFor(const std::string& text, double width) {
    int lines = 0;
    size_t start = 0;
    const double usable = std::max(1.0, width - 1.0);
    while (true) {
        size_t nl = text.find('\n', start);
        std::string_view line(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
        lines += std::max(1, int(std::ceil(TextWidth(line) / usable)));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return lines;
}

std::string DateLine(const Date& d) {
    if (!d.valid()) return "    年    月    日";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%d 年 %d 月 %d 日", d.y, d.m, d.d);
    return buf;
}

// A cell's text: the stored value itself, or in `scratch` when it is made
// (a status label, a neutralised formula). Most cells are the stored value,
// not copied.
const std::string& CellText(const Problem& p, int field, std::string& scratch) {
    if (field == int(ProblemField::kStatus)) return scratch = StatusLabel(p.status());
    const std::string& value = p.v[size_t(field)];
    if (!NeedsNeutralizing(value)) return value;
    return scratch = NeutralizeFormula(value);
}

struct Formats {
    lxw_format *title, *unit, *date_line, *header, *cell, *center, *date, *note;
};

Formats MakeFormats(lxw_workbook* wb) {
    auto font = [](lxw_format* f, double size) {
        format_set_font_name(f, "宋体");
        format_set_font_size(f, size);
        return f;
    };
    Formats f{};
    f.title = font(workbook_add_format(wb), 16);
    format_set_bold(f.title);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.title);
    f.unit = font(workbook_add_format(wb), 12);
    format_set_align(f.unit, LXW_ALIGN_VERTICAL_CENTER);
    f.date_line = font(workbook_add_format(wb), 12);
    format_set_align(f.date_line, LXW_ALIGN_RIGHT);
    format_set_align(f.date_line, LXW_ALIGN_VERTICAL_CENTER);
    f.header = font(workbook_add_format(wb), 11);
    format_set_bold(f.header);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.header);
    format_set_bg_color(f.header, 0xF2F2F2);
    f.cell = font(workbook_add_format(wb), 11);
    format_set_border(f.cell, LXW_BORDER_THIN);
    format_set_text_wrap(f.cell);
    format_set_align(f.cell, LXW_ALIGN_VERTICAL_CENTER);
    f.center = font(workbook_add_format(wb), 11);
    format_set_border(f.center, LXW_BORDER_THIN);
    format_set_text_wrap(f.center);
    format_set_align(f.center, LXW_ALIGN_CENTER);
    format_set_align(f.center, LXW_ALIGN_VERTICAL_CENTER);
    f.date = font(workbook_add_format(wb), 11);
    format_set_border(f.date, LXW_BORDER_THIN);
    format_set_align(f.date, LXW_ALIGN_CENTER);
    format_set_align(f.date, LXW_ALIGN_VERTICAL_CENTER);
    format_set_num_format(f.date, "yyyy\"年\"m\"月\"d\"日\"");
    f.note = font(workbook_add_format(wb), 11);
    format_set_text_wrap(f.note);
    format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

void WriteSheet(lxw_workbook* wb, const Formats& f, const LedgerSheet& s) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    std::vector<Column> cols(std::begin(kOfficial), std::end(kOfficial));
    if (s.extended) cols.insert(cols.end(), std::begin(kExtended), std::end(kExtended));
    const lxw_col_t last = lxw_col_t(cols.size() - 1);
    const lxw_col_t uuid_col = lxw_col_t(cols.size());
    double total_width = 0;
    for (lxw_col_t c = 0; c <= last; ++c) {
        worksheet_set_column(ws, c, c, cols[c].width, nullptr);
        total_width += cols[c].width;
    }
    lxw_row_col_options hidden = {1, 0, 0};
    worksheet_set_column_opt(ws, uuid_col, uuid_col, 38, nullptr, &hidden);

    // Title, unit and date lines.
    worksheet_set_row(ws, 0, 2 * 22.0, nullptr);
    worksheet_merge_range(ws, 0, 0, 0, last, s.title.c_str(), f.title);
    worksheet_set_row(ws, 1, 24, nullptr);
    const lxw_col_t split = std::max<lxw_col_t>(1, last - 2);
    worksheet_merge_range(ws, 1, 0, 1, split - 1, ("单位（盖章）：" + s.unit).c_str(), f.unit);
    worksheet_merge_range(ws, 1, split, 1, last, DateLine(s.date).c_str(), f.date_line);

    // Header row (repeated on every printed page).
    const lxw_row_t header = 2;
    worksheet_set_row(ws, header, 24, nullptr);
    for (lxw_col_t c = 0; c <= last; ++c) worksheet_write_string(ws, header, c, cols[c].header, f.header);
    worksheet_write_string(ws, header, uuid_col, kUuidHeader, nullptr);

    lxw_row_t r = header + 1;
    int seq = 0;
    std::string scratch;
    for (const Problem* p : s.rows) {
        int lines = 1;
        for (lxw_col_t c = 0; c <= last; ++c) {
            const Column& col = cols[c];
            if (col.field < 0) {
                worksheet_write_number(ws, r, c, ++seq, f.center);
                continue;
            }
            if (col.field == int(ProblemField::kDeadline)) {
                Date d = p->deadline();
                if (d.valid()) {
                    lxw_datetime dt = {d.y, d.m, d.d, 0, 0, 0};
                    worksheet_write_datetime(ws, r, c, &dt, f.date);
                    continue;
                }
            }
            const std::string& text = CellText(*p, col.field, scratch);
            bool short_field = col.width <= 12;
            worksheet_write_string(ws, r, c, text.c_str(), short_field ? f.center : f.cell);
            lines = std::max(lines, LinesFor(text, col.width));
        }
        worksheet_write_string(ws, r, uuid_col, p->uuid.c_str(), nullptr);
        worksheet_set_row(ws, r, std::max(20.0, lines * kLinePoints + 6), nullptr);
        ++r;
    }

    // 备注, across the table.
    if (!s.note.empty()) {
        worksheet_merge_range(ws, r, 0, r, last, s.note.c_str(), f.note);
        worksheet_set_row(ws, r, LinesFor(s.note, total_width) * kLinePoints + 8, nullptr);
    }
    // The final ledger is signed by the head and stamped: leave the lines and
    // the room (the 公章 goes over the unit line and the signature).
    if (s.signature) {
        r += 2;
        worksheet_set_row(ws, r, 36, nullptr);
        worksheet_merge_range(ws, r, 0, r, split - 1, "主要负责同志签字：", f.unit);
        worksheet_merge_range(ws, r, split, r, last, "（单位公章）", f.date_line);
        ++r;
        worksheet_set_row(ws, r, 36, nullptr);
        worksheet_merge_range(ws, r, 0, r, split - 1, "", f.unit);
        worksheet_merge_range(ws, r, split, r, last, DateLine(s.date).c_str(), f.date_line);
    }

    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    worksheet_repeat_rows(ws, header, header);
    worksheet_print_area(ws, 0, 0, r, last);
    worksheet_freeze_panes(ws, header + 1, 0);
    worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

bool IsWholeNumber(const std::string& s) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

void WriteTable(lxw_workbook* wb, const Formats& f, const TableSheet& t) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
    size_t columns = 0;
    for (const auto& r : t.rows) columns = std::max(columns, r.size());
    if (columns == 0) return;
    std::vector<double> widths(columns, 8);
    for (const auto& r : t.rows)
        for (size_t c = 0; c < r.size(); ++c) widths[c] = std::min(60.0, std::max(widths[c], TextWidth(r[c]) + 2));
    for (size_t c = 0; c < columns; ++c) worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), widths[c], nullptr);
    if (t.wide_text) {
        // A report: one column a page wide, a paragraph per row.
        worksheet_set_column(ws, 0, 0, 90, nullptr);
        worksheet_set_row(ws, 0, 30, nullptr);
        worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title);
        for (size_t r = 0; r < t.rows.size(); ++r) {
            const std::string text = t.rows[r].empty() ? std::string() : NeutralizeFormula(t.rows[r][0]);
            worksheet_set_row(ws, lxw_row_t(r + 1), std::max(1, LinesFor(text, 90)) * kLinePoints + 4, nullptr);
            worksheet_write_string(ws, lxw_row_t(r + 1), 0, text.c_str(), f.note);
        }
        worksheet_set_paper(ws, 9);
        worksheet_fit_to_pages(ws, 1, 0);
        return;
    }
    worksheet_set_row(ws, 0, 30, nullptr);
    if (columns > 1) worksheet_merge_range(ws, 0, 0, 0, lxw_col_t(columns - 1), t.title.c_str(), f.title);
    else worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title);
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const lxw_row_t row = lxw_row_t(r + 1);
        // Wrapped cells need their height: Excel does not fit rows it opens.
        int lines = 1;
        for (size_t c = 0; c < t.rows[r].size(); ++c) lines = std::max(lines, LinesFor(t.rows[r][c], widths[c]));
        if (lines > 1) worksheet_set_row(ws, row, lines * kLinePoints + 6, nullptr);
        for (size_t c = 0; c < columns; ++c) {
            const std::string text = c < t.rows[r].size() ? NeutralizeFormula(t.rows[r][c]) : std::string();
            lxw_format* fmt = r == 0 ? f.header : f.cell;
            if (r > 0 && IsWholeNumber(text)) worksheet_write_number(ws, row, lxw_col_t(c), std::stod(text), f.center);
            else worksheet_write_string(ws, row, lxw_col_t(c), text.c_str(), fmt);
        }
    }
    // The header row stays in view and is printed on every page.
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_repeat_rows(ws, 1, 1);
    if (t.landscape) worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
}

}  // namespace

std::vector<ProblemField> LedgerColumns(bool extended) {
    std::vector<ProblemField> out;
    for (const Column& c : kOfficial)
        if (c.field >= 0) out.push_back(ProblemField(c.field));
    if (extended)
        for (const Column& c : kExtended) out.push_back(ProblemField(c.field));
    return out;
}

bool WriteLedgerXlsx(const LedgerWorkbook& book, std::string* bytes, std::string* error) {
    // constant_memory: each row goes out as it is written (inline strings, no
    // cell tree or shared-string table), twice as fast and a fraction of the
    // memory. Rows are written strictly in order, which is what we do. The parts
    // are kept in memory (memory_file.h), not in Emscripten's file system, and
    // the zip goes straight into `bytes` (xlsxwriter_io.h): the file name is
    // not used.
    lxw_workbook_options opts = {};
    opts.constant_memory = 1;
    lxw_workbook* wb = workbook_new_opt("ledger.xlsx", &opts);
    if (!wb) {
        *error = "无法创建 Excel 文件";
        return false;
    }
    std::string title = book.sheets.empty() ? std::string() : book.sheets[0].title;
    lxw_doc_properties props = {};
    props.title = const_cast<char*>(title.c_str());
    props.company = const_cast<char*>(book.unit.c_str());
    props.comments = const_cast<char*>("由“回头看整改台账”导出");
    workbook_set_properties(wb, &props);
    workbook_set_custom_property_string(wb, "htk_format", "1");
    workbook_set_custom_property_string(wb, "htk_campaign", book.campaign_code.c_str());
    workbook_set_custom_property_string(wb, "htk_unit", book.unit.c_str());
    workbook_set_custom_property_string(wb, "htk_exported_at", book.exported_at.c_str());

    Formats f = MakeFormats(wb);
    if (book.tables_first)
        for (const TableSheet& t : book.tables) WriteTable(wb, f, t);
    for (const LedgerSheet& s : book.sheets) WriteSheet(wb, f, s);
    if (!book.tables_first)
        for (const TableSheet& t : book.tables) WriteTable(wb, f, t);
    CaptureXlsxZip(bytes);
    lxw_error rc = workbook_close(wb);
    CaptureXlsxZip(nullptr);
    if (rc != LXW_NO_ERROR) {
        bytes->clear();
        *error = std::string("写入 Excel 文件失败：") + lxw_strerror(rc);
        return false;
    }
    return true;
}

std::string UnitFileName(const std::string& unit, const std::string& document, const Date& date,
                         const char* extension) {
    std::string clean;
    for (char c : unit)
        if (std::string_view("\\/:*?\"<>|").find(c) == std::string_view::npos && static_cast<unsigned char>(c) >= 0x20)
            clean += c;
    clean = Trim(clean);
    if (clean.empty()) clean = "未填写单位";
    char ymd[16];
    std::snprintf(ymd, sizeof ymd, "%04d%02d%02d", date.y, date.m, date.d);
    return clean + "_" + document + "_" + ymd + extension;
}

std::string LedgerFileName(const std::string& unit, const Date& date, const char* extension) {
    return UnitFileName(unit, "整改台账", date, extension);
}

}  // namespace htk
