#include "village_import.h"

#include "campaign_setup.h"
#include "household_store.h"
#include "rules/text.h"
#include "sheet_header.h"
#include "storage/database.h"

#include <algorithm>
#include <set>

namespace htk {
namespace {

enum Column { kTownship, kVillage, kOther };

const HeaderWords& Words() {
    static const HeaderWords words = [] {
        HeaderWords w;
        w.Add(kTownship, {"乡镇", "所属乡镇", "所在乡镇", "乡镇名称", "乡(镇)", "乡镇(街道)", "乡镇街道"});
        w.Add(kVillage, {"村", "村名", "村名称", "行政村", "所属村", "所在村", "村(社区)", "村社区", "村庄名称"});
        // Columns of a household list or a ledger: such a sheet is not a village list.
        w.Add(kOther, {"户主姓名", "户主", "身份证号", "证件号码", "户编号", "问题表述", "问题描述", "整改措施"});
        return w;
    }();
    return words;
}

HeaderMatch FindVillageHeader(const Sheet& sheet) {
    HeaderMatch m = FindHeaderRow(sheet, Words(), kVillage, 2);
    if (m.row >= 0 && (!m.Has(kTownship) || m.Has(kOther))) m.row = -1;
    return m;
}

}  // namespace

bool IsVillageWorkbook(const Workbook& book) {
    HeaderMatch match;
    return FirstSheetWithHeader(book, FindVillageHeader, &match) != nullptr;
}

VillageImportPlan PlanVillageImport(Database& db, const Workbook& book, const std::string& file_name) {
    VillageImportPlan plan;
    plan.file_name = file_name;
    HeaderMatch header;
    const Sheet* sheet = FirstSheetWithHeader(book, FindVillageHeader, &header);
    if (!sheet) {
        plan.fatal = "没有找到村名单的表头行（前 20 行中应有“乡镇”和“村”两列）";
        return plan;
    }
    plan.sheet_name = sheet->name;
    plan.header_row = header.row + 1;

    std::set<std::pair<std::string, std::string>> known;
    for (const VillageCount& v : HouseholdStore(db).Villages()) known.emplace(v.township, v.village);

    std::string township_above;
    for (size_t r = size_t(header.row) + 1; r < sheet->rows.size(); ++r) {
        const auto& cells = sheet->rows[r];
        std::string township, village;
        for (size_t c = 0; c < cells.size() && c < header.column_field.size(); ++c) {
            if (header.column_field[c] == kTownship) township = Trim(NormalizeWidth(cells[c].text));
            if (header.column_field[c] == kVillage) village = Trim(NormalizeWidth(cells[c].text));
        }
        if (township.empty() && village.empty()) continue;
        if (township.empty()) township = township_above;
        if (township.empty()) {
            plan.errors.push_back(ImportRowError{int(r) + 1, "没有填写乡镇"});
            continue;
        }
        township_above = township;
        if (std::find(plan.townships.begin(), plan.townships.end(), township) == plan.townships.end())
            plan.townships.push_back(township);
        if (village.empty()) {
            plan.errors.push_back(ImportRowError{int(r) + 1, "没有填写村名"});
            continue;
        }
        if (!known.emplace(township, village).second) {
            ++plan.already_listed;
            continue;
        }
        plan.adds.push_back(VillageName{township, village});
    }
    if (plan.adds.empty() && plan.already_listed == 0 && plan.errors.empty()) plan.fatal = "表中没有村名";
    return plan;
}

void ApplyVillageImport(Database& db, int64_t campaign_id, const VillageImportPlan& plan) {
    Transaction tx(db);
    HouseholdStore store(db);
    for (const VillageName& v : plan.adds) store.AddVillage(v.township, v.village);
    std::string names;
    for (const std::string& t : plan.townships) names += t + "\n";
    AddTownships(db, campaign_id, names);
    tx.Commit();
}

}  // namespace htk
