#pragma once

#include "model/Duration.h"
#include "model/Enums.h"
#include "model/StepSpec.h"

#include <QVariant>

#include <optional>

// Conversions between the model's field types and the QVariant values QML reads and writes.
// Readers give the contract's shapes ("" or null for unset); writers refuse what cannot be
// represented with an error message that names the field, e.g.
// "timeout: 'abc' is not a duration (use 10m, 1h30m or PT10M)".
namespace pw::gui::values {

// JS values arrive as QJSValue inside a QVariant: turns them (recursively) into plain
// QVariantMap / QVariantList / scalars.
QVariant plain(const QVariant &value);

// null, undefined and "" unset an optional field.
bool isUnset(const QVariant &value);

QVariant fromDuration(const std::optional<model::Duration> &duration); // "" when unset
QVariant fromOptionalInt(const std::optional<int> &value); // null when unset
QVariant fromOptionalString(const std::optional<QString> &value); // null when unset

template <typename Enum> QVariant fromOptionalEnum(const std::optional<Enum> &value)
{
    return value ? model::toString(*value) : QString();
}

QStringList fromErrorTypes(const QList<model::ErrorType> &errors);

// Maps by default; `ordered` gives [[key, value], ...] so that a later write keeps the order.
QVariant fromPairs(const model::StringPairs &pairs, bool ordered);
QVariant fromExitCodes(const QList<std::pair<int, model::ErrorType>> &codes, bool ordered);

// Writers: false (and `error` set) when the value cannot be represented.
bool toDuration(const QVariant &value, const QString &field,
                std::optional<model::Duration> &out, QString &error);
bool toOptionalInt(const QVariant &value, const QString &field, std::optional<int> &out,
                   QString &error);
bool toOptionalDouble(const QVariant &value, const QString &field, std::optional<double> &out,
                      QString &error);
bool toOptionalBool(const QVariant &value, const QString &field, std::optional<bool> &out,
                    QString &error);
bool toText(const QVariant &value, const QString &field, QString &out, QString &error);
bool toOptionalString(const QVariant &value, const QString &field, std::optional<QString> &out,
                      QString &error);
bool toStringList(const QVariant &value, const QString &field, QStringList &out,
                  QString &error);
bool toErrorTypes(const QVariant &value, const QString &field, QList<model::ErrorType> &out,
                  QString &error);
bool toIntList(const QVariant &value, const QString &field, QList<int> &out, QString &error);
// Accepts a map or [[key, value], ...]; keys already present keep their place.
bool toPairs(const QVariant &value, const QString &field, model::StringPairs &inOut,
             QString &error);
bool toExitCodes(const QVariant &value, const QString &field,
                 QList<std::pair<int, model::ErrorType>> &inOut, QString &error);

template <typename Enum>
bool toOptionalEnum(const QVariant &value, const QString &field,
                    std::optional<Enum> (*parse)(const QString &), std::optional<Enum> &out,
                    QString &error)
{
    if (isUnset(value)) {
        out.reset();
        return true;
    }
    const QString text = value.toString();
    if (const std::optional<Enum> parsed = parse(text)) {
        out = parsed;
        return true;
    }
    error = field + QStringLiteral(": '") + text + QStringLiteral("' is not one of ")
        + model::allNames<Enum>().join(QStringLiteral(", "));
    return false;
}

} // namespace pw::gui::values
