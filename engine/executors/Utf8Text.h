#pragma once

#include <QByteArrayView>
#include <QString>

namespace pw::engine {

// The largest cut at or before `limit` bytes that does not split a UTF-8 sequence, so that
// truncated output never ends in a broken character (at most 3 bytes earlier than `limit`).
qsizetype utf8CutBefore(QByteArrayView bytes, qsizetype limit);

// The first `maxBytes` of `bytes` as text, cut on a character boundary.
QString utf8Prefix(QByteArrayView bytes, qsizetype maxBytes);

} // namespace pw::engine
