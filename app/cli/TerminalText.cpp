#include "TerminalText.h"

namespace pw::cli {
namespace {

constexpr char16_t kEscape = 0x1b;

// The length of an SGR sequence starting at `position` (ESC [ digits and ; m), or 0.
qsizetype sgrLength(const QString &text, qsizetype position)
{
    if (position + 2 >= text.size() || text.at(position + 1) != u'[')
        return 0;
    for (qsizetype i = position + 2; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'm')
            return i - position + 1;
        if (!c.isDigit() && c != u';' && c != u':')
            return 0;
    }
    return 0;
}

bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\t') || (c >= 0x7f && c <= 0x9f);
}

} // namespace

QString terminalSafe(const QString &text)
{
    qsizetype first = 0;
    while (first < text.size() && !isControl(text.at(first).unicode()))
        ++first;
    if (first == text.size())
        return text; // the common case: nothing to do
    QString safe = text.left(first);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (!isControl(c)) {
            safe += QChar(c);
            continue;
        }
        if (c == kEscape) {
            if (const qsizetype length = sgrLength(text, i)) {
                safe += QStringView(text).sliced(i, length);
                i += length - 1;
                continue;
            }
            safe += QStringLiteral("\\e");
            continue;
        }
        safe += c < 0x80 ? QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'))
                         : QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
    }
    return safe;
}

} // namespace pw::cli
