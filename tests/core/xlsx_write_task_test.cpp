// The xlsx export as a Task (domain/ledger_xlsx.h): the same workbook however
// it is sliced, nothing left when it is destroyed unfinished, the rows it owns,
// and the shared strings table read back by our reader and by openpyxl.
#include "domain/ledger_xlsx.h"
#include "domain/problem_rules.h"
#include "formats/memory_file.h"
#include "formats/xlsx_reader.h"
#include "formats/zip_reader.h"
#include "rules/uuid.h"
#include "test_db.h"

#include <gtest/gtest.h>
#include <libdeflate.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <malloc.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

using namespace htk;

namespace {

// Enough rows for several 1 MB blocks of sheet XML and of shared strings, with
// repeated and unique texts, and text that needs escaping or preserved spaces.
std::vector<Problem> Rows(size_t n) {
    const char* areas[] = {"住房保障", "饮水安全保障", "义务教育保障", "基本医疗保障"};
    const char* measures[] = {"责成村两委限期完成，乡镇包村干部跟踪督办", "立即组织人员入户核实 & 建立台账 <一项一销>",
                              " 前后有空格的措施 "};
    std::vector<Problem> rows;
    for (size_t i = 0; i < n; ++i) {
        Problem p = NewProblem();
        p.uuid = NewUuid();
        p[ProblemField::kArea] = areas[i % 4];
        p[ProblemField::kNature] = i % 3 ? "个性问题" : "共性问题";
        p[ProblemField::kDescription] = "第" + std::to_string(i % 30 + 1) + "村某某户住房未进行安全鉴定，未出具房屋安全性评定结果（编号" +
                                        std::to_string(i + 1) + "）";
        p[ProblemField::kMeasures] = measures[i % 3];
        p[ProblemField::kDeadline] = "2022-06-" + std::to_string(10 + i % 20);
        p[ProblemField::kRespUnits] = "区住建局";
        rows.push_back(p);
    }
    return rows;
}

LedgerWorkbook Book(const std::vector<Problem>& rows, const std::string& title) {
    LedgerWorkbook book;
    book.unit = "椹涧乡";
    book.campaign_code = "2022-1";
    book.exported_at = "2022-06-15 10:00:00";
    LedgerSheet a;
    a.title = title;
    a.unit = "椹涧乡";
    a.date = Date{2022, 6, 15};
    a.note = "备注：按要求填报";
    for (const Problem& p : rows) a.rows.push_back(&p);
    LedgerSheet b = a;  // a second sheet, half as long, extended
    b.name = "第二张";
    b.extended = true;
    b.rows.resize(rows.size() / 2);
    book.sheets = {a, b};
    TableSheet t;
    t.name = "统计";
    t.title = "统计表";
    t.rows = {{"项目", "数量"}, {"问题总数", std::to_string(rows.size())}, {"完成率", "83.3%"}};
    book.tables.push_back(t);
    return book;
}

// Every entry of a zip, unpacked, by name.
std::map<std::string, std::string> Entries(const std::string& bytes) {
    ZipReader zip(bytes, size_t(1) << 30);
    std::map<std::string, std::string> out;
    for (const std::string& name : zip.names()) {
        std::string text, error;
        EXPECT_TRUE(zip.Read(name, &text, &error)) << name << ": " << error;
        out[name] = text;
    }
    return out;
}

// A clock that moves 1 ms every time it is read: every slice is over at once.
double Ticks() {
    static double t = 0;
    return t += 0.001;
}

std::string RunSliced(std::unique_ptr<XlsxWriteTask> task, int* steps) {
    *steps = 0;
    double last_progress = 0;
    for (bool done = false; !done; ++*steps) {
        Slice slice(Ticks, 0);
        EXPECT_FALSE(task->stage().empty());
        done = task->Step(slice);
        EXPECT_GE(task->progress() + 1e-9, last_progress);
        last_progress = task->progress();
    }
    EXPECT_TRUE(task->ok()) << task->error();
    EXPECT_EQ(task->progress(), 1);
    return task->TakeBytes();
}

std::string WriteFile(const std::string& name, const std::string& bytes) {
    std::string path = std::string(HTK_TEST_OUT) + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

size_t HeapInUse() { return mallinfo2().uordblks; }

}  // namespace

TEST(XlsxWriteTask, SlicedAsThinAsPossibleWritesTheSameWorkbook) {
    test::TestDb t;
    const std::vector<Problem> rows = Rows(8000);
    const LedgerWorkbook book = Book(rows, t.campaign.ledger_title);
    std::string whole, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &whole, &error)) << error;
    int steps = 0;
    const std::string sliced = RunSliced(StartLedgerXlsx(book), &steps);
    EXPECT_GT(steps, 500);  // a few rows a step
    auto a = Entries(whole), b = Entries(sliced);
    ASSERT_EQ(a.size(), b.size());
    for (auto& [name, text] : a) {
        if (name == "docProps/core.xml") continue;  // the time it was written
        EXPECT_TRUE(b.count(name) && b[name] == text) << name;
    }
    EXPECT_GT(a["xl/worksheets/sheet1.xml"].size(), size_t(2) << 20);  // several blocks
    EXPECT_GT(a["xl/sharedStrings.xml"].size(), size_t(1) << 20);
    // Same compressed pieces too: only the dates in core.xml may differ.
    EXPECT_NEAR(double(whole.size()), double(sliced.size()), 16);
}

TEST(XlsxWriteTask, DestroyedUnfinishedLeavesNothing) {
    test::TestDb t;
    const std::vector<Problem> rows = Rows(6000);
    const LedgerWorkbook book = Book(rows, t.campaign.ledger_title);
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;  // compressors set up once
    const size_t files = OpenMemoryFiles();
    EXPECT_EQ(files, 0u);
    for (double stop_at : {0.0, 0.3, 0.89, 0.92}) {  // opened, rows, last rows, compressing
        const size_t heap = HeapInUse();
        {
            auto task = StartLedgerXlsx(book);
            for (int i = 0; task->progress() <= stop_at && i < 100000; ++i) {
                Slice slice(Ticks, 0);
                if (task->Step(slice)) break;
            }
            EXPECT_LT(task->progress(), 1);
            if (stop_at > 0) EXPECT_GT(OpenMemoryFiles(), 0u) << stop_at;
        }
        EXPECT_EQ(OpenMemoryFiles(), files) << "stopped after " << stop_at;
        // What the task took is given back (a little slack for the allocator's own).
        EXPECT_LT(double(HeapInUse()), double(heap) + 64 * 1024) << "stopped after " << stop_at;
    }
}

TEST(XlsxWriteTask, OwnsItsRows) {
    test::TestDb t;
    std::vector<Problem> rows = Rows(50);
    std::unique_ptr<XlsxWriteTask> task = StartLedgerXlsx(Book(rows, t.campaign.ledger_title));
    const std::string first = rows[0][ProblemField::kDescription];
    rows.clear();  // the UI's rows change between frames
    rows.shrink_to_fit();
    RunToEnd(*task);
    ASSERT_TRUE(task->ok()) << task->error();
    Workbook read;
    std::string error;
    ASSERT_TRUE(ReadXlsx(task->TakeBytes(), &read, &error)) << error;
    ASSERT_FALSE(read.sheets.empty());
    ASSERT_GT(read.sheets[0].rows.size(), 3u);
    EXPECT_EQ(read.sheets[0].rows[3][3].text, first);
}

// The table's counts are what Excel checks: count = string cells written,
// uniqueCount = distinct strings; both our reader and openpyxl read every cell.
TEST(XlsxWriteTask, SharedStringsReadBackByOurReaderAndOpenpyxl) {
    test::TestDb t;
    const std::vector<Problem> rows = Rows(3000);
    LedgerWorkbook book = Book(rows, t.campaign.ledger_title);
    book.sheets.resize(1);
    book.tables.clear();
    std::string bytes, error;
    ASSERT_TRUE(WriteLedgerXlsx(book, &bytes, &error)) << error;
    auto entries = Entries(bytes);
    const std::string& sst = entries["xl/sharedStrings.xml"];
    // Strings written: title, unit line, date line, 7 headers + the UUID header,
    // per row 5 texts (序号 a number, 完成时限 a date) + the UUID, the 备注.
    std::set<std::string> distinct = {t.campaign.ledger_title, "单位（盖章）：椹涧乡", "2022 年 6 月 15 日",
                                      "序号", "问题类型", "问题性质", "问题表述", "整改措施", "完成时限", "责任单位",
                                      kUuidHeader, "备注：按要求填报"};
    size_t count = distinct.size();
    for (const Problem& p : rows) {
        for (ProblemField f : {ProblemField::kArea, ProblemField::kNature, ProblemField::kDescription,
                               ProblemField::kMeasures, ProblemField::kRespUnits})
            distinct.insert(p[f]);
        distinct.insert(p.uuid);
        count += 6;
    }
    EXPECT_NE(sst.find("count=\"" + std::to_string(count) + "\" uniqueCount=\"" + std::to_string(distinct.size()) + "\""),
              std::string::npos)
        << sst.substr(0, 300);
    EXPECT_NE(sst.find("<t xml:space=\"preserve\"> 前后有空格的措施 </t>"), std::string::npos);
    EXPECT_NE(sst.find("立即组织人员入户核实 &amp; 建立台账 &lt;一项一销&gt;"), std::string::npos);
    EXPECT_EQ(entries["xl/worksheets/sheet1.xml"].find("inlineStr"), std::string::npos);

    // Our reader.
    Workbook read;
    ASSERT_TRUE(ReadXlsx(bytes, &read, &error)) << error;
    ASSERT_EQ(read.sheets[0].rows.size(), rows.size() + 4);  // title, unit, header, rows, 备注
    nlohmann::json expected = nlohmann::json::array();
    for (size_t i = 0; i < rows.size(); ++i) {
        const Problem& p = rows[i];
        const auto& r = read.sheets[0].rows[i + 3];
        EXPECT_EQ(r[1].text, p[ProblemField::kArea]);
        EXPECT_EQ(r[3].text, p[ProblemField::kDescription]);
        EXPECT_EQ(r[4].text, p[ProblemField::kMeasures]);
        EXPECT_EQ(r[6].text, p[ProblemField::kRespUnits]);
        EXPECT_EQ(r[7].text, p.uuid);
        expected.push_back({p[ProblemField::kArea], p[ProblemField::kNature], p[ProblemField::kDescription],
                            p[ProblemField::kMeasures], p[ProblemField::kRespUnits], p.uuid});
    }
    // openpyxl, an independent reader.
    const std::string xlsx = WriteFile("task_shared_strings.xlsx", bytes);
    const std::string want = WriteFile("task_shared_strings.json", expected.dump());
    const std::string script =
        "import json, sys, openpyxl\n"
        "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
        "want = json.load(open(sys.argv[2], encoding='utf-8'))\n"
        "got = [[r[1], r[2], r[3], r[4], r[6], r[7]] for r in ws.iter_rows(min_row=4, max_row=3 + len(want), values_only=True)]\n"
        "bad = [i for i, (g, w) in enumerate(zip(got, want)) if g != w]\n"
        "print('rows', len(got), 'different', len(bad), got[bad[0]] if bad else '', want[bad[0]] if bad else '')\n"
        "sys.exit(0 if len(got) == len(want) and not bad else 1)\n";
    const std::string py = WriteFile("task_shared_strings.py", script);
    const std::string cmd = "/usr/bin/python3 '" + py + "' '" + xlsx + "' '" + want + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// libdeflate_deflate_compress_part (patches/libdeflate/0001): pieces of any
// size, then a final one, inflate with zlib as one stream.
TEST(XlsxWriteTask, DeflatePiecesAreOneStream) {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "<row r=\"" + std::to_string(i) + "\"><c t=\"s\"><v>" + std::to_string(i * 7) + "</v></c></row>";
    for (int level : {0, 1, 6, 12}) {
        libdeflate_compressor* c = libdeflate_alloc_compressor(level);
        for (size_t piece : {size_t(13), size_t(4096), size_t(65536), size_t(1) << 20}) {
            std::string out;
            for (size_t at = 0; at < text.size() || out.empty(); at += piece) {
                const size_t n = std::min(piece, text.size() - at);
                const bool last = at + piece >= text.size();
                std::string buf(libdeflate_deflate_compress_bound(c, n) + 16, '\0');
                const size_t got = last ? libdeflate_deflate_compress(c, text.data() + at, n, &buf[0], buf.size())
                                        : libdeflate_deflate_compress_part(c, text.data() + at, n, &buf[0], buf.size());
                ASSERT_GT(got, 0u);
                out.append(buf, 0, got);
                if (last) break;
            }
            std::string back(text.size(), '\0');
            z_stream z = {};
            inflateInit2(&z, -MAX_WBITS);
            z.next_in = reinterpret_cast<Bytef*>(&out[0]);
            z.avail_in = uInt(out.size());
            z.next_out = reinterpret_cast<Bytef*>(&back[0]);
            z.avail_out = uInt(back.size());
            EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END) << level << " " << piece;
            EXPECT_EQ(z.total_out, text.size());
            inflateEnd(&z);
            EXPECT_TRUE(back == text) << level << " " << piece;
        }
        libdeflate_free_compressor(c);
    }
}
