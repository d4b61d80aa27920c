#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QString>
#include <QStringList>

namespace pw::engine {

// Replaces secret values by *** (semantics.md "Context"). A secret of several lines is also
// masked line by line, so that a PEM key printed with `cat` shows none of its lines: each of
// its lines is a value of its own, as long as it is long enough to mean something (a line of
// two characters would otherwise mask every matching pair of letters in every log). For the
// same reason a secret shorter than kMinimumLength is not masked at all; the run says so at
// its start (secretsTooShortToMask()).
//
// Works on text (messages, outputs) and on raw UTF-8 lines (step output on its way to disk,
// where converting every line to QString would cost more than the rest of the path).
class SecretMasker
{
public:
    // Secrets, and lines of a multi-line secret, shorter than this are not masked.
    static constexpr qsizetype kMinimumLength = 4;

    SecretMasker() = default;
    explicit SecretMasker(const QHash<QString, QString> &secrets);

    bool isEmpty() const { return m_values.isEmpty(); }
    QString mask(const QString &text) const;
    // Masks one line of output in place; returns whether anything was replaced.
    bool maskLine(QByteArray &line) const;

private:
    QStringList m_values; // longest first, so that a secret inside another masks fully
    QByteArrayList m_utf8Values;
};

} // namespace pw::engine
