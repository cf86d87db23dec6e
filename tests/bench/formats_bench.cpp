// formats_bench — the core's file formats on a generated ledger, natively:
// xlsx export, xlsx read + import plan, CSV export and read. Prints a table.
// Not a test. Usage: formats_bench [rows [export|read|filter]]  (the second
// argument stops after that step, for profiling one of them)
#include "domain/campaign.h"
#include "domain/ledger_import.h"
#include "domain/ledger_store.h"
#include "domain/ledger_view.h"
#include "domain/ledger_xlsx.h"
#include "formats/csv.h"
#include "formats/table_file.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace htk;

static double Ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 50000;
    const std::string only = argc > 2 ? argv[2] : "";
    auto db = Database::OpenInMemory();
    Migrate(*db);
    int64_t cid = EnsureCurrentCampaign(*db);
    Campaign campaign = LoadCampaign(*db, cid);
    LedgerStore store(*db, cid);

    const char* areas[] = {"住房保障", "健康保障", "教育保障", "饮水安全保障", "就业保障", "综合保障", "金融政策", "户厕改造"};
    std::vector<Problem> rows;
    unsigned seed = 20220601;
    auto rnd = [&](unsigned k) { seed = seed * 1103515245u + 12345u; return (seed >> 8) % k; };
    for (int i = 0; i < n; ++i) {
        Problem p = NewProblem();
        p.uuid = "00000000-0000-4000-8000-" + std::to_string(100000000000 + i);
        p[ProblemField::kArea] = areas[rnd(8)];
        p[ProblemField::kNature] = rnd(4) ? "个性问题" : "共性问题";
        p[ProblemField::kDescription] = "椹涧乡第" + std::to_string(1 + rnd(30)) +
                                        "村某某户住房未进行安全鉴定，未出具房屋安全性评定结果，未悬挂标示牌（编号" +
                                        std::to_string(i + 1) + "）";
        p[ProblemField::kMeasures] = "责成村两委限期完成，乡镇包村干部跟踪督办，完成后逐户回访并留存影像资料";
        p[ProblemField::kDeadline] = "2022-06-" + std::to_string(10 + rnd(19));
        p[ProblemField::kRespUnits] = "区住建局";
        rows.push_back(p);
    }
    LedgerWorkbook book;
    LedgerSheet sheet;
    sheet.title = campaign.ledger_title;
    sheet.unit = "椹涧乡";
    sheet.note = campaign.ledger_note;
    for (const Problem& p : rows) sheet.rows.push_back(&p);
    book.sheets.push_back(sheet);

    std::string bytes, error;
    auto t = std::chrono::steady_clock::now();
    WriteLedgerXlsx(book, &bytes, &error);
    double export_ms = Ms(t);
    const double first_export_ms = export_ms;
    if (only == "filter") {
        // The ledger table's search, typed a character at a time, then an area.
        LedgerView view;
        view.Reset(rows);
        view.Order();
        // As the screen does when the search box takes the keyboard.
        t = std::chrono::steady_clock::now();
        view.PrepareTextSearch();
        std::printf("search index: %.1f ms\n", Ms(t));
        view.Upsert(rows[0]);  // an edit: the index is built again
        t = std::chrono::steady_clock::now();
        view.PrepareTextSearch();
        std::printf("search index after an edit: %.1f ms\n", Ms(t));
        std::string typed;
        for (const char* ch : {"第", "1", "2", "村", "某"}) {
            typed += ch;
            LedgerFilter f;
            f.text = typed;
            view.SetFilter(f);
            t = std::chrono::steady_clock::now();
            size_t n = view.Order().size();
            std::printf("search \"%s\": %zu rows, %.1f ms\n", typed.c_str(), n, Ms(t));
        }
        {
            // A text in no row: the whole index is read.
            LedgerFilter none;
            none.text = "饮水";
            view.SetFilter(none);
            t = std::chrono::steady_clock::now();
            size_t found = view.Order().size();
            std::printf("search \"%s\" (in no row): %zu rows, %.1f ms\n", none.text.c_str(), found, Ms(t));
        }
        LedgerFilter f;
        f.area = "住房保障";
        view.SetFilter(f);
        t = std::chrono::steady_clock::now();
        size_t n = view.Order().size();
        std::printf("area: %zu rows, %.1f ms\n", n, Ms(t));
        return 0;
    }
    if (only == "export") {
        for (int k = 0; k < 4; ++k) {
            t = std::chrono::steady_clock::now();
            WriteLedgerXlsx(book, &bytes, &error);
            export_ms = std::min(export_ms, Ms(t));
        }
        std::printf("xlsx export: %.0f ms (best of 5; the first %.0f), %.2f MB\n", export_ms, first_export_ms,
                    bytes.size() / 1048576.0);
        return 0;
    }

    t = std::chrono::steady_clock::now();
    Workbook read;
    ReadTableFile("x.xlsx", bytes, &read, &error);
    double read_ms = Ms(t);
    t = std::chrono::steady_clock::now();
    ImportPlan plan = PlanLedgerImport(read, "x.xlsx", campaign, store, "椹涧乡");
    double plan_ms = Ms(t);
    // The rows stored, then the same file planned again: every row matched by
    // UUID and unchanged (what re-importing an exported ledger does).
    t = std::chrono::steady_clock::now();
    ApplyLedgerImport(plan, store, ChangeContext{"2022-06-15 10:00:00", "bench", "import"});
    double apply_ms = Ms(t);
    t = std::chrono::steady_clock::now();
    ImportPlan again = PlanLedgerImport(read, "x.xlsx", campaign, store, "椹涧乡");
    double replan_ms = Ms(t);
    if (only == "read") {
        std::printf("xlsx read: %.0f ms, plan: %.0f ms, apply: %.0f ms, plan again (%d unchanged): %.0f ms\n",
                    read_ms, plan_ms, apply_ms, again.unchanged, replan_ms);
        return 0;
    }

    CsvRows csv;
    for (const Problem& p : rows)
        csv.push_back({p[ProblemField::kArea], p[ProblemField::kNature], p[ProblemField::kDescription],
                       p[ProblemField::kMeasures], p[ProblemField::kDeadline], p[ProblemField::kRespUnits]});
    t = std::chrono::steady_clock::now();
    std::string csv_bytes = WriteCsv(csv);
    double csv_write_ms = Ms(t);
    t = std::chrono::steady_clock::now();
    CsvTable table;
    ParseCsv(csv_bytes, &table, &error);
    double csv_read_ms = Ms(t);

    std::printf("| %d rows, native | ms |\n|---|---:|\n", n);
    std::printf("| xlsx export (%.1f MB) | %.0f |\n", bytes.size() / 1048576.0, export_ms);
    std::printf("| xlsx read | %.0f |\n| import plan (%zu rows taken) | %.0f |\n", read_ms, plan.taken(), plan_ms);
    std::printf("| import apply (one transaction) | %.0f |\n| plan again (%d unchanged) | %.0f |\n", apply_ms,
                again.unchanged, replan_ms);
    std::printf("| CSV write (%.1f MB) | %.0f |\n| CSV read | %.0f |\n", csv_bytes.size() / 1048576.0, csv_write_ms,
                csv_read_ms);
    return 0;
}
