// formats_bench — the core's file formats on a generated ledger, natively:
// xlsx export, xlsx read + import plan, CSV export and read. Prints a table.
// Not a test. Usage: formats_bench [rows [export [file.xlsx]|read|filter]]  (the
// second argument stops after that step, for profiling one of them; export
// writes the file if given one)
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
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace htk;

static double Ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

static std::string RandomUuid(std::mt19937_64& random) {
    static const char hex[] = "0123456789abcdef";
    std::string id = "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx";
    for (char& c : id)
        if (c == 'x') c = hex[random() & 15];
    return id;
}

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 50000;
    const std::string only = argc > 2 ? argv[2] : "";
    auto db = Database::OpenInMemory();
    Migrate(*db);
    int64_t cid = EnsureCurrentCampaign(*db);
    Campaign campaign = LoadCampaign(*db, cid);
    LedgerStore store(*db, cid);

    // The rows of tests/bench/district_data.mjs ledgerRows (the browser benchmarks'
    // ledger): a unique description per row, three measures, eight areas.
    const char* areas[] = {"农村危房改造", "健康扶贫", "教育扶贫", "饮水安全", "就业扶贫", "综合保障", "金融扶贫", "户厕改造"};
    const char* units[] = {"区住建局", "区卫健委", "区教体局", "区水利局", "区人社局", "区民政局", "区金融工作局", "区城管局"};
    const char* issues[] = {"住房未进行安全鉴定，未出具房屋安全性评定结果，未悬挂标示牌",
                            "慢性病卡到期未更换，家庭医生签约协议已过期，未参加免费体检",
                            "适龄儿童未按时入学，送教上门服务记录不全，劝返工作未建立台账",
                            "集中供水点消毒设备不能正常使用，水质检测报告未在村内规范张贴",
                            "公益性岗位工资未及时发放，存在人岗不匹配、协议不规范的情况",
                            "低保金未按时发放，临时救助申请审批时间过长，群众反映办理难",
                            "小额信贷到期未还，贷款用途与申请不一致，存在户贷企用风险",
                            "户厕改造后未通水，部分户厕闲置并用于堆放杂物，使用率偏低"};
    const char* measures[] = {"责成村两委限期完成，乡镇包村干部跟踪督办，完成后逐户回访并留存影像资料",
                              "由行业部门牵头制定整改方案，明确责任人和时间节点，每周报送整改进度",
                              "立即组织人员入户核实，建立问题台账，整改完成一项销号一项"};
    const char* towns[] = {"椹涧乡", "陈曹乡", "小召乡", "河街乡", "桂村乡", "五女店镇", "将官池镇", "蒋李集镇", "张潘镇", "灵井镇"};
    const char* surnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄"};
    std::mt19937_64 uuids(20220601);  // random like the app's (v4), incompressible like them
    std::vector<Problem> rows;
    uint64_t seed = 20220601;
    auto rnd = [&](unsigned k) {
        seed = (seed * 1103515245u + 12345u) & 0x7fffffff;
        return unsigned((seed >> 12) % k);
    };
    for (int i = 0; i < n; ++i) {
        Problem p = NewProblem();
        p.uuid = RandomUuid(uuids);
        const unsigned a = rnd(8);
        const char* town = towns[rnd(10)];
        const unsigned day = 2 + rnd(28);
        p[ProblemField::kArea] = areas[a];
        p[ProblemField::kNature] = rnd(4) == 0 ? "共性问题" : "个性问题";
        p[ProblemField::kDescription] = std::string(town) + "第" + std::to_string(1 + rnd(30)) + "村" +
                                        surnames[rnd(8)] + "某某户" + issues[a] + "（编号" +
                                        std::to_string(i + 1) + "）";
        p[ProblemField::kMeasures] = measures[rnd(3)];
        p[ProblemField::kDeadline] = std::string("2022-06-") + (day < 10 ? "0" : "") + std::to_string(day);
        p[ProblemField::kRespUnits] = units[a];
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
        if (argc > 3) {
            std::FILE* out = std::fopen(argv[3], "wb");
            if (!out || std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size() || std::fclose(out) != 0) {
                std::perror(argv[3]);
                return 1;
            }
        }
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
