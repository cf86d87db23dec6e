// sheet_header.h — finds the header row of a table filled by hand.
//
// People put titles, unit lines and blank rows above a table and word its
// column labels their own way (问题描述 for 问题表述, 证件号码 for 身份证号,
// “完成时限（精准到日）”). Each importer names its columns with the words it
// accepts; this finds the row, in the first rows of a sheet, that names the
// most of them and maps every sheet column to one (or to none).
#pragma once

#include "formats/sheet.h"

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace htk {

constexpr int kHeaderSearchRows = 20;
constexpr int kNoColumn = -1000;  // a sheet column no field claims

// A label as compared, width-normalised, without spaces, line breaks or *, in
// two forms: `full` drops only the brackets and keeps what they hold (乡（镇）
// -> 乡镇, 务工时间\n(月) -> 务工时间月, 县(市、区、旗) -> 县市、区、旗);
// `bare` drops bracketed remarks whole (完成时限（精准到日） -> 完成时限).
struct HeaderKeys {
    std::string full, bare;
};
HeaderKeys HeaderKeysOf(const std::string& text);

// The words an importer accepts, per field id (any int but kNoColumn).
class HeaderWords {
public:
    // Words are compared by their `full` key: "乡(镇)" and "乡镇" are one word.
    void Add(int field, std::initializer_list<const char*> words);
    // The field whose word is the label's `full` key, else its `bare` key;
    // kNoColumn when neither is known.
    int Find(const std::string& label) const;

private:
    std::map<std::string, int> by_key_;
};

struct HeaderMatch {
    int row = -1;                   // 0-based; -1 when none was found
    std::vector<int> column_field;  // per sheet column: a field, or kNoColumn
    int recognised = 0;
    bool Has(int field) const;
};

// The row in the first kHeaderSearchRows naming `required` (any row when it
// is kNoColumn) and at least `min_fields` known fields, naming the most; a
// field named twice keeps the first column.
HeaderMatch FindHeaderRow(const Sheet& sheet, const HeaderWords& words, int required, int min_fields);

// The first visible sheet of `book` in which `find` (Sheet -> HeaderMatch)
// finds a header row, with that match in *match; null when none has one.
template <typename Find>
const Sheet* FirstSheetWithHeader(const Workbook& book, Find find, HeaderMatch* match) {
    for (const Sheet& s : book.sheets) {
        if (s.hidden) continue;
        *match = find(s);
        if (match->row >= 0) return &s;
    }
    return nullptr;
}

}  // namespace htk
