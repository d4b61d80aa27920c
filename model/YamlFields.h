#pragma once

#include "Duration.h"
#include "ProblemSink.h"
#include "Suggestion.h"
#include "YamlTree.h"

#include <QStringList>

#include <functional>
#include <optional>

// Typed, forgiving access to the YAML tree (YamlTree): every accessor reports what is wrong (with
// line, column and the field's path) into a ProblemSink and carries on, so that one pass
// finds every problem in a file.
namespace pw::model::yaml {

using pw::model::ProblemSink;
using pw::model::Scope;

Location locationOf(const YamlNode &node);

QString describeKind(const YamlNode &node);

// One YAML mapping with a known set of keys. Unknown keys are warnings (newer files still
// open); duplicate keys and values of the wrong kind are errors.
class MapReader
{
public:
    MapReader(ProblemSink &sink, const YamlNode &node, Scope scope, QStringList knownKeys);

    bool isValid() const { return m_valid; }
    bool has(const char *key) const;
    YamlNode value(const char *key) const;
    Location locationOf(const char *key) const;
    Scope scopeOf(const char *key) const;
    const Scope &scope() const { return m_scope; }
    ProblemSink &sink() const { return m_sink; }

    QString string(const char *key) const;
    std::optional<QString> optionalString(const char *key) const;
    std::optional<int> integer(const char *key) const;
    std::optional<double> number(const char *key) const;
    std::optional<bool> boolean(const char *key) const;
    std::optional<Duration> duration(const char *key) const;
    QStringList stringList(const char *key) const;

    template <typename Enum>
    std::optional<Enum> enumeration(const char *key,
                                    std::optional<Enum> (*parse)(const QString &),
                                    const QStringList &names, const QString &what) const
    {
        const auto text = optionalString(key);
        if (!text)
            return std::nullopt;
        if (auto parsed = parse(*text))
            return parsed;
        valueError(key, QStringLiteral("unknown %1 '%2' (expected one of %3)%4")
                            .arg(what, *text, names.join(QStringLiteral(", ")),
                                 didYouMean(*text, names)));
        return std::nullopt;
    }

    void valueError(const char *key, const QString &message) const;

private:
    struct Entry
    {
        QString key;
        YamlNode value;
        Location keyLocation;
    };
    const Entry *find(const char *key) const;
    std::optional<QString> scalar(const char *key, const char *expected) const;

    ProblemSink &m_sink;
    Scope m_scope;
    QList<Entry> m_entries;
    bool m_valid = false;
};

// Calls `read` for each item of a YAML sequence; a null value is an empty list.
void forEachItem(ProblemSink &sink, const YamlNode &node, const Scope &scope,
                 const std::function<void(const YamlNode &, const Scope &)> &read);

} // namespace pw::model::yaml
