// memory_file.h — a read/write FILE* kept in the heap, for libxlsxwriter.
//
// libxlsxwriter writes each part of a workbook (a 50,000-row sheet is ~25 MB of
// XML) to a tmpfile() before it zips it. In the browser tmpfile() is a file in
// Emscripten's MEMFS, which grows a file by 1/8 at a time and copies all of it
// at each step: a quarter of the time of a large export went there. The
// third-party build patches libxlsxwriter to call htk_memory_tmpfile() instead
// (app/third_party/patches/libxlsxwriter/0003-write-through-app-hooks.patch),
// so its temporary parts live here; natively it behaves the same.
#pragma once

#include <cstdio>

extern "C" {

// A new empty file opened "w+b": write, seek, read back; fclose frees it.
// Returns NULL when memory runs out, like tmpfile().
//
// Read once: reading frees each 1 MB block the read has passed, so a large
// part copied from one file into the next, or zipped, does not hold twice its
// size (libxlsxwriter reads each temporary file once, front to back, then
// closes it). Reading or writing again below a freed block finds nothing:
// the read is short, the write fails.
FILE* htk_memory_tmpfile(void);
}
