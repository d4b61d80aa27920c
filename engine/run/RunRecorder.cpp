#include "RunRecorder.h"

namespace pw::engine {
namespace {

// Long enough to batch bursts, short enough that a person sees the run live.
constexpr int kFlushIntervalMs = 30;

} // namespace

RunRecorder::RunRecorder(const RunPlan &plan, const RunClock &clock, QObject *parent)
    : QObject(parent), m_plan(plan), m_clock(clock)
{
    m_nodes.reserve(plan.nodes().size());
    for (const PlannedNode &planned : plan.nodes()) {
        NodeState state;
        state.id = planned.id;
        state.kind = planned.kind;
        state.stage = planned.stage;
        state.parents = planned.parents;
        state.role = planned.role;
        if (planned.step)
            state.stepType = planned.step->type();
        if (planned.step && planned.executor && planned.executor->effectiveType() != model::ExecutorType::Local
            && state.stepType == model::StepType::Shell)
            state.executor = model::toString(planned.executor->effectiveType());
        m_nodes.push_back(std::move(state));
    }
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunRecorder::flush);
}

const NodeState &RunRecorder::node(const QString &id) const
{
    return m_nodes[std::size_t(m_plan.node(id).order)];
}

NodeState &RunRecorder::mutableNode(const QString &id)
{
    return m_nodes[std::size_t(m_plan.node(id).order)];
}

QList<NodeState> RunRecorder::nodes() const
{
    return QList<NodeState>(m_nodes.cbegin(), m_nodes.cend());
}

void RunRecorder::addEvent(RunEvent event)
{
    if (m_observer)
        m_observer->eventAdded(event);
    m_events.append(event);
    m_pendingEvents.append(std::move(event));
    scheduleFlush();
}

void RunRecorder::changed(const NodeState &state)
{
    if (onNodeChanged)
        onNodeChanged(state);
    if (m_observer)
        m_observer->nodeChanged(state);
    const auto found = m_pendingNodeIndex.constFind(state.id);
    if (found != m_pendingNodeIndex.cend()) {
        m_pendingNodes[*found] = state;
    } else {
        m_pendingNodeIndex.insert(state.id, m_pendingNodes.size());
        m_pendingNodes.append(state);
    }
    scheduleFlush();
}

void RunRecorder::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RunRecorder::flush()
{
    m_flushTimer.stop();
    if (!m_pendingNodes.isEmpty()) {
        m_pendingNodeIndex.clear();
        emit nodesChanged(std::exchange(m_pendingNodes, {}));
    }
    if (!m_pendingEvents.isEmpty())
        emit eventsAdded(std::exchange(m_pendingEvents, {}));
    if (!m_pendingAttempts.isEmpty())
        emit attemptsChanged(std::exchange(m_pendingAttempts, {}));
    if (!m_pendingLines.isEmpty() && m_unacknowledged < kLiveWindow) {
        ++m_unacknowledged;
        m_skipNotice.clear();
        emit logLinesAdded(std::exchange(m_pendingLines, {}));
    }
}

bool RunRecorder::hasRoom() const
{
    return m_liveEnabled && m_pendingLines.size() < kLiveLinesPerBatch;
}

void RunRecorder::add(LogLine line)
{
    if (!m_liveEnabled)
        return;
    m_pendingLines.append(std::move(line));
    scheduleFlush();
}

void RunRecorder::skipped(const QString &node, int attempt, qint64 count, qint64 firstNumber)
{
    if (!m_liveEnabled)
        return;
    // One entry per attempt, where the skipping began, counting up: bounded by the number of
    // attempts running at once.
    const QPair<QString, int> key{node, attempt};
    const auto found = m_skipNotice.constFind(key);
    if (found != m_skipNotice.cend()) {
        m_pendingLines[*found].skipped += count;
        return;
    }
    m_skipNotice.insert(key, m_pendingLines.size());
    m_pendingLines.append({m_clock.now(), node, attempt, LogLine::Stream::Out, {}, count, firstNumber});
    scheduleFlush();
}

void RunRecorder::acknowledgeLines()
{
    m_unacknowledged = std::max(0, m_unacknowledged - 1);
    if (!m_pendingLines.isEmpty())
        scheduleFlush();
}

void RunRecorder::started(const QString &id)
{
    NodeState &state = mutableNode(id);
    state.status = NodeStatus::Running;
    if (!state.startedAt.isValid()) {
        state.startedAt = m_clock.now();
        addEvent({state.startedAt, id, QStringLiteral("started"), 0, {}, -1, {}, {}, {}});
    }
    changed(state);
}

void RunRecorder::attemptStarted(const QString &id, int attempt)
{
    NodeState &state = mutableNode(id);
    state.attempts = attempt;
    const QDateTime at = m_clock.now();
    addEvent({at, id, QStringLiteral("attemptStarted"), attempt, {}, -1, {}, {}, {}});
    changed(state);
    AttemptRecord record;
    record.node = id;
    record.attempt = attempt;
    record.startedAt = at;
    m_openAttempts.insert({id, attempt}, record);
    attemptChanged(record);
}

void RunRecorder::attemptExternalId(const QString &id, int attempt, const QString &externalId)
{
    const auto found = m_openAttempts.find({id, attempt});
    if (found == m_openAttempts.end())
        return;
    found->externalId = externalId;
    attemptChanged(*found);
    NodeState &state = mutableNode(id);
    state.jobs.append(externalId);
    changed(state);
}

void RunRecorder::queuedElsewhere(const QString &id, const QString &reason)
{
    NodeState &state = mutableNode(id);
    state.status = NodeStatus::Pending;
    state.waitingReason = reason;
    changed(state);
}

void RunRecorder::startedElsewhere(const QString &id)
{
    NodeState &state = mutableNode(id);
    state.status = NodeStatus::Running;
    state.waitingReason.clear();
    changed(state);
}

void RunRecorder::attemptChanged(const AttemptRecord &record)
{
    if (m_observer)
        m_observer->attemptChanged(record);
    m_pendingAttempts.append(record);
    scheduleFlush();
}

void RunRecorder::attemptEnded(const QString &id, int attempt, const QString &outcome,
                               const std::optional<NodeError> &error)
{
    const auto found = m_openAttempts.find({id, attempt});
    if (found == m_openAttempts.end())
        return;
    AttemptRecord record = *found;
    m_openAttempts.erase(found);
    record.endedAt = m_clock.now();
    record.outcome = outcome;
    record.error = error;
    attemptChanged(record);
}

void RunRecorder::attemptFailed(const QString &id, int attempt, const NodeError &error)
{
    NodeState &state = mutableNode(id);
    state.error = error;
    addEvent({m_clock.now(), id, QStringLiteral("attemptFailed"), attempt, error.type, -1, {}, {}, {}});
    changed(state);
}

void RunRecorder::retryScheduled(const QString &id, int attempt, qint64 delayMs)
{
    NodeState &state = mutableNode(id);
    state.status = NodeStatus::Retrying;
    addEvent({m_clock.now(), id, QStringLiteral("retryScheduled"), attempt, {}, delayMs, {}, {}, {}});
    changed(state);
}

void RunRecorder::setStatus(const QString &id, NodeStatus status)
{
    NodeState &state = mutableNode(id);
    if (state.status == status)
        return;
    state.status = status;
    changed(state);
}

void RunRecorder::waiting(const QString &id)
{
    NodeState &state = mutableNode(id);
    state.status = NodeStatus::Waiting;
    addEvent({m_clock.now(), id, QStringLiteral("waiting"), state.attempts, {}, -1, {}, {}, {}});
    changed(state);
}

void RunRecorder::decided(const QString &id, const QString &decision, const QString &by)
{
    addEvent({m_clock.now(), id, QStringLiteral("decided"), 0, {}, -1, {}, decision, by});
}

void RunRecorder::ended(const QString &id, NodeStatus status)
{
    NodeState &state = mutableNode(id);
    state.status = status;
    state.endedAt = m_clock.now();
    if (status == NodeStatus::IgnoredFailure)
        state.warning = true;
    addEvent({state.endedAt, id, QStringLiteral("ended"), 0, {}, -1, status, {}, {}});
    changed(state);
}

void RunRecorder::settled(const QString &id, NodeStatus status)
{
    NodeState &state = mutableNode(id);
    if (isFinal(state.status))
        return;
    const QDateTime at = m_clock.now();
    addEvent({at, id, status == NodeStatus::Skipped ? QStringLiteral("skipped") : QStringLiteral("cancelled"),
              0, {}, -1, {}, {}, {}});
    state.status = status;
    state.endedAt = at;
    addEvent({at, id, QStringLiteral("ended"), 0, {}, -1, status, {}, {}});
    changed(state);
}

void RunRecorder::failedWithoutStart(const QString &id, const NodeError &error)
{
    mutableNode(id).error = error;
    ended(id, NodeStatus::Failed);
}

void RunRecorder::setOutputs(const QString &id, const QVariantMap &outputs)
{
    NodeState &state = mutableNode(id);
    state.outputs = outputs;
    changed(state);
}

void RunRecorder::setVars(const QString &id, const QVariantMap &vars)
{
    NodeState &state = mutableNode(id);
    state.vars = vars;
    changed(state);
}

void RunRecorder::cloned(const QString &id, const NodeState &original)
{
    NodeState &state = mutableNode(id);
    const QDateTime at = m_clock.now();
    state.status = original.status;
    state.attempts = original.attempts;
    state.warning = original.warning;
    state.error = original.error;
    state.outputs = original.outputs;
    state.vars = original.vars;
    state.cloned = true;
    state.startedAt = at;
    state.endedAt = at;
    addEvent({at, id, QStringLiteral("cloned"), 0, {}, -1, {}, {}, {}});
    changed(state);
}

void RunRecorder::setWarning(const QString &id)
{
    NodeState &state = mutableNode(id);
    if (state.warning)
        return;
    state.warning = true;
    changed(state);
}

void RunRecorder::setError(const QString &id, const NodeError &error)
{
    mutableNode(id).error = error;
}

void RunRecorder::reset(const QString &id)
{
    NodeState &state = mutableNode(id);
    state.status = NodeStatus::Pending;
    state.endedAt = {};
    state.warning = false;
    state.outputs.clear();
    changed(state);
}

void RunRecorder::log(const QString &node, int attempt, LogLine::Stream stream, const QString &text)
{
    add({m_clock.now(), node, attempt, stream, text, 0, 0});
}

void RunRecorder::interventionOpened(const InterventionRequest &request)
{
    if (m_observer)
        m_observer->interventionOpened(request);
    flush(); // the request must not overtake the events that led to it
    emit interventionRequested(request);
}

void RunRecorder::interventionClosed(const InterventionRecord &record)
{
    if (m_observer)
        m_observer->interventionClosed(record);
    m_interventions.append(record);
    flush();
    emit interventionDecided(record);
}

} // namespace pw::engine
