#include "FieldValues.h"

#include <QJSValue>

#include <cmath>

namespace pw::gui::values {

using namespace pw::model;

namespace {

bool isList(const QVariant &value)
{
    return value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList;
}

QString quoted(const QVariant &value)
{
    return u'\'' + value.toString() + u'\'';
}

// Entries of a map or of a [[key, value], ...] / [{key, value}, ...] list, in order.
bool entries(const QVariant &value, const QString &field,
             QList<std::pair<QString, QVariant>> &out, QString &error)
{
    if (isUnset(value))
        return true;
    if (value.typeId() == QMetaType::QVariantMap) {
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            out.append({it.key(), it.value()});
        return true;
    }
    if (isList(value)) {
        for (const QVariant &item : value.toList()) {
            if (item.typeId() == QMetaType::QVariantMap) {
                const QVariantMap map = item.toMap();
                out.append({map.value(QStringLiteral("key")).toString(),
                            map.value(QStringLiteral("value"))});
            } else if (isList(item) && item.toList().size() == 2) {
                out.append({item.toList().at(0).toString(), item.toList().at(1)});
            } else {
                error = field + QStringLiteral(": entries must be [key, value] pairs");
                return false;
            }
        }
        return true;
    }
    error = field + QStringLiteral(": expected a map of names to values");
    return false;
}

// Keeps the existing order of keys that stay, appends new ones: editing one entry in the
// property panel does not reshuffle the file.
template <typename Key, typename Value>
QList<std::pair<Key, Value>> merged(const QList<std::pair<Key, Value>> &existing,
                                   const QList<std::pair<Key, Value>> &wanted)
{
    QList<std::pair<Key, Value>> result;
    for (const auto &[key, value] : existing) {
        for (const auto &entry : wanted) {
            if (entry.first == key) {
                result.append(entry);
                break;
            }
        }
    }
    for (const auto &entry : wanted) {
        const auto sameKey = [&entry](const auto &kept) { return kept.first == entry.first; };
        const bool present = std::any_of(result.cbegin(), result.cend(), sameKey);
        if (!present)
            result.append(entry);
    }
    return result;
}

} // namespace

QVariant plain(const QVariant &value)
{
    if (value.userType() == qMetaTypeId<QJSValue>())
        return plain(value.value<QJSValue>().toVariant());
    if (value.typeId() == QMetaType::QVariantList) {
        QVariantList list;
        for (const QVariant &item : value.toList())
            list << plain(item);
        return list;
    }
    if (value.typeId() == QMetaType::QVariantMap) {
        QVariantMap map = value.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            it.value() = plain(it.value());
        return map;
    }
    return value;
}

bool isUnset(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return true;
    return value.typeId() == QMetaType::QString && value.toString().isEmpty();
}

QVariant fromDuration(const std::optional<Duration> &duration)
{
    return duration ? duration->toString() : QString();
}

QVariant fromOptionalInt(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant fromOptionalString(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QStringList fromErrorTypes(const QList<ErrorType> &errors)
{
    QStringList names;
    for (ErrorType error : errors)
        names << toString(error);
    return names;
}

QVariant fromPairs(const StringPairs &pairs, bool ordered)
{
    if (ordered) {
        QVariantList list;
        for (const auto &[key, value] : pairs)
            list << QVariant(QVariantList{key, value});
        return list;
    }
    QVariantMap map;
    for (const auto &[key, value] : pairs)
        map.insert(key, value);
    return map;
}

QVariant fromExitCodes(const QList<std::pair<int, ErrorType>> &codes, bool ordered)
{
    StringPairs pairs;
    for (const auto &[code, error] : codes)
        pairs.append({QString::number(code), toString(error)});
    return fromPairs(pairs, ordered);
}

namespace {

// The shape every optional scalar field shares: empty clears it; otherwise `parse` gives the
// value, or nothing and the error says what the text is not.
template <typename T, typename Parse>
bool toOptional(const QVariant &value, const QString &field, std::optional<T> &out,
                QString &error, Parse parse, const QString &expected)
{
    if (isUnset(value)) {
        out.reset();
        return true;
    }
    std::optional<T> parsed = parse(value);
    if (!parsed) {
        error = field + QStringLiteral(": ") + quoted(value) + QStringLiteral(" is not ") + expected;
        return false;
    }
    out = std::move(parsed);
    return true;
}

std::optional<double> parseNumber(const QVariant &value)
{
    bool ok = false;
    const double number = value.toString().trimmed().toDouble(&ok);
    return ok && std::isfinite(number) ? std::optional<double>(number) : std::nullopt;
}

} // namespace

bool toDuration(const QVariant &value, const QString &field, std::optional<Duration> &out,
                QString &error)
{
    const auto parse = [](const QVariant &text) {
        return Duration::parse(text.toString().trimmed()).duration;
    };
    return toOptional(value, field, out, error, parse,
                      QStringLiteral("a duration (use 10m, 1h30m or PT10M)"));
}

bool toOptionalInt(const QVariant &value, const QString &field, std::optional<int> &out,
                   QString &error)
{
    const auto parse = [](const QVariant &text) -> std::optional<int> {
        const std::optional<double> number = parseNumber(text);
        if (!number || std::floor(*number) != *number || std::abs(*number) > 2e9)
            return std::nullopt;
        return int(*number);
    };
    return toOptional(value, field, out, error, parse, QStringLiteral("a whole number"));
}

bool toOptionalDouble(const QVariant &value, const QString &field, std::optional<double> &out,
                      QString &error)
{
    return toOptional(value, field, out, error, parseNumber, QStringLiteral("a number"));
}

bool toOptionalBool(const QVariant &value, const QString &field, std::optional<bool> &out,
                    QString &error)
{
    const auto parse = [](const QVariant &given) -> std::optional<bool> {
        if (given.typeId() == QMetaType::Bool)
            return given.toBool();
        const QString text = given.toString();
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return text == QLatin1String("true");
        return std::nullopt;
    };
    return toOptional(value, field, out, error, parse, QStringLiteral("true or false"));
}

bool toText(const QVariant &value, const QString &field, QString &out, QString &error)
{
    if (isUnset(value)) {
        out.clear();
        return true;
    }
    if (value.typeId() == QMetaType::QVariantMap || isList(value)) {
        error = field + QStringLiteral(": expected text");
        return false;
    }
    out = value.toString();
    return true;
}

bool toOptionalString(const QVariant &value, const QString &field, std::optional<QString> &out,
                      QString &error)
{
    if (isUnset(value)) {
        out.reset();
        return true;
    }
    QString text;
    if (!toText(value, field, text, error))
        return false;
    out = text;
    return true;
}

bool toStringList(const QVariant &value, const QString &field, QStringList &out,
                  QString &error)
{
    QStringList items;
    if (!isUnset(value)) {
        if (!isList(value)) {
            error = field + QStringLiteral(": expected a list");
            return false;
        }
        for (const QVariant &item : value.toList())
            items << item.toString();
    }
    out = items;
    return true;
}

bool toErrorTypes(const QVariant &value, const QString &field, QList<ErrorType> &out,
                  QString &error)
{
    QStringList names;
    if (!toStringList(value, field, names, error))
        return false;
    QList<ErrorType> types;
    for (const QString &name : names) {
        const std::optional<ErrorType> type = parseErrorType(name);
        if (!type) {
            error = field + QStringLiteral(": '") + name
                + QStringLiteral("' is not an error type (expected one of ")
                + allNames<ErrorType>().join(QStringLiteral(", ")) + u')';
            return false;
        }
        types << *type;
    }
    out = types;
    return true;
}

bool toIntList(const QVariant &value, const QString &field, QList<int> &out, QString &error)
{
    QList<int> numbers;
    if (!isUnset(value)) {
        if (!isList(value)) {
            error = field + QStringLiteral(": expected a list of numbers");
            return false;
        }
        for (const QVariant &item : value.toList()) {
            std::optional<int> number;
            if (!toOptionalInt(item, field, number, error))
                return false;
            if (number)
                numbers << *number;
        }
    }
    out = numbers;
    return true;
}

bool toPairs(const QVariant &value, const QString &field, StringPairs &inOut, QString &error)
{
    QList<std::pair<QString, QVariant>> raw;
    if (!entries(value, field, raw, error))
        return false;
    StringPairs wanted;
    for (const auto &[key, item] : raw) {
        if (key.isEmpty()) {
            error = field + QStringLiteral(": a name is empty");
            return false;
        }
        wanted.append({key, item.toString()});
    }
    // An ordered list says the order itself; a map only says what is there.
    inOut = isList(value) ? wanted : merged(inOut, wanted);
    return true;
}

bool toExitCodes(const QVariant &value, const QString &field,
                 QList<std::pair<int, ErrorType>> &inOut, QString &error)
{
    QList<std::pair<QString, QVariant>> raw;
    if (!entries(value, field, raw, error))
        return false;
    QList<std::pair<int, ErrorType>> wanted;
    for (const auto &[key, item] : raw) {
        bool ok = false;
        const int code = key.toInt(&ok);
        if (!ok) {
            error = field + QStringLiteral(": '") + key + QStringLiteral("' is not an exit code");
            return false;
        }
        QList<ErrorType> types;
        if (!toErrorTypes(QVariantList{item}, field, types, error))
            return false;
        wanted.append({code, types.value(0, ErrorType::Unknown)});
    }
    inOut = isList(value) ? wanted : merged(inOut, wanted);
    return true;
}

} // namespace pw::gui::values
