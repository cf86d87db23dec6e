#include "app_ui.h"

#include "domain/campaign.h"
#include "domain/demo_data.h"
#include "domain/rectification_report.h"
#include "domain/ledger_draft.h"
#include "domain/opened_file.h"
#include "domain/backup.h"
#include "storage/database.h"
#include "formats/table_file.h"
#include "households/households_ui.h"
#include "households/screening_ui.h"
#include "weekly/weekly_ui.h"
#include "district/district_ui.h"
#include "settings/settings_ui.h"
#include "ledger/ledger_ui.h"
#include "screens/screens.h"
#include "dialogs.h"
#include "keys.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

namespace htk::ui {
namespace {

struct SectionInfo {
    Section section;
    const char* label;
    const char* mark;
};

const SectionInfo kSections[] = {
    {Section::kHome, "首页", "nav.home"},
    {Section::kLedger, "整改台账", "nav.ledger"},
    {Section::kScreening, "入户排查", "nav.screening"},
    {Section::kWeekly, "周报", "nav.weekly"},
    {Section::kDistrict, "区级汇总", "nav.district"},
    {Section::kSettings, "设置", "nav.settings"},
};

void DrawNavigation(UiState& ui) {
    // Ctrl+1 … Ctrl+6: the sections in their order, from anywhere but a dialog.
    const bool ctrl = ImGui::GetIO().KeyCtrl && !ImGui::GetIO().KeyShift && !ImGui::GetIO().KeyAlt;
    const bool dialog = ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId);
    int n = 0;
    for (const SectionInfo& s : kSections) {
        ++n;
        bool selected = ui.section == s.section;
        char tip[32];
        std::snprintf(tip, sizeof tip, "Ctrl+%d", n);
        const bool key = ctrl && !dialog && DomKeyPressed('0' + n, false);
        if (ImGui::Selectable(s.label, selected, 0, ImVec2(0, ImGui::GetTextLineHeight() * 1.8f)) || key) {
            if (ui.section == Section::kLedger) FlushDraft(*ui.ledger, ui.settings);
            ui.section = s.section;
        }
        Tooltip(tip);
        MarkItem(s.mark);
    }
}

void DrawSaveState(const UiState& ui, const PlatformStatus& st) {
    const SaveScheduler& s = *st.saver;
    char text[512];
    ImU32 color = kColorGreen;
    const char* tip = nullptr;
    switch (s.state(ui.db->commit_count())) {
        case SaveState::kSaved:
            std::snprintf(text, sizeof text, "● 已保存");
            tip = "所有修改都已保存在本机浏览器中";
            break;
        case SaveState::kSaving:
            std::snprintf(text, sizeof text, "● 保存中…");
            color = kColorYellow;
            break;
        case SaveState::kFailed: {
            int wait = int(std::ceil(s.retry_at() - st.now));
            if (wait > 0)
                std::snprintf(text, sizeof text, "● 保存失败：%s（%d 秒后重试）", s.error().c_str(), wait);
            else
                std::snprintf(text, sizeof text, "● 保存失败：%s（正在重试）", s.error().c_str());
            color = kColorRed;
            tip = "修改仍在内存中，会自动重试保存。请不要关闭页面；如空间不足，请清理浏览器存储。";
            break;
        }
        case SaveState::kDisabled:
            std::snprintf(text, sizeof text, "● 保存失败：无法使用浏览器存储，修改不会保存");
            color = kColorRed;
            tip = s.error().c_str();
            break;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    if (tip) Tooltip(tip);
    MarkItem("status.save", text);
}

void DrawStatusBar(UiState& ui, const PlatformStatus& st) {
    if (st.read_only) {
        ImGui::PushStyleColor(ImGuiCol_Text, kColorYellow);
        ImGui::TextUnformatted("● 只读：另一个标签页正在编辑");
        ImGui::PopStyleColor();
        MarkItem("status.save", "只读");
    } else {
        DrawSaveState(ui, st);
    }
    // A large file takes a moment to come in (a district's registry: about a
    // second), a slice per frame: say which and how far.
    for (const platform::ArrivingFile& f : platform::ArrivingFiles()) {
        char text[320];
        std::snprintf(text, sizeof text, "正在读入“%s”… %.0f%%", f.name.c_str(),
                      f.size > 0 ? 100 * f.received / f.size : 100.0);
        ImGui::SameLine(0, 24);
        ImGui::TextUnformatted(text);
        MarkItem("status.file_arriving", text);
        break;  // the first one; the others follow it
    }
    ImGui::SameLine(0, 24);
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    const char* unit = ui.settings.unit_name.empty() ? "未填写单位" : ui.settings.unit_name.c_str();
    ImGui::Text("%s · %s", unit, RoleLabel(ui.settings.role));
    MarkItem("status.unit", unit);
    if (st.version && *st.version) {
        char version[64];
        std::snprintf(version, sizeof version, "版本 %s", st.version);
        ImGui::SameLine(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(version).x);
        ImGui::TextUnformatted(version);
        MarkItem("status.version", st.version);
    }
    ImGui::PopStyleColor();
}

// Shown above every screen: what went wrong at start, this tab being
// read-only, saving failing. Each says what to do.
void DrawNotices(UiState& ui, const PlatformStatus& st) {
    if (!st.startup_error.empty()) {
        ColoredTextWrapped(kColorRed, st.startup_error.c_str());
        MarkItem("startup.error", st.startup_error.c_str());
    }
    if (st.read_only) {
        ColoredTextWrapped(kColorYellow,
                           "本页只读：这份台账正在本浏览器的另一个标签页中编辑。为避免两边的修改互相覆盖，同一时间只能在一个"
                           "标签页中修改；本页会随那边的保存自动更新，也可以照常查看和导出。");
        MarkItem("readonly.notice");
        if (st.take_over_waiting) {
            ImGui::TextDisabled("正在等待另一个标签页保存并交出编辑…");
        } else {
            if (ImGui::Button("在此页编辑")) ui.take_over_requested = true;
            MarkItem("readonly.take_over");
            Tooltip("另一个标签页会先保存它的修改，然后变为只读；本页读入最新数据后即可编辑");
        }
        if (!st.take_over_refused.empty()) {
            ColoredTextWrapped(kColorRed, st.take_over_refused.c_str());
            MarkItem("readonly.refused", st.take_over_refused.c_str());
        }
        ImGui::Separator();
    }
    if (!st.read_only && st.saver && st.saver->state() == SaveState::kFailed) {
        const std::string text = "最近的修改还没有保存到浏览器中（" + st.saver->error() +
                                 "）。修改仍在本页中：请不要关闭或刷新本页，先点“下载备份”把全部数据存成文件；"
                                 "再清理浏览器的存储空间（浏览器设置 → 隐私和安全 → 清除其他网站的数据，或释放磁盘空间），"
                                 "本页会自动重试保存。";
        ColoredTextWrapped(kColorRed, text.c_str());
        MarkItem("savefail.notice", text.c_str());
        if (ImGui::Button("下载备份")) DownloadBackup(ui);
        MarkItem("savefail.backup");
        ImGui::SameLine();
        if (ImGui::Button("导出整改台账 Excel")) ExportXlsx(*ui.ledger, ui.settings, ui.tasks);
        MarkItem("savefail.export");
        ImGui::SameLine();
        if (ImGui::Button("立即重试保存")) ui.save_now_requested = true;
        MarkItem("savefail.retry");
        Tooltip("清理出空间后点这里马上保存，不必等自动重试");
        if (!ui.settings_ui->backup_message.empty()) {
            ImGui::SameLine();
            ColoredTextWrapped(kColorGreen, ui.settings_ui->backup_message.c_str());
        }
        ImGui::Separator();
    }
}

}  // namespace

UiState::UiState() = default;
UiState::~UiState() = default;

void InitUi(UiState& ui, Database* db) {
    ui.db = db;
    ui.settings = LoadSettings(*db);
    ui.ledger = std::make_unique<LedgerUi>(*db, EnsureCurrentCampaign(*db));
    ui.households = std::make_unique<HouseholdsUi>(*db);
    ui.screening = std::make_unique<ScreeningUi>(*db, ui.ledger->campaign.id);
    ui.weekly = std::make_unique<WeeklyUi>(*db, ui.ledger->campaign.id);
    ui.district = std::make_unique<DistrictUi>(*db, ui.ledger->campaign.id);
    if (!ui.settings_ui) ui.settings_ui = std::make_unique<SettingsUi>();
    ui.settings_ui->loaded_for = 0;
    ui.settings_ui->townships_dirty = true;
    ui.has_demo = HasDemoData(*db);
}

void ReloadAllScreens(UiState& ui) {
    LedgerUi& L = *ui.ledger;
    L.editing = false;
    L.selected = 0;
    L.model.Reload();
    ui.households->loaded = false;
    ui.households->selected = 0;
    ui.screening->loaded = false;
    ui.screening->villages_dirty = true;
    ui.screening->progress_dirty = true;
    ui.weekly->list_dirty = true;
    ui.district = std::make_unique<DistrictUi>(*ui.db, ui.ledger->campaign.id);
    ui.weekly->shown_id = 0;
}

void DemoDataButtons(UiState& ui) {
    LedgerUi& L = *ui.ledger;
    if (!ui.has_demo) {
        if (ImGui::Button("载入示例数据")) {
            FlushPendingEdits(ui);
            DemoSummary s = LoadDemoData(*ui.db, L.campaign, platform::NowText());
            ReloadAllScreens(ui);
            ui.has_demo = true;
            ShowMessage(L, "已载入示例数据：" + std::to_string(s.households) + " 户、" + std::to_string(s.problems) +
                               " 个问题、" + std::to_string(s.reports) + " 份周报（单位名称均带“示例”）");
        }
        MarkItem("demo.load");
        Tooltip("载入两个示例乡镇的农户、排查记录、整改问题和三周的周报，看看每个页面怎么用；随时可一键移除，"
                "不影响自己录入的数据");
    } else {
        if (ImGui::Button("移除示例数据")) {
            FlushPendingEdits(ui);
            RemoveDemoData(*ui.db);
            ReloadAllScreens(ui);
            ui.has_demo = false;
            ShowMessage(L, "已移除全部示例数据，自己录入的数据没有改变");
        }
        MarkItem("demo.remove");
        Tooltip("删除所有示例户、示例问题、示例排查记录和示例周报");
    }
}

void FlushPendingEdits(UiState& ui) {
    if (!ui.ledger) return;
    // The 工作方案 being typed.
    if (ui.weekly && ui.weekly->plan_loaded) {
        const WorkPlan& p = ui.weekly->plan;
        WorkPlan stored = LoadWorkPlan(*ui.db, ui.ledger->campaign.id, ui.weekly->plan_unit);
        if (p.content != stored.content || p.measures != stored.measures || p.schedule != stored.schedule)
            SaveWorkPlan(*ui.db, ui.ledger->campaign.id, ui.weekly->plan_unit, p, platform::NowText());
    }
    // The 整改报告 draft being typed.
    if (ui.weekly && ui.weekly->report_loaded &&
        ui.weekly->report != LoadReportDraft(*ui.db, ui.ledger->campaign.id))
        SaveReportDraft(*ui.db, ui.ledger->campaign.id, ui.weekly->report);
    LedgerUi& L = *ui.ledger;
    if (L.editing && L.draft.id == 0) {
        // A new problem complete enough to store is stored rather than lost.
        Problem p = L.draft;
        if (NormalizeAndValidate(p, L.campaign).empty()) {
            L.editing = false;
            L.model.Add(p, MakeContext(ui.settings, "edit"));
        }
    } else {
        FlushDraft(L, ui.settings);
    }
    // What could not be stored yet (a new problem still missing a required
    // field, a date half typed) is kept as the draft for the next start.
    const Problem* stored = L.editing && L.draft.id ? L.view.Find(L.draft.id) : nullptr;
    const bool unstored = NewDraftTypedIn(L) || (stored && stored->v != L.draft.v);
    if (unstored && SaveLedgerDraft(*ui.db, L.draft)) {
        L.draft_kept = true;
    } else if (!unstored && L.draft_kept) {
        ClearLedgerDraft(*ui.db);
        L.draft_kept = false;
    }
}

// Files chosen or dropped on any screen, one at a time, each read on the task
// runner: a household list opens its preview on 入户排查, anything else the
// ledger's import preview — or, for 区办, joins the district's import dialog;
// the next file waits until the task and any preview are over.
void ReceiveReadTable(UiState& ui, const std::string& file_name, Workbook* book, const std::string& error);

void ReceiveFiles(UiState& ui) {
    for (auto& f : platform::TakeOpenedFiles()) ui.waiting_files.push_back(std::move(f));
    if (ui.read_only && !ui.waiting_files.empty()) {
        ui.waiting_files.clear();
        ShowMessage(*ui.ledger, "本页只读，不能导入或恢复文件。请先点“在此页编辑”。", true);
        return;
    }
    if (TaskRunning(ui.tasks) || ui.ledger->pending_import || ui.households->import_plan || ui.households->pending_villages ||
        ui.settings_ui->pending_restore || ui.waiting_files.empty())
        return;
    platform::OpenedFile file = std::move(ui.waiting_files.front());
    ui.waiting_files.erase(ui.waiting_files.begin());
    if (!ui.waiting_files.empty()) platform::KeepDrawing();  // the next ones on the next frame, not an idle one
    if (!file.error.empty()) {  // the browser could not read it, or it is too large
        const std::string text = "无法打开“" + file.name + "”：" + file.error;
        if (ui.section == Section::kScreening) ShowHouseholdMessage(*ui.households, text, true);
        else ShowMessage(*ui.ledger, text, true);
        return;
    }
    const FileKind kind = KindOfFile(file.bytes);
    if (kind == FileKind::kBackup) {
        ReceiveBackupFile(ui, std::move(file));
        return;
    }
    if (ui.settings.role == Role::kDistrictOffice) {  // a unit's report, for the district's import dialog
        ReceiveDistrictFile(ui, std::move(file));
        return;
    }
    std::string error;
    platform::Mark("htk-import-read-start");
    // A household list in CSV (a district's registry can be 800,000 rows) is
    // read a row at a time by its import, never as a whole sheet.
    if (kind == FileKind::kTextTable && ReceiveHouseholdCsv(ui, file.name, file.bytes, &error)) {
        ui.section = Section::kScreening;
        return;
    }
    if (!error.empty()) {
        ReceiveReadTable(ui, file.name, nullptr, error);
        return;
    }
    // Anything else is read a slice at a time (a 50,000-row workbook takes a
    // few hundred milliseconds), then goes where its content says.
    auto task = std::make_unique<ReadTableTask>(file.name, std::move(file.bytes));
    StartTask(ui.tasks, "导入文件", std::move(task), [&ui](Task& t) {
        auto& read = static_cast<ReadTableTask&>(t);
        ReceiveReadTable(ui, read.file_name(), read.ok() ? &read.workbook() : nullptr, read.error());
    });
}

// A file read (book), or not (error): to the preview its content calls for.
void ReceiveReadTable(UiState& ui, const std::string& file_name, Workbook* book, const std::string& error) {
    platform::Mark("htk-import-read-end");
    if (!book) {
        std::string text = "无法导入“" + file_name + "”：" + error;
        if (ui.section == Section::kScreening) {
            ShowHouseholdMessage(*ui.households, text, true);
        } else {
            ShowMessage(*ui.ledger, text, true);
            ui.section = Section::kLedger;
        }
        return;
    }
    switch (KindOfTable(*book)) {
        case TableKind::kHouseholds:
            ReceiveHouseholdWorkbook(ui, file_name, std::move(*book));
            ui.section = Section::kScreening;
            break;
        case TableKind::kVillages:
            ReceiveVillageWorkbook(ui, file_name, *book);
            ui.section = Section::kScreening;
            break;
        case TableKind::kLedger:
            ReceiveLedgerWorkbook(*ui.ledger, ui.settings, ui.tasks, file_name, std::move(*book));
            ui.section = Section::kLedger;
            break;
    }
}

void DrawStartup(const char* text, float fraction) {
    BeginMarksFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::Begin("##startup", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs);
    const float w = std::min(420.0f, vp->Size.x - 40);
    ImGui::SetCursorPos(ImVec2((vp->Size.x - w) * 0.5f, vp->Size.y * 0.4f));
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextUnformatted("回头看 · 整改台账");
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX((vp->Size.x - w) * 0.5f);
    ImGui::TextUnformatted(text);
    MarkItem("startup.stage", text);
    ImGui::SetCursorPosX((vp->Size.x - w) * 0.5f);
    if (fraction >= 0)
        ImGui::ProgressBar(fraction, ImVec2(w, 0));
    else
        ImGui::ProgressBar(-float(ImGui::GetTime()), ImVec2(w, 0), "");  // moving: no count yet
    ImGui::End();
}

void DrawApp(UiState& ui, const PlatformStatus& st) {
    BeginMarksFrame();
    if (st.read_only && !ui.read_only) ImGui::ClearActiveID();  // a field being typed in writes no more
    ui.read_only = st.read_only;
    // A task's data stays put until it ends (a reader tab's export while the
    // writer saves: the read again comes a moment later).
    if (ui.switch_campaign && !TaskRunning(ui.tasks)) {
        // Between frames: every screen's state belongs to the old campaign.
        FlushPendingEdits(ui);
        SetCurrentCampaign(*ui.db, ui.switch_campaign);
        ui.switch_campaign = 0;
        InitUi(ui, ui.db);
    }
    if (ui.reload_all && !TaskRunning(ui.tasks)) {
        ui.reload_all = false;
        // A field still active would write its old text over the data read again.
        ImGui::ClearActiveID();
        InitUi(ui, ui.db);
    }
    StepTasks(ui.tasks);
    ReceiveFiles(ui);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##main", nullptr, flags);

    const float status_h = ImGui::GetFrameHeightWithSpacing() + 6;
    const float nav_w = ImGui::CalcTextSize("区级汇总").x + 48;

    DrawNotices(ui, st);

    ImGui::BeginChild("##nav", ImVec2(nav_w, -status_h), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextUnformatted("回头看");
    ImGui::TextUnformatted("整改台账");
    ImGui::PopStyleColor();
    ImGui::Separator();
    DrawNavigation(ui);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("##content", ImVec2(0, -status_h), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
    ImGui::BeginDisabled(ui.read_only);
    switch (ui.section) {
        case Section::kHome: DrawHomeScreen(ui, st); break;
        case Section::kLedger: DrawLedgerScreen(ui); break;
        case Section::kScreening: DrawScreeningScreen(ui); break;
        case Section::kWeekly: DrawWeeklyScreen(ui); break;
        case Section::kDistrict: DrawDistrictScreen(ui); break;
        case Section::kSettings: DrawSettingsScreen(ui, st); break;
        case Section::kCount: break;
    }
    ImGui::EndDisabled();
    ImGui::EndChild();

    ImGui::Separator();
    DrawStatusBar(ui, st);
    DrawRestoreDialog(ui);
    DrawTaskDialog(ui.tasks);
    if (DomKeyPressed(112, false) && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))  // F1
        ui.ledger->show_help = true;
    KeysHelpDialog(&ui.ledger->show_help);
    ImGui::End();
}

}  // namespace htk::ui
