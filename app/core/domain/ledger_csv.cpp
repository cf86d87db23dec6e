#include "ledger_csv.h"

#include "formats/csv.h"

#include <string_view>
#include <vector>

namespace htk {

std::string LedgerCsv(const LedgerSheet& sheet, bool gb18030) {
    CsvWriter csv(CsvWriteOptions{gb18030});
    const std::vector<ProblemField> fields = LedgerColumns(sheet.extended);
    std::vector<std::string_view> cells = {"序号"};
    for (ProblemField f : fields) cells.push_back(FieldInfo(f).label);
    cells.push_back(kUuidHeader);
    csv.Row(cells);
    int seq = 0;
    for (const Problem* p : sheet.rows) {
        const std::string n = std::to_string(++seq);
        cells.assign(1, n);
        for (ProblemField f : fields)
            cells.push_back(f == ProblemField::kStatus ? std::string_view(StatusLabel(p->status())) : (*p)[f]);
        cells.push_back(p->uuid);
        csv.Row(cells);
    }
    return csv.Finish();
}

}  // namespace htk
