#pragma once

#include <QString>

namespace pw::gui {

// One line of step output as styled text for a Text item (Text.StyledText): SGR colour
// sequences (ESC [ ... m) become <font color> and <b> (the 8 + 8 standard colours, bold),
// everything else is escaped; other
// control characters are shown as `\e`, `\x07`... as on the terminal. Plain lines stay plain.
QString ansiLineToHtml(const QString &line, bool darkBackground);

// The line without its SGR sequences (for search and copy).
QString withoutAnsi(const QString &line);

} // namespace pw::gui
