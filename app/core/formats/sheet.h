// sheet.h — a spreadsheet as imports see it: rows of cells, whatever file
// (xlsx or csv) they came from. Row i is the sheet's row i+1.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace htk {

struct Cell {
    enum Type : unsigned char { kEmpty, kText, kNumber, kDate, kBool };
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
