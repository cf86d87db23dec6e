#include "import_errors.h"

#include "formats/csv.h"

#include <algorithm>
#include <unordered_map>

namespace htk {

std::vector<ImportErrorGroup> GroupImportErrors(const std::vector<ImportRowError>& errors) {
    std::vector<ImportErrorGroup> groups;
    std::unordered_map<std::string, size_t> at;
    for (const ImportRowError& e : errors) {
        const std::string& cause = e.cause.empty() ? e.message : e.cause;
        auto [it, fresh] = at.emplace(cause, groups.size());
        if (fresh) groups.push_back(ImportErrorGroup{cause, {}, e.message});
        groups[it->second].rows.push_back(e.row);
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const ImportErrorGroup& a, const ImportErrorGroup& b) { return a.rows.size() > b.rows.size(); });
    return groups;
}

std::string ImportErrorRowsText(const ImportErrorGroup& group, size_t max_rows) {
    std::string out = std::to_string(group.rows.size()) + " 行（第 ";
    const size_t shown = std::min(max_rows, group.rows.size());
    for (size_t i = 0; i < shown; ++i) out += (i ? "、" : "") + std::to_string(group.rows[i]);
    out += " 行";
    if (shown < group.rows.size()) out += "等";
    return out + "）";
}

std::string ImportErrorsAsText(const std::vector<ImportRowError>& errors) {
    std::string out = "行号\t原因\n";
    for (const ImportRowError& e : errors) {
        std::string message = e.message;
        std::replace(message.begin(), message.end(), '\t', ' ');
        std::replace(message.begin(), message.end(), '\n', ' ');
        out += std::to_string(e.row) + "\t" + message + "\n";
    }
    return out;
}

std::string ImportErrorsAsCsv(const std::vector<ImportRowError>& errors) {
    CsvRows rows{{"行号", "原因"}};
    for (const ImportRowError& e : errors) rows.push_back({std::to_string(e.row), e.message});
    return WriteCsv(rows);
}

}  // namespace htk
