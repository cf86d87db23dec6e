// ledger_draft.h — a problem being typed in the ledger's editor, kept across a
// reload or a closed tab: a new problem not yet saved, or a stored one with a
// value that could not be written yet (a date still half typed).
//
// One draft per installation, as a JSON row `ledger_draft` in `settings`
// (written when the page is hidden or closed; read back, then cleared, when
// the ledger opens next).
#pragma once

#include "problem.h"

#include <optional>

namespace htk {

class Database;

// Stores `draft` as the draft (replacing any other). False when the write failed.
bool SaveLedgerDraft(Database& db, const Problem& draft);
// The stored draft, if any (a row that does not read as one is ignored).
std::optional<Problem> LoadLedgerDraft(Database& db);
void ClearLedgerDraft(Database& db);

}  // namespace htk
