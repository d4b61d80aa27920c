#pragma once

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace pw::model {

// An ordered document tree, the one place that decides what a saved file holds. The YAML and
// JSON writers only decide how it looks, so both formats always agree.
struct DocTree
{
    enum class Kind { Map, List, Text, Number, Boolean };

    Kind kind = Kind::Map;
    QString scalar; // Text, Number (already formatted), Boolean ("true"/"false")
    // A named struct rather than std::pair<QString, DocTree>: clang rejects a vector of a pair
    // holding the incomplete type being defined, which the fuzzing build needs.
    struct Entry;
    std::vector<Entry> entries; // Map, in order
    std::vector<DocTree> items; // List

    static DocTree map();
    static DocTree list();
    static DocTree text(const QString &value);
    static DocTree number(double value);
    static DocTree integer(qint64 value);
    static DocTree boolean(bool value);

    DocTree &add(const QString &key, DocTree value);
    DocTree &append(DocTree value);
    bool isEmptyCollection() const;
    bool isScalarList() const;
};

struct DocTree::Entry
{
    QString key;
    DocTree value;
};

inline DocTree DocTree::map() { return {}; }
inline DocTree DocTree::list() { return DocTree{Kind::List, {}, {}, {}}; }
inline DocTree DocTree::text(const QString &value) { return DocTree{Kind::Text, value, {}, {}}; }
inline DocTree DocTree::integer(qint64 value) { return DocTree{Kind::Number, QString::number(value), {}, {}}; }
inline DocTree DocTree::boolean(bool value)
{
    return DocTree{Kind::Boolean, value ? QStringLiteral("true") : QStringLiteral("false"), {}, {}};
}

QByteArray toYaml(const DocTree &tree, const QString &headerComment);
QByteArray toJson(const DocTree &tree);

} // namespace pw::model
