#pragma once

#include <QString>

namespace pw::engine::html {

// Text made safe inside HTML (and SVG) elements and attribute values; control characters
// other than tab are shown escaped (`\e`), as on a terminal.
QString escape(const QString &text);

// A span for people: "250 ms", "1.5 s", "2 min 05 s", "1 h 02 min".
QString span(qint64 milliseconds);

} // namespace pw::engine::html
