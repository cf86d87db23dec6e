// sheet.h — a spreadsheet as imports see it: rows of cells, whatever file
// (xlsx or csv) they came from. Row i is the sheet's row i+1.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace htk {

struct Cell {
    // kFormula: a formula whose result the file does not hold (saved by a
    // program that does not calculate); `text` is the formula ("=HYPERLINK(…)").
    // A formula with a cached result is that result, of its type.
    enum Type : unsigned char { kEmpty, kText, kNumber, kDate, kBool, kFormula };
    Type type = kEmpty;
    std::string text;   // the text, or a number written out
    double number = 0;  // for kNumber and kDate (an Excel serial)
};

struct Sheet {
    std::string name;
    bool hidden = false;
    std::vector<std::vector<Cell>> rows;
};

struct Workbook {
    std::vector<Sheet> sheets;
    std::map<std::string, std::string> custom_properties;  // docProps/custom.xml (ours: htk_unit …)
};

}  // namespace htk
