#include "TimeText.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace pw::cli {

QString spanText(qint64 milliseconds)
{
    const qint64 ms = std::max<qint64>(0, milliseconds);
    if (ms < 1000)
        return QStringLiteral("%1ms").arg(ms);
    if (ms < 60'000) {
        const double seconds = double(ms) / 1000.0;
        // Whole seconds read better; keep one decimal only when it says something.
        return ms % 1000 == 0 ? QStringLiteral("%1s").arg(ms / 1000)
                              : QStringLiteral("%1s").arg(seconds, 0, 'f', 1);
    }
    const qint64 seconds = ms / 1000;
    const auto two = [](qint64 value) {
        return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
    };
    if (seconds < 3600)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(two(seconds % 60));
    if (seconds < 86'400)
        return QStringLiteral("%1h %2m").arg(seconds / 3600).arg(two(seconds % 3600 / 60));
    return QStringLiteral("%1d %2h").arg(seconds / 86'400).arg(two(seconds % 86'400 / 3600));
}

QString elapsedText(qint64 milliseconds)
{
    return QStringLiteral("%1").arg(double(std::max<qint64>(0, milliseconds)) / 1000.0, 7, 'f', 3);
}

QString offsetText(qint64 milliseconds)
{
    const qint64 ms = std::max<qint64>(0, milliseconds);
    if (ms == 0)
        return QStringLiteral("+0s");
    if (ms < 60'000)
        return u'+' + spanText(ms);
    const auto two = [](qint64 value) { return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0')); };
    const qint64 days = ms / 86'400'000;
    const qint64 hours = ms / 3'600'000 % 24;
    const qint64 minutes = ms / 60'000 % 60;
    const qint64 seconds = ms / 1000 % 60;
    const qint64 rest = ms % 1000;
    QStringList parts;
    if (days > 0)
        parts << QStringLiteral("%1d").arg(days);
    if (days > 0 || hours > 0)
        parts << (parts.isEmpty() ? QString::number(hours) : two(hours)) + u'h';
    parts << (parts.isEmpty() ? QString::number(minutes) : two(minutes)) + u'm';
    if (seconds > 0 || rest > 0) {
        QString text = two(seconds);
        if (rest > 0)
            text += u'.' + QStringLiteral("%1").arg(rest, 3, 10, QLatin1Char('0')).remove(QRegularExpression(QStringLiteral("0+$")));
        parts << text + u's';
    }
    return u'+' + parts.join(u' ');
}

} // namespace pw::cli
