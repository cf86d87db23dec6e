// district_workbooks.h — the files the district office hands out: the
// district roll-up (a summary sheet, then each unit's ledger in the official
// layout), the 通报, and the spot check's list (to take to the field) and
// results. Each is a LedgerWorkbook, written by WriteLedgerXlsx.
#pragma once

#include "bulletin.h"
#include "domain/ledger_xlsx.h"
#include "spot_check.h"
#include "unit_stats.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace htk {

struct Campaign;

// Who makes the file and when: the workbook's metadata and date lines.
struct DistrictFileInfo {
    std::string office;       // the district office's unit name
    Date date;                // the date printed
    std::string exported_at;  // "YYYY-MM-DD HH:MM:SS"
};

// 汇总 (the ranked per-unit table and the district total), then a ledger
// sheet per unit with problems, in `stats` order. Points into `rows`.
LedgerWorkbook DistrictRollupWorkbook(const Campaign& campaign, const std::vector<UnitStats>& stats,
                                      const UnitStats& total, const std::vector<Problem>& rows,
                                      const DistrictFileInfo& info);

LedgerWorkbook BulletinWorkbook(const Bulletin& bulletin, const Campaign& campaign, const DistrictFileInfo& info);

// The sampled problems with 抽查结果 / 情况说明 / 抽查日期 columns: empty to
// fill in the field, or (with_results) as recorded, with a sheet of per-unit
// finding rates.
LedgerWorkbook SpotCheckWorkbook(const SpotCheck& check, const std::unordered_map<int64_t, const Problem*>& by_id,
                                 const std::vector<UnitStats>& stats, const Campaign& campaign,
                                 const DistrictFileInfo& info, bool with_results);

}  // namespace htk
