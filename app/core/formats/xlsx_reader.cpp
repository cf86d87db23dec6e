#include "xlsx_reader.h"

#include "csv.h"
#include "zip_reader.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <unordered_map>

namespace htk {
namespace {

constexpr int kMaxColumns = 16384;  // XFD
constexpr int kMaxMergeColumns = 200;

// Strips "x:" namespace prefixes: some writers prefix every element.
const char* Local(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
}

pugi::xml_node Child(const pugi::xml_node& n, const char* local) {
    for (pugi::xml_node c : n.children())
        if (std::strcmp(Local(c), local) == 0) return c;
    return {};
}

// All <t> text under a node, skipping phonetic runs (<rPh>).
void CollectText(const pugi::xml_node& n, std::string* out) {
    for (pugi::xml_node c : n.children()) {
        const char* l = Local(c);
        if (std::strcmp(l, "rPh") == 0) continue;
        if (std::strcmp(l, "t") == 0) *out += c.text().get();
        else if (c.type() == pugi::node_element) CollectText(c, out);
    }
}

// Parses in place: the document points into `text`, which must outlive it and
// not change meanwhile (no copy of a part that can be tens of megabytes).
bool ParseXml(std::string& text, pugi::xml_document* doc, const std::string& name, std::string* error) {
    pugi::xml_parse_result r = doc->load_buffer_inplace(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!r) {
        *error = "文件已损坏（" + name + " 不是有效的 XML：" + r.description() + "）";
        return false;
    }
    return true;
}

// "AB12" -> column 27 (0-based), row 11 (0-based). Returns false if malformed.
bool ParseRef(const char* ref, int* col, int* row) {
    int c = 0, r = 0, i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z'; ++i) c = c * 26 + (ref[i] - 'A' + 1);
    if (i == 0 || c > kMaxColumns) return false;
    for (; ref[i] >= '0' && ref[i] <= '9'; ++i) {
        r = r * 10 + (ref[i] - '0');
        if (r > 1048576) return false;
    }
    if (ref[i] != 0 || r == 0) return false;
    *col = c - 1;
    *row = r - 1;
    return true;
}

bool IsDateFormatCode(std::string code) {
    // Drop quoted text, escapes and [..] sections (colours, locales, elapsed).
    std::string plain;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') {
            size_t end = code.find('"', i + 1);
            if (end == std::string::npos) break;
            i = end;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            size_t end = code.find(']', i + 1);
            if (end == std::string::npos) break;
            i = end;
        } else {
            plain += char(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    size_t semi = plain.find(';');
    if (semi != std::string::npos) plain.resize(semi);
    if (plain.find_first_of("0#?@") != std::string::npos) return false;
    return plain.find_first_of("ymd") != std::string::npos;
}

bool IsBuiltinDateFormat(int id) {
    return (id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58);
}

std::string NumberText(double v) {
    char buf[40];
    if (std::fabs(v) < 1e15 && v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

struct Styles {
    std::vector<bool> xf_is_date;
};

Styles ReadStyles(const std::string& xml) {
    Styles s;
    pugi::xml_document doc;
    if (doc.load_buffer(xml.data(), xml.size()).status != pugi::status_ok) return s;  // a copy: small
    pugi::xml_node root = doc.document_element();
    std::set<int> custom_dates;
    for (pugi::xml_node f : Child(root, "numFmts").children())
        if (IsDateFormatCode(f.attribute("formatCode").as_string())) custom_dates.insert(f.attribute("numFmtId").as_int());
    for (pugi::xml_node xf : Child(root, "cellXfs").children()) {
        int id = xf.attribute("numFmtId").as_int();
        s.xf_is_date.push_back(IsBuiltinDateFormat(id) || custom_dates.count(id));
    }
    return s;
}

std::string Normalize(std::string target) {
    // Targets are relative to xl/ unless absolute.
    if (!target.empty() && target[0] == '/') return target.substr(1);
    if (target.rfind("xl/", 0) == 0) return target;
    return "xl/" + target;
}

// Where a worksheet's rows are: the text between <sheetData ...> and
// </sheetData> (with any prefix, e.g. "x:"). False when that cannot be told
// safely, e.g. comments or CDATA among the rows: then the whole part is parsed.
struct RowsSpan {
    size_t begin = 0, end = 0;
    std::string row_end;  // "</row>" or "</x:row>"
};

bool FindRows(const std::string& xml, RowsSpan* span) {
    size_t name = xml.find("sheetData");
    if (name == std::string::npos) return false;
    size_t lt = name;
    while (lt > 0 && xml[lt - 1] != '<' && xml[lt - 1] != '/' && xml[lt - 1] != '>' && name - lt < 32) --lt;
    if (lt == 0 || xml[lt - 1] != '<') return false;
    std::string prefix = xml.substr(lt, name - lt);  // "" or "x:"
    size_t gt = xml.find('>', name);
    if (gt == std::string::npos || xml[gt - 1] == '/') return false;  // <sheetData/>: parse it whole
    std::string close = "</" + prefix + "sheetData>";
    size_t end = xml.rfind(close);
    if (end == std::string::npos || end < gt) return false;
    std::string_view rows(xml.data() + gt + 1, end - gt - 1);
    if (rows.find("<!") != std::string_view::npos || rows.find("<?") != std::string_view::npos) return false;
    span->begin = gt + 1;
    span->end = end;
    span->row_end = "</" + prefix + "row>";
    return true;
}

class SheetReader {
public:
    SheetReader(const std::vector<std::string>& shared, const Styles& styles, Sheet* sheet)
        : shared_(shared), styles_(styles), sheet_(sheet) {}

    // Reads the <row> elements among `rows`; false (with a message) when the
    // sheet has more rows than an import takes.
    bool ReadRows(const pugi::xml_node& parent, std::string* error) {
        for (pugi::xml_node r : parent.children()) {
            if (std::strcmp(Local(r), "row") != 0) continue;
            if (!ReadRow(r, error)) return false;
        }
        return true;
    }

private:
    bool ReadRow(const pugi::xml_node& r, std::string* error) {
        auto& rows = sheet_->rows;
        int row = r.attribute("r") ? r.attribute("r").as_int() - 1 : next_row_;
        if (row < 0 || row >= int(kMaxImportRows)) {
            *error = "表格“" + sheet_->name + "”超过 " + std::to_string(kMaxImportRows) + " 行，无法导入";
            return false;
        }
        next_row_ = row + 1;
        int next_col = 0;
        for (pugi::xml_node c : r.children()) {
            if (std::strcmp(Local(c), "c") != 0) continue;
            int col = next_col, ref_row = row;
            if (const char* ref = c.attribute("r").as_string(nullptr)) {
                if (!ParseRef(ref, &col, &ref_row)) continue;
            }
            next_col = col + 1;
            Cell cell = ReadCell(c);
            if (cell.type == Cell::kEmpty || (cell.type == Cell::kText && cell.text.empty())) continue;
            if (size_t(row) >= rows.size()) rows.resize(size_t(row) + 1);
            auto& cells = rows[size_t(row)];
            if (size_t(col) >= cells.size()) {
                if (cells.capacity() == 0) cells.reserve(16);
                cells.resize(size_t(col) + 1);
            }
            cells[size_t(col)] = std::move(cell);
        }
        return true;
    }

    Cell ReadCell(const pugi::xml_node& c) const {
        Cell cell;
        const char* t = c.attribute("t").as_string("n");
        pugi::xml_node v = Child(c, "v");
        if (pugi::xml_node f = Child(c, "f")) {
            // A formula: its cached value (<v>) is what Excel shows. Without
            // one (openpyxl, other generators) there is nothing to show: say
            // so, never read it as 0. A string result may be empty.
            const bool cached = v && (*v.text().get() || std::strcmp(t, "str") == 0);
            if (!cached && std::strcmp(t, "inlineStr") != 0) {
                cell.type = Cell::kFormula;
                cell.text = std::string("=") + f.text().get();
                if (cell.text.size() == 1) cell.text = "=（共享公式）";
                return cell;
            }
        }
        if (std::strcmp(t, "s") == 0) {
            size_t idx = size_t(v.text().as_ullong(~0ull));
            if (idx < shared_.size()) cell = Cell{Cell::kText, shared_[idx], 0};
        } else if (std::strcmp(t, "inlineStr") == 0) {
            cell.type = Cell::kText;
            CollectText(Child(c, "is"), &cell.text);
        } else if (std::strcmp(t, "str") == 0) {
            cell = Cell{Cell::kText, v.text().get(), 0};
        } else if (std::strcmp(t, "b") == 0) {
            cell = Cell{Cell::kBool, v.text().as_int() ? "TRUE" : "FALSE", 0};
        } else if (std::strcmp(t, "e") == 0) {
            cell = Cell{Cell::kText, v.text().get(), 0};
        } else if (std::strcmp(t, "d") == 0) {  // ISO 8601 date (strict OOXML)
            cell = Cell{Cell::kText, v.text().get(), 0};
        } else if (v) {
            double num = v.text().as_double();
            size_t s = size_t(c.attribute("s").as_uint(0));
            bool is_date = s < styles_.xf_is_date.size() && styles_.xf_is_date[s];
            cell = Cell{is_date ? Cell::kDate : Cell::kNumber, NumberText(num), num};
        }
        return cell;
    }

    const std::vector<std::string>& shared_;
    const Styles& styles_;
    Sheet* sheet_;
    int next_row_ = 0;
};

// Copies each merged range's top-left value into the whole range.
void ApplyMerges(const pugi::xml_node& root, Sheet* sheet) {
    auto& rows = sheet->rows;
    for (pugi::xml_node m : Child(root, "mergeCells").children()) {
        std::string ref = m.attribute("ref").as_string();
        size_t colon = ref.find(':');
        int c1, r1, c2, r2;
        if (colon == std::string::npos || !ParseRef(ref.substr(0, colon).c_str(), &c1, &r1) ||
            !ParseRef(ref.substr(colon + 1).c_str(), &c2, &r2))
            continue;
        if (size_t(r1) >= rows.size() || size_t(c1) >= rows[size_t(r1)].size()) continue;
        const Cell top = rows[size_t(r1)][size_t(c1)];
        if (top.type == Cell::kEmpty) continue;
        r2 = std::min(r2, int(rows.size()) - 1);
        c2 = std::min(c2, c1 + kMaxMergeColumns);
        for (int r = r1; r <= r2; ++r) {
            auto& cells = rows[size_t(r)];
            if (size_t(c2) >= cells.size()) cells.resize(size_t(c2) + 1);
            for (int c = c1; c <= c2; ++c)
                if (cells[size_t(c)].type == Cell::kEmpty) cells[size_t(c)] = top;
        }
    }
}

// A sheet named in workbook.xml, to be read.
struct SheetEntry {
    std::string name, part;
    bool hidden = false;
};

}  // namespace

bool LooksLikeZip(std::string_view bytes) { return bytes.size() >= 4 && bytes.substr(0, 4) == "PK\x03\x04"; }

// The reading's state between steps. A worksheet part is inflated a piece at
// a time, then its rows are parsed a megabyte at a time as XML fragments, so
// the DOM never holds more than a slice of a large sheet (a 50,000-row sheet
// as one DOM took ~80 MB); the rest of the part (merged cells) is parsed on
// its own. Anything unusual falls back to one whole parse.
struct XlsxReadTask::State {
    explicit State(std::string_view b) : bytes(b) {}
    enum class Stage { kOpen, kInflate, kRows, kRest, kEnd } stage = Stage::kOpen;
    std::string_view bytes;
    std::unique_ptr<ZipReader> zip;
    std::vector<std::string> shared;
    Styles styles;
    std::vector<SheetEntry> sheets;
    size_t next_sheet = 0;
    // The sheet being read.
    Sheet sheet;
    std::string xml;
    RowsSpan span;
    bool sliced = false;
    size_t at = 0;
    std::unique_ptr<SheetReader> reader;
    Workbook book;
    std::string error;
    bool failed = false;

    bool Open();
    bool NextSheet();  // begins the next sheet's part; false at the end
    bool Fail(std::string message) {
        error = std::move(message);
        failed = true;
        stage = Stage::kEnd;
        return false;
    }
};

static constexpr size_t kInflatePiece = 4u << 20;  // bytes of a part inflated between looks at the clock
static constexpr size_t kRowsSlice = 1u << 20;     // bytes of rows parsed as one XML fragment

bool XlsxReadTask::State::Open() {
    if (!LooksLikeZip(bytes))
        return Fail("不是有效的 .xlsx 文件（可能是旧版 .xls 或其他格式，请在 Excel/WPS 中另存为 .xlsx）");
    zip = std::make_unique<ZipReader>(bytes, kMaxUnpackedBytes);
    if (!zip->ok()) return Fail("文件已损坏，无法解压");
    if (!zip->Has("xl/workbook.xml")) return Fail("不是 Excel 工作簿（缺少 xl/workbook.xml）");
    std::string text, e;
    if (zip->Has("xl/sharedStrings.xml")) {
        if (!zip->Read("xl/sharedStrings.xml", &text, &e)) return Fail(e);
        pugi::xml_document doc;
        if (!ParseXml(text, &doc, "sharedStrings.xml", &e)) return Fail(e);
        for (pugi::xml_node si : doc.document_element().children()) {
            if (std::strcmp(Local(si), "si") != 0) continue;
            std::string str;
            CollectText(si, &str);
            shared.push_back(std::move(str));
        }
    }
    if (zip->Has("xl/styles.xml") && zip->Read("xl/styles.xml", &text, &e)) styles = ReadStyles(text);

    std::unordered_map<std::string, std::string> targets;  // relationship id -> part name
    if (zip->Has("xl/_rels/workbook.xml.rels")) {
        if (!zip->Read("xl/_rels/workbook.xml.rels", &text, &e)) return Fail(e);
        pugi::xml_document doc;
        if (!ParseXml(text, &doc, "workbook.xml.rels", &e)) return Fail(e);
        for (pugi::xml_node r : doc.document_element().children())
            targets[r.attribute("Id").as_string()] = Normalize(r.attribute("Target").as_string());
    }
    std::string workbook_xml;
    if (!zip->Read("xl/workbook.xml", &workbook_xml, &e)) return Fail(e);
    pugi::xml_document wb;
    if (!ParseXml(workbook_xml, &wb, "workbook.xml", &e)) return Fail(e);
    int index = 0;
    for (pugi::xml_node s : Child(wb.document_element(), "sheets").children()) {
        ++index;
        SheetEntry entry;
        entry.name = s.attribute("name").as_string();
        const std::string state = s.attribute("state").as_string();
        entry.hidden = state == "hidden" || state == "veryHidden";
        std::string rid;
        for (pugi::xml_attribute a : s.attributes()) {
            std::string n = a.name();
            if (n == "r:id" || (n.size() > 3 && n.compare(n.size() - 3, 3, ":id") == 0)) rid = a.value();
        }
        entry.part = targets.count(rid) ? targets[rid] : "xl/worksheets/sheet" + std::to_string(index) + ".xml";
        if (!zip->Has(entry.part)) continue;  // a chart sheet or a missing part: nothing to read
        sheets.push_back(std::move(entry));
    }
    return true;
}

bool XlsxReadTask::State::NextSheet() {
    if (next_sheet >= sheets.size()) return false;
    const SheetEntry& entry = sheets[next_sheet++];
    sheet = Sheet{};
    sheet.name = entry.name;
    sheet.hidden = entry.hidden;
    std::string e;
    if (!zip->BeginRead(entry.part, &xml, &e)) return Fail(e);
    stage = Stage::kInflate;
    return true;
}

XlsxReadTask::XlsxReadTask(std::string_view bytes) : s_(std::make_unique<State>(bytes)) {}
XlsxReadTask::~XlsxReadTask() = default;

bool XlsxReadTask::Step(Slice& slice) {
    State& s = *s_;
    using Stage = State::Stage;
    for (bool first = true; s.stage != Stage::kEnd; first = false) {
        if (!first && slice.over_now()) return false;  // one piece at least per step
        switch (s.stage) {
            case Stage::kOpen:
                if (s.Open() && !s.NextSheet() && !s.failed) s.stage = Stage::kEnd;
                break;
            case Stage::kInflate: {
                bool done = false;
                std::string e;
                if (!s.zip->ContinueRead(kInflatePiece, &done, &e)) {
                    s.Fail(e);
                    break;
                }
                if (!done) break;
                s.sliced = FindRows(s.xml, &s.span);
                s.at = s.span.begin;
                s.reader = std::make_unique<SheetReader>(s.shared, s.styles, &s.sheet);
                s.stage = s.sliced ? Stage::kRows : Stage::kRest;
                break;
            }
            case Stage::kRows: {
                if (s.at >= s.span.end) {
                    // The part without its rows, for what follows them.
                    std::string rest = s.xml.substr(0, s.span.begin) + s.xml.substr(s.span.end);
                    s.xml.swap(rest);
                    s.stage = Stage::kRest;
                    break;
                }
                size_t cut = s.span.end;
                if (s.span.end - s.at > kRowsSlice) {
                    size_t e = s.xml.find(s.span.row_end, s.at + kRowsSlice);
                    if (e != std::string::npos && e < s.span.end) cut = e + s.span.row_end.size();
                }
                pugi::xml_document fragment;
                pugi::xml_parse_result parsed = fragment.load_buffer_inplace(
                    &s.xml[s.at], cut - s.at, pugi::parse_default | pugi::parse_fragment, pugi::encoding_utf8);
                if (!parsed) {
                    // The text was changed in place, so the whole part cannot
                    // be parsed again from it. Report it as broken.
                    s.Fail("文件已损坏（" + s.sheet.name + " 不是有效的 XML：" + parsed.description() + "）");
                    break;
                }
                std::string e;
                if (!s.reader->ReadRows(fragment, &e)) {
                    s.Fail(e);
                    break;
                }
                s.at = cut;
                break;
            }
            case Stage::kRest: {
                pugi::xml_document doc;
                std::string e;
                if (!ParseXml(s.xml, &doc, s.sheet.name, &e)) {
                    s.Fail(e);
                    break;
                }
                if (!s.sliced && !s.reader->ReadRows(Child(doc.document_element(), "sheetData"), &e)) {
                    s.Fail(e);
                    break;
                }
                ApplyMerges(doc.document_element(), &s.sheet);
                std::string().swap(s.xml);
                s.reader.reset();
                s.book.sheets.push_back(std::move(s.sheet));
                if (!s.NextSheet() && !s.failed) s.stage = Stage::kEnd;
                break;
            }
            case Stage::kEnd:
                break;
        }
    }
    if (s.failed) {
        s.book = Workbook{};
        return true;
    }
    if (s.zip) {
        std::string text, e;
        if (s.zip->Has("docProps/custom.xml") && s.zip->Read("docProps/custom.xml", &text, &e)) {
            pugi::xml_document doc;
            if (doc.load_buffer(text.data(), text.size()).status == pugi::status_ok)
                for (pugi::xml_node p : doc.document_element().children()) {
                    pugi::xml_node v = p.first_child();
                    s.book.custom_properties[p.attribute("name").as_string()] = v.text().get();
                }
        }
        s.zip.reset();
    }
    if (s.book.sheets.empty()) {
        s.error = "工作簿中没有可读取的工作表";
        s.failed = true;
    }
    return true;
}

double XlsxReadTask::progress() const {
    const State& s = *s_;
    if (s.stage == State::Stage::kEnd) return 1.0;
    if (s.sheets.empty()) return 0.0;
    double within = 0;
    if (s.stage == State::Stage::kInflate && s.zip && s.zip->declared_bytes())
        within = 0.3 * std::min(1.0, double(s.zip->read_bytes()) / double(s.zip->declared_bytes()));
    else if (s.stage == State::Stage::kRows && s.span.end > s.span.begin)
        within = 0.3 + 0.7 * double(s.at - s.span.begin) / double(s.span.end - s.span.begin);
    else if (s.stage == State::Stage::kRest)
        within = 1.0;
    const double done = double(s.next_sheet ? s.next_sheet - 1 : 0) + within;
    return std::min(1.0, done / double(s.sheets.size()));
}

std::string XlsxReadTask::stage() const { return "正在读取 Excel 文件"; }

bool XlsxReadTask::ok() const { return !s_->failed; }
const std::string& XlsxReadTask::error() const { return s_->error; }
Workbook& XlsxReadTask::workbook() { return s_->book; }

bool ReadXlsx(std::string_view bytes, Workbook* out, std::string* error) {
    XlsxReadTask task(bytes);
    RunToEnd(task);
    *out = std::move(task.workbook());
    if (!task.ok()) {
        *error = task.error();
        out->sheets.clear();
        out->custom_properties.clear();
        return false;
    }
    error->clear();
    return true;
}

}  // namespace htk
