// xlsxwriter_io.h — what libxlsxwriter's output goes through in our build.
//
// A large export is ~25 MB of sheet XML written with fprintf, then deflated.
// In the browser musl's vfprintf walks every format twice and writes in small
// pieces; it took a third of an export. The third-party build compiles
// libxlsxwriter with -Dfprintf=htk_xlsx_fprintf and -Dsnprintf=htk_xlsx_snprintf
// (its cell formats use only %s and %d, see below); its zip calls
// (zipOpenNewFileInZip4_64, zipWriteInFileInZip, zipCloseFileInZip) go to
// htk_xlsx_zip_open/_write/_close, which deflate each part with libdeflate
// (Debian source; 2–3× zlib's speed at level 1, and smaller), and zipOpen to
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

// The libdeflate level (1–12) a workbook's parts are deflated at. Deflating a
// large sheet took as long as writing it; level 1 is the fastest and still
// compresses a little better than zlib's level 1.
extern int htk_xlsx_zip_level;

// minizip's zipOpenNewFileInZip4_64, except that a part to be deflated is
// opened raw and its bytes are gathered by htk_xlsx_zip_write (in 1 MB pieces)
// until htk_xlsx_zip_close deflates them in one call — libdeflate has no
// streaming — and closes it with their CRC-32 and size. Stored parts go to
// minizip as asked. One part at a time, as minizip allows. Declared with
// minizip's own types in the .cpp.

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
