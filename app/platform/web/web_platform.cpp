// web_platform.cpp — platform.h for the browser: downloads and the file
// chooser through shell/library_htk.js, dropped and chosen files arriving
// through htk_file_begin/htk_file_data/htk_file_end, and the local clock.

#include "frame_loop.h"
#include "js_exports.h"
#include "input_queue.h"
#include "js_imports.h"
#include "platform.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace htk::platform {
namespace {

// A file arrives in slices (shell/files.js copies one per task straight into
// `file.bytes`, so a registry of a hundred megabytes never holds a frame);
// it is handed over once whole, in the order the files were chosen.
struct Arrival {
    int id = 0;
    OpenedFile file;
    double received = 0, size = 0;
    bool done = false;
};
std::vector<Arrival> g_arriving;
std::vector<OpenedFile> g_opened;
int g_next_id = 0;

// Files beyond this are refused before any copy: the page's memory is 2 GB,
// and the file, the rows read from it and the database must all fit.
constexpr double kMaxFileBytes = 512.0 * 1024 * 1024;

Arrival* FindArrival(int id) {
    for (Arrival& a : g_arriving)
        if (a.id == id) return &a;
    return nullptr;
}

void HandOverFinished() {
    size_t n = 0;
    while (n < g_arriving.size() && g_arriving[n].done) {
        g_opened.push_back(std::move(g_arriving[n].file));
        ++n;
    }
    g_arriving.erase(g_arriving.begin(), g_arriving.begin() + long(n));
}

}  // namespace

void DownloadFile(const std::string& name, std::string_view bytes, const char* mime_type) {
    htk_download(name.c_str(), bytes.data(), int(bytes.size()), mime_type);
}

void OpenFilePicker() { htk_open_file_picker(); }

void Mark(const char* name) { htk_mark(name); }

double Seconds() { return emscripten_get_now() / 1000.0; }

void MarkAfterFrame(const char* name) { web::MarkAfterFrame(name); }

void KeepDrawing() { web::KeepDrawing(); }

namespace {
std::function<bool()> g_between_frames;
bool g_between_frames_running = false;
double g_animation_frame = 0;  // Seconds() when the last frame that draws began; 0 once told
}  // namespace

double TakeHeldSinceDrawnFrame() {
    const double held = g_animation_frame > 0 ? Seconds() - g_animation_frame : 0;
    g_animation_frame = 0;
    return held;
}

}  // namespace htk::platform

namespace htk::web {
bool WorkingBetweenFrames() { return platform::g_between_frames_running; }
void AnimationFrameBegan() {
    platform::g_animation_frame = platform::Seconds();
    htk_animation_frame(1);
}
void AnimationFrameSkipped() {
    platform::g_animation_frame = 0;
    htk_animation_frame(0);
}
}  // namespace htk::web

namespace htk::platform {

bool WorkBetweenFrames(std::function<bool()> work) {
    g_between_frames = std::move(work);
    if (!g_between_frames) return true;
    g_between_frames_running = true;
    htk_between_frames_start();  // posts a message unless one was posted just now
    return true;
}

std::vector<OpenedFile> TakeOpenedFiles() {
    std::vector<OpenedFile> out;
    out.swap(g_opened);
    return out;
}

std::vector<ArrivingFile> ArrivingFiles() {
    std::vector<ArrivingFile> out;
    for (const Arrival& a : g_arriving)
        if (!a.done) out.push_back({a.file.name, a.received, a.size});
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

extern "C" {

// A file of `size` bytes begins to arrive; returns its handle.
EMSCRIPTEN_KEEPALIVE int htk_file_begin(const char* name, double size, const char* modified) {
    using namespace htk::platform;
    Arrival a;
    a.id = ++g_next_id;
    a.file.name = name;
    a.file.modified = modified ? modified : "";
    a.size = size;
    if (size > kMaxFileBytes) {
        char why[160];
        std::snprintf(why, sizeof why, "文件太大（%.0f MB），浏览器中最多打开 %.0f MB 的文件。请按乡镇拆分后分别导入。",
                      size / 1048576, kMaxFileBytes / 1048576);
        a.file.error = why;
    } else {
        // Room only: the bytes are zeroed slice by slice as they come
        // (htk_file_data), not all at once (135 MB of fresh pages, 0.9 s).
        a.file.bytes.reserve(size_t(size));
    }
    g_arriving.push_back(std::move(a));
    htk::web::KeepDrawing();
    return g_arriving.back().id;
}

// Where the file's bytes go, valid up to `upto` bytes (the buffer never
// moves: its room was reserved); 0 when the file is refused.
EMSCRIPTEN_KEEPALIVE char* htk_file_data(int id, double upto) {
    htk::platform::Arrival* a = htk::platform::FindArrival(id);
    if (!a || !a->file.error.empty()) return nullptr;
    if (a->file.bytes.size() < size_t(upto)) a->file.bytes.resize(std::min(a->file.bytes.capacity(), size_t(upto)));
    return a->file.bytes.data();
}

EMSCRIPTEN_KEEPALIVE void htk_file_received(int id, double bytes) {
    if (htk::platform::Arrival* a = htk::platform::FindArrival(id)) a->received = bytes;
    htk::web::KeepDrawing();  // the progress shows, and the file is taken on the next frame
}

// All bytes are in (ok) or the browser could not read the file (`why`).
EMSCRIPTEN_KEEPALIVE void htk_file_end(int id, int ok, const char* why) {
    using namespace htk::platform;
    Arrival* a = FindArrival(id);
    if (!a) return;
    if (!ok && a->file.error.empty()) {
        a->file.error = std::string("浏览器无法读取该文件（") + (why && *why ? why : "未知原因") +
                        "）。文件可能已被移动、删除或正在被其他程序占用，请重新选择。";
    }
    if (!a->file.error.empty()) std::string().swap(a->file.bytes);
    a->done = true;
    HandOverFinished();
    htk::web::KeepDrawing();
}

}  // extern "C"

extern "C" EMSCRIPTEN_KEEPALIVE int htk_between_frames(void) {
    using namespace htk::platform;
    // Taken out while it runs (swapped: a moved-from std::function need not
    // be empty), as the work may hand over new work (a second call).
    std::function<bool()> work;
    work.swap(g_between_frames);
    const double start = Seconds();
    const bool more = work && work();
    htk::web::RecordSliceTime((Seconds() - start) * 1000.0);
    if (!g_between_frames && more) g_between_frames = std::move(work);
    g_between_frames_running = g_between_frames != nullptr;
    return g_between_frames_running ? 1 : 0;
}
