#include "StepTask.h"

#include "ContainerTask.h"
#include "GroupTask.h"
#include "Run.h"
#include "StageTask.h"
#include "engine/executors/ExecutorFactory.h"
#include "engine/executors/slurm/SlurmExecutor.h"
#include "engine/output/AttemptOutput.h"
#include "engine/rehearsal/SimulatedExecutor.h"

#include <QDir>

namespace pw::engine {
namespace {

using std::chrono::milliseconds;

constexpr qint64 kDefaultApprovalTimeoutMs = 24LL * 60 * 60 * 1000;
constexpr qint64 kDefaultHttpTimeoutMs = 10LL * 60 * 1000;

} // namespace

StepTask::StepTask(Run &run, const model::Step &step, Frame frame)
    : Task(run)
    , m_step(step)
    , m_frame(std::move(frame))
    , m_planned(run.plan().node(step.id))
    , m_resolver(m_planned.strategies, m_planned.placement)
{
    if (step.retry) {
        const std::optional<quint64> seed = run.request().randomSeed;
        m_retry.emplace(*step.retry, seed ? seededUnitRandom(*seed ^ qHash(step.id)) : systemUnitRandom());
    }
}

StepTask::~StepTask()
{
    releaseSlot();
    if (!m_requestId.isEmpty())
        m_run.closeRequest(m_requestId);
    if (m_executor)
        m_executor->setOutputSink(nullptr); // it may outlive us briefly (deleteLater)
    closeOutput();
}

void StepTask::log(const QString &text)
{
    const QString masked = m_run.expressions().mask(text);
    if (m_attempt == 0 || !m_output) {
        m_run.note(m_step.id, masked); // before any attempt: the run's notes
        return;
    }
    m_output->line(LogLine::Stream::Engine, masked);
}

void StepTask::closeOutput()
{
    m_run.closeOutput(std::move(m_output));
}

RunError StepTask::runError() const
{
    return RunError{m_lastError ? m_lastError->type : model::ErrorType::Unknown,
                    m_lastError ? m_lastError->message : QString(), m_step.id, m_planned.stage};
}

void StepTask::begin()
{
    m_attempt = m_run.record().node(m_step.id).attempts;
    m_executionAttempts = 0;
    queueAttempt();
}

void StepTask::queueAttempt()
{
    if (m_step.type() == model::StepType::Approval) {
        openApproval(); // a person is asked: waiting holds no slot
        return;
    }
    m_phase = Phase::Queued;
    if (m_run.nodeStatus(m_step.id) == NodeStatus::Retrying)
        m_run.record().setStatus(m_step.id, NodeStatus::Pending);
    m_ticket = m_run.slotPool().acquire(m_planned.order, [this] { runAttempt(); });
}

void StepTask::releaseSlot()
{
    if (m_holdsSlot) {
        m_holdsSlot = false;
        m_run.slotPool().release();
    }
}

// A step that ends keeps its slot until its end has reached the parallel block around it:
// under failFast the block cancels the queued siblings first, so none of them slips into the
// freed slot.
void StepTask::releaseSlotAfterDone()
{
    if (!m_holdsSlot)
        return;
    m_holdsSlot = false;
    SlotPool &pool = m_run.slotPool();
    m_run.post([&pool] { pool.release(); });
}

void StepTask::beginAttempt()
{
    m_run.record().started(m_step.id);
    ++m_attempt;
    if (++m_executionAttempts == 1)
        m_executionStartMs = m_run.clock().elapsedMs();
    closeOutput();
    m_output = m_run.openOutput(m_step.id, m_attempt);
    m_run.record().attemptStarted(m_step.id, m_attempt);
}

void StepTask::runAttempt()
{
    m_holdsSlot = true;
    m_phase = Phase::Running;
    beginAttempt();

    QString error;
    const std::optional<AttemptRequest> request = buildRequest(&error);
    if (!request) {
        // Reported from the event loop like any other attempt end.
        m_run.post([this, error] {
            if (m_phase == Phase::Running)
                attemptEnded({false, model::ErrorType::Unknown, error, {}, false});
        });
        return;
    }
    m_executor = createAttemptExecutor();
    m_executor->setOutputSink(m_output.get());
    QObject::connect(m_executor.get(), &StepExecutor::logLine, &m_run, [this](LogLine::Stream stream, const QString &text) {
        if (m_output)
            m_output->line(stream, text); // masked on its way
    });
    QObject::connect(m_executor.get(), &StepExecutor::finished, &m_run, [this](const AttemptOutcome &outcome) {
        attemptEnded(outcome);
    });
    const int attempt = m_attempt;
    QObject::connect(m_executor.get(), &StepExecutor::externalIdAssigned, &m_run, [this, attempt](const QString &id) {
        m_run.record().attemptExternalId(m_step.id, attempt, id);
    });
    // A job queued on a cluster has not started: Pending until it runs (semantics.md).
    QObject::connect(m_executor.get(), &StepExecutor::waitingFor, &m_run, [this](const QString &reason) {
        if (m_phase == Phase::Running)
            m_run.record().queuedElsewhere(m_step.id, reason);
    });
    QObject::connect(m_executor.get(), &StepExecutor::jobStarted, &m_run, [this] {
        if (m_phase == Phase::Running)
            m_run.record().startedElsewhere(m_step.id);
    });
    // An Http step never waits forever on a silent server (semantics.md: 10m by default).
    const std::optional<qint64> timeoutMs = m_step.timeout ? std::optional(m_step.timeout->milliseconds())
        : m_step.type() == model::StepType::Http ? std::optional(kDefaultHttpTimeoutMs)
                                                  : std::nullopt;
    if (timeoutMs) {
        m_attemptTimeout.start(m_run.clock(), milliseconds(*timeoutMs), [this] {
            if (m_executor)
                m_executor->cancel(CancelReason::Timeout);
        });
    }
    m_executor->start(*request);
}

// A rehearsal executes nothing: a simulated executor stands in for an injected failure and
// for every step type that touches the world.
std::unique_ptr<StepExecutor> StepTask::createAttemptExecutor()
{
    const RehearsalSettings *rehearsal = m_run.rehearsal();
    const model::Executor *executor = m_planned.executor;
    if (!rehearsal && executor && executor->effectiveType() == model::ExecutorType::Slurm
        && m_step.type() == model::StepType::Shell) {
        const std::optional<qint64> timeoutMs = m_step.timeout ? std::optional(m_step.timeout->milliseconds()) : std::nullopt;
        return std::make_unique<slurm::SlurmExecutor>(m_run.slurm(), *executor, timeoutMs);
    }
    if (!rehearsal)
        return createExecutor(m_step.type(), m_run.network());
    const std::optional<model::ErrorType> injected = rehearsal->injectedFailure(m_step.id, m_attempt);
    if (!injected && runsForRealInRehearsal(m_step.type()))
        return createExecutor(m_step.type(), nullptr);
    return std::make_unique<SimulatedExecutor>(
        m_run.clock(), SimulatedExecutor::Outcome{injected, rehearsal->outputs.value(m_step.id)});
}

std::optional<AttemptRequest> StepTask::buildRequest(QString *error)
{
    RunExpressions &expressions = m_run.expressions();
    const RunExpressions::Scope scope = m_run.scopeFor(m_step.id, m_attempt, m_frame);
    bool failed = false;
    const auto expand = [&](const QString &text) {
        if (failed)
            return QString();
        auto result = expressions.expand(text, scope);
        if (!result.error.isEmpty()) {
            failed = true;
            *error = expressions.mask(result.error);
        }
        return result.text;
    };

    AttemptRequest request;
    request.runId = m_run.id();
    request.stepId = m_step.id;
    request.attempt = m_attempt;
    request.defaultWorkingDir = m_run.request().workingDir.isEmpty() ? QDir::currentPath() : m_run.request().workingDir;
    request.environment = m_run.stepEnvironment();

    model::StepSpec spec = m_step.spec;
    if (auto *shell = std::get_if<model::ShellSpec>(&spec)) {
        if (shell->shell)
            shell->shell = expand(*shell->shell);
        shell->workingDir = expand(shell->workingDir);
        for (auto &[name, value] : shell->env)
            value = expand(value);
        // After env: the values it adds are data, never expanded again.
        RunExpressions::ShellCommand command = expressions.expandShellCommand(shell->command, scope);
        if (!command.error.isEmpty() && !failed) {
            failed = true;
            *error = expressions.mask(command.error);
        }
        shell->command = command.text;
        for (const auto &[name, value] : std::as_const(command.variables))
            shell->env.push_back({name, value});
    } else if (auto *http = std::get_if<model::HttpSpec>(&spec)) {
        http->url = expand(http->url);
        for (auto &[name, value] : http->headers)
            value = expand(value);
        if (http->body)
            http->body = expand(*http->body);
    } else if (auto *echo = std::get_if<model::EchoSpec>(&spec)) {
        echo->message = expressions.mask(expand(echo->message));
    } else if (auto *fail = std::get_if<model::FailSpec>(&spec)) {
        fail->message = expressions.mask(expand(fail->message));
    } else if (auto *verify = std::get_if<model::VerifySpec>(&spec)) {
        verify->message = expressions.mask(expand(verify->message));
        const auto result = expressions.condition(verify->condition, scope);
        if (result.error.isEmpty())
            request.verifyResult = result.value;
        else
            request.verifyError = expressions.mask(result.error);
    }
    if (failed)
        return std::nullopt;
    request.spec = std::move(spec);
    return request;
}

void StepTask::attemptEnded(const AttemptOutcome &outcome)
{
    m_attemptTimeout.stop();
    if (m_executor) {
        m_executor->disconnect(&m_run);
        m_executor->setOutputSink(nullptr);
        m_executor.release()->deleteLater(); // we are inside its signal
    }
    if (m_cancelled || outcome.succeeded) {
        m_run.record().attemptEnded(m_step.id, m_attempt,
                                    outcome.succeeded && !m_cancelled ? QStringLiteral("Succeeded")
                                                                      : QStringLiteral("Cancelled"));
    } else {
        m_run.record().attemptEnded(m_step.id, m_attempt, QStringLiteral("Failed"),
                                    NodeError{outcome.errorType, m_run.expressions().mask(outcome.message)});
    }
    if (m_cancelled) {
        endCancelled();
        return;
    }
    if (outcome.succeeded) {
        const bool warnOnRetry = m_retry && m_retry->policy().warningOnRetry.value_or(false) && m_executionAttempts > 1;
        succeed(outcome.outputs, warnOnRetry);
        return;
    }
    handleFailure({outcome.errorType, m_run.expressions().mask(outcome.message)});
}

void StepTask::succeed(const QVariantMap &outputs, bool warning)
{
    m_run.record().setOutputs(m_step.id, m_run.expressions().mask(outputs));
    endAs(NodeStatus::Succeeded, warning);
}

void StepTask::handleFailure(const NodeError &error)
{
    m_lastError = error;
    m_run.record().attemptFailed(m_step.id, m_attempt, error);
    log(QStringLiteral("attempt %1 failed: %2: %3").arg(m_attempt).arg(model::toString(error.type), error.message));

    if (m_retryAction) {
        continueActionRetry();
        return;
    }
    if (m_singleRetry) {
        m_singleRetry = false;
        resolveStrategy(error);
        return;
    }
    if (m_retry) {
        const auto delay = m_retry->planNextAttempt(error.type, m_executionAttempts,
                                                    milliseconds(m_run.clock().elapsedMs() - m_executionStartMs));
        if (delay) {
            scheduleAttempt(*delay);
            return;
        }
    }
    if (!m_step.catchVar.isEmpty()) {
        const QVariantMap caught{{QStringLiteral("type"), model::toString(error.type)},
                                 {QStringLiteral("message"), error.message},
                                 {QStringLiteral("step"), m_step.id},
                                 {QStringLiteral("attempts"), m_attempt}};
        m_run.expressions().setVar(m_step.catchVar, caught);
        m_run.record().setVars(m_step.id, {{m_step.catchVar, caught}}); // for a resume to copy
        log(QStringLiteral("caught into vars.%1").arg(m_step.catchVar));
        endAs(NodeStatus::IgnoredFailure, true);
        return;
    }
    resolveStrategy(error);
}

void StepTask::resolveStrategy(const NodeError &error)
{
    const ResolvedFailureAction resolved = m_resolver.resolve(error.type);
    log(QStringLiteral("failure strategy: %1 (%2)").arg(model::toString(resolved.action.type), resolved.describeOrigin()));
    applyAction(resolved.action);
}

void StepTask::scheduleAttempt(milliseconds delay)
{
    releaseSlot(); // Retrying holds no slot
    m_phase = Phase::RetryWait;
    m_run.record().retryScheduled(m_step.id, m_attempt + 1, delay.count());
    m_retryWait.start(m_run.clock(), delay, [this] { queueAttempt(); });
}

void StepTask::continueActionRetry()
{
    const RetryActionSchedule schedule(*m_retryAction);
    if (schedule.allowsAnotherRetry(m_actionRetriesRun)) {
        ++m_actionRetriesRun;
        scheduleAttempt(schedule.delayBeforeRetry(m_actionRetriesRun));
        return;
    }
    const model::FailureAction next = m_retryAction->onRetryFailure ? *m_retryAction->onRetryFailure
                                                                    : model::FailureAction{};
    m_retryAction.reset();
    log(QStringLiteral("retries used up: %1").arg(model::toString(next.type)));
    applyAction(m_resolver.applyPlacementRules(next));
}

void StepTask::applyAction(const model::FailureAction &action)
{
    using model::ActionType;
    switch (action.type) {
    case ActionType::MarkAsFailure:
        endAs(NodeStatus::Failed);
        return;
    case ActionType::MarkAsSuccess:
        endAs(NodeStatus::Succeeded, true);
        return;
    case ActionType::Ignore:
        endAs(NodeStatus::IgnoredFailure, true);
        return;
    case ActionType::Retry:
        m_retryAction = action;
        m_actionRetriesRun = 0;
        continueActionRetry();
        return;
    case ActionType::RetryStepGroup:
        if (m_frame.group && m_frame.group->requestRetry(action)) {
            // The group cancels what runs and runs again from its first node, this step
            // included: it ends nothing now.
            m_run.record().setStatus(m_step.id, NodeStatus::Retrying);
            m_phase = Phase::Finished;
            finish();
            releaseSlotAfterDone();
            return;
        }
        applyAction(m_resolver.applyPlacementRules(action.onRetryFailure ? *action.onRetryFailure : model::FailureAction{}));
        return;
    case ActionType::Abort:
        endAs(NodeStatus::Failed);
        m_run.abortRun(QStringLiteral("Abort action of step '%1'").arg(m_step.id));
        return;
    case ActionType::StageRollback:
        endAs(NodeStatus::Failed);
        if (m_frame.stage)
            m_frame.stage->requestStageRollback(runError());
        return;
    case ActionType::StepGroupRollback:
        endAs(NodeStatus::Failed);
        if (m_frame.group) {
            m_frame.group->requestRollback(runError());
            if (m_frame.stage)
                m_frame.stage->markRolledBack();
        }
        return;
    case ActionType::PipelineRollback:
        endAs(NodeStatus::Failed);
        m_run.requestPipelineRollback();
        return;
    case ActionType::ManualIntervention:
        openIntervention(action);
        return;
    }
}

void StepTask::openIntervention(const model::FailureAction &action)
{
    releaseSlot(); // Waiting holds no slot
    m_phase = Phase::Waiting;
    m_run.record().waiting(m_step.id);
    const model::FailureAction onTimeout = m_resolver.applyPlacementRules(
        action.onTimeout ? *action.onTimeout : model::FailureAction{});
    InterventionRequest request;
    request.kind = RequestKind::Intervention;
    request.step = m_step.id;
    request.stage = m_planned.stage;
    request.errorType = m_lastError ? std::optional(m_lastError->type) : std::nullopt;
    request.errorMessage = m_lastError ? m_lastError->message : QString();
    for (model::ActionType decision : m_resolver.allowedInterventionDecisions())
        request.allowedDecisions << model::toString(decision);
    const qint64 timeoutMs = action.timeout ? action.timeout->milliseconds() : model::kDefaultInterventionTimeoutMs;
    request.deadline = m_run.clock().now().addMSecs(timeoutMs);
    request.onTimeout = model::toString(onTimeout.type);
    m_requestId = m_run.openRequest(request, [this, onTimeout](const QString &decision, const QString &by, const QString &) {
        m_requestId.clear();
        interventionAnswered(onTimeout, decision, by);
    });
}

void StepTask::interventionAnswered(const model::FailureAction &onTimeout, const QString &decision, const QString &by)
{
    if (by == QLatin1String("timeout")) {
        log(QStringLiteral("no decision before the deadline: %1").arg(model::toString(onTimeout.type)));
        applyAction(onTimeout);
        return;
    }
    log(QStringLiteral("decided by %1: %2").arg(by, decision));
    const auto type = model::parseActionType(decision);
    if (!type) {
        applyAction({});
        return;
    }
    if (*type == model::ActionType::Retry) {
        m_singleRetry = true; // one more attempt; if it fails the strategy is found again
        queueAttempt();
        return;
    }
    model::FailureAction chosen;
    chosen.type = *type;
    applyAction(m_resolver.applyPlacementRules(chosen));
}

// An approval asks a person rather than running an executor, so a rehearsal injects its
// failure here: the attempt fails at once, as a rejection would, and nobody is asked.
bool StepTask::failsByInjection()
{
    const RehearsalSettings *rehearsal = m_run.rehearsal();
    const std::optional<model::ErrorType> injected = rehearsal ? rehearsal->injectedFailure(m_step.id, m_attempt)
                                                               : std::nullopt;
    if (!injected)
        return false;
    const NodeError error{*injected, QStringLiteral("injected %1 (rehearsal)").arg(model::toString(*injected))};
    m_run.post([this, error] {
        if (m_phase != Phase::Waiting)
            return; // cancelled meanwhile
        m_run.record().attemptEnded(m_step.id, m_attempt, QStringLiteral("Failed"), error);
        handleFailure(error);
    });
    return true;
}

void StepTask::openApproval()
{
    m_phase = Phase::Waiting;
    beginAttempt();
    if (failsByInjection())
        return;
    m_run.record().waiting(m_step.id);

    const auto &spec = std::get<model::ApprovalSpec>(m_step.spec);
    const RunExpressions::Scope scope = m_run.scopeFor(m_step.id, m_attempt, m_frame);
    InterventionRequest request;
    request.kind = RequestKind::Approval;
    request.step = m_step.id;
    request.stage = m_planned.stage;
    const auto message = m_run.expressions().expand(spec.message, scope);
    request.message = m_run.expressions().mask(message.error.isEmpty() ? message.text : spec.message);
    const auto approvers = m_run.expressions().expand(spec.approvers, scope);
    request.approvers = m_run.expressions().mask(approvers.error.isEmpty() ? approvers.text : spec.approvers);
    request.allowedDecisions = {QStringLiteral("Approve"), QStringLiteral("Reject")};
    const qint64 timeoutMs = m_step.timeout ? m_step.timeout->milliseconds() : kDefaultApprovalTimeoutMs;
    request.deadline = m_run.clock().now().addMSecs(timeoutMs);
    request.onTimeout = QStringLiteral("Timeout");
    m_requestId = m_run.openRequest(request, [this, timeoutMs](const QString &decision, const QString &by,
                                                               const QString &comment) {
        m_requestId.clear();
        if (by == QLatin1String("timeout")) {
            const NodeError error{model::ErrorType::Timeout,
                                  QStringLiteral("no decision within %1")
                                      .arg(model::Duration::fromMilliseconds(timeoutMs).toString())};
            m_run.record().attemptEnded(m_step.id, m_attempt, QStringLiteral("Failed"), error);
            handleFailure(error);
        } else if (decision == QLatin1String("Approve")) {
            log(QStringLiteral("approved by %1").arg(by));
            m_run.record().attemptEnded(m_step.id, m_attempt, QStringLiteral("Succeeded"));
            succeed({{QStringLiteral("approvedBy"), by}, {QStringLiteral("comment"), comment}}, false);
        } else {
            const NodeError error{model::ErrorType::ApprovalRejection,
                                  comment.isEmpty() ? QStringLiteral("rejected by %1").arg(by)
                                                    : QStringLiteral("rejected by %1: %2").arg(by, comment)};
            m_run.record().attemptEnded(m_step.id, m_attempt, QStringLiteral("Failed"), error);
            handleFailure(error);
        }
    });
}

void StepTask::endAs(NodeStatus status, bool warning)
{
    m_phase = Phase::Finished;
    closeOutput();
    if (warning)
        m_run.record().setWarning(m_step.id);
    m_run.endNode(m_step.id, status, m_frame);
    if (status == NodeStatus::Failed && m_planned.role == NodeRole::Main)
        m_run.noteFailure(runError());
    finish();
    releaseSlotAfterDone();
}

void StepTask::cancel(CancelKind kind)
{
    if (m_phase == Phase::Finished || m_phase == Phase::Idle)
        return;
    m_cancelled = kind;
    switch (m_phase) {
    case Phase::Queued:
        m_run.slotPool().withdraw(m_ticket);
        endCancelled();
        return;
    case Phase::Running:
        if (m_executor)
            m_executor->cancel(CancelReason::Abort); // attemptEnded follows
        return;
    case Phase::RetryWait:
        m_retryWait.stop();
        endCancelled();
        return;
    case Phase::Waiting:
        m_run.closeRequest(m_requestId);
        m_requestId.clear();
        endCancelled();
        return;
    case Phase::Idle:
    case Phase::Finished:
        return;
    }
}

void StepTask::endCancelled()
{
    m_phase = Phase::Finished;
    m_run.record().attemptEnded(m_step.id, m_attempt, QStringLiteral("Cancelled")); // a waiting approval
    closeOutput();
    if (m_cancelled == CancelKind::GroupRetry) {
        finish(); // the group resets this step and runs it again
        releaseSlotAfterDone();
        return;
    }
    if (m_cancelled == CancelKind::RunTimeout) {
        m_lastError = NodeError{model::ErrorType::Timeout,
                                QStringLiteral("run timeout of %1").arg(m_run.pipeline().timeout->toString())};
        m_run.record().setError(m_step.id, *m_lastError);
        m_run.noteFailure(runError());
    }
    m_run.record().settled(m_step.id, NodeStatus::Aborted);
    finish();
    releaseSlotAfterDone();
}

} // namespace pw::engine
