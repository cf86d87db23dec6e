#include "xlsxwriter_io.h"

#include "memory_file.h"

#include <libdeflate.h>
#include <minizip/zip.h>
#include <zlib.h>

// zlib's crc32_combine takes a z_off_t, whose width is the zlib build's (off_t:
// 64 bits) but, in a file that includes zlib.h without that build's
// Z_HAVE_UNISTD_H, `long` (32 bits in wasm): wasm-ld then finds two
// signatures and replaces the call with a trap. crc32_combine64 takes 64 bits
// in every build, and zlib exports it whatever its configuration.
extern "C" uLong crc32_combine64(uLong crc1, uLong crc2, int64_t len2);

#include <algorithm>
#include <cstdarg>
#include <cstring>

namespace {

// Does `format` use only %s, %d and %%? (libxlsxwriter's do; see the header.)
bool Simple(const char* f) {
    for (; (f = std::strchr(f, '%')) != nullptr; f += 2)
        if (f[1] != 's' && f[1] != 'd' && f[1] != '%') return false;
    return true;
}

// Writes a Simple() format with its arguments through put(text, length).
template <typename Put>
void FormatSimple(const char* format, va_list args, Put put) {
    for (const char* f = format;;) {
        const char* pct = std::strchr(f, '%');
        if (!pct) {
            put(f, std::strlen(f));
            return;
        }
        put(f, size_t(pct - f));
        if (pct[1] == 's') {
            const char* s = va_arg(args, const char*);
            put(s, std::strlen(s));
        } else if (pct[1] == 'd') {
            const int v = va_arg(args, int);
            char digits[12];
            char* p = digits + sizeof digits;
            unsigned u = v < 0 ? 0u - unsigned(v) : unsigned(v);
            do *--p = char('0' + u % 10);
            while (u /= 10);
            if (v < 0) *--p = '-';
            put(p, size_t(digits + sizeof digits - p));
        } else {
            put("%", 1);
        }
        f = pct + 2;
    }
}

// Collects output and hands it to fwrite in large pieces.
struct Out {
    explicit Out(FILE* f) : file(f) {}  // buf left uninitialised: this runs per cell
    FILE* file;
    size_t used = 0;
    long total = 0;
    bool failed = false;
    char buf[2048];

    void Flush() {
        if (used && std::fwrite(buf, 1, used, file) != used) failed = true;
        total += long(used);
        used = 0;
    }
    void Put(const char* s, size_t n) {
        if (n > sizeof buf - used) {
            Flush();
            if (n > sizeof buf) {  // a long cell text: straight through
                if (std::fwrite(s, 1, n, file) != n) failed = true;
                total += long(n);
                return;
            }
        }
        std::memcpy(buf + used, s, n);
        used += n;
    }
};

}  // namespace

extern "C" {

int htk_xlsx_fprintf(FILE* file, const char* format, ...) {
    va_list args;
    va_start(args, format);
    if (!Simple(format)) {
        int n = std::vfprintf(file, format, args);
        va_end(args);
        return n;
    }
    Out out(file);
    FormatSimple(format, args, [&](const char* text, size_t n) { out.Put(text, n); });
    va_end(args);
    out.Flush();
    return out.failed ? -1 : int(out.total);
}

int htk_xlsx_snprintf(char* buffer, size_t size, const char* format, ...) {
    va_list args;
    va_start(args, format);
    if (!Simple(format)) {
        int n = std::vsnprintf(buffer, size, format, args);
        va_end(args);
        return n;
    }
    // As snprintf: writes what fits, always ends with a NUL when size > 0,
    // returns the length the whole output has.
    size_t len = 0;
    FormatSimple(format, args, [&](const char* text, size_t n) {
        if (len + 1 < size) std::memcpy(buffer + len, text, std::min(n, size - 1 - len));
        len += n;
    });
    va_end(args);
    if (size > 0) buffer[std::min(len, size - 1)] = 0;
    return int(len);
}

int htk_xlsx_zip_level = 6;

zipFile htk_xlsx_zip_open_file(const char* path, int append);

}  // extern "C"

namespace {

std::string* g_capture = nullptr;

// A zip "file" in a string: minizip writes forward and seeks back to patch
// headers, so writes may overwrite.
struct StringStream {
    std::string* out;
    size_t pos = 0;
};

voidpf ZCALLBACK OpenCapture(voidpf, const char*, int) { return new StringStream{g_capture}; }

uLong ZCALLBACK ReadCapture(voidpf, voidpf stream, void* buf, uLong size) {
    auto* s = static_cast<StringStream*>(stream);
    uLong n = s->pos < s->out->size() ? uLong(std::min<size_t>(size, s->out->size() - s->pos)) : 0;
    std::memcpy(buf, s->out->data() + s->pos, n);
    s->pos += n;
    return n;
}

uLong ZCALLBACK WriteCapture(voidpf, voidpf stream, const void* buf, uLong size) {
    auto* s = static_cast<StringStream*>(stream);
    if (s->pos + size > s->out->size()) s->out->resize(s->pos + size);
    std::memcpy(&(*s->out)[s->pos], buf, size);
    s->pos += size;
    return size;
}

long ZCALLBACK TellCapture(voidpf, voidpf stream) { return long(static_cast<StringStream*>(stream)->pos); }

long ZCALLBACK SeekCapture(voidpf, voidpf stream, uLong offset, int origin) {
    auto* s = static_cast<StringStream*>(stream);
    size_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? s->pos : s->out->size();
    s->pos = base + offset;
    return 0;
}

int ZCALLBACK CloseCapture(voidpf, voidpf stream) {
    delete static_cast<StringStream*>(stream);
    return 0;
}

int ZCALLBACK ErrorCapture(voidpf, voidpf) { return 0; }

}  // namespace

namespace htk {
void CaptureXlsxZip(std::string* out) {
    if (out) out->clear();
    g_capture = out;
}
}  // namespace htk

extern "C" {

zipFile htk_xlsx_zip_open_file(const char* path, int append) {
    if (!g_capture) return zipOpen(path, append);
    zlib_filefunc_def io = {OpenCapture, ReadCapture, WriteCapture, TellCapture,
                            SeekCapture, CloseCapture, ErrorCapture, nullptr};
    return zipOpen2(path, append, nullptr, &io);
}

int htk_xlsx_zip_open(zipFile file, const char* filename, const zip_fileinfo* zipfi, const void* extrafield_local,
                      uInt size_extrafield_local, const void* extrafield_global, uInt size_extrafield_global,
                      const char* comment, int method, int level, int raw, int windowBits, int memLevel, int strategy,
                      const char* password, uLong crcForCrypting, uLong versionMadeBy, uLong flagBase, int zip64) {
    if (level != 0) level = htk_xlsx_zip_level;
    return zipOpenNewFileInZip4_64(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                                   size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                                   password, crcForCrypting, versionMadeBy, flagBase, zip64);
}

}  // extern "C"

namespace {

htk::XlsxStreams* g_streams = nullptr;

// One compressor per level, kept (a level-6 compressor is ~0.5 MB to set up).
libdeflate_compressor* Compressor(int level) {
    static libdeflate_compressor* by_level[13] = {};
    level = std::clamp(level, 0, 12);
    if (!by_level[level]) by_level[level] = libdeflate_alloc_compressor(level);
    return by_level[level];
}

// Appends [data, data + n) deflated to `out`: a piece of a longer stream
// (no final block, ends on a byte boundary) unless `final`.
bool Deflate(int level, const char* data, size_t n, bool final, std::string& out) {
    libdeflate_compressor* c = Compressor(level);
    if (!c) return false;
    const size_t at = out.size();
    out.resize(at + libdeflate_deflate_compress_bound(c, n) + 16);
    const size_t got = final ? libdeflate_deflate_compress(c, data, n, &out[at], out.size() - at)
                             : libdeflate_deflate_compress_part(c, data, n, &out[at], out.size() - at);
    out.resize(at + got);
    return got > 0;
}

}  // namespace

namespace htk {

void CaptureXlsxStreams(XlsxStreams* streams) { g_streams = streams; }

XlsxStream* XlsxStreams::Add(FILE* file) {
    streams_.push_back(std::make_unique<XlsxStream>(file, level));
    return streams_.back().get();
}

XlsxStream* XlsxStreams::Find(FILE* file) {
    for (auto& s : streams_)
        if (s->file() == file) return s.get();
    return nullptr;
}

void XlsxStream::Compress(size_t to) {
    ReadMemoryFile(file_, done_, to, [&](const char* data, size_t n) {
        crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(data), uInt(n));
        Deflate(level_, data, n, false, compressed_);
    });
    done_ = to;
    DropMemoryFile(file_, done_);
}

bool XlsxStream::CompressBlock() {
    if (!file_) return false;
    std::fflush(file_);
    const size_t size = MemoryFileSize(file_);
    if (size == SIZE_MAX) return false;
    const size_t block_end = (done_ / kMemoryFileBlock + 1) * kMemoryFileBlock;
    if (size < block_end) return false;
    Compress(block_end);
    return true;
}

void XlsxStream::CompressAll() {
    if (!file_) return;
    std::fflush(file_);
    const size_t size = MemoryFileSize(file_);
    if (size != SIZE_MAX && size > done_) Compress(size);
}

}  // namespace htk

namespace {

// Copies what is left of `from` to `into` as the library did (a file that is
// not one of the workbook's streams).
void CopyFile(FILE* into, FILE* from) {
    std::fflush(from);
    std::rewind(from);
    char buffer[1 << 14];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, from)) > 0;) std::fwrite(buffer, 1, n, into);
}

}  // namespace

extern "C" {

void htk_xlsx_splice(FILE* into, FILE* from) {
    htk::XlsxStream* s = g_streams ? g_streams->Find(from) : nullptr;
    if (!s) return CopyFile(into, from);
    s->CompressAll();  // the last rows, written at close
    s->Detach();
    std::fflush(into);
    g_streams->splices.push_back({into, size_t(std::ftell(into)), s});
}

int htk_xlsx_zip_add(zipFile zip, zip_fileinfo* info, FILE* file, const char* filename, int zip64) {
    const int level = g_streams ? g_streams->level : htk_xlsx_zip_level;
    std::fflush(file);
    // This part's splices, taken (the FILE* of a part closed later may be
    // reused by the next part).
    std::vector<htk::XlsxStreams::Splice> splices;
    if (g_streams) {
        auto& all = g_streams->splices;
        for (const auto& s : all)
            if (s.into == file) splices.push_back(s);
        all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& s) { return s.into == file; }), all.end());
    }
    // Not a memory file (not expected): read it whole.
    std::string whole;
    size_t size = htk::MemoryFileSize(file);
    const bool memory = size != SIZE_MAX;
    if (!memory) {
        std::rewind(file);
        char buffer[1 << 14];
        for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) whole.append(buffer, n);
        size = whole.size();
    }
    if (zipOpenNewFileInZip4_64(zip, filename, info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, level, 1, -MAX_WBITS,
                                8, Z_DEFAULT_STRATEGY, nullptr, 0, 0, 0, zip64) != ZIP_OK)
        return -1;
    bool ok = true;
    unsigned long crc = 0;
    uint64_t raw = 0;
    std::string out;
    auto put = [&](const std::string& bytes) {
        if (!bytes.empty() && zipWriteInFileInZip(zip, bytes.data(), unsigned(bytes.size())) != ZIP_OK) ok = false;
    };
    // The file's bytes [from, to), deflated block by block, the last of the
    // entry final.
    auto file_bytes = [&](size_t from, size_t to, bool last) {
        auto piece = [&](const char* data, size_t n, bool final) {
            crc = crc32(crc, reinterpret_cast<const Bytef*>(data), uInt(n));
            raw += n;
            out.clear();
            ok = Deflate(level, data, n, final, out) && ok;
            put(out);
        };
        if (!memory) {
            piece(whole.data() + from, to - from, last);
            return;
        }
        ok = htk::ReadMemoryFile(file, from, to, [&](const char* data, size_t n) { piece(data, n, false); }) && ok;
        if (last) piece("", 0, true);  // an empty final block ends the entry
    };
    size_t at = 0;
    for (const auto& s : splices) {
        file_bytes(at, s.at, false);
        crc = crc32_combine64(crc, s.stream->crc(), int64_t(s.stream->raw_size()));
        raw += s.stream->raw_size();
        put(s.stream->compressed());
        at = s.at;
    }
    file_bytes(at, size, true);
    if (zipCloseFileInZipRaw64(zip, raw, crc) != ZIP_OK) ok = false;
    return ok ? 0 : -1;
}

}  // extern "C"
