// settings_ui.h — the 设置 screen's panels and what they hold while the user
// types: the campaign (name, ledger title, phase dates, check points), the
// township units, and the campaigns kept here.
//
// A saved change to the campaign rebuilds every screen between frames
// (UiState::switch_campaign), since they all read the same Campaign.
#pragma once

#include "district/unit_names.h"

#include "domain/backup.h"
#include "platform.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace htk::ui {

struct UiState;

// A backup file opened, checked, waiting for the user's confirmation.
struct PendingRestore {
    std::string file_name;
    InspectedBackup backup;  // its summary, and its data on a scratch database (none when it cannot be restored)
    std::string error;       // why not, in Chinese
};

struct SettingsUi {
    int64_t loaded_for = 0;  // the campaign the fields below were filled from (0: fill again)

    // 活动与阶段
    std::string name, ledger_title;
    std::vector<std::string> phase_start, phase_end;  // as typed
    std::string info_message;
    bool info_error = false;

    // 乡镇与单位 (the list read again when dirty)
    bool townships_dirty = true;
    std::vector<std::string> townships;
    std::vector<int> township_villages;  // villages listed per township
    std::string townships_text;
    std::string townships_message;
    // 单位别名: the other names units sign their files with.
    std::vector<UnitAlias> aliases;
    std::string alias_unit, alias_text, alias_message;

    // 排查要点: the point being edited or the area getting a new one
    int64_t editing_point = 0;
    int64_t adding_area = 0;
    std::string point_short, point_text;
    bool point_village = false;
    std::string point_error;

    // 新一轮
    std::string next_code, next_name, next_error;

    // 备份与恢复
    std::unique_ptr<PendingRestore> pending_restore;
    std::string backup_message;
    BackupStatus backup_status;  // see BackupState()
};

void DrawUnitPanel(UiState& ui);       // 本单位: name, role, contact
void DrawCampaignPanel(UiState& ui);   // 活动与阶段 and 新一轮
void DrawTownshipsPanel(UiState& ui);  // 乡镇与单位
void DrawChecklistPanel(UiState& ui);  // 排查要点
void DrawBackupPanel(UiState& ui);     // 备份与恢复 (in 数据与示例)

// 备份 now: the download, and the day recorded.
void DownloadBackup(UiState& ui);
// The last backup and whether one is due, current.
const BackupStatus& BackupState(UiState& ui);
// A file that is a SQLite database: checked, then confirmed in DrawRestoreDialog.
void ReceiveBackupFile(UiState& ui, platform::OpenedFile&& file);
void DrawRestoreDialog(UiState& ui);  // any screen

}  // namespace htk::ui
