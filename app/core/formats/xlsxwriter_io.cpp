#include "xlsxwriter_io.h"

#include <minizip/zip.h>

#include <cstdarg>
#include <cstring>

namespace {

// Does `format` use only %s, %d and %%? (libxlsxwriter's do; see the header.)
bool Simple(const char* f) {
    for (; (f = std::strchr(f, '%')) != nullptr; f += 2)
        if (f[1] != 's' && f[1] != 'd' && f[1] != '%') return false;
    return true;
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
    void PutInt(int v) {
        char digits[12];
        char* p = digits + sizeof digits;
        unsigned u = v < 0 ? 0u - unsigned(v) : unsigned(v);
        do *--p = char('0' + u % 10);
        while (u /= 10);
        if (v < 0) *--p = '-';
        Put(p, size_t(digits + sizeof digits - p));
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
    for (const char* f = format;;) {
        const char* pct = std::strchr(f, '%');
        if (!pct) {
            out.Put(f, std::strlen(f));
            break;
        }
        out.Put(f, size_t(pct - f));
        if (pct[1] == 's') {
            const char* s = va_arg(args, const char*);
            out.Put(s, std::strlen(s));
        } else if (pct[1] == 'd') {
            out.PutInt(va_arg(args, int));
        } else {
            out.Put("%", 1);
        }
        f = pct + 2;
    }
    va_end(args);
    out.Flush();
    return out.failed ? -1 : int(out.total);
}

int htk_xlsx_zip_level = 1;

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
