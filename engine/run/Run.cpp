#include "Run.h"

#include "LongTimer.h"
#include "PendingWork.h"
#include "PipelineTask.h"
#include "engine/AbortedSnapshot.h"
#include "engine/EngineLog.h"
#include "engine/output/AttemptOutput.h"
#include "engine/rehearsal/VirtualClock.h"
#include "engine/store/RunStoreWriter.h"

#include <QRandomGenerator>
#include <QThread>

namespace pw::engine {

QString makeRunId()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-hhmmss-"))
        + QString::number(QRandomGenerator::global()->bounded(0x10000), 16).rightJustified(4, u'0');
}

namespace {

int slotCount(const RunRequest &request)
{
    if (request.maxParallel)
        return *request.maxParallel;
    if (request.pipeline.maxParallel)
        return *request.pipeline.maxParallel;
    return QThread::idealThreadCount();
}

std::unique_ptr<RunClock> makeClock(const RunRequest &request)
{
    if (!request.rehearsal)
        return std::make_unique<SystemClock>();
    auto clock = std::make_unique<VirtualClock>();
    clock->setPace(request.rehearsal->pace);
    return clock;
}

} // namespace

Run::Run(RunRequest request, QNetworkAccessManager *network, slurm::SlurmCluster *slurm,
         std::unique_ptr<RunStoreWriter> store, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_clock(makeClock(m_request))
    , m_store(std::move(store))
    , m_id(m_request.runId.isEmpty() ? makeRunId() : m_request.runId)
    , m_network(network)
    , m_slurm(slurm)
    , m_plan(m_request.pipeline)
    , m_recorder(m_plan, *m_clock)
    , m_slots(slotCount(m_request))
{
    m_startedAt = m_clock->now();
    if (m_request.rehearsal)
        m_autoAnswers.emplace(m_request.rehearsal->onIntervention, m_request.rehearsal->onApproval);
    m_stepEnvironment = m_request.environment;
    for (auto it = m_request.inputs.cbegin(); it != m_request.inputs.cend(); ++it)
        m_stepEnvironment.insert(QStringLiteral("PW_INPUT_") + it.key().toUpper(), it.value().toString());
    for (auto it = m_request.secrets.cbegin(); it != m_request.secrets.cend(); ++it)
        m_stepEnvironment.insert(it.key(), it.value());
    m_expressions = std::make_unique<RunExpressions>(RunExpressions::RunInfo{
        m_id, m_startedAt, m_request.pipeline.id, m_request.pipeline.displayName(),
        m_request.inputs, m_request.secrets});
    m_recorder.onNodeChanged = [this](const NodeState &state) {
        if (state.kind == NodeKind::Step)
            m_expressions->stepChanged(state);
    };
    // Every step is in `steps` from the start (Pending), so expressions can ask about steps
    // that have not run yet without a TypeError.
    for (const NodeState &state : m_recorder.nodes()) {
        if (state.kind == NodeKind::Step)
            m_expressions->stepChanged(state);
    }
    connect(&m_recorder, &RunRecorder::nodesChanged, this, &Run::nodesChanged);
    connect(&m_recorder, &RunRecorder::eventsAdded, this, &Run::eventsAdded);
    connect(&m_recorder, &RunRecorder::logLinesAdded, this, &Run::logLinesAdded);
    connect(&m_recorder, &RunRecorder::attemptsChanged, this, &Run::attemptsChanged);
    connect(&m_recorder, &RunRecorder::interventionRequested, this, &Run::interventionRequested);
    connect(&m_recorder, &RunRecorder::interventionDecided, this, &Run::interventionDecided);
    m_recorder.setLiveFeedEnabled(m_request.liveOutput);
    if (m_store) {
        m_store->setParent(this);
        m_store->onError = [this](const QString &message) { emit storeProblem(message); };
    }
}

Run::~Run()
{
    // Tasks and outputs first: they write to the recorder, the store and the masker.
    m_root.reset();
    m_notes.reset();
    m_recorder.setObserver(nullptr);
}

std::unique_ptr<AttemptOutput> Run::openOutput(const QString &node, int attempt)
{
    std::shared_ptr<StoredLog> stored;
    if (m_store)
        stored = m_store->openLog(node, attempt, m_clock->now());
    return std::make_unique<AttemptOutput>(node, attempt, m_expressions->masker(), std::move(stored), &m_recorder,
                                           *m_clock);
}

void Run::closeOutput(std::unique_ptr<AttemptOutput> output)
{
    if (!output)
        return;
    const std::shared_ptr<StoredLog> stored = output->storedLog();
    output.reset(); // flushes its last partial lines
    if (m_store)
        m_store->closeLog(stored);
}

void Run::note(const QString &node, const QString &text)
{
    if (!m_notes)
        m_notes = openOutput(QString(), 0);
    m_notes->line(LogLine::Stream::Engine, node.isEmpty() ? text : node + QStringLiteral(": ") + text);
}

bool Run::cloneIfReused(const model::Node &node)
{
    if (m_request.reuse.isEmpty() || node.parallel())
        return false;
    const QString id = node.step() ? node.step()->id : node.group()->id;
    const auto found = m_request.reuse.constFind(id);
    if (found == m_request.reuse.cend())
        return false;
    m_recorder.cloned(id, *found);
    if (!found->vars.isEmpty()) {
        for (auto it = found->vars.cbegin(); it != found->vars.cend(); ++it)
            m_expressions->setVar(it.key(), it.value().toMap());
    }
    if (const model::StepGroup *group = node.group())
        cloneInside(group->steps, group->rollbackSteps, group->errorHandler);
    return true;
}

bool Run::cloneStageIfReused(const model::Stage &stage)
{
    const auto found = m_request.reuse.constFind(stage.id);
    if (found == m_request.reuse.cend())
        return false;
    m_recorder.cloned(stage.id, *found);
    cloneInside(stage.steps, stage.rollbackSteps, stage.errorHandler);
    return true;
}

// A container reused whole: everything in its main list was reused too (ResumePlan only
// reuses a container then); its lanes never ran in the original's success, so they are Skipped.
void Run::cloneInside(const model::NodeList &steps, const model::NodeList &rollbackSteps,
                      const model::NodeList &errorHandler)
{
    for (const model::Node &child : steps) {
        if (const model::ParallelBlock *parallel = child.parallel()) {
            for (const model::Node &item : parallel->items) {
                if (!cloneIfReused(item))
                    settle(item, NodeStatus::Skipped);
            }
        } else if (!cloneIfReused(child)) {
            settle(child, NodeStatus::Skipped);
        }
    }
    settle(rollbackSteps, NodeStatus::Skipped);
    settle(errorHandler, NodeStatus::Skipped);
}

void Run::start()
{
    if (m_store) {
        const RunSnapshot initial = snapshot();
        StoredRunInfo info;
        info.pipelineText = m_request.pipelineText;
        info.pipelineFile = m_request.pipelineFile;
        info.pipelineName = m_request.pipeline.name;
        info.inputs = initial.inputs; // masked there
        info.owner = m_request.user;
        info.rehearsal = m_request.rehearsal.has_value();
        m_recorder.setObserver(m_store.get());
        if (!m_store->begin(initial, info)) {
            m_recorder.setObserver(nullptr);
            m_store.reset(); // said why through storeProblem; the run goes on without it
        }
    }
    m_status = RunStatus::Running;
    log()->info("run {} of '{}' started", m_id.toStdString(), m_request.pipeline.id.toStdString());
    if (m_request.pipeline.timeout) {
        m_runTimeout = std::make_unique<LongTimer>();
        m_runTimeout->start(*m_clock, std::chrono::milliseconds(m_request.pipeline.timeout->milliseconds()), [this] {
            if (m_finished || isAborted())
                return;
            m_abortedBy = AbortCause::Timeout;
            note(QString(), QStringLiteral("run timeout of %1 reached: cancelling")
                                .arg(m_request.pipeline.timeout->toString()));
            m_root->cancel(CancelKind::RunTimeout);
        });
    }
    m_root = std::make_unique<PipelineTask>(*this);
    m_root->start([this] { finishRun(); });
}

void Run::abandon()
{
    if (m_finished || !m_store)
        return;
    m_recorder.setObserver(nullptr);
    closeOutput(std::move(m_notes));
    m_store->finish(abortedSnapshot(snapshot(), m_clock->now()));
    m_store.reset();
}

void Run::abort()
{
    abortRun(QStringLiteral("user"));
}

void Run::abortRun(const QString &cause)
{
    if (m_finished)
        return;
    if (!isAborted())
        m_abortedBy = cause == QLatin1String("user") ? AbortCause::User : AbortCause::Action;
    note(QString(), QStringLiteral("run aborted (%1)").arg(cause));
    m_root->cancel(CancelKind::RunAbort);
}

void Run::requestPipelineRollback()
{
    if (m_root)
        m_root->requestRollback();
}

bool Run::runPendingPipelineRollback(std::function<void()> resume)
{
    return m_root && m_root->runPendingRollback(std::move(resume));
}

void Run::post(std::function<void()> work)
{
    QMetaObject::invokeMethod(this, [work = std::move(work), pending = pendingWork::token()] { work(); },
                              Qt::QueuedConnection);
}

bool Run::failFast() const
{
    return m_request.pipeline.failurePolicy.value_or(model::FailurePolicy::FailFast) == model::FailurePolicy::FailFast;
}

RunExpressions::Scope Run::scopeFor(const QString &nodeId, int attempt, const Frame &frame) const
{
    return {m_plan.node(nodeId).stage, attempt, frame.error};
}

void Run::settle(const model::NodeList &nodes, NodeStatus status)
{
    for (const model::Node &node : nodes)
        settle(node, status);
}

void Run::settle(const model::Node &node, NodeStatus status)
{
    if (const model::ParallelBlock *parallel = node.parallel()) {
        settle(parallel->items, status);
    } else if (const model::StepGroup *group = node.group()) {
        m_recorder.settled(group->id, status);
        settleInside(group->steps, group->rollbackSteps, group->errorHandler, status);
    } else if (const model::Step *step = node.step()) {
        m_recorder.settled(step->id, status);
    }
}

void Run::settleStage(const model::Stage &stage, NodeStatus status)
{
    m_recorder.settled(stage.id, status);
    settleInside(stage.steps, stage.rollbackSteps, stage.errorHandler, status);
}

void Run::settleInside(const model::NodeList &steps, const model::NodeList &rollbackSteps,
                       const model::NodeList &errorHandler, NodeStatus status)
{
    settle(steps, status);
    settle(rollbackSteps, NodeStatus::Skipped);
    settle(errorHandler, NodeStatus::Skipped);
}

bool Run::mayStartNew(const Frame &frame) const
{
    if (!isAborted())
        return true;
    // The pipeline's error handler runs even after an abort (its own cancel stops it).
    return frame.role == NodeRole::ErrorHandler && frame.stage == nullptr && frame.group == nullptr;
}

bool Run::whenAllows(const model::When &when, const Progress &progress, const QString &nodeId,
                     const Frame &frame, bool &conditionFailed)
{
    conditionFailed = false;
    bool allowed = true;
    switch (when.status.value_or(model::StatusCondition::Success)) {
    case model::StatusCondition::Success: allowed = progress.failed == 0 && !progress.rolledBack; break;
    case model::StatusCondition::Failure: allowed = progress.failed > 0 && !progress.rolledBack; break;
    case model::StatusCondition::All: allowed = true; break;
    }
    if (!allowed || when.condition.trimmed().isEmpty())
        return allowed;
    const auto result = m_expressions->condition(when.condition, scopeFor(nodeId, 0, frame));
    if (!result.error.isEmpty()) {
        conditionFailed = true;
        const NodeError error{model::ErrorType::Unknown, m_expressions->mask(result.error)};
        note(nodeId, QStringLiteral("when.condition: ") + error.message);
        m_recorder.failedWithoutStart(nodeId, error);
        noteFailure({error.type, error.message, nodeId, m_plan.node(nodeId).stage});
        return false;
    }
    return result.value;
}

bool Run::passesWhen(const model::Node &node, const Frame &frame)
{
    const model::When &when = node.step() ? node.step()->when : node.group()->when;
    const QString id = node.step() ? node.step()->id : node.group()->id;
    bool conditionFailed = false;
    if (whenAllows(when, *frame.progress, id, frame, conditionFailed))
        return true;
    if (conditionFailed) {
        ++frame.progress->failed;
        if (const model::StepGroup *group = node.group())
            settleInside(group->steps, group->rollbackSteps, group->errorHandler, NodeStatus::Skipped);
        return false;
    }
    settle(node, NodeStatus::Skipped);
    return false;
}

bool Run::passesStageWhen(const model::Stage &stage)
{
    bool conditionFailed = false;
    const Frame frame{&m_pipelineProgress, nullptr, nullptr, NodeRole::Main, {}};
    if (whenAllows(stage.when, m_pipelineProgress, stage.id, frame, conditionFailed))
        return true;
    if (conditionFailed) {
        ++m_pipelineProgress.failed;
        settleInside(stage.steps, stage.rollbackSteps, stage.errorHandler, NodeStatus::Skipped);
        return false;
    }
    settleStage(stage, NodeStatus::Skipped);
    return false;
}

void Run::endNode(const QString &id, NodeStatus status, const Frame &frame)
{
    m_recorder.ended(id, status);
    if (status == NodeStatus::Failed && frame.progress)
        ++frame.progress->failed;
}

void Run::resetNode(const QString &id, const Frame &frame)
{
    if (m_recorder.status(id) == NodeStatus::Failed && frame.progress)
        frame.progress->failed = std::max(0, frame.progress->failed - 1);
    m_recorder.reset(id);
}

void Run::noteFailure(const RunError &error)
{
    if (!m_firstFailure)
        m_firstFailure = error;
}

RunStatus Run::outcomeSoFar() const
{
    if (m_abortedBy == AbortCause::Action || m_abortedBy == AbortCause::User)
        return RunStatus::Aborted;
    if (m_abortedBy == AbortCause::Timeout)
        return RunStatus::Failed;
    bool rolledBack = false;
    for (const PlannedNode &node : m_plan.nodes()) {
        if (node.kind != NodeKind::Stage)
            continue;
        const NodeStatus status = m_recorder.status(node.id);
        if (status == NodeStatus::Failed)
            return RunStatus::Failed;
        rolledBack = rolledBack || status == NodeStatus::RolledBack;
    }
    return rolledBack ? RunStatus::RolledBack : RunStatus::Succeeded;
}

void Run::finishRun()
{
    if (m_runTimeout)
        m_runTimeout->stop();
    // Whatever never had a reason to start (unused rollback lanes, handlers) is Skipped.
    for (const PlannedNode &node : m_plan.nodes()) {
        if (!isFinal(m_recorder.status(node.id)))
            m_recorder.settled(node.id, NodeStatus::Skipped);
    }
    while (!m_requests.empty())
        closeRequest(m_requests.begin()->first);
    m_status = m_status == RunStatus::Running ? outcomeSoFar() : m_status;
    m_endedAt = m_clock->now();
    m_finished = true;
    m_recorder.flush();
    const RunSnapshot final = snapshot();
    closeOutput(std::move(m_notes));
    if (m_store) {
        m_recorder.setObserver(nullptr);
        m_store->finish(final);
    }
    log()->info("run {} ended {}", m_id.toStdString(), toString(m_status).toStdString());
    emit finished(final);
}

RunSnapshot Run::snapshot() const
{
    RunSnapshot snapshot;
    snapshot.runId = m_id;
    snapshot.originRunId = m_request.originRunId;
    snapshot.rehearsal = m_request.rehearsal.has_value();
    snapshot.pipelineId = m_request.pipeline.id;
    snapshot.status = m_finished ? m_status : RunStatus::Running;
    snapshot.startedAt = m_startedAt;
    snapshot.endedAt = m_endedAt;
    snapshot.inputs = m_expressions->mask(m_request.inputs); // a secret given as an input too
    snapshot.error = m_firstFailure;
    snapshot.vars = m_expressions->vars();
    snapshot.nodes = m_recorder.nodes();
    snapshot.interventions = m_recorder.interventions();
    snapshot.events = m_recorder.events();
    for (const NodeState &node : std::as_const(snapshot.nodes)) {
        const bool handlerFailed = node.role != NodeRole::Main && node.status == NodeStatus::Failed;
        snapshot.warning = snapshot.warning || node.warning || handlerFailed;
    }
    return snapshot;
}

} // namespace pw::engine
