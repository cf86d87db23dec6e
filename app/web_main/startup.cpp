#include "startup.h"

#include "frame_loop.h"
#include "js_exports.h"
#include "js_imports.h"
#include "persistence.h"
#include "platform.h"
#include "storage/schema.h"

#include <string>

namespace htk::web {
namespace {

enum class Stage { kReading, kRestoring, kOpening, kOpen };
Stage g_stage = Stage::kReading;
int g_reload = -1;  // a reload asked for while starting: its writer flag

// The stored image into app.db (persistence.cpp checks each generation),
// and migrated; the messages go to the status the UI shows.
void Restore(WebApp& app) {
    app.status.startup_error = RestoreDatabase(*app.db);
    // Another tab holds the writer lock: read, never save (shell/writer.js).
    if (!htk_writer_is_writer()) SetRole(WriterRole::kReader);
    std::string migrate_error;
    if (MigrateResult migrated = Migrate(*app.db, 0, &migrate_error); migrated != MigrateResult::kOk) {
        // Saving stops either way, so the stored data stays as it was.
        std::string msg = migrated == MigrateResult::kTooNew
            ? "浏览器中的数据由更新版本的本工具保存，当前版本无法读取。请使用最新版本打开。"
            : "浏览器中的数据无法升级到当前版本（" + migrate_error + "），为保护原数据已停止保存。请联系维护人员。";
        DisableSaving(msg);
        app.status.startup_error = msg;
        app.db = Database::OpenInMemory();
        Migrate(*app.db);
    }
}

}  // namespace

bool Started() { return g_stage == Stage::kOpen; }

void ReloadWhenStarted(int writer) { g_reload = writer; }

bool StepStartup(WebApp& app, const char** text, float* fraction) {
    *fraction = -1;
    switch (g_stage) {
        case Stage::kReading: {
            if (!htk_storage_state()) {
                int done = 0, total = 0;
                htk_storage_progress(&done, &total);
                *text = "正在读取本机保存的数据…";
                if (total > 0) *fraction = float(done) / float(total);
                KeepDrawing();  // polled: the reading ends between frames
                return false;
            }
            // Said on the screen before the frame that does it.
            g_stage = Stage::kRestoring;
            *text = "正在检查数据…";
            *fraction = 1;
            KeepDrawing();
            return false;
        }
        case Stage::kRestoring:
            Restore(app);
            platform::Mark("htk-db-ready");
            g_stage = Stage::kOpening;
            *text = "正在打开…";
            *fraction = 1;
            KeepDrawing();
            return false;
        case Stage::kOpening:
            ui::InitUi(app.ui, app.db.get());
            platform::Mark("htk-ui-ready");
            MarkAfterFrame("htk-data-ready");
            g_stage = Stage::kOpen;
            // The writer saved while this tab was starting: what start-up
            // restored may be older, and the reading that asked has been
            // used up. Read again, now that the app can take it.
            if (g_reload == 0) htk_storage_follow();
            else if (g_reload > 0) htk_storage_reload(g_reload);
            g_reload = -1;
            return true;
        case Stage::kOpen:
            return true;
    }
    return true;
}

}  // namespace htk::web
