// startup.h — opening what is stored, over the first frames.
//
// The first frame is drawn at once, before IndexedDB has been read (a
// district's 96 MB take a second or more): a start-up screen with the
// reading's progress. Then, a stage per frame: the stored image is checked
// and loaded, migrated, and the screens are made. Until then nothing is
// saved (persistence.h) and the UI takes no input.
#pragma once

#include "web_app.h"

namespace htk::web {

// Advances the start-up by one stage; true once the app is open (then the
// caller draws the app). Otherwise `text` and `fraction` say what to show.
bool StepStartup(WebApp& app, const char** text, float* fraction);
bool Started();
// A reload asked for (shell/writer.js) while starting: done once open.
void ReloadWhenStarted(int writer);

}  // namespace htk::web
