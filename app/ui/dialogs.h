// dialogs.h — what the import previews and confirmations share: placement,
// Enter/Esc, and the list of rows a file could not give.
#pragma once

#include "domain/ledger_import.h"  // ImportRowError

#include <vector>

namespace htk::ui {

// Opens the modal dialog `title` (once) and begins it, centred and sized in
// font heights (at most 90% × 85% of the screen). True while it is shown:
// then the caller draws it and calls ImGui::EndPopup().
bool BeginModalDialog(const char* title, float w_fonts, float h_fonts);
bool DialogConfirmed();  // Enter pressed this frame
bool DialogCancelled();  // Esc pressed this frame

// 快捷键 (F1, from every screen): the keys of every page, then the ledger's.
void KeysHelpDialog(bool* open);

// "以下行不会导入" and a scrolling table of sheet rows and reasons, leaving
// `footer` pixels below. The first 20 rows are marked "<mark>.0" … for tests.
void RowErrorsTable(const std::vector<ImportRowError>& errors, float footer, const char* mark);

}  // namespace htk::ui
