#include "Duration.h"

#include <QRegularExpression>

#include <array>
#include <cmath>

namespace pw::model {
namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kWeek = 7 * kDay;
// About 290 years: far beyond any sensible timeout, far below qint64 overflow.
constexpr double kMaxMs = 1e13;

struct Unit
{
    const char *suffix;
    qint64 ms;
};
constexpr std::array<Unit, 6> kCompactUnits{{
    {"w", kWeek}, {"d", kDay}, {"h", kHour}, {"m", kMinute}, {"s", kSecond}, {"ms", 1}}};

qint64 compactUnit(QStringView suffix)
{
    for (const Unit &unit : kCompactUnits) {
        if (suffix == QLatin1String(unit.suffix))
            return unit.ms;
    }
    return 0;
}

QString syntaxError(const QString &text)
{
    return QStringLiteral("invalid duration '%1' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)")
        .arg(text);
}

Duration::ParseResult fromTotal(double totalMs, bool negative, const QString &text)
{
    if (totalMs > kMaxMs)
        return {std::nullopt, QStringLiteral("duration '%1' is too long").arg(text)};
    const auto ms = static_cast<qint64>(std::llround(totalMs));
    return {Duration::fromMilliseconds(negative ? -ms : ms), {}};
}

// Sums "<number><unit>" parts matched by `part`, requiring the parts to cover the text.
template <typename UnitOf>
std::optional<double> sumParts(QStringView body, const QRegularExpression &part, UnitOf unitOf)
{
    double total = 0;
    qsizetype consumed = 0;
    auto it = part.globalMatch(body);
    while (it.hasNext()) {
        const auto match = it.next();
        if (match.capturedStart() != consumed)
            return std::nullopt;
        const double unitMs = unitOf(match.capturedView(2));
        if (unitMs <= 0)
            return std::nullopt;
        total += match.capturedView(1).toDouble() * unitMs;
        consumed = match.capturedEnd();
    }
    if (consumed == 0 || consumed != body.size())
        return std::nullopt;
    return total;
}

std::optional<double> parseCompact(QStringView body)
{
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)(ms|w|d|h|m|s)"));
    return sumParts(body, part, [](QStringView suffix) { return double(compactUnit(suffix)); });
}

std::optional<double> parseIso(QStringView body)
{
    // P[nW][nD][T[nH][nM][nS]], each number possibly fractional.
    static const QRegularExpression shape(QStringLiteral(
        "^P(?:(\\d+(?:\\.\\d+)?)W)?(?:(\\d+(?:\\.\\d+)?)D)?"
        "(?:T(?:(\\d+(?:\\.\\d+)?)H)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$"),
                                          QRegularExpression::CaseInsensitiveOption);
    const auto match = shape.match(body);
    if (!match.hasMatch() || body.size() < 2 || body.endsWith(u'T') || body.endsWith(u't'))
        return std::nullopt;
    constexpr std::array<qint64, 5> units{kWeek, kDay, kHour, kMinute, kSecond};
    double total = 0;
    bool any = false;
    for (int group = 1; group <= 5; ++group) {
        if (match.capturedLength(group) > 0) {
            total += match.capturedView(group).toDouble() * double(units[group - 1]);
            any = true;
        }
    }
    return any ? std::optional<double>(total) : std::nullopt;
}

} // namespace

Duration::ParseResult Duration::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {std::nullopt, QStringLiteral("empty duration (expected e.g. 250ms, 2s or 1m30s)")};
    QStringView body(text);
    const bool negative = body.startsWith(u'-');
    if (negative)
        body = body.mid(1);

    static const QRegularExpression bareNumber(QStringLiteral("^\\d+(?:\\.\\d+)?$"));
    if (bareNumber.match(body).hasMatch()) {
        return {std::nullopt, QStringLiteral("duration '%1' has no unit (write e.g. %1s or PT%1S)")
                                  .arg(text)};
    }
    std::optional<double> total;
    if (body.startsWith(u'P') || body.startsWith(u'p'))
        total = parseIso(body);
    else
        total = parseCompact(body);
    if (!total)
        return {std::nullopt, syntaxError(text)};
    return fromTotal(*total, negative, text);
}

QString Duration::toString() const
{
    if (m_ms == 0)
        return QStringLiteral("0s");
    QString text = m_ms < 0 ? QStringLiteral("-") : QString();
    qint64 rest = m_ms < 0 ? -m_ms : m_ms;
    for (const Unit &unit : kCompactUnits) {
        if (rest >= unit.ms) {
            text += QString::number(rest / unit.ms) + QLatin1String(unit.suffix);
            rest %= unit.ms;
        }
    }
    return text;
}

} // namespace pw::model
