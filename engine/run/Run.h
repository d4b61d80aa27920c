#pragma once

#include "RunExpressions.h"
#include "RunPlan.h"
#include "RunClock.h"
#include "RunRecorder.h"
#include "SlotPool.h"
#include "Task.h"
#include "engine/AutoAnswers.h"
#include "engine/RunRequest.h"

#include <QHash>
#include <QObject>

#include <map>
#include <memory>

class QNetworkAccessManager;

namespace pw::engine {

class PipelineTask;
class LongTimer;
class AttemptOutput;
class RunStoreWriter;
namespace slurm {
class SlurmCluster;
}

// One run of one pipeline, on the engine thread: owns the pipeline copy, the plan, the
// record, the expressions, the slots and the task tree, and is the services object every
// task of the run talks to.
class Run : public QObject
{
    Q_OBJECT

public:
    // `store` (may be null: nothing is kept) is owned by the run from here on.
    // `network` and `slurm` are the engine's, shared by its runs.
    Run(RunRequest request, QNetworkAccessManager *network, slurm::SlurmCluster *slurm,
        std::unique_ptr<RunStoreWriter> store, QObject *parent = nullptr);
    ~Run() override;

    const QString &id() const { return m_id; }
    void start();
    // A user abort (an Abort). A second one while the error handler runs cancels it too.
    void abort();
    // The program stops before the run ended: what is known is stored as an abort, at once.
    void abandon();

    struct DecisionResult
    {
        bool accepted = false;
        QString refusal; // why not, when refused
    };
    DecisionResult decide(const Decision &decision);

    RunSnapshot snapshot() const;
    bool isFinished() const { return m_finished; }

    // --- services for the tasks ---
    void post(std::function<void()> work);
    RunRecorder &record() { return m_recorder; }
    RunExpressions &expressions() { return *m_expressions; }
    SlotPool &slotPool() { return m_slots; }
    const RunPlan &plan() const { return m_plan; }
    const model::Pipeline &pipeline() const { return m_request.pipeline; }
    const RunRequest &request() const { return m_request; }
    // Real time for a run, virtual time for a rehearsal: every time and every wait of the
    // run goes through it.
    RunClock &clock() { return *m_clock; }
    // The rehearsal's settings, or null for a real run.
    const RehearsalSettings *rehearsal() const
    {
        return m_request.rehearsal ? &*m_request.rehearsal : nullptr;
    }
    // What every step's processes get: the request's environment with PW_INPUT_<NAME> for each
    // input and the secrets. Built once, so that all steps share one (see ChildEnvironment).
    const QProcessEnvironment &stepEnvironment() const { return m_stepEnvironment; }
    QNetworkAccessManager *network() const { return m_network; }
    slurm::SlurmCluster &slurm() const { return *m_slurm; }
    Progress &pipelineProgress() { return m_pipelineProgress; }
    bool failFast() const;
    NodeStatus nodeStatus(const QString &id) const { return m_recorder.status(id); }
    RunExpressions::Scope scopeFor(const QString &nodeId, int attempt, const Frame &frame) const;

    // Settles a node that will not start, with everything inside it (lanes included).
    void settle(const model::Node &node, NodeStatus status);
    void settle(const model::NodeList &nodes, NodeStatus status);
    void settleStage(const model::Stage &stage, NodeStatus status);
    // Everything inside a container that will not run: its list with `status`, its lanes Skipped.
    void settleInside(const model::NodeList &steps, const model::NodeList &rollbackSteps,
                      const model::NodeList &errorHandler, NodeStatus status);
    // Nothing new starts after an abort or the run timeout, except the pipeline's handler.
    bool mayStartNew(const Frame &frame) const;
    // Checks a node's `when` against the frame's "so far"; settles it (Skipped, or Failed on
    // a condition error) and returns false when it does not run.
    bool passesWhen(const model::Node &node, const Frame &frame);
    bool passesStageWhen(const model::Stage &stage);

    // Records a node's final status and counts a failure in the frame's "so far".
    void endNode(const QString &id, NodeStatus status, const Frame &frame);
    // Back to Pending for a RetryStepGroup re-run, taking a failure back.
    void resetNode(const QString &id, const Frame &frame);

    bool isAborted() const { return m_abortedBy != AbortCause::None; }
    bool timedOut() const { return m_abortedBy == AbortCause::Timeout; }
    // An Abort action or a user abort: cancel everything running; only the handler runs.
    void abortRun(const QString &cause);
    void requestPipelineRollback();
    // Runs a requested PipelineRollback's lanes now, then `resume`; false if none is pending.
    bool runPendingPipelineRollback(std::function<void()> resume);
    void noteFailure(const RunError &error);
    std::optional<RunError> firstFailure() const { return m_firstFailure; }
    // The run's status from what has happened so far (semantics.md precedence).
    RunStatus outcomeSoFar() const;

    // Where an attempt's output goes (the stored log and the live feed); notes of the engine's
    // about the attempt go there too. Close it when the step moves on.
    std::unique_ptr<AttemptOutput> openOutput(const QString &node, int attempt);
    void closeOutput(std::unique_ptr<AttemptOutput> output);
    // A note of the engine's about the run or a node outside any attempt.
    void note(const QString &node, const QString &text);
    // The observer took a batch of the live feed.
    void acknowledgeLogLines() { m_recorder.acknowledgeLines(); }

    // Resume: when the node (or the stage) is reused from the original run, records it (and
    // everything inside it) as cloned and returns true: it does not run.
    bool cloneIfReused(const model::Node &node);
    bool cloneStageIfReused(const model::Stage &stage);

    // Opens a request; `answer` gets the decision (or the timeout's) exactly once.
    using Answer = std::function<void(const QString &decision, const QString &by, const QString &comment)>;
    QString openRequest(InterventionRequest request, Answer answer);
    void closeRequest(const QString &requestId); // cancelled: the step no longer waits

signals:
    void nodesChanged(const QList<pw::engine::NodeState> &states);
    void eventsAdded(const QList<pw::engine::RunEvent> &events);
    void logLinesAdded(const QList<pw::engine::LogLine> &lines);
    void attemptsChanged(const QList<pw::engine::AttemptRecord> &attempts);
    void interventionRequested(const pw::engine::InterventionRequest &request);
    void interventionDecided(const pw::engine::InterventionRecord &record);
    void finished(const pw::engine::RunSnapshot &snapshot);
    // The run store could not do something (the run goes on).
    void storeProblem(const QString &message);

private:
    enum class AbortCause { None, Action, User, Timeout };
    void finishRun();
    void answerInRehearsal(const InterventionRequest &request);
    void cloneInside(const model::NodeList &steps, const model::NodeList &rollbackSteps,
                     const model::NodeList &errorHandler);
    bool whenAllows(const model::When &when, const Progress &progress, const QString &nodeId,
                    const Frame &frame, bool &conditionFailed);

    struct OpenRequest
    {
        InterventionRequest request;
        Answer answer;
        std::unique_ptr<LongTimer> deadline;
        bool holdsClock = false; // a rehearsal's person is asked: virtual time stands still
    };
    // Takes an open request out (decided, timed out or cancelled), letting the clock go on.
    OpenRequest takeRequest(std::map<QString, OpenRequest>::iterator found);

    RunRequest m_request;
    std::unique_ptr<RunClock> m_clock; // before everything that reads the time or waits on it
    std::unique_ptr<RunStoreWriter> m_store;
    std::unique_ptr<AttemptOutput> m_notes; // the run's own notes, made on first use
    QProcessEnvironment m_stepEnvironment;
    QString m_id;
    QNetworkAccessManager *m_network;
    slurm::SlurmCluster *m_slurm;
    RunPlan m_plan;
    RunRecorder m_recorder;
    std::unique_ptr<RunExpressions> m_expressions;
    SlotPool m_slots;
    Progress m_pipelineProgress;
    std::unique_ptr<PipelineTask> m_root;
    std::unique_ptr<LongTimer> m_runTimeout;
    AbortCause m_abortedBy = AbortCause::None;
    bool m_pipelineRollbackRequested = false;
    std::optional<RunError> m_firstFailure;
    std::map<QString, OpenRequest> m_requests;
    QHash<QString, InterventionRecord> m_closedRequests;
    int m_requestCounter = 0;
    std::optional<AutoAnswers> m_autoAnswers; // rehearsals answer their own requests
    QDateTime m_startedAt;
    QDateTime m_endedAt;
    RunStatus m_status = RunStatus::Pending;
    bool m_finished = false;

    friend class PipelineTask;
};

QString makeRunId();

} // namespace pw::engine
