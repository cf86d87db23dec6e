#include "memory_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <unordered_map>
#include <vector>

namespace {

// The file is a list of fixed-size blocks: appending never moves what is
// already written (a 25 MB sheet grown by realloc spent most of its time
// copying), and any position is one division away.
constexpr size_t kBlock = 1 << 20;

struct MemoryFile {
    FILE* self = nullptr;
    std::vector<std::unique_ptr<char[]>> blocks;  // null once read (below `dropped`)
    size_t dropped = 0;                           // blocks freed by reading
    size_t size = 0, pos = 0;
    char io[1 << 16];  // stdio's buffer: fewer, larger calls into Write/Read
};

ssize_t Read(void* cookie, char* buf, size_t size) {
    auto* f = static_cast<MemoryFile*>(cookie);
    size_t done = 0;
    if (f->pos / kBlock < f->dropped) return 0;  // already read once: gone
    while (done < size && f->pos < f->size) {
        size_t off = f->pos % kBlock;
        size_t n = std::min({size - done, f->size - f->pos, kBlock - off});
        std::memcpy(buf + done, f->blocks[f->pos / kBlock].get() + off, n);
        done += n;
        f->pos += n;
    }
    // Free the blocks this read has passed.
    for (; f->dropped < f->pos / kBlock; ++f->dropped) f->blocks[f->dropped].reset();
    return ssize_t(done);
}

// Bytes between the old end and a position seeked past it read as zeros,
// like a file written past its end.
void ZeroGap(MemoryFile* f) {
    for (size_t at = f->size; at < f->pos;) {
        size_t off = at % kBlock, n = std::min(f->pos - at, kBlock - off);
        std::memset(f->blocks[at / kBlock].get() + off, 0, n);
        at += n;
    }
    f->size = f->pos;
}

ssize_t Write(void* cookie, const char* buf, size_t size) {
    auto* f = static_cast<MemoryFile*>(cookie);
    size_t done = 0;
    if (f->pos / kBlock < f->dropped) return 0;  // into what a read freed: fails
    while (done < size) {
        size_t index = f->pos / kBlock, off = f->pos % kBlock;
        while (f->blocks.size() <= index) {
            std::unique_ptr<char[]> block(new (std::nothrow) char[kBlock]);
            if (!block) return ssize_t(done);  // a short write: libxlsxwriter reports it
            f->blocks.push_back(std::move(block));
        }
        if (f->pos > f->size) ZeroGap(f);
        size_t n = std::min(size - done, kBlock - off);
        std::memcpy(f->blocks[index].get() + off, buf + done, n);
        done += n;
        f->pos += n;
        f->size = std::max(f->size, f->pos);
    }
    return ssize_t(done);
}

// Every open memory file by its FILE* (one thread: the page's, or a test's).
std::unordered_map<FILE*, MemoryFile*>& Open() {
    static std::unordered_map<FILE*, MemoryFile*> open;
    return open;
}

MemoryFile* Find(FILE* file) {
    auto it = Open().find(file);
    return it == Open().end() ? nullptr : it->second;
}

int Close(void* cookie) {
    auto* f = static_cast<MemoryFile*>(cookie);
    Open().erase(f->self);
    delete f;
    return 0;
}

}  // namespace

extern "C" FILE* htk_memory_tmpfile(void) {
    auto* f = new (std::nothrow) MemoryFile;
    if (!f) return nullptr;
    cookie_io_functions_t io = {};
    io.read = Read;
    io.write = Write;
    io.close = Close;
    // glibc passes off64_t*, musl off_t*: a generic lambda fits either.
    io.seek = [](void* cookie, auto* offset, int whence) -> int {
        auto* f = static_cast<MemoryFile*>(cookie);
        long long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long long)f->pos : (long long)f->size;
        long long to = base + (long long)*offset;
        if (to < 0) return -1;
        f->pos = size_t(to);
        *offset = to;
        return 0;
    };
    FILE* file = fopencookie(f, "w+b", io);
    if (!file) {
        delete f;
        return nullptr;
    }
    // Neither libc touches a caller's buffer after the close function ran.
    setvbuf(file, f->io, _IOFBF, sizeof f->io);
    f->self = file;
    Open()[file] = f;
    return file;
}

namespace htk {

static_assert(kMemoryFileBlock == kBlock);

size_t MemoryFileSize(FILE* file) {
    const MemoryFile* f = Find(file);
    return f ? f->size : SIZE_MAX;
}

bool ReadMemoryFile(FILE* file, size_t from, size_t to, const std::function<void(const char*, size_t)>& piece) {
    const MemoryFile* f = Find(file);
    if (!f || to > f->size || from > to || from / kBlock < f->dropped) return false;
    while (from < to) {
        const size_t off = from % kBlock, n = std::min(to - from, kBlock - off);
        piece(f->blocks[from / kBlock].get() + off, n);
        from += n;
    }
    return true;
}

void DropMemoryFile(FILE* file, size_t pos) {
    MemoryFile* f = Find(file);
    if (!f) return;
    for (; f->dropped < std::min(pos, f->size) / kBlock; ++f->dropped) f->blocks[f->dropped].reset();
}

size_t OpenMemoryFiles() { return Open().size(); }

}  // namespace htk
