#include "core_timings.h"

#include "district/district_workbooks.h"
#include "district/unit_stats.h"
#include "domain/campaign.h"
#include "domain/household_store.h"
#include "domain/household_view.h"
#include "domain/ledger_store.h"
#include "domain/ledger_view.h"
#include "domain/ledger_xlsx.h"
#include "domain/settings.h"
#include "domain/weekly_report.h"
#include "formats/csv.h"
#include "storage/database.h"

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <functional>

namespace htk {
namespace {

double MedianMs(int repeats, const std::function<size_t()>& op, size_t* result) {
    std::vector<double> ms;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        auto t = std::chrono::steady_clock::now();
        *result = op();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

}  // namespace

std::vector<CoreTiming> TimeCoreOperations(Database& db, const Date& today, int repeats) {
    std::vector<CoreTiming> out;
    auto time = [&](const char* name, const std::function<size_t()>& op) {
        CoreTiming t;
        t.name = name;
        t.ms = MedianMs(repeats, op, &t.result);
        out.push_back(t);
    };
    const Campaign campaign = LoadCampaign(db, EnsureCurrentCampaign(db));
    const Settings settings = LoadSettings(db);
    LedgerStore store(db, campaign.id);
    HouseholdStore households(db);

    std::vector<Problem> rows;
    time("ledger_load", [&] { rows = store.LoadAll(); return rows.size(); });
    LedgerView view;
    view.SetToday(today);
    view.Reset(rows);
    view.Order();
    time("ledger_sort_deadline", [&] {
        view.SetSort(SortColumn::kEntry, ProblemField::kArea, true);
        view.Order();
        view.SetSort(SortColumn::kField, ProblemField::kDeadline, false);
        return view.Order().size();
    });
    // Each filter applied to the whole ledger (not narrowing the last result).
    auto filtered = [&](const LedgerFilter& f) {
        return [&view, f] {
            view.SetFilter(LedgerFilter{});
            view.Order();
            view.SetFilter(f);
            return view.Order().size();
        };
    };
    LedgerFilter text, area_status;
    text.text = "安全鉴定";
    area_status.area = "住房保障";
    area_status.status = "open";
    time("ledger_filter_text", filtered(text));
    time("ledger_filter_area_status", filtered(area_status));
    view.SetFilter(LedgerFilter{});
    view.SetSort(SortColumn::kEntry, ProblemField::kArea, true);
    const std::vector<const Problem*> all = view.Order();

    std::vector<Household> registry;
    time("households_load", [&] { registry = households.LoadAll(); return registry.size(); });
    HouseholdView hview;
    hview.Reset(registry);
    hview.Refresh(-1);
    time("household_search", [&] {
        hview.SetSearch("");
        hview.Refresh(-1);
        hview.SetSearch("李");
        return hview.Refresh(-1).size();
    });

    time("weekly_report", [&] {
        WeeklyReport report;
        report.week_no = 1;
        report.unit = settings.unit_name;
        report.report_date = today;
        report.rows.reserve(all.size());
        for (const Problem* p : all) report.rows.push_back(*p);
        const WeeklyDiff diff = DiffReports(nullptr, report);
        std::string bytes, error;
        WriteLedgerXlsx(WeeklyReportWorkbook(report, diff, campaign), &bytes, &error);
        return bytes.size();
    });
    time("ledger_export_xlsx", [&] {
        LedgerWorkbook book;
        LedgerSheet sheet;
        sheet.title = campaign.ledger_title;
        sheet.unit = settings.unit_name;
        sheet.date = today;
        sheet.note = campaign.ledger_note;
        sheet.rows = all;
        book.sheets.push_back(std::move(sheet));
        std::string bytes, error;
        WriteLedgerXlsx(book, &bytes, &error);
        return bytes.size();
    });
    // The same export with each choice of strings and deflate level
    // (docs/PERFORMANCE.md): result = the file's bytes.
    for (const bool sst : {true, false})
        for (const int level : {1, 4, 6, 9}) {
            const std::string name =
                std::string("ledger_export_xlsx_") + (sst ? "sst" : "inline") + "_l" + std::to_string(level);
            time(name.c_str(), [&] {
                LedgerWorkbook book;
                LedgerSheet sheet;
                sheet.title = campaign.ledger_title;
                sheet.rows = all;
                book.sheets.push_back(std::move(sheet));
                std::string bytes, error;
                WriteLedgerXlsx(book, &bytes, &error, XlsxWriteOptions{level, sst});
                return bytes.size();
            });
        }
    // An export as the UI runs it, a 16 ms slice per frame: ms = the longest
    // Step (the slice included), result = the number of steps.
    static const auto start = std::chrono::steady_clock::now();
    double (*clock)() = [] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    auto longest_step = [&](const char* name, std::unique_ptr<XlsxWriteTask> task) {
        CoreTiming t;
        t.name = name;
        for (bool done = false; !done; ++t.result) {
            Slice slice(clock, 0.016);
            const double t0 = clock();
            done = task->Step(slice);
            t.ms = std::max(t.ms, (clock() - t0) * 1000);
        }
        out.push_back(t);
    };
    {
        LedgerWorkbook book;
        LedgerSheet sheet;
        sheet.title = campaign.ledger_title;
        sheet.rows = all;
        book.sheets.push_back(std::move(sheet));
        longest_step("ledger_export_xlsx_task_longest_step", StartLedgerXlsx(std::move(book)));
    }
    // The district roll-up: per-unit statistics and ranking, then a summary
    // sheet and each unit's ledger in one workbook; timed whole, then its
    // longest step as a task.
    auto rollup = [&] {
        UnitStats total;
        std::vector<UnitStats> stats = BuildUnitStats(rows, campaign.departments, today, nullptr, &total);
        RankUnits(stats);
        return DistrictRollupWorkbook(campaign, stats, total, rows,
                                      DistrictFileInfo{settings.unit_name, today, "2022-06-20 10:00:00"});
    };
    time("district_rollup", [&] {
        std::string bytes, error;
        WriteLedgerXlsx(rollup(), &bytes, &error);
        return bytes.size();
    });
    longest_step("district_rollup_task_longest_step", StartLedgerXlsx(rollup()));
    time("ledger_export_csv", [&] {
        CsvRows csv;
        csv.reserve(all.size());
        for (const Problem* p : all)
            csv.push_back({(*p)[ProblemField::kArea], (*p)[ProblemField::kNature],
                           (*p)[ProblemField::kDescription], (*p)[ProblemField::kMeasures],
                           (*p)[ProblemField::kDeadline], (*p)[ProblemField::kRespUnits]});
        return WriteCsv(csv).size();
    });
    // What a save costs in our code before the bytes go to storage.
    time("db_image_checksum", [&] {
        Database::ImageView img = db.Image();
        volatile unsigned crc = unsigned(crc32(0, img.data, uInt(img.size)));
        (void)crc;
        return img.size;
    });
    return out;
}

}  // namespace htk
