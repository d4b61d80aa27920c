#pragma once

#include <QString>

#include <compare>
#include <optional>

namespace pw::model {

// A length of time with millisecond resolution. Files may write it in ISO 8601 (`PT1M30S`,
// `P1D`) or in the compact form (`1m30s`, `250ms`, `3.5h`, `1w`); it is always saved compact.
// A leading '-' parses so that validation can say "must not be negative" instead of a
// vaguer syntax error.
class Duration
{
public:
    constexpr Duration() = default;
    static constexpr Duration fromMilliseconds(qint64 ms) { return Duration(ms); }

    constexpr qint64 milliseconds() const { return m_ms; }
    constexpr bool isNegative() const { return m_ms < 0; }
    constexpr bool isZero() const { return m_ms == 0; }

    // Canonical compact text: largest units first, zero parts left out (`1m30s`, `0s`).
    QString toString() const;

    struct ParseResult;
    static ParseResult parse(const QString &text);

    friend constexpr auto operator<=>(Duration, Duration) = default;

private:
    constexpr explicit Duration(qint64 ms) : m_ms(ms) {}
    qint64 m_ms = 0;
};

struct Duration::ParseResult
{
    std::optional<Duration> duration;
    QString error; // set when duration is empty: says what is wrong and what is expected
};

} // namespace pw::model
