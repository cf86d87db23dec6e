#include "temp_file.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace htk {

TempFile::TempFile(const char* stem, const char* suffix) {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/htk-" + stem + "-XXXXXX" + suffix;
    std::string buf = tmpl;
    int fd = mkstemps(buf.data(), int(std::strlen(suffix)));
    if (fd < 0) return;
    close(fd);
    path_ = buf;
}

TempFile::~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
}

bool TempFile::ReadAll(std::string* out) const {
    FILE* f = std::fopen(path_.c_str(), "rb");
    if (!f) return false;
    out->clear();
    char chunk[65536];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) out->append(chunk, n);
    bool ok = !std::ferror(f);
    std::fclose(f);
    return ok;
}

}  // namespace htk
