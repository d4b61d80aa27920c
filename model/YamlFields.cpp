#include "YamlFields.h"

#include <cmath>

namespace pw::model::yaml {

Location locationOf(const YamlNode &node)
{
    return node.location();
}

QString describeKind(const YamlNode &node)
{
    switch (node.kind()) {
    case NodeKind::Map: return QStringLiteral("a mapping");
    case NodeKind::Sequence: return QStringLiteral("a list");
    case NodeKind::Null: return QStringLiteral("nothing");
    case NodeKind::Scalar: return QStringLiteral("'%1'").arg(node.scalar());
    }
    return QStringLiteral("nothing");
}

MapReader::MapReader(ProblemSink &sink, const YamlNode &node, Scope scope, QStringList knownKeys)
    : m_sink(sink), m_scope(std::move(scope))
{
    m_sink.sourceMap().insert(m_scope.path, yaml::locationOf(node));
    if (!node.isMap()) {
        const QString what = m_scope.fieldName();
        m_sink.error(m_scope, yaml::locationOf(node),
                     (what.isEmpty() ? QString() : what + QStringLiteral(": "))
                         + QStringLiteral("expected a mapping, got %1").arg(describeKind(node)));
        return;
    }
    m_valid = true;
    for (int pair = 0; pair < node.pairCount(); ++pair) {
        const YamlNode keyNode = node.key(pair);
        const YamlNode valueNode = node.value(pair);
        const Location keyLocation = yaml::locationOf(keyNode);
        if (!keyNode.isScalar()) {
            m_sink.error(m_scope, keyLocation, QStringLiteral("a key must be a plain name"));
            continue;
        }
        const QString key = keyNode.scalar();
        const Scope keyScope = m_scope.field(key);
        if (find(key.toUtf8().constData())) {
            m_sink.error(keyScope, keyLocation, QStringLiteral("duplicate key '%1'").arg(key));
            continue;
        }
        if (!knownKeys.contains(key)) {
            Problem problem;
            problem.severity = Severity::Warning;
            problem.message = m_scope.context.isEmpty() ? QString() : m_scope.context + QStringLiteral(": ");
            problem.message += QStringLiteral("unknown key '%1' (ignored)%2")
                                   .arg(keyScope.fieldName(), didYouMean(key, knownKeys));
            problem.path = keyScope.path;
            problem.nodeId = keyScope.nodeId;
            problem.field = keyScope.fieldName();
            problem.location = keyLocation;
            problem.dropsContent = true;
            m_sink.add(std::move(problem));
            continue;
        }
        const Location valueLocation = yaml::locationOf(valueNode);
        m_sink.sourceMap().insert(keyScope.path, valueNode.isNull() ? keyLocation : valueLocation);
        m_entries.append({key, valueNode, keyLocation});
    }
}

const MapReader::Entry *MapReader::find(const char *key) const
{
    for (const Entry &entry : m_entries) {
        if (entry.key == QLatin1String(key))
            return &entry;
    }
    return nullptr;
}

bool MapReader::has(const char *key) const
{
    const Entry *entry = find(key);
    return entry && !entry->value.isNull();
}

YamlNode MapReader::value(const char *key) const
{
    const Entry *entry = find(key);
    return entry ? entry->value : YamlNode();
}

Location MapReader::locationOf(const char *key) const
{
    const Entry *entry = find(key);
    if (!entry)
        return {};
    return entry->value.isNull() ? entry->keyLocation : yaml::locationOf(entry->value);
}

Scope MapReader::scopeOf(const char *key) const
{
    return m_scope.field(QString::fromLatin1(key));
}

void MapReader::valueError(const char *key, const QString &message) const
{
    const Scope scope = scopeOf(key);
    m_sink.error(scope, locationOf(key), scope.fieldName() + QStringLiteral(": ") + message);
}

std::optional<QString> MapReader::scalar(const char *key, const char *expected) const
{
    const Entry *entry = find(key);
    if (!entry || entry->value.isNull())
        return std::nullopt;
    if (!entry->value.isScalar()) {
        valueError(key, QStringLiteral("expected %1, got %2")
                            .arg(QLatin1String(expected), describeKind(entry->value)));
        return std::nullopt;
    }
    return entry->value.scalar();
}

QString MapReader::string(const char *key) const
{
    return optionalString(key).value_or(QString());
}

std::optional<QString> MapReader::optionalString(const char *key) const
{
    return scalar(key, "a text value");
}

// Numbers and booleans must be written as such: a quoted "3" is text, as in JSON.
static bool isQuoted(const YamlNode &node) { return node.hasQuotedTag(); }

// "'abc'", or for a value that only its quotes spoil, a hint that says so.
static QString describeScalar(const QString &text, bool validButQuoted)
{
    if (validButQuoted)
        return QStringLiteral("the quoted text \"%1\" (remove the quotes)").arg(text);
    return QStringLiteral("'%1'").arg(text);
}

std::optional<int> MapReader::integer(const char *key) const
{
    const auto text = scalar(key, "an integer");
    if (!text)
        return std::nullopt;
    bool ok = false;
    const int parsed = text->toInt(&ok);
    if (!ok || isQuoted(value(key))) {
        valueError(key, QStringLiteral("expected an integer, got ") + describeScalar(*text, ok && isQuoted(value(key))));
        return std::nullopt;
    }
    return parsed;
}

std::optional<double> MapReader::number(const char *key) const
{
    const auto text = scalar(key, "a number");
    if (!text)
        return std::nullopt;
    bool ok = false;
    const double parsed = text->toDouble(&ok);
    if (!ok || isQuoted(value(key)) || !std::isfinite(parsed)) {
        valueError(key, QStringLiteral("expected a number, got ")
                            + describeScalar(*text, ok && std::isfinite(parsed) && isQuoted(value(key))));
        return std::nullopt;
    }
    return parsed;
}

std::optional<bool> MapReader::boolean(const char *key) const
{
    const auto text = scalar(key, "true or false");
    if (!text)
        return std::nullopt;
    if (!isQuoted(value(key))) {
        if (text->compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return true;
        if (text->compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return false;
    }
    const bool wouldBeValid = text->compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
        || text->compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
    valueError(key, QStringLiteral("expected true or false, got ") + describeScalar(*text, wouldBeValid));
    return std::nullopt;
}

std::optional<Duration> MapReader::duration(const char *key) const
{
    const auto text = scalar(key, "a duration");
    if (!text)
        return std::nullopt;
    auto parsed = Duration::parse(*text);
    if (!parsed.duration)
        valueError(key, parsed.error);
    return parsed.duration;
}

QStringList MapReader::stringList(const char *key) const
{
    QStringList values;
    forEachItem(m_sink, value(key), scopeOf(key), [&](const YamlNode &item, const Scope &scope) {
        if (item.isScalar()) {
            values << item.scalar();
            return;
        }
        m_sink.error(scope, yaml::locationOf(item),
                     scope.fieldName() + QStringLiteral(": expected a text value, got ")
                         + describeKind(item));
    });
    return values;
}

void forEachItem(ProblemSink &sink, const YamlNode &node, const Scope &scope,
                 const std::function<void(const YamlNode &, const Scope &)> &read)
{
    if (node.isNull())
        return;
    if (!node.isSequence()) {
        sink.error(scope, locationOf(node),
                   scope.fieldName() + QStringLiteral(": expected a list, got ") + describeKind(node));
        return;
    }
    for (int i = 0; i < node.size(); ++i) {
        const Scope itemScope = scope.item(i);
        const YamlNode item = node.item(i);
        sink.sourceMap().insert(itemScope.path, locationOf(item));
        read(item, itemScope);
    }
}

} // namespace pw::model::yaml
