#pragma once

#include "LongTimer.h"
#include "SlotPool.h"
#include "Task.h"
#include "engine/FailureStrategyResolver.h"
#include "engine/RetrySchedule.h"
#include "engine/executors/StepExecutor.h"

#include <memory>

namespace pw::engine {

struct PlannedNode;
class AttemptOutput;

// One step from start to end (semantics.md "One step"): slots, attempts and their
// timeouts, automatic retry, catch, the failure strategy and its action, manual
// interventions and approvals. Every wait is a timer, a signal or a request.
class StepTask : public Task
{
public:
    StepTask(Run &run, const model::Step &step, Frame frame);
    ~StepTask() override;

    void cancel(CancelKind kind) override;

protected:
    void begin() override;

private:
    enum class Phase { Idle, Queued, Running, RetryWait, Waiting, Finished };

    void queueAttempt();
    void beginAttempt();
    void runAttempt();
    void attemptEnded(const AttemptOutcome &outcome);
    void handleFailure(const NodeError &error);
    void resolveStrategy(const NodeError &error);
    void applyAction(const model::FailureAction &action);
    void continueActionRetry();
    void scheduleAttempt(std::chrono::milliseconds delay);
    void openIntervention(const model::FailureAction &action);
    void openApproval();
    void interventionAnswered(const model::FailureAction &action, const QString &decision, const QString &by);
    void succeed(const QVariantMap &outputs, bool warning);
    void endAs(NodeStatus status, bool warning = false);
    void endCancelled();
    void releaseSlot();
    void releaseSlotAfterDone();
    std::optional<AttemptRequest> buildRequest(QString *error);
    std::unique_ptr<StepExecutor> createAttemptExecutor();
    bool failsByInjection(); // a rehearsal's injected failure of an approval
    RunError runError() const;
    void log(const QString &text);
    void closeOutput();

    const model::Step &m_step;
    Frame m_frame;
    const PlannedNode &m_planned;
    FailureStrategyResolver m_resolver;
    std::optional<RetrySchedule> m_retry;

    Phase m_phase = Phase::Idle;
    int m_attempt = 0; // the node's attempt number, counting across every mechanism
    int m_executionAttempts = 0; // attempts of this execution, for automatic retry
    qint64 m_executionStartMs = 0; // on the run's clock
    std::optional<model::FailureAction> m_retryAction; // a Retry action in progress
    int m_actionRetriesRun = 0;
    bool m_singleRetry = false; // an intervention's Retry: one attempt, then the strategy again
    std::optional<NodeError> m_lastError;

    SlotPool::Ticket m_ticket = 0;
    bool m_holdsSlot = false;
    std::unique_ptr<StepExecutor> m_executor;
    std::unique_ptr<AttemptOutput> m_output; // the current attempt's log; notes after it go there too
    LongTimer m_attemptTimeout;
    LongTimer m_retryWait;
    QString m_requestId;
    std::optional<CancelKind> m_cancelled;
};

} // namespace pw::engine
