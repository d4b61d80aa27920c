#include "DocTree.h"

#include <yaml-cpp/yaml.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace pw::model {

DocTree DocTree::number(double value)
{
    return DocTree{Kind::Number, QString::number(value, 'g', 15), {}, {}};
}

DocTree &DocTree::add(const QString &key, DocTree value)
{
    entries.push_back({key, std::move(value)});
    return entries.back().value;
}

DocTree &DocTree::append(DocTree value)
{
    items.push_back(std::move(value));
    return items.back();
}

bool DocTree::isEmptyCollection() const
{
    return (kind == Kind::Map && entries.empty()) || (kind == Kind::List && items.empty());
}

bool DocTree::isScalarList() const
{
    return kind == Kind::List && std::all_of(items.cbegin(), items.cend(), [](const DocTree &item) {
        return item.kind != Kind::Map && item.kind != Kind::List;
    });
}

namespace {

// Text that a YAML reader would take for something else unless quoted.
bool looksLikeNonText(const QString &value)
{
    static const QRegularExpression special(QStringLiteral(
        "^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\\.inf|\\.nan)|"
        "[-+]?(?:\\d[\\d_]*)?(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|0x[0-9a-f]+|0o[0-7]+)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    return value.isEmpty() || special.match(value).hasMatch();
}

// A block literal (`|`) keeps a multi-line command readable; yaml-cpp writes it with "clip"
// chomping, so it is only exact when the text ends with exactly one newline.
bool fitsLiteralBlock(const QString &value)
{
    if (!value.endsWith(u'\n') || value.endsWith(QLatin1String("\n\n")) || value.count(u'\n') < 1)
        return false;
    if (value.startsWith(u' ') || value.startsWith(u'\t') || value.contains(u'\r'))
        return false;
    for (const QString &line : value.split(u'\n')) {
        if (line.endsWith(u' ') || line.endsWith(u'\t'))
            return false;
        for (const QChar c : line) {
            if (c.unicode() < 0x20 && c != u'\t')
                return false;
        }
    }
    return true;
}

void emitScalar(YAML::Emitter &out, const DocTree &node)
{
    const std::string text = node.scalar.toStdString();
    if (node.kind != DocTree::Kind::Text) {
        out << text;
        return;
    }
    if (fitsLiteralBlock(node.scalar))
        out << YAML::Literal << node.scalar.chopped(1).toStdString(); // the block adds it back
    else if (looksLikeNonText(node.scalar) || node.scalar.contains(u'\n'))
        out << YAML::DoubleQuoted << text;
    else
        out << text;
}

void emitYaml(YAML::Emitter &out, const DocTree &node)
{
    switch (node.kind) {
    case DocTree::Kind::Map:
        out << YAML::BeginMap;
        for (const auto &[key, value] : node.entries) {
            out << YAML::Key << key.toStdString() << YAML::Value;
            emitYaml(out, value);
        }
        out << YAML::EndMap;
        return;
    case DocTree::Kind::List:
        // Short lists of names (error types, secrets, intervals) read best on one line.
        if (node.isScalarList())
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const DocTree &item : node.items)
            emitYaml(out, item);
        out << YAML::EndSeq;
        return;
    case DocTree::Kind::Text:
    case DocTree::Kind::Number:
    case DocTree::Kind::Boolean:
        emitScalar(out, node);
        return;
    }
}

QByteArray jsonString(const QString &value)
{
    QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

void emitJson(QByteArray &out, const DocTree &node, int indent)
{
    const QByteArray pad(indent * 2, ' ');
    const QByteArray innerPad((indent + 1) * 2, ' ');
    switch (node.kind) {
    case DocTree::Kind::Map:
        if (node.entries.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        for (std::size_t i = 0; i < node.entries.size(); ++i) {
            out += innerPad + jsonString(node.entries[i].key) + ": ";
            emitJson(out, node.entries[i].value, indent + 1);
            out += i + 1 < node.entries.size() ? ",\n" : "\n";
        }
        out += pad + '}';
        return;
    case DocTree::Kind::List:
        if (node.items.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            out += innerPad;
            emitJson(out, node.items[i], indent + 1);
            out += i + 1 < node.items.size() ? ",\n" : "\n";
        }
        out += pad + ']';
        return;
    case DocTree::Kind::Text:
        out += jsonString(node.scalar);
        return;
    case DocTree::Kind::Number:
    case DocTree::Kind::Boolean:
        out += node.scalar.toUtf8();
        return;
    }
}

} // namespace

QByteArray toYaml(const DocTree &tree, const QString &headerComment)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    out.SetMapFormat(YAML::Block);
    emitYaml(out, tree);
    QByteArray text;
    if (!headerComment.isEmpty()) {
        for (const QString &line : headerComment.split(u'\n'))
            text += (line.isEmpty() ? QByteArray("#") : "# " + line.toUtf8()) + '\n';
    }
    text += QByteArray(out.c_str(), qsizetype(out.size()));
    text += '\n';
    return text;
}

QByteArray toJson(const DocTree &tree)
{
    QByteArray text;
    emitJson(text, tree, 0);
    text += '\n';
    return text;
}

} // namespace pw::model
