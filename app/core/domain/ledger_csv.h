// ledger_csv.h — the ledger as CSV: the official columns (and the extended
// ones when asked), 序号 first, our hidden 唯一编号 last, so that a CSV sent
// back updates the same problems. UTF-8 with BOM (Excel opens it) or GB18030
// for older software; the CSV writer guards cells that would run as formulas.
#pragma once

#include "ledger_xlsx.h"  // LedgerSheet, LedgerColumns, kUuidHeader

#include <string>

namespace htk {

std::string LedgerCsv(const LedgerSheet& sheet, bool gb18030);

}  // namespace htk
