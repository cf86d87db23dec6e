// js_exports.h — what the page calls in C++ (the counterpart of js_imports.h).
// Every function declared here with HTK_EXPORT is exported: app/web_main/
// CMakeLists.txt reads the names from this file for -sEXPORTED_FUNCTIONS, and
// each definition includes it, so a name or a signature is written once.
#pragma once

#include <emscripten/emscripten.h>

#include <cstdint>

#define HTK_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE

// Input (input_queue.cpp): shell/input.js, one call per DOM event.
HTK_EXPORT void htk_on_mouse_pos(float x, float y);
HTK_EXPORT void htk_on_mouse_button(int button, int down);
HTK_EXPORT void htk_on_wheel(float dx, float dy);
HTK_EXPORT void htk_on_key(int key_code, int down, int mods);
HTK_EXPORT void htk_on_text(const char* utf8);
HTK_EXPORT void htk_on_paste(const char* utf8);
HTK_EXPORT void htk_on_focus(int focused);

// Saves (persistence.cpp): shell/storage.js reports a save, and before each
// slice of a spread save asks for the image (null: it changed, drop the save).
HTK_EXPORT void htk_on_save_done(int ok, const char* reason);
HTK_EXPORT const uint8_t* htk_save_image(void);

// Files arriving (web_platform.cpp): shell/files.js, a slice per task.
HTK_EXPORT int htk_file_begin(const char* name, double size, const char* modified);
HTK_EXPORT char* htk_file_data(int id, double upto);
HTK_EXPORT void htk_file_received(int id, double bytes);
HTK_EXPORT void htk_file_end(int id, int ok, const char* why);

// Tabs (app/web_main/tabs.cpp): shell/writer.js hands the writer lock over.
HTK_EXPORT void htk_storage_reload(int writer);
HTK_EXPORT void htk_writer_release_begin(void);
HTK_EXPORT int htk_saves_pending(void);
HTK_EXPORT void htk_writer_release_end(int handed);
HTK_EXPORT void htk_wake(void);

// The page's lifecycle and fonts (app/web_main/main.cpp).
HTK_EXPORT void htk_page_hidden(void);
// One piece of the work platform::WorkBetweenFrames was given; 1: call again.
HTK_EXPORT int htk_between_frames(void);
HTK_EXPORT void* htk_extra_font_buffer(int size);
HTK_EXPORT void htk_extra_font_loaded(void* data, int size);

// window.app (app/web_main/js_api.cpp, shell/api.js): JSON in and out.
HTK_EXPORT const char* htk_query(const char* sql);
HTK_EXPORT const char* htk_status(const char*);
HTK_EXPORT const char* htk_item_rect(const char* id);
HTK_EXPORT const char* htk_frame_stats(const char*);
HTK_EXPORT const char* htk_heap_stats(const char*);
HTK_EXPORT const char* htk_core_timings(const char* repeats);
HTK_EXPORT const char* htk_missing_glyphs(const char* text);
HTK_EXPORT const char* htk_fallback_glyphs(const char* text);
