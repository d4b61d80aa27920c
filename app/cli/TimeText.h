#pragma once

#include <QString>

namespace pw::cli {

// A span for people, as short as it stays exact enough: "250ms", "1.5s", "2m 05s", "1h 02m",
// "2d 03h".
QString spanText(qint64 milliseconds);

// Seconds with milliseconds, right-aligned for a column of progress lines: "  0.412".
QString elapsedText(qint64 milliseconds);

// An exact offset in a rehearsal's virtual time, every unit down to the smallest one that is
// not zero: "+0s", "+250ms", "+2.5s", "+2h 00m 03s", "+1d 02h 00m 00.5s".
QString offsetText(qint64 milliseconds);

} // namespace pw::cli
