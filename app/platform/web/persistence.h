// persistence.h — keeps the in-memory database in IndexedDB.
//
// Start: RestoreDatabase() loads the image the page read before main().
// Every frame: PumpSaves() starts a save when the scheduler says so.
// Page hidden or closing: FlushSaves() saves at once (main.cpp's htk_page_hidden).
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

}  // namespace htk::web
