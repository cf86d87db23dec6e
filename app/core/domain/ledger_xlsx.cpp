#include "ledger_xlsx.h"

#include "formats/csv.h"
#include "formats/print_layout.h"
#include "formats/memory_file.h"
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
    double width;      // Excel character units (print_layout.h)
    double extended;   // the width beside the extended columns
    int field;         // ProblemField, or -1 for 序号
};

// Official columns first, then the extended ones. 问题类型 holds 饮水安全保障 on
// one line, 完成时限 “2026年12月31日” with room to spare (kDateWidth); the
// official ledger prints at ~97 % on A4 landscape, the extended one at ~70 %.
constexpr double kDateWidth = 17;
const Column kOfficial[] = {
    {"序号", 6, 5, -1},
    {"问题类型", 14.5, 14.5, int(ProblemField::kArea)},
    {"问题性质", 10, 10, int(ProblemField::kNature)},
    {"问题表述", 40, 28, int(ProblemField::kDescription)},
    {"整改措施", 40, 28, int(ProblemField::kMeasures)},
    {"完成时限", kDateWidth, kDateWidth, int(ProblemField::kDeadline)},
    {"责任单位", 16, 12, int(ProblemField::kRespUnits)},
};
const Column kExtended[] = {
    {"责任领导", 10, 10, int(ProblemField::kRespLeader)},
    {"原因分析", 18, 18, int(ProblemField::kCause)},
    {"整改进度", 18, 18, int(ProblemField::kProgress)},
    {"落实效果", 18, 18, int(ProblemField::kEffect)},
    {"整改状态", 10, 10, int(ProblemField::kStatus)},
};

// Font sizes (points).
constexpr double kTitlePt = 16, kDocTitlePt = 18, kLinePt = 12, kCellPt = 11, kProsePt = 14;

std::string DateLine(const Date& d) {
    if (!d.valid()) return "    年    月    日";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%d 年 %d 月 %d 日", d.y, d.m, d.d);
    return buf;
}

// A cell's text: the stored value itself, or the status label.
const std::string& CellText(const Problem& p, int field, std::string& scratch) {
    if (field == int(ProblemField::kStatus)) return scratch = StatusLabel(p.status());
    return p.v[size_t(field)];
}

struct Formats {
    lxw_format *title, *doc_title, *unit, *date_line, *header, *cell, *center, *date, *note;
    lxw_format *prose, *prose_heading, *prose_closing;
    lxw_format* percent;
};

// Fonts every Chinese office PC has (Windows: SimSun, SimHei, FangSong; WPS
// and Excel name them so), with the GB2312 charset Excel itself writes.
lxw_format* Font(lxw_workbook* wb, const char* name, double size) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, name);
    format_set_font_size(f, size);
    format_set_font_charset(f, 134);
    format_set_font_family(f, 3);
    return f;
}

Formats MakeFormats(lxw_workbook* wb) {
    Formats f{};
    f.title = Font(wb, "黑体", kTitlePt);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.title);
    f.doc_title = Font(wb, "黑体", kDocTitlePt);
    format_set_align(f.doc_title, LXW_ALIGN_CENTER);
    format_set_align(f.doc_title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.doc_title);
    f.unit = Font(wb, "宋体", kLinePt);
    format_set_align(f.unit, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.unit);
    f.date_line = Font(wb, "宋体", kLinePt);
    format_set_align(f.date_line, LXW_ALIGN_RIGHT);
    format_set_align(f.date_line, LXW_ALIGN_VERTICAL_CENTER);
    f.header = Font(wb, "宋体", kCellPt);
    format_set_bold(f.header);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.header);
    format_set_bg_color(f.header, 0xF2F2F2);
    f.cell = Font(wb, "宋体", kCellPt);
    format_set_border(f.cell, LXW_BORDER_THIN);
    format_set_text_wrap(f.cell);
    format_set_align(f.cell, LXW_ALIGN_VERTICAL_CENTER);
    f.center = Font(wb, "宋体", kCellPt);
    format_set_border(f.center, LXW_BORDER_THIN);
    format_set_text_wrap(f.center);
    format_set_align(f.center, LXW_ALIGN_CENTER);
    format_set_align(f.center, LXW_ALIGN_VERTICAL_CENTER);
    f.percent = Font(wb, "宋体", kCellPt);
    format_set_border(f.percent, LXW_BORDER_THIN);
    format_set_align(f.percent, LXW_ALIGN_CENTER);
    format_set_align(f.percent, LXW_ALIGN_VERTICAL_CENTER);
    format_set_num_format(f.percent, "0.0%");
    f.date = Font(wb, "宋体", kCellPt);
    format_set_border(f.date, LXW_BORDER_THIN);
    format_set_align(f.date, LXW_ALIGN_CENTER);
    format_set_align(f.date, LXW_ALIGN_VERTICAL_CENTER);
    format_set_num_format(f.date, "yyyy\"年\"m\"月\"d\"日\"");
    f.note = Font(wb, "宋体", kCellPt);
    format_set_text_wrap(f.note);
    format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
    f.prose = Font(wb, "仿宋", kProsePt);
    format_set_text_wrap(f.prose);
    format_set_align(f.prose, LXW_ALIGN_VERTICAL_TOP);
    f.prose_heading = Font(wb, "黑体", kProsePt);
    format_set_text_wrap(f.prose_heading);
    format_set_align(f.prose_heading, LXW_ALIGN_VERTICAL_TOP);
    f.prose_closing = Font(wb, "仿宋", kProsePt);
    format_set_align(f.prose_closing, LXW_ALIGN_RIGHT);
    format_set_align(f.prose_closing, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

// The width (units) of columns [a, b] merged: their pixels as one column.
double MergedWidth(const std::vector<double>& widths, size_t a, size_t b) {
    double px = 0;
    for (size_t c = a; c <= b && c < widths.size(); ++c) px += ColumnPx(widths[c]);
    return (px - ColumnPx(0)) / (ColumnPx(1) - ColumnPx(0));
}

// Units of printed width per pixel (PrintedColumnPx is linear).
double PrintedUnits(double px) { return px / (PrintedColumnPx(1) - PrintedColumnPx(0)); }

// Columns' printed width (the widest any application prints them).
double TotalPx(const std::vector<double>& widths) {
    double px = 0;
    for (double w : widths) px += PrintedColumnPx(w);
    return px;
}

// Page setup shared by every sheet: A4, our scale (not fit-to-width, which
// makes Excel ignore the page breaks), the breaks, page numbers.
void SetupPage(lxw_worksheet* ws, const PageSetup& page, const std::vector<int>& breaks) {
    if (page.landscape) worksheet_set_landscape(ws);
    else worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_print_scale(ws, uint16_t(page.scale));
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    // In 宋体: without a font the footer is printed in whatever the application
    // falls back to for 汉字.
    worksheet_set_footer(ws, "&C&\"宋体,Regular\"&10第 &P 页，共 &N 页");
    // Excel takes at most 1023 manual breaks: a longer sheet keeps the
    // application's own (its last page may then start under the table).
    if (!breaks.empty() && breaks.size() <= 1023) {
        std::vector<lxw_row_t> rows(breaks.begin(), breaks.end());
        rows.push_back(0);
        worksheet_set_h_pagebreaks(ws, rows.data());
    }
}

// One ledger sheet, written a row at a time: Begin, Row for each problem, End.
struct SheetWriter {
    const LedgerSheet* s = nullptr;
    lxw_worksheet* ws = nullptr;
    std::vector<Column> cols;
    std::vector<double> widths;
    lxw_col_t last = 0, uuid_col = 0, split = 1;
    double total_width = 0;
    PageSetup page;
    std::vector<double> heights;  // every row's height, for the page breaks
    static constexpr lxw_row_t kHeader = 2;  // repeated on every printed page
    lxw_row_t r = kHeader + 1;
    int seq = 0;
    std::string scratch;

    void SetRow(lxw_row_t row, double h) {
        worksheet_set_row(ws, row, h, nullptr);
        if (heights.size() <= row) heights.resize(row + 1, 15);  // Excel's default row
        heights[row] = h;
    }

    void Begin(lxw_workbook* wb, const Formats& f, const LedgerSheet& sheet) {
        s = &sheet;
        ws = workbook_add_worksheet(wb, s->name.c_str());
        cols.assign(std::begin(kOfficial), std::end(kOfficial));
        if (s->extended) cols.insert(cols.end(), std::begin(kExtended), std::end(kExtended));
        for (const Column& c : cols) widths.push_back(s->extended ? c.extended : c.width);
        last = lxw_col_t(cols.size() - 1);
        uuid_col = lxw_col_t(cols.size());
        for (lxw_col_t c = 0; c <= last; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
        lxw_row_col_options hidden = {1, 0, 0};
        worksheet_set_column_opt(ws, uuid_col, uuid_col, 38, nullptr, &hidden);
        total_width = MergedWidth(widths, 0, last);
        page = PageFor(TotalPx(widths), true);

        // Title, unit and date lines.
        SetRow(0, RowPoints(LinesFor(s->title, total_width, kTitlePt), kTitlePt));
        worksheet_merge_range(ws, 0, 0, 0, last, s->title.c_str(), f.title);
        split = std::max<lxw_col_t>(1, last - 2);
        const std::string unit_line = "单位（盖章）：" + s->unit;
        SetRow(1, std::max(24.0, RowPoints(LinesFor(unit_line, MergedWidth(widths, 0, split - 1), kLinePt), kLinePt)));
        worksheet_merge_range(ws, 1, 0, 1, split - 1, unit_line.c_str(), f.unit);
        worksheet_merge_range(ws, 1, split, 1, last, DateLine(s->date).c_str(), f.date_line);

        SetRow(kHeader, 24);
        for (lxw_col_t c = 0; c <= last; ++c) worksheet_write_string(ws, kHeader, c, cols[c].header, f.header);
        worksheet_write_string(ws, kHeader, uuid_col, kUuidHeader, nullptr);
    }

    void Row(const Formats& f, const Problem& p) {
        int lines = 1;
        for (lxw_col_t c = 0; c <= last; ++c) {
            const Column& col = cols[c];
            if (col.field < 0) {
                worksheet_write_number(ws, r, c, ++seq, f.center);
                continue;
            }
            if (col.field == int(ProblemField::kDeadline)) {
                Date d = p.deadline();
                if (d.valid()) {
                    lxw_datetime dt = {d.y, d.m, d.d, 0, 0, 0};
                    worksheet_write_datetime(ws, r, c, &dt, f.date);
                    continue;
                }
            }
            const std::string& text = CellText(p, col.field, scratch);
            const bool short_field = widths[c] <= 14.5;
            worksheet_write_string(ws, r, c, text.c_str(), short_field ? f.center : f.cell);
            lines = std::max(lines, LinesFor(text, widths[c], kCellPt));
        }
        worksheet_write_string(ws, r, uuid_col, p.uuid.c_str(), nullptr);
        SetRow(r, std::max(20.0, RowPoints(lines, kCellPt)));
        ++r;
    }

    void End(const Formats& f) {
        const lxw_row_t header = kHeader;
        const lxw_row_t table_end = r;  // the first row after the table
        std::vector<bool> keep;         // rows kept on the page of the next one

        // 备注, across the table.
        lxw_row_t last_row = r > header + 1 ? r - 1 : header;
        if (!s->note.empty()) {
            worksheet_merge_range(ws, r, 0, r, last, s->note.c_str(), f.note);
            SetRow(r, RowPoints(LinesFor(s->note, total_width, kCellPt), kCellPt) + 2);
            last_row = r;
            ++r;
        }
        // The final ledger is signed by the head and stamped: leave the lines and
        // the room (the 公章 goes over the unit line and the signature).
        if (s->signature) {
            SetRow(r, 15);  // a gap
            ++r;
            SetRow(r, 36);
            worksheet_merge_range(ws, r, 0, r, split - 1, "主要负责同志签字：", f.unit);
            worksheet_merge_range(ws, r, split, r, last, "（单位公章）", f.date_line);
            ++r;
            SetRow(r, 36);
            worksheet_merge_range(ws, r, 0, r, split - 1, "", f.unit);
            worksheet_merge_range(ws, r, split, r, last, DateLine(s->date).c_str(), f.date_line);
            last_row = r;
        }
        // The 备注 and the signature stay on the page of the table's last row.
        heights.resize(last_row + 1, 15);
        keep.assign(heights.size(), false);
        for (lxw_row_t k = table_end > header + 1 ? table_end - 1 : header + 1; k < last_row; ++k) keep[k] = true;

        SetupPage(ws, page, PageBreaks(heights, keep, int(header) + 1, int(header), page.body_points));
        worksheet_repeat_rows(ws, header, header);
        worksheet_print_area(ws, 0, 0, last_row, last);
        worksheet_freeze_panes(ws, header + 1, 0);
    }
};

bool IsWholeNumber(const std::string& s) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// "83.3%" (digits, at most one point, then %): its value as a fraction, or -1.
double PercentValue(const std::string& s) {
    if (s.size() < 2 || s.size() > 12 || s.back() != '%') return -1;
    int points = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i)
        if (s[i] == '.') ++points;
        else if (s[i] < '0' || s[i] > '9') return -1;
    if (points > 1 || s[0] == '.' || s[s.size() - 2] == '.') return -1;
    return std::stod(s.substr(0, s.size() - 1)) / 100;
}

// Paragraph headings of a report (“一、问题排查情况”): 黑体, kept with what follows.
bool IsHeading(const std::string& s) {
    static const char* const kNumerals[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"};
    if (s.size() > 60) return false;
    for (const char* n : kNumerals)
        if (s.rfind(n, 0) == 0) return true;
    return false;
}

// A report: one column a page wide, a paragraph per row, portrait.
void WriteProse(lxw_workbook* wb, const Formats& f, const TableSheet& t) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
    const double width = std::floor(PrintedUnits(PrintableColumnsPx(false, 100) - PrintedColumnPx(0)));
    worksheet_set_column(ws, 0, 0, width, nullptr);
    std::vector<double> heights;
    std::vector<bool> keep;
    auto row = [&](lxw_row_t r, const std::string& text, double pt, lxw_format* fmt, bool keep_next) {
        const double h = text.empty() ? 12 : RowPoints(LinesFor(text, width, pt), pt);
        worksheet_set_row(ws, r, h, nullptr);
        if (!text.empty()) worksheet_write_string(ws, r, 0, text.c_str(), fmt);
        heights.push_back(h);
        keep.push_back(keep_next);
    };
    row(0, t.title, kDocTitlePt, f.doc_title, true);
    const size_t n = t.rows.size();
    const size_t closing = std::min(n, size_t(std::max(0, t.closing_rows)));
    // The sender and date stay with the last paragraph before them (and the blank rows between).
    size_t last_text = n - closing;
    while (last_text > 0 && (t.rows[last_text - 1].empty() || t.rows[last_text - 1][0].empty())) --last_text;
    for (size_t r = 0; r < n; ++r) {
        const std::string& text = t.rows[r].empty() ? std::string() : t.rows[r][0];
        const bool in_closing = r >= n - closing;
        const bool before_closing = closing && r + 1 >= last_text && r < n - closing;
        const bool heading = IsHeading(text);
        row(lxw_row_t(r + 1), text, kProsePt, in_closing ? f.prose_closing : heading ? f.prose_heading : f.prose,
            heading || before_closing || (in_closing && r + 1 < n));
    }
    const PageSetup page = PageFor(PrintedColumnPx(width), false);
    SetupPage(ws, page, PageBreaks(heights, keep, 1, -1, page.body_points));
    worksheet_print_area(ws, 0, 0, lxw_row_t(n), 0);
}

// Where to cut a header into two lines: after the first half of its characters.
size_t HalfByteCut(const std::string& s) {
    const size_t chars = Utf8Length(s);
    if (chars < 4) return s.size();
    size_t i = 0;
    for (size_t n = 0; n < (chars + 1) / 2; ++n) NextCodePoint(s, i);
    return i;
}

// A table's print layout in one orientation.
struct TableLayout {
    std::vector<double> widths, heights;  // heights: the title row, then t.rows
    PageSetup page;
    std::vector<int> breaks;
};

// Each column as wide as its longest cell (long text up to 40 units, then
// wrapped), the widest narrowed until it prints at 75 % or more; the title on
// one line when the page has room.
TableLayout LayOutTable(const TableSheet& t, size_t columns, bool landscape) {
    TableLayout l;
    std::vector<double>& widths = l.widths;
    widths.assign(columns, 6);
    // A header may wrap to two lines; the cells under it set the width.
    for (size_t r = 0; r < t.rows.size(); ++r)
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const std::string& text = t.rows[r][c];
            const double w = r > 0 ? WidthFor(text, kCellPt) : WidthFor(text.substr(0, HalfByteCut(text)), kCellPt);
            widths[c] = std::max(widths[c], std::min(40.0, w));
        }
    const int min_scale = 75;
    const double fit = PrintedUnits(PrintableColumnsPx(landscape, min_scale) - double(columns) * PrintedColumnPx(0));
    if (t.min_widths.empty()) {
        FitColumns(widths, fit, 10);
    } else {
        // Columns kept for handwriting keep their room; the others share the rest.
        double reserved = 0;
        std::vector<double> others;
        for (size_t c = 0; c < columns; ++c)
            if (c < t.min_widths.size() && t.min_widths[c] > 0) reserved += widths[c] = std::max(widths[c], t.min_widths[c]);
            else others.push_back(widths[c]);
        FitColumns(others, fit - reserved, 10);
        for (size_t c = 0, o = 0; c < columns; ++c)
            if (!(c < t.min_widths.size() && t.min_widths[c] > 0)) widths[c] = others[o++];
    }
    const size_t widest = size_t(std::max_element(widths.begin(), widths.end()) - widths.begin());
    const double room = PrintedUnits(PrintableColumnsPx(landscape, 100) - TotalPx(widths));
    const double need = WidthFor(t.title, kTitlePt) - MergedWidth(widths, 0, columns - 1);
    if (need > 0) widths[widest] += std::floor(std::max(0.0, std::min(need + 1, room)));
    // A form (项目 · 内容): the widest column takes the rest of the page.
    if (t.fill_width) widths[widest] += std::floor(std::max(0.0, PrintedUnits(PrintableColumnsPx(landscape, 100) - TotalPx(widths))));
    l.page = PageFor(TotalPx(widths), landscape);

    l.heights.push_back(RowPoints(LinesFor(t.title, MergedWidth(widths, 0, columns - 1), kTitlePt), kTitlePt));
    for (const auto& r : t.rows) {
        // Wrapped cells need their height: Excel does not fit rows it opens.
        int lines = 1;
        for (size_t c = 0; c < r.size(); ++c) lines = std::max(lines, LinesFor(r[c], widths[c], kCellPt));
        l.heights.push_back(std::max(l.heights.size() > 1 ? std::max(20.0, t.min_row_points) : 20.0,
                                     RowPoints(lines, kCellPt)));
    }
    l.breaks = PageBreaks(l.heights, std::vector<bool>(l.heights.size(), false), 2, 1, l.page.body_points);
    return l;
}

void WriteTable(lxw_workbook* wb, const Formats& f, const TableSheet& t) {
    if (t.wide_text) return WriteProse(wb, f, t);
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.name.c_str());
    size_t columns = 0;
    for (const auto& r : t.rows) columns = std::max(columns, r.size());
    if (columns == 0) return;
    // Whichever orientation prints fewer pages; on a tie, portrait (or
    // landscape when the sheet asks for it, or prints larger); landscape
    // when portrait would print it below 75 %.
    const TableLayout portrait = LayOutTable(t, columns, false);
    const TableLayout landscape = LayOutTable(t, columns, true);
    const bool portrait_too_small = portrait.page.scale < 75 && landscape.page.scale > portrait.page.scale;
    const bool use_landscape = portrait_too_small || landscape.breaks.size() < portrait.breaks.size() ||
                               (landscape.breaks.size() == portrait.breaks.size() &&
                                (t.landscape || landscape.page.scale > portrait.page.scale));
    const TableLayout& l = use_landscape ? landscape : portrait;
    for (size_t c = 0; c < columns; ++c) worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), l.widths[c], nullptr);

    worksheet_set_row(ws, 0, l.heights[0], nullptr);
    if (columns > 1) worksheet_merge_range(ws, 0, 0, 0, lxw_col_t(columns - 1), t.title.c_str(), f.title);
    else worksheet_write_string(ws, 0, 0, t.title.c_str(), f.title);
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const lxw_row_t row = lxw_row_t(r + 1);
        worksheet_set_row(ws, row, l.heights[r + 1], nullptr);
        for (size_t c = 0; c < columns; ++c) {
            const std::string& text = c < t.rows[r].size() ? t.rows[r][c] : std::string();
            lxw_format* fmt = r == 0 ? f.header : f.cell;
            if (r > 0 && IsWholeNumber(text)) worksheet_write_number(ws, row, lxw_col_t(c), std::stod(text), f.center);
            else if (const double v = r > 0 ? PercentValue(text) : -1; v >= 0)
                worksheet_write_number(ws, row, lxw_col_t(c), v, f.percent);
            else worksheet_write_string(ws, row, lxw_col_t(c), text.c_str(), fmt);
        }
    }
    // The header row stays in view and is printed on every page.
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_repeat_rows(ws, 1, 1);
    SetupPage(ws, l.page, l.breaks);
    worksheet_print_area(ws, 0, 0, lxw_row_t(t.rows.size()), lxw_col_t(columns - 1));
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

// The task's state: which part of the workbook comes next.
struct XlsxWriteTask::Impl {
    LedgerWorkbook book;
    std::vector<std::vector<Problem>> owned;  // copies of the sheets' rows (StartLedgerXlsx)
    XlsxWriteOptions options;

    enum class Phase { kOpen, kParts, kFlush, kClose, kDone } phase = Phase::kOpen;
    struct Part {
        bool table;
        size_t index;
    };
    std::vector<Part> parts;
    size_t part = 0;
    bool sheet_begun = false;
    size_t row = 0;  // within the current ledger sheet
    SheetWriter sheet;
    size_t flushed = 0;  // streams compressed to their end (kFlush)

    lxw_workbook* wb = nullptr;
    Formats formats{};
    std::string title;
    lxw_doc_properties props{};
    std::unique_ptr<XlsxStreams> streams;
    XlsxStream* sst = nullptr;
    XlsxStream* current = nullptr;  // the rows of the sheet being written

    size_t total_rows = 0, rows_done = 0;
    std::string bytes, error;

    ~Impl() { Free(); }

    // Frees an unfinished workbook: the library does not close the worksheets'
    // temporary files when it frees one that was not closed.
    void Free() {
        if (!wb) return;
        lxw_sheet* sheet;
        STAILQ_FOREACH(sheet, wb->sheets, list_pointers) {
            if (sheet->is_chartsheet) continue;
            lxw_worksheet* ws = sheet->u.worksheet;
            if (ws->optimize_tmpfile) std::fclose(ws->optimize_tmpfile);
            ws->optimize_tmpfile = nullptr;
            ws->file = nullptr;
        }
        lxw_workbook_free(wb);  // closes the shared strings' stream
        wb = nullptr;
    }

    bool Open() {
        // constant_memory: each row goes out as it is written, no cell tree;
        // rows are written strictly in order, which is what we do. Strings go
        // to the shared strings table as they come (patches/libxlsxwriter/0004).
        // The parts are kept in memory (memory_file.h) and the zip goes straight
        // into `bytes` (xlsxwriter_io.h): the file name is not used.
        lxw_workbook_options opts = {};
        opts.constant_memory = 1;
        wb = workbook_new_opt("ledger.xlsx", &opts);
        if (!wb) {
            error = "无法创建 Excel 文件";
            return false;
        }
        streams = std::make_unique<XlsxStreams>(options.level);
        if (options.shared_strings) {
            wb->sst->stream = htk_memory_tmpfile();
            if (!wb->sst->stream) {
                error = "内存不足，无法写入 Excel 文件";
                return false;
            }
            sst = streams->Add(wb->sst->stream);
        }
        title = book.sheets.empty() ? std::string() : book.sheets[0].title;
        props.title = const_cast<char*>(title.c_str());
        props.company = const_cast<char*>(book.unit.c_str());
        props.comments = const_cast<char*>("由“回头看整改台账”导出");
        workbook_set_properties(wb, &props);
        workbook_set_custom_property_string(wb, "htk_format", "1");
        workbook_set_custom_property_string(wb, "htk_campaign", book.campaign_code.c_str());
        workbook_set_custom_property_string(wb, "htk_unit", book.unit.c_str());
        workbook_set_custom_property_string(wb, "htk_exported_at", book.exported_at.c_str());
        formats = MakeFormats(wb);
        auto tables = [&] {
            for (size_t i = 0; i < book.tables.size(); ++i) parts.push_back({true, i});
        };
        if (book.tables_first) tables();
        for (size_t i = 0; i < book.sheets.size(); ++i) parts.push_back({false, i});
        if (!book.tables_first) tables();
        for (const LedgerSheet& s : book.sheets) total_rows += s.rows.size();
        return true;
    }

    // The worksheet just added: its rows are compressed as they are written.
    void Track(lxw_worksheet* ws) {
        current = ws && ws->optimize_tmpfile ? streams->Add(ws->optimize_tmpfile) : nullptr;
    }

    // Compresses one block of rows or strings if one is full; true if it did.
    bool Pump() {
        if (current && current->CompressBlock()) return true;
        return sst && sst->CompressBlock();
    }

    // Writes parts until the slice is over; true when every part is written.
    bool WriteParts(Slice& slice) {
        constexpr size_t kRowsPerPump = 64;  // ~25 KB of XML, then a look at the file
        while (part < parts.size()) {
            const Part p = parts[part];
            if (p.table) {
                WriteTable(wb, formats, book.tables[p.index]);
                Track(LastWorksheet());
                ++part;
                if (Pump() || slice.over_now()) return false;
                continue;
            }
            const LedgerSheet& s = book.sheets[p.index];
            if (!sheet_begun) {
                sheet = SheetWriter();
                sheet.Begin(wb, formats, s);
                Track(sheet.ws);
                sheet_begun = true;
                row = 0;
            }
            while (row < s.rows.size()) {
                sheet.Row(formats, *s.rows[row]);
                ++row;
                ++rows_done;
                if (row % kRowsPerPump == 0 && Pump() && slice.over_now()) return false;
                if (slice.over()) return false;
            }
            sheet.End(formats);
            sheet_begun = false;
            ++part;
            if (slice.over_now()) return false;
        }
        return true;
    }

    lxw_worksheet* LastWorksheet() {
        lxw_worksheet* last = nullptr;
        lxw_sheet* sheet;
        STAILQ_FOREACH(sheet, wb->sheets, list_pointers)
            if (!sheet->is_chartsheet) last = sheet->u.worksheet;
        return last;
    }

    // Compresses what every stream holds, a block at a time.
    bool Flush(Slice& slice) {
        auto& all = streams->all();
        while (flushed < all.size()) {
            if (all[flushed]->CompressBlock()) {
                if (slice.over_now()) return false;
                continue;
            }
            all[flushed]->CompressAll();
            ++flushed;
            if (slice.over_now()) return false;
        }
        return true;
    }

    void Close() {
        CaptureXlsxZip(&bytes);
        CaptureXlsxStreams(streams.get());
        const lxw_error rc = workbook_close(wb);  // frees the workbook
        CaptureXlsxStreams(nullptr);
        CaptureXlsxZip(nullptr);
        wb = nullptr;
        if (rc != LXW_NO_ERROR) {
            bytes.clear();
            error = std::string("写入 Excel 文件失败：") + lxw_strerror(rc);
        }
    }
};

XlsxWriteTask::XlsxWriteTask(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriteTask::~XlsxWriteTask() = default;

bool XlsxWriteTask::Step(Slice& slice) {
    Impl& m = *impl_;
    for (;;) {
        switch (m.phase) {
        case Impl::Phase::kOpen:
            m.phase = m.Open() ? Impl::Phase::kParts : Impl::Phase::kDone;
            if (m.phase == Impl::Phase::kDone) {
                m.Free();
                return true;
            }
            break;
        case Impl::Phase::kParts:
            if (!m.WriteParts(slice)) return false;
            m.phase = Impl::Phase::kFlush;
            break;
        case Impl::Phase::kFlush:
            if (!m.Flush(slice)) return false;
            m.phase = Impl::Phase::kClose;
            if (slice.over_now()) return false;
            break;
        case Impl::Phase::kClose:
            m.Close();
            m.phase = Impl::Phase::kDone;
            return true;
        case Impl::Phase::kDone:
            return true;
        }
    }
}

double XlsxWriteTask::progress() const {
    const Impl& m = *impl_;
    if (m.phase == Impl::Phase::kDone) return 1;
    const double rows = m.total_rows ? double(m.rows_done) / double(m.total_rows) : 1;
    switch (m.phase) {
    case Impl::Phase::kOpen: return 0;
    case Impl::Phase::kParts: return 0.9 * rows;
    case Impl::Phase::kFlush: return 0.9 + 0.05 * (m.streams->all().empty() ? 1 : double(m.flushed) / double(m.streams->all().size()));
    default: return 0.95;
    }
}

std::string XlsxWriteTask::stage() const {
    switch (impl_->phase) {
    case Impl::Phase::kOpen:
    case Impl::Phase::kParts: return "正在写入 Excel 文件";
    case Impl::Phase::kFlush: return "正在压缩 Excel 文件";
    case Impl::Phase::kClose: return "正在生成 Excel 文件";
    default: return "Excel 文件已生成";
    }
}

bool XlsxWriteTask::ok() const { return impl_->phase == Impl::Phase::kDone && impl_->error.empty(); }
const std::string& XlsxWriteTask::error() const { return impl_->error; }
std::string XlsxWriteTask::TakeBytes() { return std::move(impl_->bytes); }

std::unique_ptr<XlsxWriteTask> StartLedgerXlsx(LedgerWorkbook book, XlsxWriteOptions options) {
    auto impl = std::make_unique<XlsxWriteTask::Impl>();
    impl->options = options;
    // Own the rows: copy what the sheets point at and point at the copies.
    impl->owned.resize(book.sheets.size());
    for (size_t i = 0; i < book.sheets.size(); ++i) {
        LedgerSheet& s = book.sheets[i];
        std::vector<Problem>& own = impl->owned[i];
        own.reserve(s.rows.size());
        for (const Problem* p : s.rows) own.push_back(*p);
        for (size_t r = 0; r < own.size(); ++r) s.rows[r] = &own[r];
    }
    impl->book = std::move(book);
    return std::unique_ptr<XlsxWriteTask>(new XlsxWriteTask(std::move(impl)));
}

bool WriteLedgerXlsx(const LedgerWorkbook& book, std::string* bytes, std::string* error, XlsxWriteOptions options) {
    // Run at once: the caller's rows outlive the call, so they are not copied.
    auto impl = std::make_unique<XlsxWriteTask::Impl>();
    impl->options = options;
    impl->book = book;
    XlsxWriteTask task(std::move(impl));
    RunToEnd(task);
    if (!task.ok()) {
        bytes->clear();
        *error = task.error();
        return false;
    }
    *bytes = task.TakeBytes();
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
