#include "RetrySentence.h"

#include "engine/RetrySchedule.h"

namespace pw::gui {

using namespace pw::model;

namespace {

// More delays than this are summarised: nobody reads the tenth one.
constexpr int kDelaysSpelledOut = 5;

} // namespace

QString spokenDuration(qint64 ms)
{
    constexpr qint64 second = 1000;
    constexpr qint64 minute = 60 * second;
    constexpr qint64 hour = 60 * minute;
    if (ms < second)
        return QString::number(ms) + QStringLiteral(" ms");
    if (ms < minute)
        return QString::number(double(ms) / second, 'g', 4) + QStringLiteral(" s");
    QStringList parts;
    if (ms >= hour)
        parts << QString::number(ms / hour) + QStringLiteral(" h");
    if ((ms % hour) / minute)
        parts << QString::number((ms % hour) / minute) + QStringLiteral(" min");
    if ((ms % minute) / second)
        parts << QString::number((ms % minute) / second) + QStringLiteral(" s");
    return parts.join(u' ');
}

QString retrySentence(const std::optional<RetryPolicy> &retry)
{
    if (!retry)
        return {};
    if (retry->maxAttempts && *retry->maxAttempts <= 1)
        return QStringLiteral("%1 attempt, no retry").arg(*retry->maxAttempts);
    QString sentence = retry->maxAttempts
        ? QStringLiteral("up to %1 attempts").arg(*retry->maxAttempts)
        : QStringLiteral("retries without an attempt limit");
    if (retry->type == RetryType::Random) {
        const qint64 low = retry->minInterval ? retry->minInterval->milliseconds() : 0;
        const qint64 high = retry->maxInterval ? retry->maxInterval->milliseconds() : low;
        sentence += QStringLiteral(", waiting between %1 and %2")
                        .arg(spokenDuration(low), spokenDuration(high));
    } else {
        // A fixed draw: constant and exponential delays never call it.
        const engine::RetrySchedule schedule(*retry, [] { return 0.0; });
        const int delays = retry->maxAttempts ? std::max(0, *retry->maxAttempts - 1)
                                              : kDelaysSpelledOut + 1;
        QStringList spoken;
        for (int n = 1; n <= std::min(delays, kDelaysSpelledOut); ++n)
            spoken << spokenDuration(schedule.delayAfterFailedAttempts(n).count());
        if (delays > kDelaysSpelledOut)
            spoken << QStringLiteral("…");
        if (!spoken.isEmpty())
            sentence += QStringLiteral(", waiting ") + spoken.join(QStringLiteral(", "));
    }
    if (retry->maxDuration)
        sentence += QStringLiteral(", none starting after ")
            + spokenDuration(retry->maxDuration->milliseconds());
    return sentence;
}

} // namespace pw::gui
