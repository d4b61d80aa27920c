#pragma once

#include <QString>

namespace pw::cli {

// Step output made safe for a terminal (semantics.md "Output"): control characters are shown
// escaped (`\e`, `\x07`, `\u009b`...) so that output cannot move the cursor, rewrite the
// screen, set the title or the clipboard; tab and SGR colour sequences (ESC [ ... m) stay.
QString terminalSafe(const QString &text);

} // namespace pw::cli
