#include "opened_file.h"

#include "backup.h"
#include "formats/table_file.h"
#include "household_import.h"
#include "village_import.h"

namespace htk {

FileKind KindOfFile(std::string_view bytes) {
    if (LooksLikeSqlite(bytes)) return FileKind::kBackup;
    if (IsTextTable(bytes)) return FileKind::kTextTable;
    return FileKind::kWorkbook;
}

TableKind KindOfTable(const Workbook& book) {
    // A registry first: it has 村 and 乡镇 columns too.
    if (IsHouseholdWorkbook(book)) return TableKind::kHouseholds;
    if (IsVillageWorkbook(book)) return TableKind::kVillages;
    return TableKind::kLedger;
}

}  // namespace htk
