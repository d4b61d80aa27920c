#include "YamlFields.h"

#include <cmath>

namespace pw::model::yaml {

Location locationOf(const YAML::Mark &mark)
{
    if (mark.is_null() || mark.line < 0)
        return {};
    return {mark.line + 1, mark.column + 1};
}

Location locationOf(const YAML::Node &node)
{
    return node.IsDefined() ? locationOf(node.Mark()) : Location{};
}

QString describeKind(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: return QStringLiteral("a mapping");
    case YAML::NodeType::Sequence: return QStringLiteral("a list");
    case YAML::NodeType::Null: return QStringLiteral("nothing");
    case YAML::NodeType::Scalar:
        return QStringLiteral("'%1'").arg(QString::fromStdString(node.Scalar()));
    case YAML::NodeType::Undefined: break;
    }
    return QStringLiteral("nothing");
}

MapReader::MapReader(ProblemSink &sink, const YAML::Node &node, Scope scope, QStringList knownKeys)
    : m_sink(sink), m_scope(std::move(scope))
{
    m_sink.sourceMap().insert(m_scope.path, yaml::locationOf(node));
    if (!node.IsMap()) {
        const QString what = m_scope.fieldName();
        m_sink.error(m_scope, yaml::locationOf(node),
                     (what.isEmpty() ? QString() : what + QStringLiteral(": "))
                         + QStringLiteral("expected a mapping, got %1").arg(describeKind(node)));
        return;
    }
    m_valid = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node keyNode = it->first;
        const Location keyLocation = yaml::locationOf(keyNode);
        if (!keyNode.IsScalar()) {
            m_sink.error(m_scope, keyLocation, QStringLiteral("a key must be a plain name"));
            continue;
        }
        const QString key = QString::fromStdString(keyNode.Scalar());
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
        const Location valueLocation = yaml::locationOf(it->second);
        m_sink.sourceMap().insert(keyScope.path,
                                  it->second.IsNull() ? keyLocation : valueLocation);
        m_entries.append({key, it->second, keyLocation});
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
    return entry && !entry->value.IsNull();
}

YAML::Node MapReader::value(const char *key) const
{
    const Entry *entry = find(key);
    return entry ? entry->value : YAML::Node(YAML::NodeType::Null);
}

Location MapReader::locationOf(const char *key) const
{
    const Entry *entry = find(key);
    if (!entry)
        return yaml::locationOf(YAML::Node());
    return entry->value.IsNull() ? entry->keyLocation : yaml::locationOf(entry->value);
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
    if (!entry || entry->value.IsNull())
        return std::nullopt;
    if (!entry->value.IsScalar()) {
        valueError(key, QStringLiteral("expected %1, got %2")
                            .arg(QLatin1String(expected), describeKind(entry->value)));
        return std::nullopt;
    }
    return QString::fromStdString(entry->value.Scalar());
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
static bool isQuoted(const YAML::Node &node) { return node.Tag() == "!"; }

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
    forEachItem(m_sink, value(key), scopeOf(key), [&](const YAML::Node &item, const Scope &scope) {
        if (item.IsScalar()) {
            values << QString::fromStdString(item.Scalar());
            return;
        }
        m_sink.error(scope, yaml::locationOf(item),
                     scope.fieldName() + QStringLiteral(": expected a text value, got ")
                         + describeKind(item));
    });
    return values;
}

void forEachItem(ProblemSink &sink, const YAML::Node &node, const Scope &scope,
                 const std::function<void(const YAML::Node &, const Scope &)> &read)
{
    if (!node.IsDefined() || node.IsNull())
        return;
    if (!node.IsSequence()) {
        sink.error(scope, locationOf(node),
                   scope.fieldName() + QStringLiteral(": expected a list, got ") + describeKind(node));
        return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
        const Scope itemScope = scope.item(int(i));
        sink.sourceMap().insert(itemScope.path, locationOf(node[i]));
        read(node[i], itemScope);
    }
}

} // namespace pw::model::yaml
