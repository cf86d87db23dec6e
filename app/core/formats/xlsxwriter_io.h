// xlsxwriter_io.h — what libxlsxwriter's output goes through in our build.
//
// A large export is ~25 MB of sheet XML written with fprintf, then deflated.
// In the browser musl's vfprintf walks every format twice and writes in small
// pieces; it took a third of an export. The third-party build patches
// libxlsxwriter (app/third_party/patches/libxlsxwriter/0003-write-through-app-hooks.patch)
// so that its fprintf and snprintf calls come here (its cell formats use only
// %s and %d, see below), its zipOpenNewFileInZip4_64 calls go to
// htk_xlsx_zip_open, which picks the deflate level, and its zipOpen call to
// htk_xlsx_zip_open_file, which can zip the workbook straight into a string.
// Ordinary C functions, natively the same.
#pragma once

#include <cstdio>
#include <string>

extern "C" {

// fprintf for the formats libxlsxwriter writes: literal text, %s, %d and %%
// are written by hand through fwrite (in one piece per call when short); any
// other format goes to vfprintf unchanged. Returns the bytes written, or a
// negative value on a write error, as fprintf does.
int htk_xlsx_fprintf(FILE* file, const char* format, ...);

// snprintf with the same fast path (a cell's row number is formatted per cell).
int htk_xlsx_snprintf(char* buffer, size_t size, const char* format, ...);

// The level (libdeflate's, 0-12) a workbook's parts are deflated at while no
// XlsxStreams is captured (an XlsxStreams has its own). See
// docs/PERFORMANCE.md for sizes and times per level.
extern int htk_xlsx_zip_level;

// minizip's zipOpenNewFileInZip4_64 with `level` replaced by htk_xlsx_zip_level
// (a stored part stays stored). Declared with minizip's own types in the .cpp.

// minizip's zipOpen(path, append), except while a capture is set (below): then
// the zip is written into the capture's string and `path` is not used.

// htk_xlsx_splice(into, from) and htk_xlsx_zip_add(...) (patches/libxlsxwriter/
// 0004): a temporary file written into a part (a sheet's rows, the shared
// strings), and a finished part deflated with libdeflate into the zip.
}

#include <memory>
#include <vector>

namespace htk {

// One of libxlsxwriter's temporary files (a worksheet's rows in constant_memory
// mode, the shared strings as they are added) deflated while it is written, a
// block (kMemoryFileBlock, 1 MB) at a time, each block compressed on its own
// (libdeflate_deflate_compress_part): ~10 ms of work in the browser, so a
// Task can do it between rows. What is compressed is freed from the file.
class XlsxStream {
public:
    XlsxStream(FILE* file, int level) : file_(file), level_(level) {}
    FILE* file() const { return file_; }
    // Deflates the next whole block if one has been written; true if it did.
    bool CompressBlock();
    // Deflates all that has been written (the file may still grow after).
    void CompressAll();
    // The library has spliced the file into its part and closes it.
    void Detach() { file_ = nullptr; }

    const std::string& compressed() const { return compressed_; }
    size_t raw_size() const { return done_; }
    unsigned long crc() const { return crc_; }

private:
    void Compress(size_t to);
    FILE* file_;
    int level_;
    size_t done_ = 0;  // bytes of the file compressed so far
    unsigned long crc_ = 0;
    std::string compressed_;  // non-final DEFLATE pieces
};

// The streams of one workbook and where the library spliced them: set with
// CaptureXlsxStreams around workbook_close(), so that each part that holds a
// stream is zipped as its head, the stream's compressed bytes and its tail.
class XlsxStreams {
public:
    explicit XlsxStreams(int level) : level(level) {}
    XlsxStream* Add(FILE* file);
    XlsxStream* Find(FILE* file);
    std::vector<std::unique_ptr<XlsxStream>>& all() { return streams_; }

    const int level;
    struct Splice {
        FILE* into;
        size_t at;
        XlsxStream* stream;
    };
    std::vector<Splice> splices;

private:
    std::vector<std::unique_ptr<XlsxStream>> streams_;
};
void CaptureXlsxStreams(XlsxStreams* streams);

}  // namespace htk

namespace htk {

// While set (not null), the workbook libxlsxwriter closes is zipped into
// `*out` rather than into its file: in the browser a file is kept by
// Emscripten's MEMFS, written 1 KB per call and grown by copying, which took
// a tenth of a large export. Set it around workbook_close(); pass null after.
void CaptureXlsxZip(std::string* out);

}  // namespace htk
