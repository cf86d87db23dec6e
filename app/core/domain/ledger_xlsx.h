// ledger_xlsx.h — the official 整改台账 workbook, written with libxlsxwriter.
//
// Layout (as the campaign document's 附件): a merged title row, the
// "单位（盖章）：" line with the date on the right, the header row 序号 · 问题类型
// · 问题性质 · 问题表述 · 整改措施 · 完成时限 · 责任单位, one bordered, wrapped row
// per problem (完成时限 as a real date cell), then the 备注 paragraph. A4
// landscape, scaled to the page width, header row repeated on every printed
// page, panes frozen under it, pages broken so that the 备注 and the
// signature lines stay with the table's last row (print_layout.h). Optional
// extended columns follow the official ones; a hidden last column carries each
// row's UUID so that importing the file again updates rows instead of
// duplicating them. Text is 宋体 (titles 黑体, prose 仿宋), written as it is: an
// xlsx string cell never runs as a formula, so no apostrophe guard (CSV keeps it).
#pragma once

#include "problem.h"
#include "task.h"

#include <memory>
#include <string>
#include <vector>

namespace htk {

struct LedgerSheet {
    std::string name = "整改台账";     // worksheet tab
    std::string title;                // campaign ledger title
    std::string unit;                 // after 单位（盖章）：
    Date date;                        // the date line; invalid -> "    年  月  日" to fill by hand
    std::string note;                 // the 备注 paragraph
    bool extended = false;            // 责任领导, 原因分析, 整改进度, 落实效果, 整改状态
    bool signature = false;           // the final ledger: 主要负责同志签字, date, room for the 公章
    std::vector<const Problem*> rows; // in the order to number them
};

// A plain bordered table after the ledger sheets (e.g. a report's statistics):
// a title row, then `rows`, the first of them the header. Text that reads as a
// whole number is written as a number. Printed in the orientation that takes
// fewer pages, its widest columns narrowed and wrapped to fit across.
struct TableSheet {
    std::string name;
    std::string title;
    std::vector<std::vector<std::string>> rows;
    bool wide_text = false;   // one wide wrapped column of prose (a report), not a table
    bool landscape = false;   // landscape when both take as many pages (a list to take to the field)
    bool fill_width = false;  // the widest column takes the rest of the page (a form: 项目 · 内容)
    // wide_text: the last rows are the sender and the date, right-aligned and
    // printed on the page of the paragraph before them.
    int closing_rows = 0;
    // Room for what is written by hand (an on-site list): a column at least
    // this wide (units; 0 = as its cells), every row at least this high (points).
    std::vector<double> min_widths;
    double min_row_points = 0;
};
// In a TableSheet, a cell written like "83.3%" is a number formatted as a
// percentage; "12" a number.

struct LedgerWorkbook {
    std::vector<LedgerSheet> sheets;
    std::vector<TableSheet> tables;
    bool tables_first = false;  // a summary before the ledgers (the district roll-up)
    // Written into the file's custom properties, read back on import.
    std::string campaign_code;
    std::string unit;
    std::string exported_at;
};

// The header label of the hidden UUID column (also recognised on import).
constexpr const char* kUuidHeader = "唯一编号（请勿修改）";

// How the parts are written (docs/PERFORMANCE.md measures each choice).
struct XlsxWriteOptions {
    // libdeflate's level, 0-12: 6 makes a 50,000-row ledger no bigger than
    // rust_xlsxwriter's (wasm-xlsxwriter) at about half its time.
    int level = 6;
    // A shared strings table (xl/sharedStrings.xml) instead of inline strings:
    // a third smaller file, Excel's own way.
    bool shared_strings = true;
};

// The workbook written a slice of time at a time (task.h): rows first, each
// sheet's XML deflated a block (1 MB) at a time as it grows, then the zip put
// together from the compressed pieces. No Step does more than one block (~10
// ms in the browser) or a few rows after its slice is over, the last one
// included (the small parts and the zip's directory). Destroying it unfinished
// frees everything it made.
class XlsxWriteTask : public Task {
public:
    ~XlsxWriteTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;

    // After Step returned true: the file, or false and a Chinese message.
    bool ok() const;
    const std::string& error() const;
    std::string TakeBytes();

    struct Impl;

private:
    friend std::unique_ptr<XlsxWriteTask> StartLedgerXlsx(LedgerWorkbook, XlsxWriteOptions);
    friend bool WriteLedgerXlsx(const LedgerWorkbook&, std::string*, std::string*, XlsxWriteOptions);
    explicit XlsxWriteTask(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Starts writing `book`. The task owns what it writes: the problems the
// sheets point at are copied now, so the caller's rows may change or go
// before the task is finished.
std::unique_ptr<XlsxWriteTask> StartLedgerXlsx(LedgerWorkbook book, XlsxWriteOptions options = {});

// The whole workbook in one call (the task run to its end). Returns false
// with a Chinese message if the workbook could not be written.
bool WriteLedgerXlsx(const LedgerWorkbook& book, std::string* bytes, std::string* error,
                     XlsxWriteOptions options = {});

// The problem fields the ledger's columns hold after 序号, in sheet order:
// the six official ones, then (extended) 责任领导 … 整改状态. CSV uses the same.
std::vector<ProblemField> LedgerColumns(bool extended);

// `<单位>_<document>_<YYYYMMDD><extension>`, with characters Windows forbids
// removed from the unit (every file the app hands out is named this way).
std::string UnitFileName(const std::string& unit, const std::string& document, const Date& date,
                         const char* extension);
// `<单位>_整改台账_<YYYYMMDD>.xlsx`
std::string LedgerFileName(const std::string& unit, const Date& date, const char* extension);

}  // namespace htk
