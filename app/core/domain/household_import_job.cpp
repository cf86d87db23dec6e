#include "household_import_job.h"

#include "sheet_header.h"
#include "storage/database.h"

#include <algorithm>

namespace htk {
namespace {

// Work between two looks at the clock.
constexpr size_t kRowsPerLook = 128;
constexpr size_t kHouseholdsPerLook = 8;

std::vector<Cell> CellsOf(std::vector<std::string>& texts) {
    std::vector<Cell> cells(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        if (texts[i].empty()) continue;
        cells[i].type = Cell::kText;
        cells[i].text = std::move(texts[i]);
    }
    return cells;
}

bool OverBudget(double budget_s, double (*clock)(), double start) {
    return budget_s >= 0 && clock && clock() - start > budget_s;
}

}  // namespace

HouseholdImportJob::HouseholdImportJob(const std::string& file_name, const std::string& sheet_name, Database& db,
                                       const Date& today)
    : db_(db), store_(db), import_(std::make_unique<HouseholdImport>(file_name, sheet_name, store_, today)) {}

HouseholdImportJob::~HouseholdImportJob() = default;

std::unique_ptr<HouseholdImportJob> HouseholdImportJob::FromCsv(const std::string& file_name, std::string& bytes,
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
    std::unique_ptr<HouseholdImportJob> job(new HouseholdImportJob(file_name, file_name, db, today));
    for (std::vector<Cell>& cells : first.sheets[0].rows) job->import_->AddRow(std::move(cells));
    job->csv_ = std::move(reader);
    return job;
}

std::unique_ptr<HouseholdImportJob> HouseholdImportJob::FromWorkbook(const std::string& file_name, Workbook book,
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
    std::unique_ptr<HouseholdImportJob> job(
        new HouseholdImportJob(file_name, found ? book.sheets[at].name : "", db, today));
    job->book_ = std::move(book);
    if (found) job->sheet_ = &job->book_.sheets[at];
    return job;
}

bool HouseholdImportJob::Read(double budget_s, double (*clock)(), double start) {
    std::vector<std::string> row;
    for (size_t n = 1;; ++n) {
        if (csv_) {
            if (!csv_->Next(&row)) break;
            import_->AddRow(CellsOf(row));
        } else {
            if (!sheet_ || next_row_ >= sheet_->rows.size()) break;
            // The sheet is read once: its cells move into the import.
            import_->AddRow(std::move(sheet_->rows[next_row_++]));
        }
        if (n % kRowsPerLook == 0 && OverBudget(budget_s, clock, start)) return false;
    }
    if (csv_ && !csv_->error().empty()) import_->plan().fatal = csv_->error();
    import_->EndOfRows();
    csv_.reset();
    book_ = Workbook();
    sheet_ = nullptr;
    return true;
}

void HouseholdImportJob::Write(double budget_s, double (*clock)(), double start) {
    HouseholdImportPlan& plan = import_->plan();
    const size_t total = plan.adds.size() + plan.updates.size();
    while (written_ < total) {
        HouseholdWrite& w =
            written_ < plan.adds.size() ? plan.adds[written_] : plan.updates[written_ - plan.adds.size()];
        const bool ok = writer_->Write(w);
        // Written: its members are freed now, a slice at a time, not all at the end.
        std::vector<HouseholdMember>().swap(w.member_adds);
        std::vector<HouseholdMember>().swap(w.member_updates);
        if (!ok) {
            writer_.reset();  // rolled back
            write_failed_ = true;
            stage_ = Stage::kDone;
            return;
        }
        ++written_;
        if (written_ % kHouseholdsPerLook == 0 && OverBudget(budget_s, clock, start)) return;
    }
    write_failed_ = !writer_->Commit();
    writer_.reset();
    stage_ = Stage::kDone;
}

void HouseholdImportJob::Step(double budget_s, double (*clock)()) {
    const double start = clock ? clock() : 0;
    if (stage_ == Stage::kReading) {
        if (!Read(budget_s, clock, start)) return;
        stage_ = Stage::kChecking;
        if (OverBudget(budget_s, clock, start)) return;
    }
    if (stage_ == Stage::kChecking) {
        const double left = budget_s < 0 || !clock ? -1 : std::max(0.0, budget_s - (clock() - start));
        if (import_->Finish(left, clock)) stage_ = Stage::kPreview;
        return;
    }
    if (stage_ == Stage::kWriting) Write(budget_s, clock, start);
}

void HouseholdImportJob::Confirm(const std::string& now) {
    if (stage_ != Stage::kPreview) return;
    // Room for what this write adds (a district's 250,000 households with
    // 808,165 members took 155 MB: ~260 bytes a household and ~130 a member
    // with their indexes), a quarter more to spare. Without it memdb doubles
    // its buffer mid-write, each time copying the whole image in one frame.
    const HouseholdImportPlan& plan = import_->plan();
    const size_t growth = plan.adds.size() * 260 + plan.updates.size() * 64 + plan.members_added * 130;
    if (growth > (size_t(16) << 20)) db_.Reserve(growth + growth / 4);  // (without it: slower, not wrong)
    writer_ = std::make_unique<HouseholdWriter>(db_, now);
    written_ = 0;
    stage_ = Stage::kWriting;
}

double HouseholdImportJob::progress() const {
    switch (stage_) {
        case Stage::kReading:
            if (csv_) return csv_->size() ? double(csv_->position()) / double(csv_->size()) : 1.0;
            return sheet_ && !sheet_->rows.empty() ? double(next_row_) / double(sheet_->rows.size()) : 1.0;
        case Stage::kChecking: return import_->finish_progress();
        case Stage::kWriting: {
            const HouseholdImportPlan& plan = import_->plan();
            const size_t total = plan.adds.size() + plan.updates.size();
            return total ? double(written_) / double(total) : 1.0;
        }
        case Stage::kPreview:
        case Stage::kDone: break;
    }
    return 1.0;
}

}  // namespace htk
