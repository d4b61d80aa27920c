#include "RunMonitor.h"

#include "PipelineDocument.h"
#include "RetryLimits.h"
#include "RunInputForm.h"
#include "RunRequests.h"

#include "engine/EngineThread.h"
#include "engine/LoginName.h"
#include "engine/RunInputs.h"
#include "engine/output/SecretMasker.h"
#include "engine/report/LogTails.h"
#include "engine/store/ResumePlan.h"
#include "model/PipelineFile.h"

#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

namespace pw::gui {
RunMonitor::RunMonitor(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath.isEmpty() ? engine::RunDatabase::defaultPath() : databasePath)
    , m_runDocument(new PipelineDocument(PipelineDocument::Mode::ReadOnly, this))
    , m_logs(new RunLogModel(this))
    , m_timeline(new RunTimelineModel(this))
    , m_historyModel(new RunHistoryModel(this))
    , m_requests(new RequestListModel(this))
    , m_notifications(new NotificationListModel(this))
{
    m_runDocument->outline()->setRunStates(&m_states);
    connect(m_requests, &RequestListModel::countChanged, this, &RunMonitor::waitingCountChanged);
    const auto bumpNodesRevision = [this] {
        ++m_nodesRevision;
        emit nodesRevisionChanged();
    };
    connect(&m_states, &NodeRunStates::changed, this, bumpNodesRevision);
    connect(&m_states, &NodeRunStates::cleared, this, bumpNodesRevision);
    // Opening the store also finds runs whose program died (Interrupted).
    if (const auto error = m_history.open(m_databasePath)) {
        m_storeError = *error;
    } else {
        m_historyOpen = true;
        m_historyModel->watch(&m_history);
    }
}

RunMonitor::~RunMonitor()
{
    // The engine thread stops first: nothing it sends can reach what goes next.
    m_engine.reset();
}

QString RunMonitor::status() const
{
    if (m_runId.isEmpty())
        return {};
    return m_live ? QStringLiteral("Running") : engine::toString(m_snapshot.status);
}

double RunMonitor::startedAt() const
{
    return m_snapshot.startedAt.isValid() ? double(m_snapshot.startedAt.toMSecsSinceEpoch()) : 0;
}

double RunMonitor::endedAt() const
{
    return !m_live && m_snapshot.endedAt.isValid() ? double(m_snapshot.endedAt.toMSecsSinceEpoch()) : 0;
}

void RunMonitor::notify(const QString &text, const QString &level)
{
    m_notifications->post(text, level);
}

QString RunMonitor::problemsBeforeRun(PipelineDocument *document) const
{
    if (!document || !document->hasPipeline())
        return tr("There is no pipeline to run.");
    if (!m_liveRunId.isEmpty() || !m_pendingLabel.isEmpty())
        return tr("A run is going on: abort it or wait for its end.");
    int errors = 0;
    QString first;
    for (const model::Problem &problem : document->currentProblems()) {
        if (!problem.isError())
            continue;
        if (++errors == 1)
            first = problem.message;
    }
    if (errors > 0)
        return tr("%n problem(s) must be fixed first (see Problems): %1", nullptr, errors).arg(first);
    return {};
}

QVariantList RunMonitor::inputForm(PipelineDocument *document) const
{
    if (!document || !document->hasPipeline())
        return {};
    return RunInputForm::fields(*document->pipeline(), document->filePath());
}

QString RunMonitor::checkInput(const QString &type, const QString &text)
{
    return RunInputForm::problemWith(type, text);
}

// The request for `document` with its inputs typed from text; nothing when an input does not
// fit (said in a notification).
std::optional<engine::RunRequest> RunMonitor::requestFor(PipelineDocument *document, const QVariantMap &inputs)
{
    if (const QString problem = problemsBeforeRun(document); !problem.isEmpty()) {
        notify(problem, QStringLiteral("error"));
        return std::nullopt;
    }
    const model::Pipeline &pipeline = *document->pipeline();
    auto typed = RunInputForm::typedInputs(pipeline, inputs);
    if (const QString *problem = std::get_if<QString>(&typed)) {
        notify(*problem, QStringLiteral("error"));
        return std::nullopt;
    }
    engine::RunRequest request = requestForDocument(*document);
    request.inputs = std::get<QVariantMap>(std::move(typed));
    return request;
}

bool RunMonitor::rehearse(PipelineDocument *document, const QString &stepId, const QString &errorType, int attempts)
{
    const auto type = model::parseErrorType(errorType);
    if (!type || *type == model::ErrorType::AllErrors) {
        notify(tr("Not rehearsed: '%1' is not an error type.").arg(errorType), QStringLiteral("error"));
        return false;
    }
    // The inputs the Run dialog would offer: the last ones given for this file, or defaults.
    QVariantMap inputs;
    for (const QVariant &field : inputForm(document))
        inputs.insert(field.toMap().value(QStringLiteral("id")).toString(), field.toMap().value(QStringLiteral("value")));
    std::optional<engine::RunRequest> request = requestFor(document, inputs);
    if (!request)
        return false;
    engine::RehearsalSettings rehearsal;
    rehearsal.failures.insert(stepId, {*type, std::max(0, attempts)});
    // Requests are the person's, in the dialogs; the clock waits for them a while.
    rehearsal.onIntervention = engine::AnswerMode::prompt();
    rehearsal.onApproval = engine::AnswerMode::prompt();
    rehearsal.pace = kRehearsalPace;
    rehearsal.personWindow = kRehearsalPersonWindow;
    request->rehearsal = std::move(rehearsal);
    const QString what = attempts > 0 ? tr("Rehearsal: %1 fails with %2 (first %n attempt(s))", nullptr, attempts)
                                            .arg(stepId, errorType)
                                      : tr("Rehearsal: %1 fails with %2").arg(stepId, errorType);
    return launch(std::move(*request), what, document->currentProblems());
}

bool RunMonitor::start(PipelineDocument *document, const QVariantMap &inputs)
{
    std::optional<engine::RunRequest> prepared = requestFor(document, inputs);
    if (!prepared)
        return false;
    engine::RunRequest request = std::move(*prepared);
    const QString path = document->filePath();
    QVariantMap given;
    for (auto it = inputs.cbegin(); it != inputs.cend(); ++it)
        given.insert(it.key(), it.value().toString());
    RunInputForm::remember(path, given);
    return launch(std::move(request), document->displayName(), document->currentProblems());
}

bool RunMonitor::launch(engine::RunRequest request, const QString &what, model::Problems problems)
{
    if (!m_liveRunId.isEmpty() || !m_pendingLabel.isEmpty()) {
        notify(tr("A run is going on: abort it or wait for its end."), QStringLiteral("warning"));
        return false;
    }
    auto secrets = engine::readSecrets(request.pipeline, request.environment);
    if (const QStringList *missing = std::get_if<QStringList>(&secrets)) {
        notify(tr("Not run: the pipeline declares secret(s) missing from the environment: %1")
                   .arg(missing->join(QStringLiteral(", "))),
               QStringLiteral("error"));
        return false;
    }
    request.secrets = std::get<QHash<QString, QString>>(secrets);
    for (const QString &name : engine::secretsTooShortToMask(request.secrets))
        notify(tr("Secret %1 has fewer than %2 characters: it is not masked in logs and reports.")
                   .arg(name).arg(engine::SecretMasker::kMinimumLength),
               QStringLiteral("warning"));
    request.user = engine::loginName();
    request.liveOutput = true;
    request.store = true;
    if (!m_engine) {
        m_engine = std::make_unique<engine::EngineThread>(m_historyOpen ? m_databasePath : QString(),
                                                          engine::RunPriority{kEngineNiceIncrement, kStepNiceIncrement});
        connectEngine();
    }
    m_pendingLabel = what;
    m_pendingText = request.pipelineText;
    m_pendingPipeline = request.pipeline;
    m_pendingProblems = std::move(problems);
    m_engine->startRun(std::move(request));
    return true;
}

void RunMonitor::connectEngine()
{
    using E = engine::Engine;
    const E *engine = m_engine->engine();
    connect(engine, &E::runStarted, this, &RunMonitor::runStarted);
    connect(engine, &E::nodesChanged, this, &RunMonitor::nodesChanged);
    connect(engine, &E::eventsAdded, this, &RunMonitor::eventsAdded);
    connect(engine, &E::attemptsChanged, this, &RunMonitor::attemptsChanged);
    connect(engine, &E::logLinesAdded, this, &RunMonitor::logLinesAdded);
    connect(engine, &E::interventionRequested, this, &RunMonitor::interventionRequested);
    connect(engine, &E::interventionDecided, this, &RunMonitor::interventionDecided);
    connect(engine, &E::decisionRefused, this, &RunMonitor::decisionRefused);
    connect(engine, &E::runFinished, this, &RunMonitor::runFinished);
    connect(engine, &E::storeProblem, this, [this](const QString &, const QString &message) {
        m_storeError = message;
        emit storeErrorChanged();
        notify(tr("Run store: %1").arg(message), QStringLiteral("error"));
    });
}

void RunMonitor::abort()
{
    if (m_engine && !m_liveRunId.isEmpty())
        m_engine->abortRun(m_liveRunId);
}

bool RunMonitor::rerun()
{
    settlePendingShow();
    if (m_runId.isEmpty())
        return false;
    const auto stored = m_history.run(m_runId);
    if (!stored) {
        notify(tr("Run %1 is not in the store.").arg(m_runId), QStringLiteral("error"));
        return false;
    }
    model::Problems problems;
    std::optional<engine::RunRequest> request = requestForStoredRun(*stored, &problems);
    if (!request) {
        notify(tr("The pipeline of run %1 no longer loads.").arg(m_runId), QStringLiteral("error"));
        return false;
    }
    return launch(std::move(*request), stored->summary.pipelineId, std::move(problems));
}

bool RunMonitor::resume(PipelineDocument *document)
{
    settlePendingShow();
    if (m_runId.isEmpty() || m_live)
        return false;
    const auto stored = m_history.run(m_runId);
    if (!stored)
        return false;
    if (stored->summary.rehearsal) {
        notify(tr("A rehearsal cannot be resumed: nothing of it ran."), QStringLiteral("warning"));
        return false;
    }
    std::optional<engine::RunRequest> prepared;
    model::Problems problems;
    // The edited pipeline when it is this run's, so that the fix is what runs.
    if (document && document->hasPipeline() && document->pipelineId() == stored->summary.pipelineId
        && problemsBeforeRun(document).isEmpty()) {
        prepared = requestForDocument(*document);
        problems = document->currentProblems();
    } else if (!(prepared = requestForStoredRun(*stored, &problems))) {
        notify(tr("The pipeline of run %1 no longer loads.").arg(m_runId), QStringLiteral("error"));
        return false;
    }
    engine::RunRequest request = std::move(*prepared);
    request.inputs = stored->snapshot.inputs;
    request.originRunId = m_runId;
    request.reuse = engine::planResume(request.pipeline, stored->snapshot.nodes).reuse;
    notify(tr("Resuming run %1: %n node(s) reused", nullptr, int(request.reuse.size())).arg(m_runId),
           QStringLiteral("info"));
    return launch(std::move(request), stored->summary.pipelineId, std::move(problems));
}

void RunMonitor::decide(const QString &requestId, const QString &decision, const QString &comment)
{
    if (!m_engine)
        return;
    m_requests->sending(requestId);
    m_engine->decide({requestId, decision, QStringLiteral("user"), comment, engine::loginName()});
}

void RunMonitor::show(const engine::RunSnapshot &initial, const QByteArray &pipelineText, bool live,
                      std::optional<model::Pipeline> pipeline, const model::Problems &problems, Announce announce)
{
    m_pendingShow.reset(); // this one replaces it
    const QString label = tr("run %1").arg(initial.runId);
    // The same pipeline as the run shown before (Run pressed again, Resume): its outline,
    // and the run canvas's cards, stay; only the statuses reset.
    if (m_runDocument->showsText(pipelineText))
        m_runDocument->relabel(label);
    else if (pipeline)
        m_runDocument->showText(std::move(*pipeline), problems, pipelineText, label);
    else
        m_runDocument->loadText(pipelineText, label);
    const auto &shown = m_runDocument->pipeline();
    m_states.setMaxAttempts(shown ? retryLimits(*shown) : QHash<QString, int>());
    // Later only from the design: the run document is not on screen then, so changing it a
    // turn before the rest shows nothing half-made.
    if (announce == Announce::Now || !m_runId.isEmpty()) {
        applyShow(initial, live);
        return;
    }
    m_pendingShow = PendingShow{initial, live};
    // A timer, not a queued call: Qt delivers posted events before timers, and the window's
    // own timers (animations, the next frame) are to have their turn first.
    QTimer::singleShot(1, Qt::PreciseTimer, this, &RunMonitor::settlePendingShow);
}

void RunMonitor::settlePendingShow()
{
    if (!m_pendingShow)
        return;
    PendingShow pending = std::move(*m_pendingShow);
    m_pendingShow.reset();
    applyShow(pending.initial, pending.live);
}

void RunMonitor::applyShow(const engine::RunSnapshot &initial, bool live)
{
    m_runId = initial.runId;
    m_live = live;
    m_snapshot = initial;
    m_nodeIndex.clear();
    for (qsizetype i = 0; i < m_snapshot.nodes.size(); ++i)
        m_nodeIndex.insert(m_snapshot.nodes.at(i).id, i);
    m_stepsTotal = 0;
    for (const engine::NodeState &node : std::as_const(m_snapshot.nodes)) {
        if (node.kind == engine::NodeKind::Step && node.role == engine::NodeRole::Main)
            ++m_stepsTotal;
    }
    m_states.reset(m_snapshot.nodes);
    m_logs->clear();
    m_selectedNode.clear();
    countProgress();
    emit shownRunChanged();
    emit statusChanged();
}

void RunMonitor::countProgress()
{
    int done = 0;
    for (const engine::NodeState &node : std::as_const(m_snapshot.nodes)) {
        if (node.kind == engine::NodeKind::Step && node.role == engine::NodeRole::Main && engine::isFinal(node.status))
            ++done;
    }
    if (done != m_stepsDone) {
        m_stepsDone = done;
        emit progressChanged();
    }
}

void RunMonitor::runStarted(const QString &runId, const engine::RunSnapshot &initial)
{
    if (m_pendingLabel.isEmpty())
        return; // not ours
    m_liveRunId = runId;
    const QString label = std::exchange(m_pendingLabel, {});
    m_requests->clear();
    std::optional<model::Pipeline> pipeline = std::exchange(m_pendingPipeline, std::nullopt);
    // The timeline first: the window reacts to show() at once, and a timeline still holding
    // no run would span from 1970 to now (400 axis labels made and dropped in one frame).
    m_timeline->reset(initial, {}, {});
    show(initial, std::exchange(m_pendingText, {}), true, std::move(pipeline),
         std::exchange(m_pendingProblems, {}), Announce::Later);
    notify(tr("Run %1 of %2 started").arg(runId, label), QStringLiteral("info"));
    m_historyModel->refresh();
}

void RunMonitor::nodesChanged(const QString &runId, const QList<engine::NodeState> &states)
{
    settlePendingShow();
    if (runId != m_runId)
        return;
    for (const engine::NodeState &state : states) {
        const auto found = m_nodeIndex.constFind(state.id);
        if (found != m_nodeIndex.cend())
            m_snapshot.nodes[*found] = state;
    }
    m_states.update(states);
    m_timeline->updateNodes(states);
    countProgress();
}

void RunMonitor::eventsAdded(const QString &runId, const QList<engine::RunEvent> &events)
{
    settlePendingShow();
    if (runId != m_runId)
        return;
    m_snapshot.events.append(events);
    for (const engine::RunEvent &event : events) {
        if (event.event == QLatin1String("retryScheduled"))
            m_states.noteRetry(event.node, event.at.addMSecs(std::max<qint64>(0, event.delayMs)));
    }
    m_timeline->addEvents(events);
}

void RunMonitor::attemptsChanged(const QString &runId, const QList<engine::AttemptRecord> &attempts)
{
    settlePendingShow();
    if (runId != m_runId)
        return;
    m_timeline->updateAttempts(attempts);
    for (const engine::AttemptRecord &attempt : attempts) {
        if (!attempt.endedAt.isValid())
            m_logs->noteAttempt(attempt.node, attempt.attempt);
    }
}

void RunMonitor::logLinesAdded(const QString &runId, const QList<engine::LogLine> &lines)
{
    settlePendingShow();
    // Taken: the engine may send the next batch (it holds lines back while we are busy).
    if (m_engine)
        m_engine->acknowledgeLogLines(runId);
    if (runId == m_liveRunId)
        m_requests->addLines(lines);
    if (runId == m_runId)
        m_logs->addLive(lines);
}

void RunMonitor::interventionRequested(const engine::InterventionRequest &virtualRequest)
{
    settlePendingShow();
    if (virtualRequest.runId != m_liveRunId)
        return;
    // A rehearsal's deadline is virtual: the engine waits kRehearsalPersonWindow of real time
    // for the person, then lets it pass. The dialog and the card count down that wait.
    engine::InterventionRequest request = virtualRequest;
    if (m_snapshot.rehearsal && virtualRequest.runId == m_runId) {
        request.requestedAt = QDateTime::currentDateTimeUtc();
        request.deadline = request.requestedAt.addMSecs(kRehearsalPersonWindow.count());
    }
    m_requests->open(request);
    if (request.runId == m_runId) {
        m_states.noteDeadline(request.step, request.deadline);
        m_timeline->requestOpened(virtualRequest);
    }
    notify(request.kind == engine::RequestKind::Approval ? tr("%1 waits for approval").arg(request.step)
                                                         : tr("%1 failed and waits for a decision").arg(request.step),
           QStringLiteral("warning"));
    emit attentionNeeded(request.step);
}

void RunMonitor::interventionDecided(const QString &runId, const engine::InterventionRecord &record)
{
    settlePendingShow();
    if (runId != m_liveRunId)
        return;
    m_requests->close(record.request.id);
    if (runId == m_runId && record.by != QLatin1String("engine"))
        m_timeline->requestClosed(record);
    if (record.by == QLatin1String("timeout")) {
        notify(tr("No decision on %1 before the deadline: %2 applied").arg(record.request.step, record.decision),
               QStringLiteral("warning"));
    } else if (record.by == QLatin1String("cli")) {
        notify(tr("%1 decided from the command line: %2").arg(record.request.step, record.decision),
               QStringLiteral("info"));
    }
}

void RunMonitor::decisionRefused(const engine::Decision &decision, const QString &reason)
{
    m_requests->refused(decision.requestId, reason);
    notify(tr("%1 was refused: %2").arg(decision.decision, reason), QStringLiteral("warning"));
}

void RunMonitor::runFinished(const engine::RunSnapshot &snapshot)
{
    settlePendingShow();
    if (snapshot.runId != m_liveRunId)
        return;
    m_liveRunId.clear();
    m_requests->clear();
    if (snapshot.runId == m_runId) {
        m_live = false;
        m_snapshot = snapshot;
        m_states.update(snapshot.nodes);
        m_timeline->updateNodes(snapshot.nodes);
        m_timeline->finish(snapshot.endedAt);
        countProgress();
        emit statusChanged();
    }
    const QString status = engine::toString(snapshot.status);
    const QString level = snapshot.status == engine::RunStatus::Succeeded ? QStringLiteral("success")
                          : snapshot.status == engine::RunStatus::Failed  ? QStringLiteral("error")
                                                                           : QStringLiteral("warning");
    notify(tr("Run %1 %2%3").arg(snapshot.runId, status, snapshot.warning ? tr(" (with warnings)") : QString()), level);
    m_historyModel->refresh();
    emit runEnded(status);
}

bool RunMonitor::openRun(const QString &runId)
{
    settlePendingShow();
    if (!m_historyOpen)
        return false;
    QString error;
    const auto stored = m_history.run(runId, &error);
    if (!stored) {
        notify(error, QStringLiteral("error"));
        return false;
    }
    show(stored->snapshot, stored->pipelineText, runId == m_liveRunId);
    m_timeline->reset(stored->snapshot, stored->attempts, stored->requests);
    return true;
}

void RunMonitor::closeRun()
{
    settlePendingShow();
    m_runId.clear();
    m_live = false;
    m_snapshot = {};
    m_nodeIndex.clear();
    m_stepsTotal = 0;
    m_stepsDone = 0;
    m_states.clear();
    m_timeline->clear();
    m_logs->clear();
    emit shownRunChanged();
    emit statusChanged();
    emit progressChanged();
}

void RunMonitor::selectNode(const QString &nodeId)
{
    settlePendingShow();
    if (m_runId.isEmpty() || nodeId == m_selectedNode)
        return;
    m_selectedNode = nodeId;
    // Its latest attempt as the run knows it: the store may not list that attempt's log yet.
    const auto found = m_nodeIndex.constFind(nodeId);
    const int latest = found != m_nodeIndex.cend() ? m_snapshot.nodes.at(*found).attempts : 0;
    m_logs->show(m_historyOpen ? &m_history : nullptr, m_runId, nodeId, latest);
}

QVariantMap RunMonitor::nodeDetails(const QString &nodeId) const
{
    const engine::NodeState *node = m_states.find(nodeId);
    if (!node)
        return {};
    QVariantMap details = m_states.info(nodeId);
    details.insert(QStringLiteral("id"), node->id);
    details.insert(QStringLiteral("stage"), node->stage);
    details.insert(QStringLiteral("outputs"), node->outputs);
    return details;
}

QString RunMonitor::writeReport(const QString &runId)
{
    if (!m_historyOpen)
        return {};
    QString error;
    const auto stored = m_history.run(runId, &error);
    if (!stored) {
        notify(error, QStringLiteral("error"));
        return {};
    }
    const QString path = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                             .filePath(QStringLiteral("pipewright-report-%1.html").arg(runId));
    const QByteArray html = engine::htmlReport(*stored, engine::readLogTails(m_history, runId));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit()) {
        notify(tr("Cannot write the report: %1").arg(file.errorString()), QStringLiteral("error"));
        return {};
    }
    return QUrl::fromLocalFile(path).toString();
}

bool RunMonitor::deleteRun(const QString &runId)
{
    settlePendingShow();
    if (runId == m_liveRunId) {
        notify(tr("Run %1 is still going: abort it first.").arg(runId), QStringLiteral("warning"));
        return false;
    }
    const engine::RunHistory::Removal removal = m_history.remove({runId});
    for (const QString &refused : removal.refused)
        notify(tr("Not deleted: %1").arg(refused), QStringLiteral("warning"));
    if (runId == m_runId && !removal.removed.isEmpty())
        closeRun();
    m_historyModel->refresh();
    return !removal.removed.isEmpty();
}

} // namespace pw::gui
