// persistence.h — keeps the in-memory database in IndexedDB.
//
// Start: RestoreDatabase() loads the image the page has read (app/web_main/
// startup.h); no save starts before it has run.
// Every frame: PumpSaves() starts a save when the scheduler says so.
// Page hidden or closing: FlushSaves() saves at once (main.cpp's htk_page_hidden).
// Only the tab holding the writer lock (shell/writer.js) saves; the others are
// readers that load the writer's saves as they arrive.
#pragma once

#include "storage/save_scheduler.h"

#include <string>

namespace htk {
class Database;
}

namespace htk::web {

// Loads the stored image into db. On failure the database stays empty and
// saving is disabled, so the unread data is never overwritten. Returns a
// Chinese message for the user ("" when all is well).
std::string RestoreDatabase(Database& db);

void PumpSaves(Database& db);
// Saves now if anything is pending, even during a retry delay; a save
// already running covers what it holds.
void FlushSaves(Database& db);
const SaveScheduler& Saver();
// Disables saving with a reason (e.g. a database from a newer version).
void DisableSaving(const std::string& reason);

// Whether this tab writes. kReleasing: handing over to another tab, the UI
// no longer edits but the last saves still run.
enum class WriterRole { kWriter, kReleasing, kReader };
WriterRole Role();
void SetRole(WriterRole role);
// Becomes the writer of data just read from storage: nothing to save yet.
void BecomeWriter(const Database& db);

}  // namespace htk::web
