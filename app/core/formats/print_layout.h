// print_layout.h — how big text is on a printed worksheet, and where its pages
// break: what the workbooks we export (ledger_xlsx.cpp) size their columns,
// rows and pages with, so that Excel, WPS and LibreOffice print them whole.
//
// The model (Excel's, which WPS and LibreOffice follow):
// - The workbook's default font is Calibri 11 (libxlsxwriter's), whose digit is
//   7 px at 96 dpi; a column `w` units wide is 7w + 5 px (LibreOffice: ~6 % more).
// - Cell text is 宋体, 仿宋 or 黑体 (SimSun, FangSong, SimHei on a Chinese office
//   PC): every ASCII character is half an em, everything else (汉字, full-width
//   punctuation, “”) a whole em. 11 pt is 14.67 px, so a 汉字 at 11 pt is 2.1
//   units and "2026-12-31" 10.5.
// - A4 with margins of 0.4 in left and right, 0.6 in top and bottom; the page
//   scale is ours (not "fit to width", which makes Excel ignore page breaks).
#pragma once

#include <string_view>
#include <vector>

namespace htk {

// Width of `s` in half-ems (ASCII 1, any other character 2).
double HalfEms(std::string_view s);
// Pixels (96 dpi) of `s` on one line at `pt` points.
double TextPx(std::string_view s, double pt);
// Pixels of a column `width` units wide, as Excel draws it (text is fitted to these).
double ColumnPx(double width);
// The most pixels any application prints it (pages are fitted to these).
double PrintedColumnPx(double width);
// The narrowest column width (units) that shows `s` (each of its lines) at `pt`,
// with room to spare (the cell's inner margins, a bold header, rounding).
double WidthFor(std::string_view s, double pt);
// Lines `text` takes wrapped in a column `width` units wide (every line of a
// multi-line text at least one).
int LinesFor(std::string_view text, double width, double pt);
// Height (points) of a row of `lines` lines at `pt`: Excel's row for one line
// of 宋体 11 is 14.25 pt.
double RowPoints(int lines, double pt);

struct PageSetup {
    bool landscape = false;
    int scale = 100;            // percent, as printed
    double body_points = 0;     // unscaled row points that fit on one page, with room to spare
};
// A4 page for columns `total_px` wide (PrintedColumnPx): the scale that fits
// them across the page (never above 100 %).
PageSetup PageFor(double total_px, bool landscape);
// The widest (PrintedColumnPx) a table may be to print at `min_scale` percent or more.
double PrintableColumnsPx(bool landscape, int min_scale);

// Where pages break: `heights` are the sheet's rows from row 0 (points);
// rows before `first_body` stay on the first page; `repeat` (or -1) is the
// header row printed again at the top of every later page; keep_with_next[i]
// keeps row i on the page of row i+1. Returns the rows that begin a page
// (0-based, ascending), for worksheet_set_h_pagebreaks.
std::vector<int> PageBreaks(const std::vector<double>& heights, const std::vector<bool>& keep_with_next,
                            int first_body, int repeat, double body_points);

// Narrows the widest columns (never below `min_width`) until the widths add up
// to at most `total` units; columns already narrower are left as they are.
void FitColumns(std::vector<double>& widths, double total, double min_width);

}  // namespace htk
