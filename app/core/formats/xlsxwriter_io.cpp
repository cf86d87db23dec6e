#include "xlsxwriter_io.h"

#include <minizip/zip.h>

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

int htk_xlsx_zip_level = 1;

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
