#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>

namespace pw::engine {

// Writes JSON text directly, laid out exactly as QJsonDocument::toJson(Indented) lays it out
// (four spaces per level, "key": value, keys as the caller orders them).
//
// Why not QJsonObject + QJsonDocument: a report of a 10,000-step run holds 10,000 nodes and
// 30,000 events; building it as QJsonObjects (sorted inserts, a QCborValue per field) and
// then serializing took ~0.25 s, a quarter of such a run. Written directly it is a few ms.
// Callers write object keys in sorted order, as a QJsonObject would hold them.
class JsonTextWriter
{
public:
    // Indented: QJsonDocument::Indented byte for byte (reports). Compact: one line, as
    // QJsonDocument::Compact writes it (journal lines, database columns).
    enum class Layout { Indented, Compact };
    explicit JsonTextWriter(Layout layout = Layout::Indented) : m_compact(layout == Layout::Compact) {}

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QLatin1StringView name);
    void key(const QString &name);

    void string(const QString &text);
    void stringOrNull(const QString &text); // null when empty
    void integer(qint64 number);
    void boolean(bool value);
    void null();
    // Any JSON value (converted maps of variants, numbers of any kind), written as Qt would.
    void value(const QJsonValue &value);

    // The document, ending with a newline as QJsonDocument's does.
    QByteArray take();

private:
    void beforeValue();
    void open(char bracket);
    void close(char bracket);
    void newLineAndIndent();
    void appendEscaped(const QString &text);

    QByteArray m_text;
    bool m_compact = false;
    int m_depth = 0;
    bool m_first = true; // no entry yet in the innermost object or array
    bool m_afterKey = false; // the value of a key comes next: no separator, no indent
};

} // namespace pw::engine
