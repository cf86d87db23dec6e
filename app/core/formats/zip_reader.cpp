#include "zip_reader.h"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>

namespace htk {
namespace {

// minizip's file functions over a block of memory (the "file name" is ignored).
using MemStream = ZipMemory;

voidpf ZCALLBACK MemOpen(voidpf opaque, const char*, int) {
    auto* m = static_cast<MemStream*>(opaque);
    m->pos = 0;
    return m;
}
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
    auto* m = static_cast<MemStream*>(stream);
    size_t n = std::min<size_t>(size, m->data.size() - m->pos);
    std::memcpy(buf, m->data.data() + m->pos, n);
    m->pos += n;
    return uLong(n);
}
uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
long ZCALLBACK MemTell(voidpf, voidpf stream) { return long(static_cast<MemStream*>(stream)->pos); }
long ZCALLBACK MemSeek(voidpf, voidpf stream, uLong offset, int origin) {
    auto* m = static_cast<MemStream*>(stream);
    size_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->data.size();
    if (base + offset > m->data.size()) return -1;
    m->pos = base + offset;
    return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

constexpr size_t kMaxEntries = 10000;

}  // namespace

ZipReader::ZipReader(std::string_view bytes, size_t limit) : limit_(limit) {
    mem_.data = bytes;
    zlib_filefunc_def f = {MemOpen, MemRead, MemWrite, MemTell, MemSeek, MemClose, MemError, &mem_};
    unzFile z = unzOpen2("memory.zip", &f);
    if (!z) return;
    for (int rc = unzGoToFirstFile(z); rc == UNZ_OK; rc = unzGoToNextFile(z)) {
        char name[1024];
        unz_file_info info;
        if (unzGetCurrentFileInfo(z, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) break;
        names_.push_back(name);
        if (names_.size() > kMaxEntries) {
            unzClose(z);
            names_.clear();
            return;
        }
    }
    zip_ = z;
}

ZipReader::~ZipReader() {
    if (zip_) unzClose(static_cast<unzFile>(zip_));
}

bool ZipReader::Has(const std::string& name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
}

bool ZipReader::Read(const std::string& name, std::string* out, std::string* error) {
    unzFile z = static_cast<unzFile>(zip_);
    out->clear();
    if (!z || unzLocateFile(z, name.c_str(), 0) != UNZ_OK) {
        *error = "文件中缺少 " + name;
        return false;
    }
    unz_file_info info;
    if (unzGetCurrentFileInfo(z, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
        unzOpenCurrentFile(z) != UNZ_OK) {
        *error = "文件已损坏（无法读取 " + name + "）";
        return false;
    }
    auto refuse = [&] {
        *error = "文件解压后超过 " + std::to_string(limit_ / (1024 * 1024)) + " MB，可能不是正常的表格文件，已拒绝";
        out->clear();
        return false;
    };
    if (info.uncompressed_size > limit_ - used_) {
        unzCloseCurrentFile(z);
        return refuse();
    }
    // The declared size can lie: count what actually comes out. Inflate
    // straight into the result, sized from the declaration and grown if needed.
    out->resize(std::min<size_t>(info.uncompressed_size, limit_ - used_));
    size_t got = 0;
    int n = 0;
    bool too_big = false;
    while (true) {
        if (got == out->size()) {
            // As long as declared, or longer: one byte tells whether more comes.
            char probe;
            n = unzReadCurrentFile(z, &probe, 1);
            if (n <= 0) break;
            if (used_ + got + 1 > limit_) {
                too_big = true;
                break;
            }
            out->resize(std::min(limit_ - used_, std::max<size_t>(2 * got, 65536)));
            (*out)[got++] = probe;
            continue;
        }
        unsigned want = unsigned(std::min<size_t>(out->size() - got, 1 << 20));
        n = unzReadCurrentFile(z, &(*out)[got], want);
        if (n <= 0) break;
        got += size_t(n);
    }
    out->resize(got);
    used_ += got;
    int close_rc = unzCloseCurrentFile(z);
    if (too_big) return refuse();
    if (n < 0 || close_rc == UNZ_CRCERROR) {
        *error = "文件已损坏（" + name + " 解压失败）";
        out->clear();
        return false;
    }
    return true;
}

}  // namespace htk
