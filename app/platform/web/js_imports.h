// js_imports.h — functions the page provides (shell/library_htk.js).
#pragma once

#include <cstdint>

extern "C" {
// Start-up: the stored generations read from IndexedDB while the first frames draw.
// Whether the first read of what is stored is over (1) or still running (0),
// and how far it is: chunks read of chunks stored.
int htk_storage_state(void);
void htk_storage_progress(int* done, int* total);
// A reader reads the writer's latest save again (shell/writer.js followSave).
void htk_storage_follow(void);
int htk_storage_candidate_count(void);       // newest first; -1 if they could not be read
int htk_storage_candidate_size(int i);
double htk_storage_candidate_crc(int i);      // CRC-32 of an older build's whole image, -1 when none
double htk_storage_candidate_saved_at(int i); // ms since 1970
int htk_storage_candidate_copy(int i, void* dst);  // 0: a chunk of it is missing
int htk_storage_candidate_hash_count(int i);  // its chunk hashes; -1: an older build's whole image
void htk_storage_candidate_hashes(int i, uint64_t* dst);
int htk_storage_candidate_chunk_size(int i);  // the size its chunks were cut with; 0 for a whole image
void htk_storage_candidate_use(int i);        // the one restored (-1: none); never written over
void htk_storage_load_error(char* buf, int cap);
int htk_storage_persisted(void);             // navigator.storage.persist(): 1, 0, -1 unknown
// Writes a generation: the chunks listed in `changed` (copied at once), the
// rest shared with the last good one; later calls htk_on_save_done(ok, reason).
// Not `urgent`, many changed chunks are copied a slice per task while they
// are written (each copy asks htk_save_image first); urgent: all at once.
void htk_storage_save(const void* data, int size, int chunk_size, const uint64_t* hashes, int count,
                      const uint32_t* changed, int changed_count, int urgent);
// Drops a save spread over tasks (1), so an urgent one can start; 0 if none runs.
int htk_storage_hurry(void);

// The writer lock (shell/writer.js): whether this tab writes, a take-over.
int htk_writer_is_writer(void);               // decided before main()
int htk_writer_waiting(void);                 // a take-over asked for, not yet granted
void htk_writer_refused(char* buf, int cap);  // why the writer refused it ("" if not)
void htk_writer_take_over(void);

// Calls htk_between_frames() in a task of its own (a MessageChannel message)
// again and again while it returns 1 (shell/library_htk.js); called while
// that runs, it posts one more message unless one was posted just now.
void htk_between_frames_start(void);

void htk_ready(void);                        // every glyph loaded: sets body[data-ready]
void htk_first_frame(void);                  // hides the loading screen, body[data-first-frame-ms]
void htk_stage(const char* text);            // loading screen text
void htk_mark(const char* name);             // performance.mark(name), read by tests/bench
void htk_animation_frame(int drawing);       // an animation frame began / drew nothing (shell/storage.js)
void htk_fatal(const char* kind, const char* detail);

// Files: a download of bytes, the chooser (chosen files come in through
// htk_file_begin / htk_file_data / htk_file_received / htk_file_end).
void htk_download(const char* name, const void* data, int size, const char* mime_type);
void htk_open_file_picker(void);
void htk_today_override(char* buf, int cap);  // ?today=YYYY-MM-DD, or ""

// The whole-file check of a database image in a Web Worker (shell/db_check.js):
// started with a copy of the bytes (-1: no workers here), then polled: 0
// running, 1 answered (htk_check_result), 2 failed; dropped when done with.
int htk_check_start(const void* data, int size);
int htk_check_poll(int id);
void htk_check_result(int id, char* buf, int cap);
void htk_check_drop(int id);

void htk_text_input(int active, float x, float y, float h);
void htk_clipboard_set(const char* text);
void htk_set_cursor(const char* css_cursor);
}
