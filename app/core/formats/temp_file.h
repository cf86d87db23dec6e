// temp_file.h — a private temporary file, removed when the object goes.
// libxlsxwriter writes workbooks to a path; in the browser that path is in
// Emscripten's in-memory file system.
#pragma once

#include <string>

namespace htk {

class TempFile {
public:
    TempFile(const char* stem, const char* suffix);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    bool ok() const { return !path_.empty(); }
    const std::string& path() const { return path_; }
    bool ReadAll(std::string* out) const;

private:
    std::string path_;
};

}  // namespace htk
