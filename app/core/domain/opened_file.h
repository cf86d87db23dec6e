// opened_file.h — what a file the user opened or dropped is, decided by its
// content (never by its name): a backup, or a table, and then which of the
// app's tables. The UI routes it (app_ui.cpp ReceiveFiles); the district
// office's files all go to its import dialog instead.
#pragma once

#include "formats/sheet.h"

#include <string_view>

namespace htk {

enum class FileKind {
    kBackup,     // a SQLite database: a backup to restore (backup.h)
    kTextTable,  // CSV/TXT in any encoding: a household registry is read from it a row at a time
    kWorkbook,   // anything else is read as a workbook (.xlsx; an old .xls is refused by ReadTableFile)
};
FileKind KindOfFile(std::string_view bytes);

enum class TableKind {
    kHouseholds,  // a household registry (one row per person or per household)
    kVillages,    // a list of 乡镇 and 村
    kLedger,      // anything else: the ledger's import finds its header or says why not
};
TableKind KindOfTable(const Workbook& book);

}  // namespace htk
