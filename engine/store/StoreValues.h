#pragma once

#include <QDateTime>
#include <QVariant>
#include <QVariantMap>

// Conversions between run values and what the run database stores, shared by its writer and
// its readers so that both agree on every column.
namespace pw::engine::storevalues {

// Milliseconds since the epoch, or NULL for an invalid time.
QVariant time(const QDateTime &time);
QDateTime time(const QVariant &value);
// A map as compact JSON text, or NULL when empty.
QVariant json(const QVariantMap &map);
QVariantMap map(const QVariant &value);
// Text, or NULL when empty.
QVariant text(const QString &text);

} // namespace pw::engine::storevalues
