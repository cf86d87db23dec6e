#include "persistence.h"

#include "js_imports.h"
#include "storage/database.h"

#include <emscripten/emscripten.h>
#include <sqlite3.h>

#include <vector>

namespace htk::web {
namespace {

SaveScheduler g_saver;

double Now() { return emscripten_get_now() / 1000.0; }

void StartSave(Database& db) {
    Database::ImageView img = db.Image();
    g_saver.Started();
    htk_storage_save(img.data, int(img.size));
}

}  // namespace

std::string RestoreDatabase(Database& db) {
    int size = htk_storage_initial_size();
    if (size < 0) {
        char why[512];
        htk_storage_load_error(why, sizeof why);
        std::string msg = std::string("无法读取浏览器中保存的数据（") + why + "），为防止覆盖，本次不会保存任何修改。";
        g_saver.Disable(msg);
        return msg;
    }
    if (size == 0) return "";
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    htk_storage_initial_copy(bytes.data());
    std::string err;
    if (!db.LoadImage(bytes.data(), bytes.size(), &err)) {
        std::string msg = "浏览器中保存的数据已损坏（" + err + "），为防止覆盖，本次不会保存任何修改。请从备份恢复。";
        g_saver.Disable(msg);
        return msg;
    }
    return "";
}

void PumpSaves(Database& db) {
    g_saver.ObserveCommits(db.commit_count());
    if (g_saver.ShouldStart(Now(), db.in_transaction())) StartSave(db);
}

void FlushSaves(Database& db) {
    g_saver.ObserveCommits(db.commit_count());
    if (g_saver.ShouldFlush(db.in_transaction())) StartSave(db);
}

const SaveScheduler& Saver() { return g_saver; }
void DisableSaving(const std::string& reason) { g_saver.Disable(reason); }

}  // namespace htk::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void htk_on_save_done(int ok, const char* reason) {
    htk::web::g_saver.Finished(ok != 0, reason ? reason : "", htk::web::Now());
}


}  // extern "C"
