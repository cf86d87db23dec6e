#include "zip_reader.h"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstdint>
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
    if (!BeginRead(name, out, error)) return false;
    for (bool done = false; !done;)
        if (!ContinueRead(SIZE_MAX, &done, error)) return false;
    return true;
}

bool ZipReader::BeginRead(const std::string& name, std::string* out, std::string* error) {
    unzFile z = static_cast<unzFile>(zip_);
    out->clear();
    out_ = nullptr;
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
    if (info.uncompressed_size > limit_ - used_) {
        unzCloseCurrentFile(z);
        *error = "文件解压后超过 " + std::to_string(limit_ / (1024 * 1024)) + " MB，可能不是正常的表格文件，已拒绝";
        return false;
    }
    // The declared size can lie: ContinueRead counts what actually comes out,
    // inflating straight into the result, sized from the declaration and
    // grown if needed.
    out->resize(std::min<size_t>(info.uncompressed_size, limit_ - used_));
    name_ = name;
    out_ = out;
    got_ = 0;
    declared_ = info.uncompressed_size;
    return true;
}

bool ZipReader::ContinueRead(size_t max_bytes, bool* done, std::string* error) {
    unzFile z = static_cast<unzFile>(zip_);
    std::string* out = out_;
    *done = false;
    if (!out) {
        *error = "文件已损坏（无法读取）";
        return false;
    }
    auto finish = [&](bool too_big, int n) {
        out->resize(got_);
        used_ += got_;
        out_ = nullptr;
        const int close_rc = unzCloseCurrentFile(z);
        if (too_big) {
            *error = "文件解压后超过 " + std::to_string(limit_ / (1024 * 1024)) + " MB，可能不是正常的表格文件，已拒绝";
            out->clear();
            return false;
        }
        if (n < 0 || close_rc == UNZ_CRCERROR) {
            *error = "文件已损坏（" + name_ + " 解压失败）";
            out->clear();
            return false;
        }
        *done = true;
        return true;
    };
    const size_t stop = got_ + std::min(max_bytes, SIZE_MAX - got_);
    while (got_ < stop) {
        int n;
        if (got_ == out->size()) {
            // As long as declared, or longer: one byte tells whether more comes.
            char probe;
            n = unzReadCurrentFile(z, &probe, 1);
            if (n <= 0) return finish(false, n);
            if (used_ + got_ + 1 > limit_) return finish(true, n);
            out->resize(std::min(limit_ - used_, std::max<size_t>(2 * got_, 65536)));
            (*out)[got_++] = probe;
            continue;
        }
        const unsigned want = unsigned(std::min<size_t>({out->size() - got_, stop - got_, size_t(1) << 20}));
        n = unzReadCurrentFile(z, &(*out)[got_], want);
        if (n <= 0) return finish(false, n);
        got_ += size_t(n);
    }
    return true;
}

}  // namespace htk
