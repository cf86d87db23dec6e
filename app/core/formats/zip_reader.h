// zip_reader.h — reads entries of a zip archive held in memory (minizip from
// zlib's contrib), refusing archives that would unpack to too much.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace htk {

// The archive bytes and a read position, as minizip's file functions see them.
struct ZipMemory {
    std::string_view data;
    size_t pos = 0;
};

class ZipReader {
public:
    // `limit`: most bytes all entries may unpack to together.
    ZipReader(std::string_view bytes, size_t limit);
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    bool ok() const { return zip_ != nullptr; }
    bool Has(const std::string& name) const;
    // Reads one entry; false with a Chinese error when missing, corrupt or too big.
    bool Read(const std::string& name, std::string* out, std::string* error);
    // The same a piece at a time (a large sheet over several slices of a
    // frame): BeginRead, then ContinueRead until *done; either returns false
    // with a Chinese error. `*out` must stay put until done.
    bool BeginRead(const std::string& name, std::string* out, std::string* error);
    bool ContinueRead(size_t max_bytes, bool* done, std::string* error);
    // What ContinueRead has inflated of the entry so far, and its declared size.
    size_t read_bytes() const { return got_; }
    size_t declared_bytes() const { return declared_; }
    const std::vector<std::string>& names() const { return names_; }

private:
    ZipMemory mem_;
    void* zip_ = nullptr;
    std::vector<std::string> names_;
    size_t limit_, used_ = 0;
    // The entry being read.
    std::string name_;
    std::string* out_ = nullptr;
    size_t got_ = 0, declared_ = 0;
};

}  // namespace htk
