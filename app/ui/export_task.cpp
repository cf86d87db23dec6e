#include "export_task.h"

#include "platform.h"

#include <utility>

namespace htk::ui {

void ExportXlsxFile(TaskRunner& tasks, LedgerWorkbook book, const std::string& file_name, ExportSaid said) {
    platform::Mark("htk-export-xlsx-start");
    auto done = [file_name, said](Task& t) {
        auto& task = static_cast<XlsxWriteTask&>(t);
        platform::Mark("htk-export-xlsx-end");
        if (!task.ok()) {
            said("导出失败：" + task.error(), true);
            return;
        }
        platform::DownloadFile(file_name, task.TakeBytes(),
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        said("已导出 " + file_name, false);
    };
    // The task copies the rows: the screens' data may change while it writes.
    if (!StartTask(tasks, "导出 Excel", StartLedgerXlsx(std::move(book)), std::move(done)))
        said("导出失败：另一项操作还在进行，请等它完成后再导出", true);
}

}  // namespace htk::ui
