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

// The zlib level a workbook's parts are deflated at. Level 6 (zlib's default)
// spent as long compressing a large sheet as writing it; level 1 halves that
// for a file about a quarter larger.
extern int htk_xlsx_zip_level;

// minizip's zipOpenNewFileInZip4_64 with `level` replaced by htk_xlsx_zip_level
// (a stored part stays stored). Declared with minizip's own types in the .cpp.

// minizip's zipOpen(path, append), except while a capture is set (below): then
// the zip is written into the capture's string and `path` is not used.
}

namespace htk {

// While set (not null), the workbook libxlsxwriter closes is zipped into
// `*out` rather than into its file: in the browser a file is kept by
// Emscripten's MEMFS, written 1 KB per call and grown by copying, which took
// a tenth of a large export. Set it around workbook_close(); pass null after.
void CaptureXlsxZip(std::string* out);

}  // namespace htk
