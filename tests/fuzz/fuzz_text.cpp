// Text typed or pasted: dates in every form people write them, 身份证号, and
// rows pasted from Excel/WPS (tab-separated) planned as ledger rows.
#include "domain/ledger_import.h"
#include "fuzz_env.h"
#include "rules/dates.h"
#include "rules/id_number.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    htk::DateParse d = htk::ParseDate(text, 2022);
    if (d.ok) {
        // A date taken is a real day and prints back to itself.
        htk::DateParse again = htk::ParseDate(htk::FormatIso(d.date));
        if (!again.ok || !(again.date == d.date)) __builtin_trap();
    }
    std::string id = htk::NormalizeIdNumber(text);
    htk::IdNumberError(id, htk::Date{2022, 6, 15});
    htk::MaskIdNumber(id);
    htk::fuzz::Env& e = htk::fuzz::TheEnv();
    htk::LedgerStore store(*e.db, e.campaign_id);
    htk::PlanPastedRows(text, e.campaign, store, "椹涧乡");
    return 0;
}
