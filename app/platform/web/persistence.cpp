#include "persistence.h"
#include "js_exports.h"

#include "frame_loop.h"
#include "js_imports.h"
#include "storage/database.h"
#include "storage/image_chunks.h"

#include <emscripten/emscripten.h>
#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <vector>

#include <zlib.h>

namespace htk::web {
namespace {

SaveScheduler g_saver;
// Nothing is saved before the stored data has been read: until then the
// database is an empty one, and saving it would replace what is stored.
bool g_restored = false;
WriterRole g_role = WriterRole::kWriter;
// The chunk hashes of the last good generation in storage, and of the save
// in flight (they become the stored ones when it succeeds).
std::vector<uint64_t> g_stored_hashes, g_saving_hashes;
// The save in flight: its database and the commit count it was hashed at. A
// spread save copies chunks over later tasks, each only while these still
// hold (htk_save_image).
Database* g_saving_db = nullptr;
uint64_t g_saving_commits = 0;
size_t g_saving_size = 0;

double Now() { return emscripten_get_now() / 1000.0; }

void StartSave(Database& db, bool urgent) {
    htk_mark("htk-save-start");  // to htk-save-done: a save's latency (tests/bench)
    Database::ImageView img = db.Image();
    g_saver.Started();
    // Only the chunks that differ from the last good generation are written;
    // their hashes are also the checksum read back at the next start.
    ChunkPlan plan = PlanChunks(img.data, img.size, g_stored_hashes);
    g_saving_db = &db;
    g_saving_commits = db.commit_count();
    g_saving_size = img.size;
    htk_storage_save(img.data, int(img.size), int(kImageChunkSize), plan.hashes.data(), int(plan.hashes.size()),
                     plan.changed.data(), int(plan.changed.size()), urgent ? 1 : 0);
    g_saving_hashes = std::move(plan.hashes);
    htk_mark("htk-save-sent");
}

std::string LocalTime(double ms_since_1970) {
    std::time_t t = std::time_t(ms_since_1970 / 1000);
    char text[32] = "";
    if (std::tm* tm = std::localtime(&t)) std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", tm);
    return text;
}

}  // namespace

std::string RestoreDatabase(Database& db) {
    g_restored = true;  // (on every return: a failure disables saving)
    const int count = htk_storage_candidate_count();
    if (count < 0) {
        char why[512];
        htk_storage_load_error(why, sizeof why);
        std::string msg = std::string("无法读取浏览器中保存的数据（") + why + "），为防止覆盖，本次不会保存任何修改。";
        g_saver.Disable(msg);
        return msg;
    }
    // Newest first: the first copy whose checksum and structure hold.
    std::string first_error;
    for (int i = 0; i < count; ++i) {
        // Read straight into a buffer the database then takes over: a
        // district's 120 MB are not copied (or zeroed) a second time.
        ImageBuffer image = ImageBuffer::ForImage(size_t(std::max(0, htk_storage_candidate_size(i))));
        const int hash_count = htk_storage_candidate_hash_count(i);
        std::vector<uint64_t> hashes(size_t(std::max(0, hash_count)));
        if (!hashes.empty()) htk_storage_candidate_hashes(i, hashes.data());
        const size_t chunk_size = size_t(std::max(0, htk_storage_candidate_chunk_size(i)));
        const double crc = htk_storage_candidate_crc(i);
        std::string err;
        const bool copied = !image.empty() && htk_storage_candidate_copy(i, image.data());
        htk_mark("htk-restore-copied");
        if (image.empty())
            err = "内存不足";
        else if (!copied)
            err = "数据不完整";
        else if (crc >= 0 && unsigned(crc32(0, image.data(), uInt(image.size()))) != unsigned(crc))
            err = "校验和不符";
        else if (hash_count >= 0 && !ChunksMatch(image.data(), image.size(), hashes, chunk_size))
            err = "校验和不符";
        // The hashes (or an older build's crc) prove these are the bytes a
        // save of this app stored: the schema is read, not every page.
        else if (!db.LoadImage(std::move(image), &err,
                               hash_count >= 0 || crc >= 0 ? Database::ImageCheck::kKnown
                                                           : Database::ImageCheck::kFull))
            err = "SQLite 检查未通过：" + err;
        htk_mark("htk-restore-loaded");
        if (err.empty()) {
            // Empty for an older build's whole image or chunks of another
            // size: then the next save writes every chunk.
            if (chunk_size == kImageChunkSize) g_stored_hashes = std::move(hashes);
            else g_stored_hashes.clear();
            const std::string saved_at = LocalTime(htk_storage_candidate_saved_at(i));
            htk_storage_candidate_use(i);  // drops the list: read what is needed first
            if (i == 0) return "";
            return "最近一次保存的数据已损坏（" + first_error + "），已恢复到 " + saved_at +
                   " 保存的数据。之后的修改没有保存下来，请核对。";
        }
        if (first_error.empty()) first_error = err;
    }
    htk_storage_candidate_use(-1);
    if (count == 0) return "";
    std::string msg = "浏览器中保存的数据已损坏（" + first_error + "），为防止覆盖，本次不会保存任何修改。请从备份恢复。";
    g_saver.Disable(msg);
    return msg;
}

void PumpSaves(Database& db) {
    if (g_role == WriterRole::kReader || !g_restored) return;
    g_saver.ObserveCommits(db.commit_count());
    if (g_saver.ShouldStart(Now(), db.in_transaction())) StartSave(db, false);
}

void FlushSaves(Database& db) {
    if (g_role == WriterRole::kReader || !g_restored) return;
    g_saver.ObserveCommits(db.commit_count());
    // A save still copying an import's chunks a slice per task might not
    // finish before the page goes: it gives way to one that copies at once.
    if (g_saver.in_flight() && htk_storage_hurry()) g_saver.Superseded();
    if (g_saver.ShouldFlush(db.in_transaction())) StartSave(db, true);
}

const SaveScheduler& Saver() { return g_saver; }
void DisableSaving(const std::string& reason) { g_saver.Disable(reason); }

WriterRole Role() { return g_role; }
void SetRole(WriterRole role) { g_role = role; }

void BecomeWriter(const Database& db) {
    g_saver.Reset(db.commit_count());
    g_role = WriterRole::kWriter;
}

}  // namespace htk::web

extern "C" {

// ok: 1 written, 0 failed (`reason`), -1 dropped unwritten because the image
// changed while a spread save copied it.
EMSCRIPTEN_KEEPALIVE void htk_on_save_done(int ok, const char* reason) {
    using namespace htk::web;
    g_saving_db = nullptr;
    if (ok < 0) {
        g_saver.Superseded();
        KeepDrawing();  // the next frame starts the save again
        return;
    }
    if (ok) g_stored_hashes = std::move(g_saving_hashes);
    g_saver.Finished(ok != 0, reason ? reason : "", Now());
}

// The image of the save in flight, for copying one more chunk of it; 0 when
// the database has changed since it was hashed (a commit, or a transaction
// open, whose pages may already be written) and the copy would mix the two.
EMSCRIPTEN_KEEPALIVE const uint8_t* htk_save_image(void) {
    using namespace htk::web;
    if (!g_saving_db || g_saving_db->in_transaction() || g_saving_db->commit_count() != g_saving_commits)
        return nullptr;
    const htk::Database::ImageView img = g_saving_db->Image();
    return img.size == g_saving_size ? img.data : nullptr;
}


}  // extern "C"
