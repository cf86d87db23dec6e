// platform.h — what the UI asks of the machine it runs on: files in and
// out, text pasted outside a field, and the local clock. The browser
// implementation is in platform/web; the core never calls these.
#pragma once

#include "domain/backup.h"
#include "rules/dates.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace htk::platform {

// Offers bytes to the user as a downloaded file.
void DownloadFile(const std::string& name, std::string_view bytes, const char* mime_type);

// Opens the system file chooser (.xlsx, .csv); chosen or dropped files
// arrive through TakeOpenedFiles on a later frame.
void OpenFilePicker();
struct OpenedFile {
    std::string name;
    std::string bytes;
    std::string modified;  // the file's own time, "YYYY-MM-DD HH:MM:SS" local; "" if unknown
    std::string error;     // why it could not be read (then bytes is empty), in Chinese
};
// Files complete, in the order they were chosen or dropped.
std::vector<OpenedFile> TakeOpenedFiles();
// A file still on its way in (a large one takes several frames).
struct ArrivingFile {
    std::string name;
    double received = 0, size = 0;  // bytes
};
std::vector<ArrivingFile> ArrivingFiles();

// The whole-file check of a backup (BackupInspectTask's starter): in the
// browser, in a Web Worker while the page draws; in the call where workers
// fail. `bytes` must stay as they are until the check is destroyed.
std::unique_ptr<IntegrityCheck> StartIntegrityCheck(std::string_view bytes);

// Text pasted while no text field had the keyboard (e.g. rows copied from Excel).
bool TakePastedText(std::string* out);

// Asks for frames to keep coming although no input arrives (work that runs a
// slice per frame, e.g. filtering a large table). Call it each frame while busy.
void KeepDrawing();

// Calls `work` again and again between the page's frames, each call a
// browser task of its own (the page draws and takes input between them),
// until it returns false. A second call replaces the first's work. False
// where it cannot be done: the caller then works within its frames.
bool WorkBetweenFrames(std::function<bool()> work);
// How long the last animation frame that drew, and what ran after it, have
// held the page (seconds since it began), told once: the first call after
// such a frame; 0 after that, after a frame that drew nothing, or where
// unknown. The slice of work that follows a drawn frame is cut to keep the
// two short (ui/task_runner.h); later slices need not be (cutting every slice
// until the next frame made a 50,000-row read up to twice as long).
double TakeHeldSinceDrawnFrame();

// A named point in time for tests/bench (performance.mark in the browser).
void Mark(const char* name);
// The same, once this frame has been drawn (its draw calls submitted).
void MarkAfterFrame(const char* name);

// The local date and time ("2022-06-15 14:03:22"); tests may fix the date
// with ?today=YYYY-MM-DD.
Date Today();
// A monotonic clock in seconds, for budgets within a frame.
double Seconds();
std::string NowText();

}  // namespace htk::platform
