#include "ledger_import.h"

#include "campaign.h"
#include "domain/ledger_xlsx.h"
#include "formats/csv.h"
#include "formats/table_file.h"
#include "ledger_store.h"
#include "problem_rules.h"
#include "rules/text.h"
#include "rules/uuid.h"
#include "sheet_header.h"
#include "check.h"
#include "storage/database.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

namespace htk {
namespace {

constexpr int kColSeq = -1;
constexpr int kColUuid = -2;
constexpr int kColNone = kNoColumn;

// Header words people use, per field.
const HeaderWords& LedgerHeaderWords() {
    static const HeaderWords words = [] {
        HeaderWords w;
        w.Add(kColSeq, {"序号", "编号", "序"});
        w.Add(kColUuid, {kUuidHeader, "唯一编号", "uuid"});
        w.Add(int(ProblemField::kArea), {"问题类型", "问题类别", "问题分类", "类型", "类别", "所属领域", "行业领域"});
        w.Add(int(ProblemField::kNature), {"问题性质", "性质"});
        w.Add(int(ProblemField::kDescription),
              {"问题表述", "问题描述", "存在问题", "存在的问题", "问题", "问题内容", "具体问题", "问题情况", "发现问题"});
        w.Add(int(ProblemField::kMeasures), {"整改措施", "措施", "整改举措", "整改办法", "整改方案"});
        w.Add(int(ProblemField::kDeadline),
              {"完成时限", "整改时限", "完成时间", "时限", "整改期限", "完成期限", "计划完成时间", "整改完成时限"});
        w.Add(int(ProblemField::kRespUnits), {"责任单位", "牵头单位", "责任部门", "牵头部门", "牵头责任单位"});
        w.Add(int(ProblemField::kRespLeader), {"责任领导", "分管领导", "责任人"});
        w.Add(int(ProblemField::kCause), {"原因分析", "问题原因", "原因", "产生原因"});
        w.Add(int(ProblemField::kProgress), {"整改进度", "进度", "进展情况", "整改进展"});
        w.Add(int(ProblemField::kEffect), {"落实效果", "整改效果", "效果"});
        w.Add(int(ProblemField::kStatus), {"整改状态", "状态", "是否完成", "完成情况", "是否整改到位"});
        w.Add(int(ProblemField::kDoneDate), {"完成日期", "销号日期", "实际完成时间", "实际完成日期"});
        w.Add(int(ProblemField::kFoundDate), {"发现日期", "发现时间", "排查日期"});
        w.Add(int(ProblemField::kTownship), {"所属乡镇", "乡镇", "乡(镇)", "所在乡镇"});
        w.Add(int(ProblemField::kVillage), {"所属村", "村", "行政村", "所在村"});
        w.Add(int(ProblemField::kReportingUnit), {"填报单位"});
        return w;
    }();
    return words;
}

// A ledger header names 问题表述 and at least two other columns.
HeaderMatch FindHeader(const Sheet& sheet) {
    return FindHeaderRow(sheet, LedgerHeaderWords(), int(ProblemField::kDescription), 3);
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The unit named above the header ("单位（盖章）：椹涧乡", or the label in one cell
// and the name in the next).
std::string FindUnitLine(const Sheet& sheet, int header_row) {
    for (int r = 0; r < header_row && size_t(r) < sheet.rows.size(); ++r) {
        const auto& cells = sheet.rows[size_t(r)];
        for (size_t c = 0; c < cells.size(); ++c) {
            std::string k = NormalizeWidth(cells[c].text);
            k.erase(std::remove(k.begin(), k.end(), ' '), k.end());
            for (const char* label : {"单位(盖章):", "单位(盖章)", "填报单位:", "单位:"}) {
                if (!StartsWith(k, label)) continue;
                std::string rest = Trim(k.substr(std::string(label).size()));
                if (!rest.empty() && rest[0] == ':') rest = Trim(rest.substr(1));
                // "单位（盖章）：" alone: the name may stand in the next cell, but
                // not the date line that shares the row ("2022 年 6 月 15 日").
                for (size_t n = c + 1; rest.empty() && n < cells.size(); ++n) {
                    std::string next = Trim(cells[n].text);
                    bool date_line = next.find("年") != std::string::npos && next.find("日") != std::string::npos;
                    if (!next.empty() && !date_line && next != cells[c].text) rest = next;
                    if (!next.empty()) break;
                }
                return rest;
            }
        }
    }
    return "";
}

// Rows under the table that are not problems: the 备注, signatures, notes.
bool IsTrailerRow(const std::vector<Cell>& cells) {
    for (const Cell& c : cells) {
        std::string t = Trim(c.text);
        if (t.empty()) continue;
        for (const char* p : {"备注", "注：", "注:", "说明", "填报人", "审核人", "主要负责", "单位负责人", "联系电话",
                              "制表", "填表", "签字"})
            if (StartsWith(t, p)) return true;
        return false;
    }
    return false;
}

constexpr const char* kFormulaCause = "单元格是公式，文件中没有计算结果";

// A formula cell the file holds no result for: the row is refused, never
// read as “0”. The formula is quoted (cut at 60 characters).
std::string FormulaMessage(const char* label, const std::string& formula) {
    std::string shown;
    size_t i = 0, chars = 0;
    while (i < formula.size() && chars < 60) {
        const size_t at = i;
        NextCodePoint(formula, i);
        shown.append(formula, at, i - at);
        ++chars;
    }
    if (i < formula.size()) shown += "…";
    return std::string("“") + label + "”是公式（" + shown +
           "），文件中没有它的计算结果：请用 Excel 或 WPS 打开该文件、保存后再导入，或把公式改成文字";
}

std::string CellValue(const Cell& c, bool is_date) {
    if (is_date && (c.type == Cell::kDate || c.type == Cell::kNumber)) {
        Date d = DateFromExcelSerial(c.number);
        if (d.valid()) return FormatIso(d);
    }
    return UnneutralizeFormula(c.text);
}

std::string DescriptionKey(const std::string& description) {
    std::string k = NormalizeKey(description);
    for (bool more = true; more;) {
        more = false;
        for (const char* stop : {"。", ".", "；", ";"}) {
            const size_t n = std::strlen(stop);
            if (k.size() >= n && k.compare(k.size() - n, n, stop) == 0) k.resize(k.size() - n), more = true;
        }
    }
    return k;
}

class Planner {
public:
    Planner(const Campaign& campaign, const LedgerStore& store, const std::vector<Problem>* current,
            bool unit_overrides_file = false, bool district_merge = false)
        : campaign_(campaign), store_(store), current_(current), unit_overrides_file_(unit_overrides_file),
          district_merge_(district_merge) {}

    // The whole sheet at once.
    void Plan(const Sheet& sheet, const HeaderMatch& header, const std::string& unit, ImportPlan* plan) {
        Begin(sheet, header, plan);
        size_t r = size_t(header.row) + 1;
        Slice all = Slice::Unlimited();
        PlanRows(sheet, header, unit, plan, &r, all);
    }

    // The stored rows and their index by UUID, a slice at a time before the
    // rows (built whole in the step of a file's first row, a 50,000-row
    // ledger's index held 区级汇总's merge 16 ms natively per unit's file).
    // True when done.
    bool Prepare(Slice& slice) {
        const std::vector<const Problem*>& rows = all_rows();
        if (uuids_indexed_ == 0) by_uuid_.reserve(rows.size());
        while (uuids_indexed_ < rows.size()) {
            by_uuid_.emplace(std::string_view(rows[uuids_indexed_]->uuid), uuids_indexed_);
            ++uuids_indexed_;
            if (slice.over()) break;
        }
        return uuids_indexed_ >= rows.size();
    }

    // The columns, once before the rows.
    void Begin(const Sheet& sheet, const HeaderMatch& header, ImportPlan* plan) {
        has_field_.assign(kProblemFieldCount, false);
        for (size_t c = 0; c < header.column_field.size(); ++c) {
            int f = header.column_field[c];
            if (f >= 0) has_field_[size_t(f)] = true;
            const auto& header_cells = sheet.rows[size_t(header.row)];
            if (f != kColNone)
                plan->columns.push_back(c < header_cells.size() ? Trim(header_cells[c].text)
                                                                : std::string(f >= 0 ? FieldInfo(f).label : "序号"));
        }
    }

    // Rows from *r on until the slice is over (at least one); true at the end.
    bool PlanRows(const Sheet& sheet, const HeaderMatch& header, const std::string& unit, ImportPlan* plan, size_t* r,
                  Slice& slice) {
        while (*r < sheet.rows.size()) {
            PlanRow(sheet, header, unit, plan, *r);
            ++*r;
            if (slice.over()) break;
        }
        return *r >= sheet.rows.size();
    }

private:
    void PlanRow(const Sheet& sheet, const HeaderMatch& header, const std::string& unit, ImportPlan* plan, size_t r) {
        const auto& cells = sheet.rows[r];
        const int sheet_row = int(r) + 1;
        // Fields of this row, and whether anything but 序号 is filled.
        Problem p = NewProblem();
        p[ProblemField::kStatus].clear();
        bool any = false;
        std::string uuid, formula;
        for (size_t c = 0; c < cells.size() && c < header.column_field.size(); ++c) {
            int f = header.column_field[c];
            if (f == kColUuid) uuid = Trim(cells[c].text);
            if (f < 0) continue;
            if (cells[c].type == Cell::kFormula) {
                any = true;
                if (formula.empty()) formula = FormulaMessage(FieldInfo(f).label, cells[c].text);
                continue;
            }
            std::string v = CellValue(cells[c], FieldInfo(f).is_date);
            if (!Trim(v).empty()) any = true;
            p.v[size_t(f)] = std::move(v);
        }
        if (!any) {
            ++plan->skipped_blank;
            return;
        }
        if (IsTrailerRow(cells)) return;
        if (IsRepeatedHeader(cells, sheet.rows[size_t(header.row)], header)) return;
        if (!formula.empty()) {
            plan->errors.push_back(ImportRowError{sheet_row, formula, kFormulaCause});
            return;
        }
        if (p[ProblemField::kReportingUnit].empty() || unit_overrides_file_) p[ProblemField::kReportingUnit] = unit;
        Take(std::move(p), uuid, has_field_, sheet_row, plan);
    }

    // A header row repeated under the first (sheets pasted together): the same
    // labels in the recognised columns. Plain comparisons: this runs per row.
    static bool IsRepeatedHeader(const std::vector<Cell>& cells, const std::vector<Cell>& header_cells,
                                 const HeaderMatch& header) {
        int same = 0;
        for (size_t c = 0; c < cells.size() && c < header.column_field.size() && c < header_cells.size(); ++c)
            if (header.column_field[c] != kColNone && cells[c].type == Cell::kText &&
                cells[c].text == header_cells[c].text)
                ++same;
        return same >= 3;
    }

    // Finds the stored row this one updates: by UUID (deleted rows too: they
    // come back), else a row of the same unit with the same 问题表述. Both from
    // one read of the table, not a query per row.
    const Problem* Match(const std::string& uuid, const Problem& p) {
        const std::vector<const Problem*>& rows = all_rows();
        if (IsUuid(uuid)) {
            Slice all = Slice::Unlimited();
            Prepare(all);  // (at once for the first row with one, unless done before the rows)
            auto it = by_uuid_.find(uuid);
            if (it != by_uuid_.end() && matched_.insert(rows[it->second]->id).second) return rows[it->second];
        }
        auto& index = IndexFor(p[ProblemField::kReportingUnit]);
        auto it = index.find(NormalizeKey(p[ProblemField::kDescription]));
        if (it == index.end()) return nullptr;
        // Two equal rows in a file update two rows; a row already matched by
        // its identity is not matched again.
        while (!it->second.empty()) {
            const size_t at = it->second.front();
            it->second.erase(it->second.begin());
            if (matched_.insert(rows[at]->id).second) return rows[at];
        }
        return nullptr;
    }

    std::unordered_map<std::string, std::vector<size_t>>& IndexFor(const std::string& unit) {
        auto it = by_unit_.find(unit);
        if (it != by_unit_.end()) return it->second;
        auto& index = by_unit_[unit];
        const std::vector<const Problem*>& rows = all_rows();
        for (size_t i = 0; i < rows.size(); ++i)
            if (!rows[i]->deleted && (*rows[i])[ProblemField::kReportingUnit] == unit)
                index[NormalizeKey((*rows[i])[ProblemField::kDescription])].push_back(i);
        return index;
    }

    // Every stored row of the campaign, deleted ones too: the caller's copy of
    // the current rows when it has one (a 50k-row ledger is ~35 MB: not twice),
    // plus the deleted rows read here.
    const std::vector<const Problem*>& all_rows() {
        if (!loaded_) {
            own_ = current_ ? store_.LoadDeleted() : store_.LoadAll(/*with_deleted=*/true);
            if (current_)
                for (const Problem& p : *current_) rows_.push_back(&p);
            for (const Problem& p : own_) rows_.push_back(&p);
            loaded_ = true;
        }
        return rows_;
    }

    void Take(Problem p, std::string uuid, const std::vector<bool>& has_field, int sheet_row, ImportPlan* plan) {
        if (district_merge_ && !IsUuid(uuid)) {
            const std::string key = p[ProblemField::kReportingUnit] + '\x1f' +
                                    ProblemContentKey(p[ProblemField::kVillage], p[ProblemField::kDescription]);
            uuid = ProblemContentUuid(campaign_, p[ProblemField::kReportingUnit], p[ProblemField::kVillage],
                                      p[ProblemField::kDescription], equal_rows_[key]++);
        }
        const Problem* stored = Match(uuid, p);
        Problem row = p;
        if (stored) {
            // Start from the stored row: fields the file does not carry stay.
            row = *stored;
            for (int f = 0; f < kProblemFieldCount; ++f)
                if (has_field[size_t(f)] && !(f == int(ProblemField::kStatus) && p.v[size_t(f)].empty()))
                    row.v[size_t(f)] = p.v[size_t(f)];
            if (!has_field[size_t(ProblemField::kReportingUnit)] && !p[ProblemField::kReportingUnit].empty() &&
                (*stored)[ProblemField::kReportingUnit].empty())
                row[ProblemField::kReportingUnit] = p[ProblemField::kReportingUnit];
        } else if (IsUuid(uuid)) {
            row.uuid = uuid;  // a row from another installation keeps its identity
        }
        std::vector<FieldError> errors = NormalizeAndValidate(row, campaign_);
        if (district_merge_) {
            // Only what the 备注 asks for refuses a row.
            std::vector<FieldError> kept;
            for (FieldError& e : errors) {
                if (e.field == ProblemField::kStatus) row[ProblemField::kStatus] = StatusCode(ProblemStatus::kOpen);
                else if (e.field == ProblemField::kFoundDate || e.field == ProblemField::kDoneDate) row[e.field].clear();
                else if (e.field == ProblemField::kMeasures || e.field == ProblemField::kRespUnits) continue;  // left empty: shown as the unit wrote it
                else kept.push_back(std::move(e));
            }
            errors = std::move(kept);
        }
        if (!errors.empty()) {
            plan->errors.push_back(ImportRowError{sheet_row, JoinErrors(errors)});
            return;
        }
        if (!stored) {
            if (!row.uuid.empty() && !seen_uuids_.insert(row.uuid).second) row.uuid.clear();
            plan->adds.push_back(std::move(row));
            return;
        }
        if (stored->v == row.v && !stored->deleted) {
            ++plan->unchanged;
            plan->unchanged_ids.push_back(stored->id);
            return;
        }
        plan->updates.push_back(std::move(row));
    }

    const Campaign& campaign_;
    const LedgerStore& store_;
    std::unordered_map<std::string, std::unordered_map<std::string, std::vector<size_t>>> by_unit_;
    // Keys point into the rows (which stay put while planning): a district's
    // merge plans 18 files against 50,000 rows, and copying every UUID for
    // each file was a third of its time.
    std::unordered_map<std::string_view, size_t> by_uuid_;
    size_t uuids_indexed_ = 0;  // of all_rows(), in by_uuid_
    const std::vector<Problem>* current_;  // the stored rows not deleted, or null
    std::vector<Problem> own_;
    std::vector<const Problem*> rows_;
    bool loaded_ = false;
    std::set<std::string> seen_uuids_;
    std::set<int64_t> matched_;                    // stored rows a row of this file matched
    std::vector<bool> has_field_;                  // the fields the file's columns hold (Begin)
    std::unordered_map<std::string, int> equal_rows_;  // content key → rows of this file so far
    bool unit_overrides_file_ = false;
    bool district_merge_ = false;
};

}  // namespace

// Visible sheets first; the first one with a ledger header is the ledger.
static std::string NoHeaderMessage() {
    return "没有找到整改台账的表头行（前 " + std::to_string(kHeaderSearchRows) +
           " 行中应有“问题表述”以及“问题类型”“完成时限”“责任单位”等列名）";
}

static const Sheet* FindLedgerSheet(const Workbook& book, HeaderMatch* header) {
    std::vector<const Sheet*> order;
    for (const Sheet& s : book.sheets)
        if (!s.hidden) order.push_back(&s);
    for (const Sheet& s : book.sheets)
        if (s.hidden) order.push_back(&s);
    for (const Sheet* s : order) {
        *header = FindHeader(*s);
        if (header->row >= 0) return s;
    }
    return nullptr;
}

static std::string WorkbookUnit(const Workbook& book, const Sheet& sheet, const HeaderMatch& header) {
    auto prop = book.custom_properties.find("htk_unit");
    if (prop != book.custom_properties.end() && !prop->second.empty()) return prop->second;
    return FindUnitLine(sheet, header.row);
}

ImportPlan PlanLedgerImport(const Workbook& book, const std::string& file_name, const Campaign& campaign,
                            const LedgerStore& store, const std::string& fallback_unit,
                            const std::vector<Problem>* current, bool unit_overrides_file, bool district_merge) {
    ImportPlan plan;
    plan.file_name = file_name;
    HeaderMatch header;
    if (const Sheet* s = FindLedgerSheet(book, &header)) {
        plan.sheet_name = s->name;
        plan.header_row = header.row + 1;
        plan.unit = WorkbookUnit(book, *s, header);
        const bool fallback = unit_overrides_file || plan.unit.empty();
        Planner planner(campaign, store, current, unit_overrides_file, district_merge);
        planner.Plan(*s, header, fallback ? fallback_unit : plan.unit, &plan);
        return plan;
    }
    plan.fatal = NoHeaderMessage();
    return plan;
}

struct LedgerPlanTask::State {
    Workbook own;
    const Workbook& book;  // `own`, or the caller's
    std::string fallback_unit, unit;
    bool unit_overrides_file;
    Planner planner;
    ImportPlan plan;
    const Sheet* sheet = nullptr;
    HeaderMatch header;
    size_t row = 0;
    bool begun = false;
    bool prepared = false;  // the planner's index of the stored rows
    State(Workbook b, const Workbook* borrowed, const Campaign& campaign, const LedgerStore& store,
          std::string fallback, const std::vector<Problem>* current, bool district_merge, bool overrides)
        : own(std::move(b)), book(borrowed ? *borrowed : own), fallback_unit(std::move(fallback)),
          unit_overrides_file(overrides), planner(campaign, store, current, overrides, district_merge) {}
};

LedgerPlanTask::LedgerPlanTask(Workbook book, std::string file_name, const Campaign& campaign,
                               const LedgerStore& store, std::string fallback_unit,
                               const std::vector<Problem>* current, bool district_merge, bool unit_overrides_file)
    : s_(std::make_unique<State>(std::move(book), nullptr, campaign, store, std::move(fallback_unit), current,
                                 district_merge, unit_overrides_file)) {
    s_->plan.file_name = std::move(file_name);
}

LedgerPlanTask::LedgerPlanTask(const Workbook* book, std::string file_name, const Campaign& campaign,
                               const LedgerStore& store, std::string fallback_unit,
                               const std::vector<Problem>* current, bool district_merge, bool unit_overrides_file)
    : s_(std::make_unique<State>(Workbook{}, book, campaign, store, std::move(fallback_unit), current,
                                 district_merge, unit_overrides_file)) {
    s_->plan.file_name = std::move(file_name);
}

LedgerPlanTask::~LedgerPlanTask() = default;

bool LedgerPlanTask::Step(Slice& slice) {
    State& s = *s_;
    if (!s.begun) {
        // As PlanLedgerImport: the sheet and its header, then the rows.
        s.begun = true;
        s.sheet = FindLedgerSheet(s.book, &s.header);
        if (!s.sheet) {
            s.plan.fatal = NoHeaderMessage();
            return true;
        }
        s.plan.sheet_name = s.sheet->name;
        s.plan.header_row = s.header.row + 1;
        s.plan.unit = WorkbookUnit(s.book, *s.sheet, s.header);
        s.unit = s.unit_overrides_file || s.plan.unit.empty() ? s.fallback_unit : s.plan.unit;
        s.planner.Begin(*s.sheet, s.header, &s.plan);
        s.row = size_t(s.header.row) + 1;
        if (slice.over_now()) return false;
    }
    if (!s.sheet) return true;
    if (!s.prepared) {
        if (!s.planner.Prepare(slice)) return false;
        s.prepared = true;
        if (slice.over_now()) return false;
    }
    return s.planner.PlanRows(*s.sheet, s.header, s.unit, &s.plan, &s.row, slice);
}

double LedgerPlanTask::progress() const {
    const State& s = *s_;
    return s.sheet && !s.sheet->rows.empty() ? double(s.row) / double(s.sheet->rows.size()) : 0.0;
}

std::string LedgerPlanTask::stage() const { return "正在核对“" + s_->plan.file_name + "”的每一行"; }

ImportPlan LedgerPlanTask::TakePlan() { return std::move(s_->plan); }

Workbook LedgerPlanTask::TakeBook() {
    s_->sheet = nullptr;  // pointed into the book
    return std::move(s_->own);
}

std::string ProblemContentKey(const std::string& village, const std::string& description) {
    return NormalizeKey(village) + '\x1f' + DescriptionKey(description);
}

std::string ProblemContentUuid(const Campaign& campaign, const std::string& unit, const std::string& village,
                               const std::string& description, int counter) {
    // The campaign by its code (the same everywhere), not its row id.
    const std::string key = "problem\x1f" + campaign.code + '\x1f' + NormalizeKey(unit) + '\x1f' +
                            ProblemContentKey(village, description) + '\x1f' + std::to_string(counter);
    return ContentUuid(key);
}

ImportPlan PlanPastedRows(const std::string& text, const Campaign& campaign, const LedgerStore& store,
                          const std::string& fallback_unit) {
    CsvTable table;
    std::string error;
    ParseCsv(text, &table, &error);
    Sheet sheet = SheetFromCsv(std::move(table), "粘贴的内容");
    ImportPlan plan;
    plan.file_name = "粘贴的内容";
    plan.sheet_name = sheet.name;
    HeaderMatch header = FindHeader(sheet);
    if (header.row < 0) {
        // No header: the official order, with or without a leading 序号.
        header.row = -1;
        const int official[] = {int(ProblemField::kArea), int(ProblemField::kNature), int(ProblemField::kDescription),
                                int(ProblemField::kMeasures), int(ProblemField::kDeadline),
                                int(ProblemField::kRespUnits)};
        size_t width = 0;
        for (const auto& r : sheet.rows) width = std::max(width, r.size());
        if (width >= 7) header.column_field.push_back(kColSeq);
        for (int f : official) header.column_field.push_back(f);
        // A pseudo header row so that row numbers stay the pasted line numbers.
        sheet.rows.insert(sheet.rows.begin(), std::vector<Cell>());
        header.row = 0;
        Planner(campaign, store, nullptr).Plan(sheet, header, fallback_unit, &plan);
        for (ImportRowError& e : plan.errors) e.row -= 1;
        plan.header_row = 0;
        return plan;
    }
    plan.header_row = header.row + 1;
    Planner(campaign, store, nullptr).Plan(sheet, header, fallback_unit, &plan);
    return plan;
}

std::vector<int64_t> ApplyLedgerImport(const ImportPlan& plan, LedgerStore& store, const ChangeContext& ctx) {
    if (plan.taken() == 0) return {};
    return store.ApplyBatch(plan.adds, plan.updates, ctx, "导入“" + plan.file_name + "”");
}

std::vector<int64_t> ApplyLedgerImport(ImportPlan&& plan, LedgerStore& store, const ChangeContext& ctx) {
    if (plan.taken() == 0) return {};
    return store.ApplyBatch(std::move(plan.adds), plan.updates, ctx, "导入“" + plan.file_name + "”");
}

// Rows per ApplyBatch call: a few milliseconds of inserts in wasm.
constexpr size_t kRowsPerBatch = 256;

ImportApplyTask::ImportApplyTask(ImportPlan plan, Database& db, LedgerStore& store, const ChangeContext& ctx)
    : plan_(std::move(plan)), db_(db), store_(store), ctx_(std::make_unique<ChangeContext>(ctx)) {}

ImportApplyTask::~ImportApplyTask() {
    if (tx_ && !finished_) {
        tx_.reset();  // rolls back the rows written so far
        store_.AbandonGroup();
    }
}

bool ImportApplyTask::Step(Slice& slice) {
    if (plan_.taken() == 0) return finished_ = true;
    if (!tx_) {
        tx_ = std::make_unique<Transaction>(db_);
        store_.BeginGroup();
    }
    const std::string label = "导入“" + plan_.file_name + "”";
    while (next_add_ < plan_.adds.size() || next_update_ < plan_.updates.size()) {
        std::vector<Problem> adds;
        std::vector<Problem> updates;
        if (next_add_ < plan_.adds.size()) {
            const size_t end = std::min(plan_.adds.size(), next_add_ + kRowsPerBatch);
            adds.assign(std::make_move_iterator(plan_.adds.begin() + long(next_add_)),
                        std::make_move_iterator(plan_.adds.begin() + long(end)));
            next_add_ = end;
        } else {
            const size_t end = std::min(plan_.updates.size(), next_update_ + kRowsPerBatch);
            updates.assign(plan_.updates.begin() + long(next_update_), plan_.updates.begin() + long(end));
            next_update_ = end;
        }
        for (int64_t id : store_.ApplyBatch(std::move(adds), updates, *ctx_, label)) touched_.push_back(id);
        if (slice.over_now()) return false;
    }
    HTK_CHECK(tx_->Commit());
    finished_ = true;
    store_.EndGroup(label);
    return true;
}

double ImportApplyTask::progress() const {
    const size_t total = plan_.taken();
    return total ? double(next_add_ + next_update_) / double(total) : 1.0;
}

}  // namespace htk
