// xlsx_reader.h — reads the cells of an .xlsx workbook (any program's:
// Excel, WPS, LibreOffice, openpyxl, ours): shared and inline strings,
// numbers, booleans, dates (by their number format), and merged cells, whose
// value is copied into every cell of the merge so a vertically merged
// 问题类型 applies to each row it spans.
#pragma once

#include "sheet.h"
#include "task.h"

#include <memory>
#include <string>
#include <string_view>

namespace htk {

constexpr size_t kMaxUnpackedBytes = 200u * 1024 * 1024;

// Returns false with a Chinese message for a file that is not a readable
// workbook, is too big unpacked (zip bomb) or has too many rows.
bool ReadXlsx(std::string_view bytes, Workbook* out, std::string* error);

// ReadXlsx a slice at a time (core/task.h): a large sheet part is inflated
// and its rows parsed over several steps. `bytes` must stay put until it
// ends. Finished: ok() and workbook(), or error() (a Chinese message).
class XlsxReadTask : public Task {
public:
    explicit XlsxReadTask(std::string_view bytes);
    ~XlsxReadTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    bool ok() const;
    const std::string& error() const;
    Workbook& workbook();

private:
    struct State;
    std::unique_ptr<State> s_;
};

// True when the bytes look like a zip archive (an .xlsx), whatever the name.
bool LooksLikeZip(std::string_view bytes);

}  // namespace htk
