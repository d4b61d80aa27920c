#include "SecretMasker.h"

#include <algorithm>

namespace pw::engine {

SecretMasker::SecretMasker(const QHash<QString, QString> &secrets)
{
    for (const QString &value : secrets) {
        if (value.size() < kMinimumLength)
            continue;
        m_values << value;
        if (!value.contains(u'\n'))
            continue;
        for (QString part : value.split(u'\n')) {
            if (part.endsWith(u'\r'))
                part.chop(1);
            if (part.trimmed().size() >= kMinimumLength)
                m_values << part;
        }
    }
    std::sort(m_values.begin(), m_values.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    m_values.removeDuplicates();
    for (const QString &value : std::as_const(m_values))
        m_utf8Values << value.toUtf8();
}

QString SecretMasker::mask(const QString &text) const
{
    if (m_values.isEmpty())
        return text;
    QString masked = text;
    for (const QString &value : m_values)
        masked.replace(value, QStringLiteral("***"));
    return masked;
}

bool SecretMasker::maskLine(QByteArray &line) const
{
    bool replaced = false;
    for (const QByteArray &value : m_utf8Values) {
        if (line.contains(value)) {
            line.replace(value, QByteArrayLiteral("***"));
            replaced = true;
        }
    }
    return replaced;
}

} // namespace pw::engine
