// web_platform.cpp — platform.h for the browser: downloads and the file
// chooser through shell/library_htk.js, dropped and chosen files arriving
// through htk_on_file, and the local clock.

#include "frame_loop.h"
#include "input_queue.h"
#include "js_imports.h"
#include "platform.h"

#include <emscripten/emscripten.h>

#include <cstdio>
#include <ctime>

namespace htk::platform {
namespace {
std::vector<OpenedFile> g_opened;
}

void DownloadFile(const std::string& name, const std::string& bytes, const char* mime_type) {
    htk_download(name.c_str(), bytes.data(), int(bytes.size()), mime_type);
}

void OpenFilePicker() { htk_open_file_picker(); }

void Mark(const char* name) { htk_mark(name); }

double Seconds() { return emscripten_get_now() / 1000.0; }

void MarkAfterFrame(const char* name) { web::MarkAfterFrame(name); }

void KeepDrawing() { web::KeepDrawing(); }

std::vector<OpenedFile> TakeOpenedFiles() {
    std::vector<OpenedFile> out;
    out.swap(g_opened);
    return out;
}

bool TakePastedText(std::string* out) { return web::TakeLoosePaste(out); }

Date Today() {
    // The URL does not change while the page lives: read ?today= once.
    static const Date fixed = [] {
        char buf[16] = {0};
        htk_today_override(buf, sizeof buf);
        return buf[0] ? ParseDate(buf).date : Date{};
    }();
    if (fixed.valid()) return fixed;
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string NowText() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    // With ?today= the day is the fixed one (the time of day stays real), so
    // what is stamped agrees with what the screens take as today.
    const Date today = Today();
    return FormatIso(today) + (buf + 10);
}

}  // namespace htk::platform

extern "C" EMSCRIPTEN_KEEPALIVE void htk_on_file(const char* name, const char* data, int size, const char* modified) {
    htk::platform::g_opened.push_back({name, std::string(data, size_t(size)), modified ? modified : ""});
    htk::web::KeepDrawing();  // taken on the next frame, not the next idle one (a quarter second away)
}
