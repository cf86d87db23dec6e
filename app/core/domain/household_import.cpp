#include "household_import.h"

#include "household_store.h"
#include "rules/text.h"
#include "sheet_header.h"

#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace htk {
namespace {

enum Column { kCode, kHeadName, kIdNumber, kTownship, kVillage, kKind, kPopulation, kPhone, kNote, kSeq };

const HeaderWords& Words() {
    static const HeaderWords words = [] {
        HeaderWords w;
        w.Add(kCode, {"户编号", "户码", "家庭编号", "户号"});
        w.Add(kHeadName, {"户主姓名", "户主", "姓名", "户主名称"});
        w.Add(kIdNumber, {"身份证号", "身份证号码", "证件号码", "户主身份证号", "户主证件号码", "公民身份号码"});
        w.Add(kTownship, {"所属乡镇", "所在乡镇", "乡镇", "乡(镇)", "乡镇(街道)", "乡镇街道"});
        w.Add(kVillage, {"所属村", "所在村", "村", "行政村", "村(社区)", "村社区"});
        w.Add(kKind, {"户类型", "人员类型", "户类别", "类型", "农户类型", "户属性"});
        w.Add(kPopulation, {"人口数", "家庭人口数", "家庭人口", "人口", "户人数"});
        w.Add(kPhone, {"联系电话", "电话", "手机号", "手机号码"});
        w.Add(kNote, {"备注", "说明"});
        w.Add(kSeq, {"序号"});
        return w;
    }();
    return words;
}

HeaderMatch FindHouseholdHeader(const Sheet& sheet) {
    HeaderMatch m = FindHeaderRow(sheet, Words(), kHeadName, 3);
    // A ledger sheet has neither an ID nor a household number column.
    if (m.row >= 0 && !m.Has(kIdNumber) && !m.Has(kCode)) m.row = -1;
    return m;
}

int ParsePopulation(const Cell& c, bool* ok) {
    *ok = true;
    if (c.type == Cell::kNumber) {
        if (c.number >= 0 && c.number < 100 && c.number == std::floor(c.number)) return int(c.number);
        *ok = false;
        return 0;
    }
    std::string t = Trim(NormalizeWidth(c.text));
    if (t.empty()) return 0;
    if (t.size() >= 3 && t.compare(t.size() - 3, 3, "人") == 0) t.resize(t.size() - 3);  // "3人"
    char* end = nullptr;
    long v = std::strtol(t.c_str(), &end, 10);
    if (end == t.c_str() || *end != 0 || v < 0 || v > 99) {
        *ok = false;
        return 0;
    }
    return int(v);
}

// An ID number typed as a number loses its last digits in Excel: say so.
std::string CellText(const Cell& c, int column) {
    if (column == kIdNumber && c.type == Cell::kNumber) return "#number:" + c.text;
    return c.text;
}

}  // namespace

bool IsHouseholdWorkbook(const Workbook& book) {
    HeaderMatch match;
    return FirstSheetWithHeader(book, FindHouseholdHeader, &match) != nullptr;
}

HouseholdImportPlan PlanHouseholdImport(const Workbook& book, const std::string& file_name,
                                        const HouseholdStore& store, const Date& today) {
    HouseholdImportPlan plan;
    plan.file_name = file_name;
    HeaderMatch header;
    const Sheet* sheet = FirstSheetWithHeader(book, FindHouseholdHeader, &header);
    if (!sheet) {
        plan.fatal = "没有找到户信息的表头行（前 20 行中应有“户主姓名”以及“身份证号”或“户编号”等列名）";
        return plan;
    }
    plan.sheet_name = sheet->name;
    plan.header_row = header.row + 1;
    const auto& header_cells = sheet->rows[size_t(header.row)];
    for (size_t c = 0; c < header.column_field.size(); ++c)
        if (header.column_field[c] != kNoColumn && header.column_field[c] != kSeq)
            plan.columns.push_back(Trim(header_cells[c].text));

    // The registry, by 户编号 and by 身份证号.
    std::vector<Household> stored = store.LoadAll();
    std::unordered_map<std::string, size_t> stored_by_code, stored_by_id;
    for (size_t i = 0; i < stored.size(); ++i) {
        if (!stored[i].code.empty()) stored_by_code.emplace(stored[i].code, i);
        if (!stored[i].id_number.empty()) stored_by_id.emplace(stored[i].id_number, i);
    }
    // Rows taken from this file so far (index into `taken`), by the same keys.
    std::vector<Household> taken;
    std::unordered_map<std::string, size_t> file_by_code, file_by_id;

    for (size_t r = size_t(header.row) + 1; r < sheet->rows.size(); ++r) {
        const auto& cells = sheet->rows[r];
        const int sheet_row = int(r) + 1;
        Household h;
        bool any = false, population_ok = true, id_as_number = false;
        std::string kind_text;
        for (size_t c = 0; c < cells.size() && c < header.column_field.size(); ++c) {
            const int col = header.column_field[c];
            if (col == kNoColumn || col == kSeq) continue;
            std::string v = CellText(cells[c], col);
            if (!Trim(v).empty()) any = true;
            switch (col) {
                case kCode: h.code = v; break;
                case kHeadName: h.head_name = v; break;
                case kIdNumber:
                    id_as_number = v.rfind("#number:", 0) == 0;
                    h.id_number = id_as_number ? v.substr(8) : v;
                    break;
                case kTownship: h.township = v; break;
                case kVillage: h.village = v; break;
                case kKind: h.kind = v; break;
                case kPopulation: h.population = ParsePopulation(cells[c], &population_ok); break;
                case kPhone: h.phone = v; break;
                case kNote: h.note = v; break;
            }
        }
        if (!any) continue;
        std::vector<HouseholdError> errors = NormalizeAndValidateHousehold(h, today);
        if (!population_ok) errors.push_back({"人口数", "人口数应为 0–99 的整数"});
        if (id_as_number)
            errors.insert(errors.begin(), {"身份证号", "身份证号被存成了数字（末几位会丢失），请把该列设为文本后重新填写"});
        if (!errors.empty()) {
            std::string message;
            for (const HouseholdError& e : errors) message += (message.empty() ? "" : "；") + e.message;
            plan.errors.push_back(ImportRowError{sheet_row, message});
            continue;
        }
        // The same household earlier in this file: the later row completes it.
        size_t earlier = taken.size();
        if (!h.code.empty() && file_by_code.count(h.code)) earlier = file_by_code[h.code];
        else if (!h.id_number.empty() && file_by_id.count(h.id_number)) earlier = file_by_id[h.id_number];
        if (earlier < taken.size()) {
            Household& first = taken[earlier];
            for (auto [to, from] : {std::pair<std::string*, std::string*>{&first.code, &h.code},
                                    {&first.id_number, &h.id_number}, {&first.phone, &h.phone},
                                    {&first.note, &h.note}})
                if (!from->empty()) *to = *from;
            first.head_name = h.head_name;
            first.township = h.township;
            first.village = h.village;
            first.kind = h.kind;
            if (h.population) first.population = h.population;
            if (!first.code.empty()) file_by_code[first.code] = earlier;
            if (!first.id_number.empty()) file_by_id[first.id_number] = earlier;
            ++plan.merged;
            continue;
        }
        if (!h.code.empty()) file_by_code[h.code] = taken.size();
        if (!h.id_number.empty()) file_by_id[h.id_number] = taken.size();
        taken.push_back(std::move(h));
    }

    for (Household& h : taken) {
        const Household* match = nullptr;
        if (!h.code.empty() && stored_by_code.count(h.code)) match = &stored[stored_by_code[h.code]];
        else if (!h.id_number.empty() && stored_by_id.count(h.id_number)) match = &stored[stored_by_id[h.id_number]];
        if (!match) {
            plan.adds.push_back(std::move(h));
            continue;
        }
        h.id = match->id;
        // What the file leaves empty stays as registered.
        if (h.code.empty()) h.code = match->code;
        if (h.id_number.empty()) h.id_number = match->id_number;
        if (h.phone.empty()) h.phone = match->phone;
        if (h.note.empty()) h.note = match->note;
        if (!h.population) h.population = match->population;
        h.demo = match->demo;
        if (h.SameData(*match)) ++plan.unchanged;
        else plan.updates.push_back(std::move(h));
    }
    return plan;
}

}  // namespace htk
