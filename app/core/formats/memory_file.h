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

#include <cstddef>
#include <functional>

namespace htk {

// Reading a memory file's bytes where they are (xlsxwriter_io.cpp deflates
// them without a copy). Each takes a FILE* from htk_memory_tmpfile; call
// fflush(file) first so that stdio's buffer has reached it.

// Its size, or SIZE_MAX if `file` is not a memory file.
size_t MemoryFileSize(FILE* file);
// Calls `piece` with [from, to) in pieces, each within one block (1 MB, block-
// aligned, so a piece never crosses a multiple of kMemoryFileBlock). False if
// `file` is not a memory file or part of the range was freed.
constexpr size_t kMemoryFileBlock = 1 << 20;
bool ReadMemoryFile(FILE* file, size_t from, size_t to, const std::function<void(const char*, size_t)>& piece);
// Frees the whole blocks below `pos` (they will not be read or written again).
void DropMemoryFile(FILE* file, size_t pos);
// How many memory files are open (tests: nothing left behind).
size_t OpenMemoryFiles();

}  // namespace htk
