#include "TimelineSvg.h"

#include "HtmlText.h"

#include <QHash>

#include <algorithm>

namespace pw::engine {
namespace {

constexpr int kWidth = 1156; // the page's column (1160 px) less the frame's border
constexpr int kLabelWidth = 250; // the column of step names
constexpr int kRight = 34; // room for the last tick's label
constexpr int kTrackWidth = kWidth - kLabelWidth - kRight;
constexpr int kAxisHeight = 28;
constexpr int kRowHeight = 22;
constexpr int kStageHeight = 24;
constexpr int kBarHeight = 14;
constexpr int kWaitHeight = 10; // thinner than an attempt: nothing ran meanwhile
constexpr double kCharWidth = 6.9; // an 11.5 px sans-serif character, wide (DejaVu) rather than narrow
constexpr int kRowsBeforeFootAxis = 25; // a taller timeline repeats the axis at its foot

QString num(double value)
{
    return QString::number(value, 'f', 1);
}

QString num(qint64 value)
{
    return QString::number(value);
}

QString num(int value)
{
    return QString::number(value);
}

QString clockTime(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(QStringLiteral("hh:mm:ss.zzz")) : QStringLiteral("-");
}

// The tooltip of an SVG element: each line escaped on its own, so that the line breaks stay
// line breaks instead of showing as `\x0a`.
QString tooltip(const QStringList &lines)
{
    QStringList escaped;
    for (const QString &line : lines) {
        for (const QString &piece : line.split(u'\n'))
            escaped << html::escape(piece);
    }
    return QStringLiteral("<title>") + escaped.join(u'\n') + QStringLiteral("</title>");
}

QString elided(const QString &text, double width)
{
    const qsizetype fits = std::max<qsizetype>(3, qsizetype(width / kCharWidth));
    return text.size() <= fits ? text : text.left(fits - 1) + u'…';
}

// A tick every 1, 2 or 5 times a power of ten, or a round number of seconds, minutes or
// hours, so that the axis gets at most 8 intervals.
qint64 tickStep(qint64 spanMs)
{
    static constexpr qint64 kSteps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000,
                                        30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000,
                                        7200000, 10800000, 21600000, 43200000, 86400000};
    for (const qint64 step : kSteps) {
        if (spanMs / step <= 8)
            return step;
    }
    return 86400000LL * ((spanMs / 86400000 + 7) / 8);
}

// One unit for the whole axis, chosen by the step, so that labels read as a sequence.
QString tickLabel(qint64 ms, qint64 step)
{
    if (ms == 0)
        return QStringLiteral("0");
    if (step < 1000)
        return num(ms) + QStringLiteral(" ms");
    if (step < 60000)
        return num(ms / 1000) + QStringLiteral(" s");
    if (step < 3600000) {
        const qint64 minutes = ms / 60000;
        if (minutes < 60 || minutes % 60 == 0)
            return minutes < 60 ? num(minutes) + QStringLiteral(" min") : num(minutes / 60) + QStringLiteral(" h");
        return num(minutes / 60) + QStringLiteral(" h ") + num(minutes % 60) + QStringLiteral(" min");
    }
    if (step < 86400000)
        return num(ms / 3600000) + QStringLiteral(" h");
    return num(ms / 86400000) + QStringLiteral(" d");
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

// 45° strokes across a rectangle, cut at its edges: the hatching of a retry wait, drawn out
// rather than as a <pattern>, which would take a url() reference.
QString hatchPath(double left, double top, double width, double height)
{
    QString path;
    const double right = left + width;
    const double bottom = top + height;
    for (double start = left - height; start < right; start += 5) {
        double x0 = start, y0 = bottom, x1 = start + height, y1 = top;
        if (x0 < left) {
            y0 -= left - x0;
            x0 = left;
        }
        if (x1 > right) {
            y1 += x1 - right;
            x1 = right;
        }
        if (x1 - x0 >= 0.5)
            path += u'M' + num(x0) + u' ' + num(y0) + u'L' + num(x1) + u' ' + num(y1);
    }
    return path;
}

struct Row
{
    const NodeState *node = nullptr; // null: the heading of a stage
    QString stage;
};

class Timeline
{
public:
    Timeline(const StoredRun &run, int maxRows) : m_run(run)
    {
        for (const NodeState &node : run.snapshot.nodes)
            m_nodes.insert(node.id, &node);
        for (const AttemptRecord &attempt : run.attempts)
            m_attempts[attempt.node].append(&attempt);
        for (const InterventionRecord &record : run.requests)
            m_requests[record.request.step].append(&record);
        for (qsizetype i = 0; i < run.snapshot.events.size(); ++i)
            m_events[run.snapshot.events.at(i).node].append(i);
        findTimeRange();
        collectRows(maxRows);
    }

    QString svg() const
    {
        int bodyHeight = 0;
        for (const Row &row : m_rows)
            bodyHeight += row.node ? kRowHeight : kStageHeight;
        const bool footAxis = m_stepRows > kRowsBeforeFootAxis;
        const int bodyBottom = kAxisHeight + bodyHeight;
        const int height = bodyBottom + (footAxis ? kAxisHeight - 8 : 0) + (m_leftOut > 0 ? kRowHeight : 0) + 6;
        QString out = QStringLiteral("<svg id=\"timeline\" class=\"tl\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                                     "role=\"img\" aria-label=\"Timeline of every attempt\">")
                          .arg(num(kWidth), num(height));
        int y = kAxisHeight;
        int stepIndex = 0;
        for (const Row &row : m_rows) {
            out += row.node ? background(*row.node, y, stepIndex++) : QString();
            y += row.node ? kRowHeight : kStageHeight;
        }
        out += axis(bodyBottom, footAxis);
        y = kAxisHeight;
        for (const Row &row : m_rows) {
            out += row.node ? stepRow(*row.node, y) : stageHeading(row.stage, y);
            y += row.node ? kRowHeight : kStageHeight;
        }
        if (m_leftOut > 0)
            out += QStringLiteral("<text class=\"more\" x=\"4\" y=\"%1\">The first %2 steps are drawn; %3 more were "
                                  "left out.</text>").arg(num(height - 12), num(m_stepRows), num(m_leftOut));
        return out + QStringLiteral("</svg>");
    }

private:
    void findTimeRange()
    {
        const RunSummary &summary = m_run.summary;
        m_start = summary.startedAt.isValid() ? summary.startedAt : m_run.snapshot.startedAt;
        QDateTime latest = m_start;
        const auto include = [&](const QDateTime &at) {
            if (!at.isValid())
                return;
            if (!m_start.isValid() || at < m_start)
                m_start = at;
            if (!latest.isValid() || at > latest)
                latest = at;
        };
        for (const AttemptRecord &attempt : m_run.attempts) {
            include(attempt.startedAt);
            include(attempt.endedAt);
        }
        for (const InterventionRecord &record : m_run.requests) {
            include(record.request.requestedAt);
            include(record.decidedAt);
        }
        const bool live = summary.status == RunStatus::Running || summary.status == RunStatus::Pending;
        QDateTime end = summary.endedAt.isValid() ? summary.endedAt : m_run.snapshot.endedAt;
        if (!end.isValid()) // still running: up to now; stopped without an end: its last sign of life
            end = live ? QDateTime::currentDateTimeUtc() : latest;
        if (latest.isValid() && latest > end)
            end = latest;
        if (!m_start.isValid())
            m_start = end.isValid() ? end : QDateTime::currentDateTimeUtc();
        m_end = end.isValid() ? end : m_start;
        m_spanMs = std::max<qint64>(1, m_start.msecsTo(m_end));
    }

    void collectRows(int maxRows)
    {
        const auto active = [this](const QString &id) { return m_attempts.contains(id) || m_requests.contains(id); };
        bool firstRow = true;
        QString stage;
        for (const NodeState &node : m_run.snapshot.nodes) {
            if (node.kind != NodeKind::Step || (!active(node.id) && !node.cloned))
                continue;
            if (m_stepRows >= maxRows) {
                ++m_leftOut;
                continue;
            }
            if (firstRow || node.stage != stage) {
                m_rows.append({nullptr, node.stage});
                stage = node.stage;
                firstRow = false;
            }
            m_rows.append({&node, node.stage});
            ++m_stepRows;
        }
        if (m_rows.isEmpty())
            m_rows.append({nullptr, QString()});
    }

    double x(const QDateTime &at) const
    {
        const qint64 offset = std::clamp<qint64>(m_start.msecsTo(at), 0, m_spanMs);
        return kLabelWidth + double(offset) * kTrackWidth / double(m_spanMs);
    }

    QString axis(int bodyBottom, bool footAxis) const
    {
        QString out = QStringLiteral("<text class=\"axis-note\" x=\"4\" y=\"%1\">%2</text>")
                          .arg(num(kAxisHeight - 10),
                               html::escape(QStringLiteral("from ") + clockTime(m_start) + QStringLiteral(" UTC")));
        const qint64 step = tickStep(m_spanMs);
        for (qint64 tick = 0; tick <= m_spanMs; tick += step) {
            const QString tx = num(x(m_start.addMSecs(tick)));
            const QString label = html::escape(tickLabel(tick, step));
            out += QStringLiteral("<line class=\"grid\" x1=\"%1\" x2=\"%1\" y1=\"%2\" y2=\"%3\"/>"
                                  "<text class=\"tick\" x=\"%1\" y=\"%4\">%5</text>")
                       .arg(tx, num(kAxisHeight - 6), num(bodyBottom + 2),
                            num(kAxisHeight - 10), label);
            if (footAxis)
                out += QStringLiteral("<text class=\"tick\" x=\"%1\" y=\"%2\">%3</text>")
                           .arg(tx, num(bodyBottom + 14), label);
        }
        return out;
    }

    QString stageHeading(const QString &stage, int y) const
    {
        QString title = QStringLiteral("(no step ran)");
        if (m_stepRows > 0)
            title = stage.isEmpty() ? QStringLiteral("pipeline error handler") : QStringLiteral("stage ") + stage;
        const NodeState *stageNode = m_nodes.value(stage);
        if (stageNode && stageNode->cloned)
            title += QStringLiteral(" (reused)");
        return QStringLiteral("<line class=\"sep\" x1=\"0\" x2=\"%1\" y1=\"%2\" y2=\"%2\"/>"
                              "<text class=\"stage\" x=\"4\" y=\"%3\">%4</text>")
            .arg(num(kWidth), num(y + 0.5), num(y + 16),
                 html::escape(elided(title, kLabelWidth - 8)));
    }

    // Drawn before the grid, so the grid shows on top of the bands.
    static QString background(const NodeState &node, int y, int stepRow)
    {
        QString band = QStringLiteral("zebra");
        if (node.role == NodeRole::Rollback)
            band = QStringLiteral("rollback");
        else if (node.role == NodeRole::ErrorHandler)
            band = QStringLiteral("handler");
        else if (stepRow % 2 == 0)
            return {};
        return QStringLiteral("<rect class=\"band\" data-band=\"%1\" x=\"0\" y=\"%2\" width=\"%3\" height=\"%4\"/>")
            .arg(band, num(y), num(kWidth), num(kRowHeight));
    }

    QString stepRow(const NodeState &node, int y) const
    {
        QString out = label(node, y);
        if (node.cloned) {
            const double cx = x(node.startedAt);
            out += QStringLiteral("<g class=\"cloned\" data-mark=\"reused\">%1<path d=\"M%2 %3l5 5l-5 5l-5 -5z\"/>"
                                  "<text x=\"%4\" y=\"%5\">reused</text></g>")
                       .arg(tooltip({node.id + QStringLiteral(": reused from run ")
                                         + (m_run.summary.originRunId.isEmpty() ? QStringLiteral("?")
                                                                                : m_run.summary.originRunId)
                                         + QStringLiteral(" (") + toString(node.status) + u')'}),
                            num(cx), num(y + 6), num(cx + 8), num(y + 15));
        }
        out += retryWaits(node, y);
        for (const InterventionRecord *record : m_requests.value(node.id))
            out += personWait(node, *record, y);
        const QList<const AttemptRecord *> attempts = m_attempts.value(node.id);
        for (const AttemptRecord *attempt : attempts)
            out += attemptBar(*attempt, y, attempts.size() > 1);
        return out;
    }

    QString label(const NodeState &node, int y) const
    {
        const int depth = std::clamp(int(node.parents.size()) - 1, 0, 6); // within its stage
        const int indent = 14 + 10 * depth;
        QString tag;
        if (node.role == NodeRole::Rollback)
            tag = QStringLiteral("rollback");
        else if (node.role == NodeRole::ErrorHandler)
            tag = QStringLiteral("handler");
        const double room = kLabelWidth - indent - 8 - (tag.isEmpty() ? 0 : (tag.size() + 2) * kCharWidth * 0.9);
        QString out = QStringLiteral("<a href=\"#node-%1\"><text class=\"label\" x=\"%2\" y=\"%3\">%4%5</text></a>")
                          .arg(html::escape(node.id), num(indent), num(y + 15),
                               html::escape(elided(node.id, room)), tooltip({node.id}));
        if (!tag.isEmpty())
            out += QStringLiteral("<text class=\"tag-%1\" x=\"%2\" y=\"%3\">%1</text>")
                       .arg(tag, num(kLabelWidth - 8), num(y + 15));
        return out;
    }

    // `attributes` go before the geometry; `children` (a <title>) make it a container.
    static QString rect(const QString &attributes, double left, double right, int y, int height,
                        const QString &children = {})
    {
        QString out = QStringLiteral("<rect ") + (attributes.isEmpty() ? QString() : attributes + u' ')
                      + QStringLiteral("x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"2\"")
                            .arg(num(left), num(y + (kRowHeight - height) / 2.0), num(std::max(2.0, right - left)),
                                 num(height));
        if (children.isEmpty())
            return out + QStringLiteral("/>");
        return out + u'>' + children + QStringLiteral("</rect>");
    }

    QString attemptBar(const AttemptRecord &attempt, int y, bool numbered) const
    {
        if (!attempt.startedAt.isValid())
            return {};
        const QDateTime until = attempt.endedAt.isValid() ? attempt.endedAt : m_end;
        QStringList lines{QStringLiteral("%1 attempt %2: %3")
                              .arg(attempt.node, QString::number(attempt.attempt),
                                   attempt.outcome.isEmpty() ? QStringLiteral("still running") : attempt.outcome),
                          clockTime(attempt.startedAt) + QStringLiteral(" to ")
                              + (attempt.endedAt.isValid() ? clockTime(attempt.endedAt) : QStringLiteral("(running)"))
                              + QStringLiteral(" UTC, ") + html::span(attempt.startedAt.msecsTo(until))};
        if (attempt.error)
            lines << model::toString(attempt.error->type) + QStringLiteral(": ") + attempt.error->message;
        if (!attempt.externalId.isEmpty())
            lines << QStringLiteral("job ") + attempt.externalId;
        const double left = x(attempt.startedAt);
        const double right = std::max(left + 2, x(until));
        QString bar = rect(QStringLiteral("class=\"attempt\" data-outcome=\"") + outcomeClass(attempt.outcome) + u'"',
                           left, right, y, kBarHeight, tooltip(lines));
        if (numbered && right - left >= 24)
            bar += QStringLiteral("<text class=\"bar-label\" x=\"%1\" y=\"%2\">#%3</text>")
                       .arg(num((left + right) / 2), num(y + 15), QString::number(attempt.attempt));
        return bar;
    }

    // From each retryScheduled of the step (or of a group around it, RetryStepGroup) to the
    // attempt it scheduled.
    QString retryWaits(const NodeState &node, int y) const
    {
        QString out;
        const QList<RunEvent> &events = m_run.snapshot.events;
        QStringList owners = node.parents;
        owners.prepend(node.id);
        for (const QString &owner : owners) {
            const NodeState *ownerNode = m_nodes.value(owner);
            if (owner != node.id && (!ownerNode || ownerNode->kind != NodeKind::Group))
                continue;
            for (const qsizetype index : m_events.value(owner)) {
                const RunEvent &event = events.at(index);
                if (event.event != QLatin1String("retryScheduled"))
                    continue;
                const QDateTime until = nextAttemptStart(index, owner).value_or(
                    event.at.addMSecs(std::max<qint64>(0, event.delayMs)));
                const double left = x(event.at);
                const double right = std::max(left + 2, x(until));
                const double top = y + (kRowHeight - kWaitHeight) / 2.0;
                const QString what = owner == node.id ? QStringLiteral("attempt ") + num(event.attempt)
                                                      : QString(QStringLiteral("group ") + owner + QStringLiteral(" run ")
                                                                + num(event.attempt));
                out += QStringLiteral("<g class=\"retry-wait\" data-wait=\"retry\">%1%2<path d=\"%3\"/></g>")
                           .arg(tooltip({node.id + QStringLiteral(": waiting ") + html::span(event.delayMs)
                                             + QStringLiteral(" before ") + what,
                                         clockTime(event.at) + QStringLiteral(" to ") + clockTime(until)
                                             + QStringLiteral(" UTC")}),
                                rect({}, left, right, y, kWaitHeight), hatchPath(left, top, right - left, kWaitHeight));
            }
        }
        return out;
    }

    // The next attempt of `owner` after event `index`, or of any step inside it when a group.
    std::optional<QDateTime> nextAttemptStart(qsizetype index, const QString &owner) const
    {
        const QList<RunEvent> &events = m_run.snapshot.events;
        for (qsizetype i = index + 1; i < events.size(); ++i) {
            const RunEvent &event = events.at(i);
            if (event.event != QLatin1String("attemptStarted"))
                continue;
            if (event.node == owner)
                return event.at;
            const NodeState *step = m_nodes.value(event.node);
            if (step && step->parents.contains(owner))
                return event.at;
        }
        return std::nullopt;
    }

    QString personWait(const NodeState &node, const InterventionRecord &record, int y) const
    {
        const InterventionRequest &request = record.request;
        if (!request.requestedAt.isValid())
            return {};
        QDateTime until = record.decidedAt;
        if (!until.isValid()) // still open, or closed without a word: up to the deadline at most
            until = request.deadline.isValid() ? std::min(request.deadline, m_end) : m_end;
        const bool approval = request.kind == RequestKind::Approval;
        QString outcome = QStringLiteral("no decision");
        if (!record.decision.isEmpty())
            outcome = record.decision + QStringLiteral(" by ") + (record.who.isEmpty() ? record.by : record.who);
        QStringList lines{node.id + (approval ? QStringLiteral(": waiting for approval")
                                               : QStringLiteral(": waiting for a decision")),
                          clockTime(request.requestedAt) + QStringLiteral(" to ") + clockTime(until)
                              + QStringLiteral(" UTC, ") + html::span(request.requestedAt.msecsTo(until)),
                          outcome};
        if (!record.comment.isEmpty())
            lines << QStringLiteral("comment: ") + record.comment;
        const double left = x(request.requestedAt);
        const double right = std::max(left + 2, x(until));
        QString out = QStringLiteral("<g class=\"intervention-wait\" data-wait=\"person\" data-kind=\"%1\">%2%3")
                          .arg(approval ? QStringLiteral("approval") : QStringLiteral("intervention"), tooltip(lines),
                               rect({}, left, right, y, kBarHeight));
        const QString caption = record.decision.isEmpty() ? QStringLiteral("waiting") : record.decision;
        if (right - left >= (caption.size() + 1) * kCharWidth * 0.9)
            out += QStringLiteral("<text x=\"%1\" y=\"%2\">%3</text>")
                       .arg(num(left + 4), num(y + 15), html::escape(caption));
        return out + QStringLiteral("</g>");
    }

    const StoredRun &m_run;
    QHash<QString, const NodeState *> m_nodes;
    QHash<QString, QList<const AttemptRecord *>> m_attempts;
    QHash<QString, QList<const InterventionRecord *>> m_requests;
    QHash<QString, QList<qsizetype>> m_events; // indexes into snapshot.events, per node
    QList<Row> m_rows;
    int m_stepRows = 0;
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

QString timelineLegend()
{
    const auto swatch = [](const QString &shape, const QString &meaning) {
        return QStringLiteral("<span><svg class=\"tl\" width=\"24\" height=\"12\" viewBox=\"0 0 24 12\" "
                              "style=\"display:inline\">%1</svg>%2</span>")
            .arg(shape, meaning);
    };
    // The same data attributes as the timeline's, which the colours key on, and none of its
    // classes, so that counting `class="attempt"` and the like on the page counts the timeline.
    const QString bar = QStringLiteral("<rect data-outcome=\"%1\" x=\"0\" y=\"0\" width=\"24\" "
                                       "height=\"12\" rx=\"2\"/>");
    return QStringLiteral("<div class=\"legend\">")
        + swatch(bar.arg(QStringLiteral("ok")), QStringLiteral("attempt succeeded"))
        + swatch(bar.arg(QStringLiteral("failed")), QStringLiteral("attempt failed"))
        + swatch(bar.arg(QStringLiteral("cancelled")), QStringLiteral("cancelled or interrupted"))
        + swatch(bar.arg(QStringLiteral("running")), QStringLiteral("still running"))
        + swatch(QStringLiteral("<g data-wait=\"retry\"><rect x=\"0.5\" y=\"1.5\" width=\"23\" height=\"9\"/>"
                                "<path d=\"") + hatchPath(0.5, 1.5, 23, 9) + QStringLiteral("\"/></g>"),
                 QStringLiteral("waiting to retry"))
        + swatch(QStringLiteral("<g data-wait=\"person\"><rect x=\"0.5\" y=\"0.5\" width=\"23\" height=\"11\"/></g>"),
                 QStringLiteral("waiting for a person (intervention, approval)"))
        + swatch(QStringLiteral("<g data-mark=\"reused\"><path d=\"M6 1l5 5l-5 5l-5 -5z\"/></g>"),
                 QStringLiteral("reused from the original run"))
        + swatch(QStringLiteral("<rect data-band=\"rollback\" width=\"24\" height=\"12\"/>"), QStringLiteral("rollback step"))
        + swatch(QStringLiteral("<rect data-band=\"handler\" width=\"24\" height=\"12\"/>"),
                 QStringLiteral("error handler step"))
        + QStringLiteral("</div>");
}

} // namespace pw::engine
