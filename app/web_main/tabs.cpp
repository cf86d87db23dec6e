// tabs.cpp — the C++ side of shell/writer.js: one tab writes, the others
// read. The page calls these when the writer lock changes hands and when a
// reader should load what the writer saved.

#include "js_imports.h"
#include "js_exports.h"
#include "persistence.h"
#include "startup.h"
#include "storage/schema.h"
#include "web_app.h"

#include <emscripten/emscripten.h>

namespace htk::web {
namespace {
bool g_release_retried = false;  // a failing save was tried once more while handing over
}

// Reads the platform's view of the lock into what the UI shows.
void SyncWriterStatus(WebApp& app) {
    app.status.read_only = Role() != WriterRole::kWriter;
    if (!app.status.read_only) return;
    app.status.take_over_waiting = htk_writer_waiting() != 0;
    char why[512];
    htk_writer_refused(why, sizeof why);
    app.status.take_over_refused = why;
    if (app.ui.take_over_requested) {
        app.ui.take_over_requested = false;
        htk_writer_take_over();
    }
}

}  // namespace htk::web

extern "C" {

// The stored data was read again (HTK.storage.load): a reader follows the
// writer's latest save, or this tab has just taken the writer lock.
EMSCRIPTEN_KEEPALIVE void htk_storage_reload(int writer) {
    using namespace htk;
    using namespace htk::web;
    WebApp& app = App();
    if (!app.db) return;
    if (!Started()) {  // the start-up's own reading may be older than this one
        ReloadWhenStarted(writer);
        return;
    }
    std::string msg = RestoreDatabase(*app.db);
    if (writer) BecomeWriter(*app.db);  // before Migrate: its changes are to be saved
    std::string migrate_error;
    if (MigrateResult migrated = Migrate(*app.db, 0, &migrate_error); migrated != MigrateResult::kOk) {
        msg = migrated == MigrateResult::kTooNew
            ? "另一个标签页使用更新版本的本工具保存了数据，当前版本无法读取。请刷新本页面以使用最新版本。"
            : "另一个标签页保存的数据无法升级到当前版本（" + migrate_error + "），为保护这些数据已停止保存。";
        DisableSaving(msg);
        SetRole(WriterRole::kReader);
    }
    if (!msg.empty()) app.status.startup_error = msg;
    app.ui.reload_all = true;
    KeepDrawing();
}

// Another tab asks for the writer lock: write what is being typed, stop
// editing, and save at once. The page then polls htk_saves_pending.
EMSCRIPTEN_KEEPALIVE void htk_writer_release_begin(void) {
    using namespace htk::web;
    WebApp& app = App();
    if (!app.db || Role() != WriterRole::kWriter) return;
    htk::ui::FlushPendingEdits(app.ui);
    SetRole(WriterRole::kReleasing);
    SyncWriterStatus(app);  // reported at once, not at the next frame (a busy or hidden tab draws late)
    g_release_retried = false;
    FlushSaves(*app.db);
    KeepDrawing();
}

// 0: everything is stored, 1: a save is running, 2: saving fails (the
// changes exist only in this tab, so it must not hand over).
EMSCRIPTEN_KEEPALIVE int htk_saves_pending(void) {
    using namespace htk::web;
    WebApp& app = App();
    const htk::SaveScheduler& s = Saver();
    if (s.state() == htk::SaveState::kDisabled || !s.dirty()) return s.in_flight() ? 1 : 0;
    if (s.in_flight()) return 1;
    if (s.failures() > 0) {
        if (g_release_retried) return 2;
        g_release_retried = true;
    }
    // Dirty and idle: a hidden tab draws no frames, so start the save here.
    FlushSaves(*app.db);
    return 1;
}

// The hand-over is over: handed (this tab now reads) or refused (it writes on).
EMSCRIPTEN_KEEPALIVE void htk_writer_release_end(int handed) {
    using namespace htk::web;
    WebApp& app = App();
    SetRole(handed ? WriterRole::kReader : WriterRole::kWriter);
    SyncWriterStatus(app);  // what window.app and the next frame report from now on
    app.ui.reload_all = true;  // open dialogs and drafts belonged to the writer
    KeepDrawing();
}

EMSCRIPTEN_KEEPALIVE void htk_wake(void) { htk::web::KeepDrawing(); }

}  // extern "C"
