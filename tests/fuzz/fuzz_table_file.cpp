// Any file a user opens as a table: .xlsx (zip + XML) or text (CSV, any
// encoding), read and planned by every importer. HTK_FUZZ_NAME picks the name
// the file is opened under, so one source makes the csv and xlsx targets.
#include "formats/table_file.h"
#include "fuzz_env.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    htk::Workbook book;
    std::string error;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (htk::ReadTableFile(HTK_FUZZ_NAME, bytes, &book, &error)) htk::fuzz::PlanEverything(book);
    return 0;
}
