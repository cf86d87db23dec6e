// 备份与恢复: the whole database downloaded as one .db file, and a backup put
// back after a confirmation that shows what it holds. A backup file opened or
// dropped anywhere comes here (ReceiveBackupFile).
#include "settings_ui.h"

#include "app_ui.h"
#include "dialogs.h"
#include "domain/backup.h"
#include "platform.h"
#include "storage/database.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>

#include <cstdio>

namespace htk::ui {

void DownloadBackup(UiState& ui) {
    FlushPendingEdits(ui);
    const std::string name = BackupFileName(ui.settings.unit_name, platform::Today());
    // The image as it is in memory, not a copy of it first (a district's 120 MB).
    const Database::ImageView image = ui.db->Image();
    platform::DownloadFile(name, std::string_view(reinterpret_cast<const char*>(image.data), image.size),
                           "application/vnd.sqlite3");
    RecordBackup(*ui.db, platform::Today());
    ui.settings_ui->backup_message = "已下载备份：" + name + "。请把它保存到 U 盘或其他电脑。";
}

const BackupStatus& BackupState(UiState& ui) {
    return UpdateBackupStatus(*ui.db, platform::Today(), &ui.settings_ui->backup_status);
}

// Checked on the task runner: the whole-file check in a Web Worker (a
// district's backup takes seconds), the rest a step per frame; then the
// confirmation shows what it holds.
void ReceiveBackupFile(UiState& ui, platform::OpenedFile&& file) {
    auto task = std::make_unique<BackupInspectTask>(std::move(file.bytes), platform::StartIntegrityCheck);
    platform::Mark("htk-restore-check-start");
    StartTask(ui.tasks, "检查备份文件", std::move(task), [&ui, name = file.name](Task& t) {
        auto& inspected = static_cast<BackupInspectTask&>(t);
        platform::Mark("htk-restore-check-end");
        auto r = std::make_unique<PendingRestore>();
        r->file_name = name;
        if (inspected.ok()) r->backup = inspected.TakeResult();
        else r->error = inspected.error();
        ui.settings_ui->pending_restore = std::move(r);
    });
}

void DrawBackupPanel(UiState& ui) {
    SettingsUi& S = *ui.settings_ui;
    ImGui::TextUnformatted("备份与恢复");
    ColoredTextWrapped(kColorMuted, "备份把本机的全部数据（各轮活动、整改台账及修改记录、农户名册、排查记录、周报）下载为一个 "
                                    ".db 文件。换电脑、重装系统或清理浏览器之前请先备份；在另一台电脑上用“从备份恢复”即可继续工作。");
    if (ImGui::Button("下载备份")) DownloadBackup(ui);
    MarkItem("backup.download");
    ImGui::SameLine();
    if (ImGui::Button("从备份恢复…")) platform::OpenFilePicker();
    MarkItem("backup.restore");
    Tooltip("选择以前下载的 .db 备份文件（也可以直接拖到页面上）；恢复前会先显示备份的内容并请你确认");
    const std::string& last = BackupState(ui).last_day;
    ImGui::TextDisabled("上次备份：%s", last.empty() ? "从未备份" : last.c_str());
    MarkItem("backup.last", last.c_str());
    if (!S.backup_message.empty()) {
        ColoredTextWrapped(kColorGreen, S.backup_message.c_str());
        MarkItem("backup.message", S.backup_message.c_str());
    }
}

void DrawRestoreDialog(UiState& ui) {
    SettingsUi& S = *ui.settings_ui;
    if (!S.pending_restore) return;
    const PendingRestore& r = *S.pending_restore;
    const char* title = "从备份恢复";
    if (!BeginModalDialog(title, 36, 16)) return;
    MarkItem("restore.dialog", r.file_name.c_str());
    ImGui::Text("文件：%s", r.file_name.c_str());
    bool close = false;
    if (!r.error.empty()) {
        ColoredTextWrapped(kColorRed, ("无法恢复：" + r.error).c_str());
        MarkItem("restore.error", r.error.c_str());
        ColoredTextWrapped(kColorMuted, "本机的数据没有改变。");
        close = ImGui::Button("关闭 (Esc)") || DialogCancelled() || DialogConfirmed();
    } else {
        const BackupSummary& s = r.backup.summary;
        std::string campaigns;
        for (const std::string& c : s.campaigns) campaigns += (campaigns.empty() ? "" : "；") + c;
        char text[512];
        std::snprintf(text, sizeof text, "单位：%s\n问题 %lld 条，农户 %lld 户，排查记录 %lld 条，周报 %lld 份\n最后修改：%s",
                      s.unit_name.empty() ? "（未填写）" : s.unit_name.c_str(), static_cast<long long>(s.problems),
                      static_cast<long long>(s.households), static_cast<long long>(s.screenings),
                      static_cast<long long>(s.weekly_reports), s.last_change.empty() ? "—" : s.last_change.c_str());
        ImGui::TextUnformatted(text);
        MarkItem("restore.summary", text);
        ColoredTextWrapped(kColorMuted, ("活动：" + campaigns).c_str());
        ImGui::Spacing();
        ColoredTextWrapped(kColorYellow, "恢复后，本机现在的全部数据将被备份中的数据替换，且不能撤销。"
                                         "如需保留现在的数据，请先点“先备份现在的数据”。");
        if (ImGui::Button("先备份现在的数据")) DownloadBackup(ui);
        ImGui::Spacing();
        const bool go = ImGui::Button("确认恢复 (Enter)");
        MarkItem("restore.confirm");
        ImGui::SetItemDefaultFocus();  // Enter with a keyboard focus shown
        ImGui::SameLine();
        const bool cancel = ImGui::Button("取消 (Esc)");
        if (go || DialogConfirmed()) {
            std::string error;
            if (RestoreInspected(*ui.db, std::move(S.pending_restore->backup), &error)) {
                ui.reload_all = true;  // every screen, the settings too, read again between frames
                ui.section = Section::kSettings;
                S.backup_message = "已从“" + r.file_name + "”恢复数据。";
            } else {
                S.backup_message = error;
            }
            close = true;
        } else if (cancel || DialogCancelled()) {
            S.backup_message = "已取消恢复，数据没有改变。";
            close = true;
        }
    }
    if (close) {
        S.pending_restore.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace htk::ui
