#include "JsonTextWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pw::engine {

void JsonTextWriter::newLineAndIndent()
{
    if (m_compact)
        return;
    m_text += '\n';
    m_text.append(4 * m_depth, ' ');
}

void JsonTextWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth == 0)
        return; // the document itself
    if (!m_first)
        m_text += ',';
    m_first = false;
    newLineAndIndent();
}

void JsonTextWriter::open(char bracket)
{
    beforeValue();
    m_text += bracket;
    ++m_depth;
    m_first = true;
}

void JsonTextWriter::close(char bracket)
{
    --m_depth;
    // Qt writes an empty container as its brackets on two lines, and a full one with its
    // closing bracket on a line of its own: the same newline and indent either way.
    newLineAndIndent();
    m_text += bracket;
    m_first = false;
}

void JsonTextWriter::beginObject()
{
    open('{');
}

void JsonTextWriter::endObject()
{
    close('}');
}

void JsonTextWriter::beginArray()
{
    open('[');
}

void JsonTextWriter::endArray()
{
    close(']');
}

void JsonTextWriter::key(QLatin1StringView name)
{
    beforeValue();
    m_text += '"';
    m_text += QByteArrayView(name.data(), name.size());
    m_text += m_compact ? "\":" : "\": ";
    m_afterKey = true;
}

void JsonTextWriter::key(const QString &name)
{
    beforeValue();
    appendEscaped(name);
    m_text += m_compact ? ":" : ": ";
    m_afterKey = true;
}

void JsonTextWriter::appendEscaped(const QString &text)
{
    // Plain printable ASCII (ids, statuses, times, most messages) is written as it is;
    // anything else is escaped by Qt itself, so that the text stays exactly Qt's.
    bool plain = true;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f || u == '"' || u == '\\') {
            plain = false;
            break;
        }
    }
    if (plain) {
        m_text += '"';
        m_text += text.toLatin1();
        m_text += '"';
        return;
    }
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    m_text += QByteArrayView(array).sliced(1, array.size() - 2); // without the [ ]
}

void JsonTextWriter::string(const QString &text)
{
    beforeValue();
    appendEscaped(text);
}

void JsonTextWriter::stringOrNull(const QString &text)
{
    if (text.isEmpty())
        null();
    else
        string(text);
}

void JsonTextWriter::integer(qint64 number)
{
    beforeValue();
    m_text += QByteArray::number(number);
}

void JsonTextWriter::boolean(bool value)
{
    beforeValue();
    m_text += value ? "true" : "false";
}

void JsonTextWriter::null()
{
    beforeValue();
    m_text += "null";
}

void JsonTextWriter::value(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        beginObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            key(it.key());
            this->value(it.value());
        }
        endObject();
    } else if (value.isArray()) {
        beginArray();
        for (const QJsonValue &item : value.toArray())
            this->value(item);
        endArray();
    } else if (value.isString()) {
        string(value.toString());
    } else if (value.isBool()) {
        boolean(value.toBool());
    } else if (value.isDouble()) {
        // Integers and doubles print differently; Qt knows which one this is.
        beforeValue();
        const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        m_text += QByteArrayView(array).sliced(1, array.size() - 2);
    } else {
        null();
    }
}

QByteArray JsonTextWriter::take()
{
    m_text += '\n';
    return std::exchange(m_text, {});
}

} // namespace pw::engine
