// A file opened as a backup: the checks before a restore (SQLite header,
// integrity, ours, schema version, migration of an older one) on any bytes.
#include "domain/backup.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    htk::BackupSummary summary;
    std::string error;
    htk::InspectBackup(std::string_view(reinterpret_cast<const char*>(data), size), &summary, &error);
    return 0;
}
