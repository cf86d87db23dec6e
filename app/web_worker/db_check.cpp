// db_check.cpp — the Web Worker's program: checks a database image the page
// posted (shell/db_check_worker.js) and answers with SQLite's verdict.

#include "storage/database.h"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <string>

// "ok", or what SQLite found first (Database::CheckImageIntegrity).
extern "C" EMSCRIPTEN_KEEPALIVE const char* htk_check_image(const uint8_t* data, int size) {
    static std::string result;
    result = htk::Database::CheckImageIntegrity(data, size_t(size));
    return result.c_str();
}
