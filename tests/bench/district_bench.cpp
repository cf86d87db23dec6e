// district_bench — the native side of tests/bench/district.mjs.
//
//   district_bench make <out.db> <households.csv> <unit>=<ledger.csv>...
//       builds the district's database through the app's own importers (the
//       registry, then every unit's ledger merged as the district office
//       receives it) and writes it as a backup file, which the browser then
//       restores;
//   district_bench time <db> [repeats]
//       runs TimeCoreOperations (app/bench) on it and prints one
//       JSON object, as window.app.coreTimings() does in the browser;
//   district_bench remerge <db> <unit>=<ledger.csv>...
//       merges the units' files again into the database (as 区级汇总 does
//       when they come a second time) as the page's task runner would, in
//       40 ms slices ($HTK_SLICE_MS to change), and prints each step's time
//       and the drift search's.
// Not a test.
#include "core_timings.h"
#include "district/drift.h"
#include "district/received_files.h"
#include "domain/backup.h"
#include "domain/campaign.h"
#include "domain/campaign_setup.h"
#include "domain/household_import.h"
#include "domain/household_store.h"
#include "domain/ledger_import.h"
#include "domain/ledger_store.h"
#include "domain/settings.h"
#include "formats/table_file.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace htk;

static std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

static Workbook ReadTable(const std::string& path) {
    Workbook book;
    std::string error;
    if (!ReadTableFile(path, ReadFile(path), &book, &error)) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), error.c_str());
        std::exit(1);
    }
    return book;
}

// The units' ledgers named `<unit>=<path>` from argv[first] on, read as the
// district office receives them, each given to its unit.
static bool ReadUnitFiles(int argc, char** argv, int first, const char* received_at, const Campaign& campaign,
                          const LedgerStore& store, std::vector<ReceivedFile>* files) {
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        const size_t eq = arg.find('=');
        const std::string unit = arg.substr(0, eq), path = arg.substr(eq + 1);
        files->push_back(ReadReceivedFile(path.substr(path.rfind('/') + 1), ReadFile(path), "2022-06-15 12:00:00",
                                          received_at, campaign, MakeUnitDirectory({unit}, campaign.district, {}),
                                          store));
        files->back().unit = unit;
        if (!files->back().error.empty()) {
            std::fprintf(stderr, "%s: %s\n", path.c_str(), files->back().error.c_str());
            return false;
        }
    }
    return true;
}

static int Make(int argc, char** argv) {
    const Date today = Date{2022, 6, 15};
    auto db = Database::OpenInMemory();
    Migrate(*db);
    Settings s = LoadSettings(*db);
    s.unit_name = "建安区回头看工作领导小组办公室";
    s.role = Role::kDistrictOffice;
    SaveSettings(*db, s);
    const Campaign campaign = LoadCampaign(*db, EnsureCurrentCampaign(*db));

    HouseholdStore households(*db);
    HouseholdImportPlan hp = PlanHouseholdImport(ReadTable(argv[3]), argv[3], households, today);
    if (!hp.fatal.empty()) {
        std::fprintf(stderr, "%s: %s\n", argv[3], hp.fatal.c_str());
        return 1;
    }
    households.Apply(hp.adds, hp.updates, "2022-06-15 09:00:00");

    // Each unit's ledger as the district office receives it (区级汇总), its
    // townships listed in 设置 as the office would.
    std::string townships;
    for (int i = 4; i < argc; ++i) townships += std::string(argv[i]).substr(0, std::string(argv[i]).find('=')) + "\n";
    AddTownships(*db, campaign.id, townships);
    LedgerStore store(*db, campaign.id);
    std::vector<ReceivedFile> files;
    if (!ReadUnitFiles(argc, argv, 4, "2022-06-15 13:00:00", campaign, store, &files)) return 1;
    std::vector<const ReceivedFile*> all;
    for (const ReceivedFile& f : files) all.push_back(&f);
    const MergeSummary merged = MergeReceivedFiles(all, campaign, *db, store, {}, 
                                                   ChangeContext{"2022-06-15 13:00:00", s.unit_name, "import"});
    const size_t problems = size_t(merged.total.added);
    const std::string bytes = BackupBytes(*db);
    std::ofstream(argv[2], std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    std::printf("{\"households\":%zu,\"problems\":%zu,\"bytes\":%zu}\n", hp.taken(), problems, bytes.size());
    return 0;
}

static double NowSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static int Remerge(int argc, char** argv) {
    const std::string bytes = ReadFile(argv[2]);
    auto db = Database::OpenInMemory();
    std::string error;
    if (!db->LoadImage(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &error)) {
        std::fprintf(stderr, "%s: %s\n", argv[2], error.c_str());
        return 1;
    }
    const Campaign campaign = LoadCampaign(*db, EnsureCurrentCampaign(*db));
    LedgerStore store(*db, campaign.id);
    const std::vector<Problem> current = store.LoadAll();
    std::vector<ReceivedFile> files;
    if (!ReadUnitFiles(argc, argv, 3, "2022-06-16 13:00:00", campaign, store, &files)) return 1;
    std::vector<const ReceivedFile*> all;
    for (const ReceivedFile& f : files) all.push_back(&f);
    MergeTask task(all, campaign, *db, store, current, ChangeContext{"2022-06-16 13:00:00", "区办", "import"});
    const char* slice_ms = std::getenv("HTK_SLICE_MS");
    const double budget_s = (slice_ms ? std::atof(slice_ms) : 40.0) / 1000.0;
    std::vector<double> steps;
    const double start = NowSeconds();
    for (bool done = false; !done;) {
        Slice slice(NowSeconds, budget_s);
        const double t0 = NowSeconds();
        done = task.Step(slice);
        steps.push_back((NowSeconds() - t0) * 1000);
    }
    const double total = (NowSeconds() - start) * 1000;
    const double t0 = NowSeconds();
    std::vector<std::string> units;
    for (const ReceivedFile& f : files) units.push_back(f.unit);
    const std::vector<UnitDrift> drift = FindDrift(*db, store, campaign.id, units);
    const double drift_ms = (NowSeconds() - t0) * 1000;
    nlohmann::json out = {{"steps", steps.size()}, {"total_ms", total},
                          {"longest_step_ms", *std::max_element(steps.begin(), steps.end())},
                          {"last_step_ms", steps.back()}, {"find_drift_ms", drift_ms},
                          {"unchanged", task.summary().total.unchanged}, {"step_ms", steps}};
    std::cout << out.dump() << "\n";
    return 0;
}

static int Time(const char* path, int repeats) {
    const std::string bytes = ReadFile(path);
    auto db = Database::OpenInMemory();
    std::string error;
    if (!db->LoadImage(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &error)) {
        std::fprintf(stderr, "%s: %s\n", path, error.c_str());
        return 1;
    }
    nlohmann::json out = nlohmann::json::object();
    for (const CoreTiming& t : TimeCoreOperations(*db, Date{2022, 6, 15}, repeats))
        out[t.name] = {{"ms", t.ms}, {"result", t.result}};
    std::cout << out.dump() << "\n";
    return 0;
}

int main(int argc, char** argv) {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "make" && argc >= 4) return Make(argc, argv);
    if (cmd == "time" && argc >= 3) return Time(argv[2], argc > 3 ? std::atoi(argv[3]) : 3);
    if (cmd == "remerge" && argc >= 4) return Remerge(argc, argv);
    std::fprintf(stderr, "usage: district_bench make <out.db> <households.csv> <unit>=<ledger.csv>...\n"
                         "       district_bench time <db> [repeats]\n");
    return 2;
}
