#include "household_import_task.h"

#include "sheet_header.h"
#include "storage/database.h"

#include <algorithm>

namespace htk {
namespace {

// Of the plan's progress bar: reading the file, then checking its households
// (a district's 800,000-row CSV: reading 10.1 s, checking 1.6 s; docs/PERFORMANCE.md).
constexpr double kReadShare = 0.85;

std::vector<Cell> CellsOf(std::vector<std::string>& texts) {
    std::vector<Cell> cells(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].empty()) continue;
        cells[i].type = Cell::kText;
        cells[i].text = std::move(texts[i]);
    }
    return cells;
}

}  // namespace

HouseholdPlanTask::HouseholdPlanTask(const std::string& file_name, const std::string& sheet_name, Database& db,
                                     const Date& today)
    : store_(db), import_(std::make_unique<HouseholdImport>(file_name, sheet_name, store_, today)) {}

HouseholdPlanTask::~HouseholdPlanTask() = default;

std::unique_ptr<HouseholdPlanTask> HouseholdPlanTask::FromCsv(const std::string& file_name, std::string& bytes,
                                                              Database& db, const Date& today, std::string* error) {
    auto reader = std::make_unique<CsvReader>();
    if (!reader->Open(std::move(bytes), error)) return nullptr;  // the bytes stay the caller's
    // The first rows decide: a household list, or something else (a ledger).
    Workbook first;
    first.sheets.emplace_back();
    std::vector<std::string> row;
    while (first.sheets[0].rows.size() < size_t(kHeaderSearchRows) && reader->Next(&row))
        first.sheets[0].rows.push_back(CellsOf(row));
    if (!IsHouseholdWorkbook(first)) {
        bytes = reader->Release();
        return nullptr;
    }
    std::unique_ptr<HouseholdPlanTask> task(new HouseholdPlanTask(file_name, file_name, db, today));
    for (std::vector<Cell>& cells : first.sheets[0].rows) task->import_->AddRow(std::move(cells));
    task->csv_ = std::move(reader);
    return task;
}

std::unique_ptr<HouseholdPlanTask> HouseholdPlanTask::FromWorkbook(const std::string& file_name, Workbook book,
                                                                   Database& db, const Date& today) {
    size_t at = book.sheets.size();
    for (size_t i = 0; i < book.sheets.size() && at == book.sheets.size(); ++i) {
        const Sheet& s = book.sheets[i];
        if (s.hidden) continue;
        Workbook first;  // its first rows are enough to tell
        first.sheets.push_back(Sheet{s.name, false, {}});
        for (size_t r = 0; r < s.rows.size() && r < size_t(kHeaderSearchRows); ++r)
            first.sheets[0].rows.push_back(s.rows[r]);
        if (IsHouseholdWorkbook(first)) at = i;
    }
    const bool found = at < book.sheets.size();
    std::unique_ptr<HouseholdPlanTask> task(
        new HouseholdPlanTask(file_name, found ? book.sheets[at].name : "", db, today));
    task->book_ = std::move(book);
    if (found) task->sheet_ = &task->book_.sheets[at];
    return task;
}

bool HouseholdPlanTask::Read(Slice& slice) {
    std::vector<std::string> row;
    for (;;) {
        if (csv_) {
            if (!csv_->Next(&row)) break;
            import_->AddRow(CellsOf(row));
        } else {
            if (!sheet_ || next_row_ >= sheet_->rows.size()) break;
            // The sheet is read once: its cells move into the import.
            import_->AddRow(std::move(sheet_->rows[next_row_++]));
        }
        if (slice.over()) return false;
    }
    if (csv_ && !csv_->error().empty()) import_->plan().fatal = csv_->error();
    import_->EndOfRows();
    csv_.reset();
    book_ = Workbook();
    sheet_ = nullptr;
    return true;
}

bool HouseholdPlanTask::Step(Slice& slice) {
    if (reading_) {
        if (!Read(slice)) return false;
        reading_ = false;
        if (slice.over_now()) return false;
    }
    return import_->Finish(slice);
}

double HouseholdPlanTask::progress() const {
    if (!reading_) return kReadShare + (1 - kReadShare) * import_->finish_progress();
    double read = 1.0;
    if (csv_) read = csv_->size() ? double(csv_->position()) / double(csv_->size()) : 1.0;
    else if (sheet_ && !sheet_->rows.empty()) read = double(next_row_) / double(sheet_->rows.size());
    return kReadShare * read;
}

std::string HouseholdPlanTask::stage() const { return reading_ ? "正在读取文件" : "正在逐户核对"; }

HouseholdImportPlan HouseholdPlanTask::TakePlan() { return std::move(import_->plan()); }

HouseholdWriteTask::HouseholdWriteTask(HouseholdImportPlan plan, Database& db, std::string now)
    : plan_(std::move(plan)) {
    // Room for what this write adds (a district's 250,000 households with
    // 808,165 members took 155 MB: ~260 bytes a household and ~130 a member
    // with their indexes), a quarter more to spare. Without it memdb doubles
    // its buffer mid-write, each time copying the whole image in one frame.
    const size_t growth = plan_.adds.size() * 260 + plan_.updates.size() * 64 + plan_.members_added * 130;
    if (growth > (size_t(16) << 20)) db.Reserve(growth + growth / 4);  // (without it: slower, not wrong)
    writer_ = std::make_unique<HouseholdWriter>(db, std::move(now));
}

HouseholdWriteTask::~HouseholdWriteTask() = default;

bool HouseholdWriteTask::Step(Slice& slice) {
    if (!writer_) return true;
    const size_t total = plan_.taken();
    while (written_ < total) {
        HouseholdWrite& w =
            written_ < plan_.adds.size() ? plan_.adds[written_] : plan_.updates[written_ - plan_.adds.size()];
        const bool ok = writer_->Write(w);
        // Written: its members are freed now, a slice at a time, not all at the end.
        std::vector<HouseholdMember>().swap(w.member_adds);
        std::vector<HouseholdMember>().swap(w.member_updates);
        if (!ok) {
            writer_.reset();  // rolled back
            failed_ = true;
            return true;
        }
        ++written_;
        // A household is several statements: the clock is read after each.
        if (slice.over_now()) return false;
    }
    failed_ = !writer_->Commit();
    writer_.reset();
    return true;
}

double HouseholdWriteTask::progress() const {
    const size_t total = plan_.taken();
    return total ? double(written_) / double(total) : 1.0;
}

}  // namespace htk
