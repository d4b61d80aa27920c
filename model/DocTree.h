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
    std::vector<std::pair<QString, DocTree>> entries; // Map, in order
    std::vector<DocTree> items; // List

    static DocTree map() { return {}; }
    static DocTree list() { return DocTree{Kind::List, {}, {}, {}}; }
    static DocTree text(const QString &value) { return DocTree{Kind::Text, value, {}, {}}; }
    static DocTree number(double value);
    static DocTree integer(qint64 value) { return DocTree{Kind::Number, QString::number(value), {}, {}}; }
    static DocTree boolean(bool value)
    {
        return DocTree{Kind::Boolean, value ? QStringLiteral("true") : QStringLiteral("false"), {}, {}};
    }

    DocTree &add(const QString &key, DocTree value);
    DocTree &append(DocTree value);
    bool isEmptyCollection() const;
    bool isScalarList() const;
};

QByteArray toYaml(const DocTree &tree, const QString &headerComment);
QByteArray toJson(const DocTree &tree);

} // namespace pw::model
