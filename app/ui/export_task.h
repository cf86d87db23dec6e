// export_task.h — every .xlsx the app hands out: the workbook written on the
// task runner (a slice per frame, with progress and 取消; core/domain/
// ledger_xlsx.h), then offered as a download.
#pragma once

#include "domain/ledger_xlsx.h"
#include "task_runner.h"

#include <functional>
#include <string>

namespace htk::ui {

// How it went, in the user's words: "已导出 <file>", or (error) why not.
using ExportSaid = std::function<void(const std::string& text, bool error)>;

// Starts writing `book`; when it is written, the file is downloaded as
// `file_name` and `said` is told. `said` runs in a later frame (or at once
// when another task is running): it must find its screen through state that
// outlives the task (the runner's tasks block rebuilding the screens).
void ExportXlsxFile(TaskRunner& tasks, LedgerWorkbook book, const std::string& file_name, ExportSaid said);

}  // namespace htk::ui
