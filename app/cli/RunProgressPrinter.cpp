#include "RunProgressPrinter.h"

#include "RunMirror.h"
#include "TerminalText.h"
#include "TimeText.h"

#include <QSet>

namespace pw::cli {
namespace {

using engine::NodeKind;
using engine::NodeStatus;

constexpr int kMaxLabelWidth = 36;

QString errorText(const engine::NodeState &node)
{
    if (!node.error)
        return {};
    return model::toString(node.error->type) + QStringLiteral(": ") + node.error->message;
}

QString attemptsText(int attempts)
{
    return attempts == 1 ? QStringLiteral("attempt 1")
                         : QStringLiteral("attempts %1").arg(attempts);
}

} // namespace

RunProgressPrinter::RunProgressPrinter(const RunMirror &mirror, Sink sink)
    : m_mirror(mirror)
    , m_sink(std::move(sink))
{}

void RunProgressPrinter::runStarted()
{
    // One width for the whole run, so that statuses line up as a column.
    for (const engine::NodeState &node : m_mirror.snapshot().nodes)
        m_labelWidth = std::max<int>(m_labelWidth, int(label(node.id).size()));
    m_labelWidth = std::min(m_labelWidth, kMaxLabelWidth);
    const engine::RunSnapshot &run = m_mirror.snapshot();
    m_sink(line(run.startedAt, QStringLiteral("run"),
                m_story ? QStringLiteral("rehearsal %1 of pipeline %2 started (nothing is executed; times are virtual)")
                              .arg(run.runId, run.pipelineId)
                        : QStringLiteral("%1 of pipeline %2 started").arg(run.runId, run.pipelineId)));
}

QString RunProgressPrinter::label(const QString &nodeId) const
{
    const engine::NodeState *node = m_mirror.node(nodeId);
    if (!node)
        return QStringLiteral("node ") + nodeId;
    // Stage and id: ids are unique, and group lines show the groups.
    const QString path = node->stage.isEmpty() ? nodeId : node->stage + u'/' + nodeId;
    return engine::toString(node->kind) + u' ' + (node->kind == NodeKind::Stage ? nodeId : path);
}

QString RunProgressPrinter::timeText(const QDateTime &at) const
{
    const qint64 elapsed = m_mirror.snapshot().startedAt.msecsTo(at);
    if (m_story)
        return offsetText(elapsed).rightJustified(15);
    return QStringLiteral("[%1s]").arg(elapsedText(elapsed));
}

QString RunProgressPrinter::line(const QDateTime &at, const QString &labelText,
                                 const QString &text) const
{
    return QStringLiteral("%1 %2  %3").arg(timeText(at), labelText.leftJustified(m_labelWidth), text);
}

void RunProgressPrinter::eventsAdded(const QList<engine::RunEvent> &events)
{
    m_heldEvents.append(events);
}

void RunProgressPrinter::logLinesAdded(const QList<engine::LogLine> &lines)
{
    m_heldLines.append(lines);
}

bool RunProgressPrinter::printsBefore(const engine::LogLine &logLine, const engine::RunEvent &event)
{
    if (logLine.at != event.at)
        return logLine.at < event.at;
    // Times have millisecond resolution and often tie: a step's output comes after the
    // start of its attempt and before whatever ended it.
    if (logLine.node != event.node)
        return false;
    // The engine's note on a failure ("failure strategy: Retry ...") follows the failure.
    if (logLine.stream == engine::LogLine::Stream::Engine && event.event == QLatin1String("attemptFailed"))
        return false;
    return event.event != QLatin1String("started")
           && event.event != QLatin1String("attemptStarted");
}

void RunProgressPrinter::flush()
{
    const QList<engine::RunEvent> events = std::exchange(m_heldEvents, {});
    const QList<engine::LogLine> lines = std::exchange(m_heldLines, {});
    // The mirror holds each node's *latest* error. It belongs to a failed attempt only when
    // no later attempt of that node failed within the same batch.
    QSet<QString> laterFailure;
    QList<bool> latest(events.size(), false);
    for (qsizetype i = events.size() - 1; i >= 0; --i) {
        if (events.at(i).event != QLatin1String("attemptFailed"))
            continue;
        latest[i] = !laterFailure.contains(events.at(i).node);
        laterFailure.insert(events.at(i).node);
    }
    qsizetype nextLine = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const engine::RunEvent &event = events.at(i);
        for (; nextLine < lines.size() && printsBefore(lines.at(nextLine), event); ++nextLine) {
            const QString text = logText(lines.at(nextLine));
            if (!text.isEmpty())
                m_sink(text);
        }
        if (event.event == QLatin1String("attemptStarted"))
            m_attempts.insert(event.node, event.attempt);
        const QString text = eventText(event, latest.at(i));
        if (!text.isEmpty())
            m_sink(line(event.at, label(event.node), text));
    }
    for (; nextLine < lines.size(); ++nextLine) {
        const QString text = logText(lines.at(nextLine));
        if (!text.isEmpty())
            m_sink(text);
    }
}

QString RunProgressPrinter::eventText(const engine::RunEvent &event, bool latestFailureOfNode) const
{
    const engine::NodeState *node = m_mirror.node(event.node);
    const bool isStep = node && node->kind == NodeKind::Step;
    const QString &name = event.event;
    if (name == QLatin1String("started"))
        return isStep ? QString() : QStringLiteral("started"); // a step says so with attempt 1
    if (name == QLatin1String("attemptStarted"))
        return event.attempt <= 1 ? QStringLiteral("started")
                                  : QStringLiteral("attempt %1 started").arg(event.attempt);
    if (name == QLatin1String("attemptFailed")) {
        QString text =
            QStringLiteral("attempt %1 failed: %2")
                .arg(event.attempt)
                .arg(event.errorType ? model::toString(*event.errorType) : QStringLiteral("error"));
        if (latestFailureOfNode && node && node->error
            && (!event.errorType || node->error->type == *event.errorType))
            text += QStringLiteral(": ") + node->error->message;
        return text;
    }
    if (name == QLatin1String("retryScheduled"))
        return QStringLiteral("retry in %1 (attempt %2)")
            .arg(spanText(event.delayMs))
            .arg(event.attempt);
    if (name == QLatin1String("decided"))
        return QStringLiteral("decided %1 (by %2)").arg(event.decision, event.by);
    if (name == QLatin1String("cloned"))
        return QStringLiteral("reused from the original run");
    if (name == QLatin1String("ended") && node) {
        // The event carries the status it ended with; the attempts are counted from the
        // events so far (the mirror may already be ahead); warning and error come from it.
        engine::NodeState ended = *node;
        if (event.status)
            ended.status = *event.status;
        ended.attempts = m_attempts.value(event.node, 0);
        return endedText(ended);
    }
    // waiting: the request says more (interventionRequested); skipped and cancelled are
    // always followed by `ended`.
    return {};
}

QString RunProgressPrinter::endedText(const engine::NodeState &node) const
{
    QString text = engine::toString(node.status);
    QStringList notes;
    if (node.kind == NodeKind::Step && node.attempts > 0)
        notes << attemptsText(node.attempts);
    if (node.warning)
        notes << QStringLiteral("warning");
    if (!notes.isEmpty())
        text = text.leftJustified(15) + u'(' + notes.join(QStringLiteral(", ")) + u')';
    const bool showsError = node.status == NodeStatus::Failed
                            || node.status == NodeStatus::IgnoredFailure
                            || (node.status == NodeStatus::Aborted && node.attempts > 0);
    if (showsError && node.kind == NodeKind::Step && node.error)
        text += QStringLiteral(" — ") + errorText(node);
    return text.trimmed();
}

QString RunProgressPrinter::logText(const engine::LogLine &logLine) const
{
    // The run's own messages ("run timeout of 1s reached", "run aborted (user)").
    if (logLine.node.isEmpty())
        return line(logLine.at, QStringLiteral("run"), terminalSafe(logLine.text));
    // The engine's notes on a step mostly repeat what the event lines say; the step's own
    // output is what people want to see. A story tells how each failure was handled.
    if (logLine.stream == engine::LogLine::Stream::Engine) {
        const bool handling = !logLine.text.startsWith(QLatin1String("attempt "))
                              && !logLine.text.startsWith(QLatin1String("rehearsal: "))
                              && !logLine.text.startsWith(QLatin1String("decided by "));
        // Where a cluster has the step (job id, why it waits, where it runs) is news, though.
        const bool clusterNote = logLine.text.contains(QLatin1String("Slurm job"));
        if (clusterNote && !m_story)
            return QStringLiteral("%1     %2 - %3").arg(timeText(logLine.at), logLine.node, terminalSafe(logLine.text));
        return m_story && handling ? line(logLine.at, label(logLine.node), terminalSafe(logLine.text)) : QString();
    }
    if (logLine.skipped > 0) {
        return QStringLiteral("%1     %2 ~ ... %3 line(s) not shown here, too many too fast "
                              "(pipewright logs %4 %2 shows them all)")
            .arg(timeText(logLine.at), logLine.node)
            .arg(logLine.skipped)
            .arg(m_mirror.snapshot().runId);
    }
    const QChar marker = logLine.stream == engine::LogLine::Stream::Err ? u'!' : u'|';
    return QStringLiteral("%1     %2 %3 %4")
        .arg(timeText(logLine.at), logLine.node, marker, terminalSafe(logLine.text));
}

void RunProgressPrinter::interventionRequested(const engine::InterventionRequest &request)
{
    flush(); // what led to the request comes first
    const qint64 waitMs = request.requestedAt.msecsTo(request.deadline);
    QString text;
    if (request.kind == engine::RequestKind::Approval) {
        text = QStringLiteral("waiting for approval");
        if (!request.message.isEmpty())
            text += QStringLiteral(": \"%1\"").arg(request.message);
        if (!request.approvers.isEmpty())
            text += QStringLiteral(" (approvers: %1)").arg(request.approvers);
        text += QStringLiteral("; fails with Timeout in %1").arg(spanText(waitMs));
    } else {
        // The allowed decisions are listed by the prompt; here the line stays short.
        text = QStringLiteral("waiting for a decision; %1 in %2")
                   .arg(request.onTimeout, spanText(waitMs));
    }
    m_sink(line(request.requestedAt, label(request.step), text));
}

QString RunProgressPrinter::finalLine(const engine::RunSnapshot &snapshot,
                                      const QString &reportPath, const QString &remark)
{
    QString text = snapshot.rehearsal
                       ? QStringLiteral("rehearsal %1 %2 after %3 of virtual time")
                             .arg(snapshot.runId, engine::toString(snapshot.status),
                                  spanText(snapshot.startedAt.msecsTo(snapshot.endedAt)))
                       : QStringLiteral("run %1 %2 in %3")
                             .arg(snapshot.runId, engine::toString(snapshot.status),
                                  spanText(snapshot.startedAt.msecsTo(snapshot.endedAt)));
    if (snapshot.warning)
        text += QStringLiteral(" (warning)");
    if (!remark.isEmpty())
        text += QStringLiteral(" (") + remark + u')';
    if (!reportPath.isEmpty())
        text += QStringLiteral(" — report: ") + reportPath;
    return text;
}

} // namespace pw::cli
