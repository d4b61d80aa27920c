#include "TimelineSvg.h"

#include "HtmlText.h"

#include <QHash>

#include <cmath>

namespace pw::engine {
namespace {

constexpr int kWidth = 1180;
constexpr int kLabelWidth = 230;
constexpr int kRight = 24;
constexpr int kAxisHeight = 34;
constexpr int kRowHeight = 22;
constexpr int kStageHeight = 20;
constexpr int kBarHeight = 14;

struct Row
{
    const NodeState *node = nullptr;
    bool stageHeader = false;
    QString stage;
};

// A tick step of 1, 2 or 5 times a power of ten (or a round minute/hour) giving ~8 ticks.
qint64 tickStep(qint64 spanMs)
{
    static constexpr qint64 steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000,
                                       60000, 120000, 300000, 600000, 900000, 1800000, 3600000, 7200000,
                                       21600000, 43200000, 86400000};
    for (qint64 step : steps) {
        if (spanMs / step <= 8)
            return step;
    }
    return 86400000LL * std::max<qint64>(1, spanMs / 86400000 / 8);
}

QString tickLabel(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0");
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000);
    if (ms < 3600000)
        return ms % 60000 == 0 ? QStringLiteral("%1 min").arg(ms / 60000)
                               : QStringLiteral("%1:%2").arg(ms / 60000).arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'));
    if (ms < 86400000)
        return ms % 3600000 == 0 ? QStringLiteral("%1 h").arg(ms / 3600000)
                                 : QStringLiteral("%1 h %2").arg(ms / 3600000).arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 d").arg(double(ms) / 86400000, 0, 'f', ms % 86400000 == 0 ? 0 : 1);
}

QString outcomeClass(const QString &outcome)
{
    if (outcome == QLatin1String("Succeeded"))
        return QStringLiteral("ok");
    if (outcome == QLatin1String("Failed"))
        return QStringLiteral("failed");
    if (outcome.isEmpty())
        return QStringLiteral("running");
    return QStringLiteral("cancelled"); // Cancelled, Interrupted
}

QString time(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(QStringLiteral("hh:mm:ss.zzz")) : QStringLiteral("-");
}

class Timeline
{
public:
    Timeline(const StoredRun &run, int maxRows) : m_run(run)
    {
        collect(maxRows);
        m_start = run.summary.startedAt;
        QDateTime end = run.summary.endedAt.isValid() ? run.summary.endedAt : QDateTime::currentDateTimeUtc();
        for (const AttemptRecord &attempt : run.attempts)
            end = std::max(end, attempt.endedAt.isValid() ? attempt.endedAt : attempt.startedAt);
        for (const InterventionRecord &request : run.requests)
            end = std::max(end, request.decidedAt.isValid() ? request.decidedAt : request.request.requestedAt);
        m_end = end;
        m_spanMs = std::max<qint64>(1, m_start.msecsTo(m_end));
    }

    QString svg() const
    {
        const int height = kAxisHeight + bodyHeight() + 8;
        QString out = QStringLiteral("<svg id=\"timeline\" width=\"%1\" "
                                     "height=\"%2\" viewBox=\"0 0 %1 %2\" role=\"img\" "
                                     "aria-label=\"Timeline of every attempt\">")
                          .arg(kWidth)
                          .arg(height);
        out += QStringLiteral("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                              "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fdf3d8\"/>"
                              "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d9a21b\" stroke-width=\"3\"/>"
                              "</pattern></defs>");
        out += axis(height);
        int y = kAxisHeight;
        for (const Row &row : m_rows) {
            if (row.stageHeader) {
                out += QStringLiteral("<text class=\"stage\" x=\"4\" y=\"%1\">stage %2</text>"
                                      "<line class=\"sep\" x1=\"0\" x2=\"%3\" y1=\"%4\" y2=\"%4\"/>")
                           .arg(y + 14)
                           .arg(html::escape(row.stage))
                           .arg(kWidth)
                           .arg(y + 1);
                y += kStageHeight;
                continue;
            }
            out += nodeRow(*row.node, y);
            y += kRowHeight;
        }
        if (m_leftOut > 0) {
            out += QStringLiteral("<text class=\"more\" x=\"4\" y=\"%1\">... and %2 more step(s), left out</text>")
                       .arg(y + 14)
                       .arg(m_leftOut);
        }
        out += QStringLiteral("</svg>");
        return out;
    }

private:
    void collect(int maxRows)
    {
        QSet<QString> active;
        for (const AttemptRecord &attempt : m_run.attempts)
            active.insert(attempt.node);
        for (const InterventionRecord &request : m_run.requests)
            active.insert(request.request.step);
        QString stage;
        bool first = true;
        int rows = 0;
        for (const NodeState &node : m_run.snapshot.nodes) {
            if (node.kind != NodeKind::Step || (!active.contains(node.id) && !node.cloned))
                continue;
            if (rows >= maxRows) {
                ++m_leftOut;
                continue;
            }
            if (first || node.stage != stage) {
                m_rows.append({nullptr, true, node.stage.isEmpty() ? QStringLiteral("(pipeline error handler)") : node.stage});
                stage = node.stage;
                first = false;
            }
            m_rows.append({&node, false, node.stage});
            ++rows;
        }
        if (m_rows.isEmpty())
            m_rows.append({nullptr, true, QStringLiteral("(no step ran)")});
    }

    int bodyHeight() const
    {
        int height = m_leftOut > 0 ? kRowHeight : 0;
        for (const Row &row : m_rows)
            height += row.stageHeader ? kStageHeight : kRowHeight;
        return height;
    }

    double x(const QDateTime &at) const
    {
        const qint64 offset = std::clamp<qint64>(m_start.msecsTo(at), 0, m_spanMs);
        return kLabelWidth + double(offset) * (kWidth - kLabelWidth - kRight) / double(m_spanMs);
    }

    QString axis(int height) const
    {
        QString out;
        const qint64 step = tickStep(m_spanMs);
        for (qint64 tick = 0; tick <= m_spanMs; tick += step) {
            const double tx = x(m_start.addMSecs(tick));
            out += QStringLiteral("<line class=\"grid\" x1=\"%1\" x2=\"%1\" y1=\"%2\" y2=\"%3\"/>"
                                  "<text class=\"tick\" x=\"%1\" y=\"%4\">%5</text>")
                       .arg(tx, 0, 'f', 1)
                       .arg(kAxisHeight - 6)
                       .arg(height - 4)
                       .arg(kAxisHeight - 12)
                       .arg(html::escape(tickLabel(tick)));
        }
        return out;
    }

    // `attributes`: more of them for the rect, e.g. `class="attempt" data-outcome="ok"`.
    QString bar(const QString &attributes, const QDateTime &from, const QDateTime &to, int y,
                const QString &title) const
    {
        const double left = x(from);
        const double width = std::max(2.0, x(to) - left);
        return QStringLiteral("<rect %1 x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\" rx=\"2\">"
                              "<title>%6</title></rect>")
            .arg(attributes)
            .arg(left, 0, 'f', 1)
            .arg(y + (kRowHeight - kBarHeight) / 2)
            .arg(width, 0, 'f', 1)
            .arg(kBarHeight)
            .arg(html::escape(title));
    }

    QString nodeRow(const NodeState &node, int y) const
    {
        QString label = node.id;
        if (node.role == NodeRole::Rollback)
            label += QStringLiteral(" (rollback)");
        else if (node.role == NodeRole::ErrorHandler)
            label += QStringLiteral(" (handler)");
        QString out = QStringLiteral("<a href=\"#node-%1\"><text class=\"label %2\" x=\"12\" y=\"%3\">%4</text></a>")
                          .arg(html::escape(node.id),
                               node.role == NodeRole::Main ? QStringLiteral("main") : QStringLiteral("lane"))
                          .arg(y + 15)
                          .arg(html::escape(label.size() > 30 ? label.left(29) + u'…' : label));
        if (node.cloned) {
            const double cx = x(node.startedAt);
            out += QStringLiteral("<path class=\"cloned\" d=\"M%1 %2 l6 6 l-6 6 l-6 -6 z\"><title>%3 reused from "
                                  "the original run (%4)</title></path>")
                       .arg(cx, 0, 'f', 1)
                       .arg(y + 5)
                       .arg(html::escape(node.id), toString(node.status));
        }
        const QDateTime end = m_end;
        for (const AttemptRecord &attempt : m_run.attempts) {
            if (attempt.node != node.id)
                continue;
            QString title = QStringLiteral("%1 attempt %2: %3\n%4 - %5 (%6)")
                                .arg(node.id)
                                .arg(attempt.attempt)
                                .arg(attempt.outcome.isEmpty() ? QStringLiteral("running") : attempt.outcome,
                                     time(attempt.startedAt), time(attempt.endedAt),
                                     html::span(attempt.startedAt.msecsTo(attempt.endedAt.isValid() ? attempt.endedAt : end)));
            if (attempt.error)
                title += u'\n' + model::toString(attempt.error->type) + QStringLiteral(": ") + attempt.error->message;
            if (!attempt.externalId.isEmpty())
                title += QStringLiteral("\njob ") + attempt.externalId;
            out += bar(QStringLiteral("class=\"attempt\" data-outcome=\"%1\"").arg(outcomeClass(attempt.outcome)),
                       attempt.startedAt, attempt.endedAt.isValid() ? attempt.endedAt : end, y, title);
        }
        out += retryWaits(node, y);
        for (const InterventionRecord &record : m_run.requests) {
            if (record.request.step != node.id)
                continue;
            const bool approval = record.request.kind == RequestKind::Approval;
            const QDateTime until = record.decidedAt.isValid() ? record.decidedAt : end;
            QString title = QStringLiteral("%1 waiting for %2 from %3 to %4 (%5)")
                                .arg(node.id, approval ? QStringLiteral("approval") : QStringLiteral("a decision"),
                                     time(record.request.requestedAt), time(until),
                                     html::span(record.request.requestedAt.msecsTo(until)));
            title += record.decision.isEmpty() ? QStringLiteral("\nstill open")
                                               : QStringLiteral("\n%1 by %2").arg(record.decision,
                                                                                  record.who.isEmpty() ? record.by : record.who);
            out += bar(QStringLiteral("class=\"wait\""), record.request.requestedAt, until, y, title);
        }
        return out;
    }

    // From each retryScheduled of the node to the attempt it scheduled.
    QString retryWaits(const NodeState &node, int y) const
    {
        QString out;
        const QList<RunEvent> &events = m_run.snapshot.events;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const RunEvent &event = events.at(i);
            if (event.node != node.id || event.event != QLatin1String("retryScheduled"))
                continue;
            QDateTime until = event.at.addMSecs(std::max<qint64>(0, event.delayMs));
            for (qsizetype j = i + 1; j < events.size(); ++j) {
                const RunEvent &next = events.at(j);
                if (next.node == node.id && next.event == QLatin1String("attemptStarted")) {
                    until = next.at;
                    break;
                }
            }
            out += bar(QStringLiteral("class=\"retry\""), event.at, until, y,
                       QStringLiteral("%1 waiting %2 before attempt %3")
                           .arg(node.id, html::span(event.delayMs))
                           .arg(event.attempt));
        }
        return out;
    }

    const StoredRun &m_run;
    QList<Row> m_rows;
    int m_leftOut = 0;
    QDateTime m_start;
    QDateTime m_end;
    qint64 m_spanMs = 1;
};

} // namespace

QString timelineSvg(const StoredRun &run, int maxRows)
{
    return Timeline(run, maxRows).svg();
}

} // namespace pw::engine
