#pragma once

#include "model/Enums.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

// Value types that describe a run. They cross from the engine thread to its observers (GUI,
// command line, run store) inside queued signals, so they hold no pointers into the engine.
namespace pw::engine {

enum class NodeStatus {
    Pending,
    Running,
    Retrying,
    Waiting,
    Succeeded,
    IgnoredFailure,
    Failed,
    Skipped,
    Aborted,
    RolledBack,
};

enum class RunStatus { Pending, Running, Succeeded, Failed, Aborted, RolledBack, Interrupted };
enum class NodeKind { Stage, Group, Step };
enum class NodeRole { Main, Rollback, ErrorHandler };

QString toString(NodeStatus status);
QString toString(RunStatus status);
QString toString(NodeKind kind);
QString toString(NodeRole role);
bool isFinal(NodeStatus status);
// The reverse of toString(), for what the run store reads back; nullopt for unknown text.
std::optional<NodeStatus> parseNodeStatus(const QString &text);
std::optional<RunStatus> parseRunStatus(const QString &text);
std::optional<NodeKind> parseNodeKind(const QString &text);
std::optional<NodeRole> parseNodeRole(const QString &text);

struct NodeError
{
    model::ErrorType type = model::ErrorType::Unknown;
    QString message;
    bool operator==(const NodeError &) const = default;
};

// The failure a handler is about (`error` in its context, `error` in the report).
struct RunError
{
    model::ErrorType type = model::ErrorType::Unknown;
    QString message;
    QString step;
    QString stage; // empty for none
};

// What is known about one node of the run; the report's `nodes` entries.
struct NodeState
{
    QString id;
    NodeKind kind = NodeKind::Step;
    QString stage; // enclosing stage id, empty for the pipeline's error handler
    QStringList parents; // enclosing stage and groups, outermost first
    NodeRole role = NodeRole::Main;
    model::StepType stepType = model::StepType::Echo; // steps only
    QString executor; // Shell steps run elsewhere: "slurm"; empty: this machine
    QStringList jobs; // with an executor: each attempt's job id there, in attempt order
    QString waitingReason; // Pending on a cluster: why the job waits there ("Resources"); live only
    NodeStatus status = NodeStatus::Pending;
    int attempts = 0;
    bool warning = false;
    bool cloned = false;
    std::optional<NodeError> error;
    QVariantMap outputs;
    QVariantMap vars; // what this node put in `vars` (its `catch`), so that resume can copy it
    QDateTime startedAt;
    QDateTime endedAt;
    bool operator==(const NodeState &) const = default;
};

// One attempt of one step, as the run store and the timeline see it.
struct AttemptRecord
{
    QString node;
    int attempt = 0;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while it runs
    QString outcome; // Succeeded, Failed, Cancelled, Interrupted; empty while it runs
    std::optional<NodeError> error;
    QString externalId; // e.g. a Slurm job id; empty for local steps
};

// One entry of the report's `events`, in the order things happened.
struct RunEvent
{
    QDateTime at;
    QString node;
    QString event; // started, attemptStarted, attemptFailed, retryScheduled, waiting, decided,
                   // ended, skipped, cancelled, cloned
    int attempt = 0; // attemptStarted, attemptFailed, retryScheduled
    std::optional<model::ErrorType> errorType; // attemptFailed
    qint64 delayMs = -1; // retryScheduled
    std::optional<NodeStatus> status; // ended
    QString decision; // decided
    QString by; // decided
};

enum class RequestKind { Intervention, Approval };

// An open question to a person: a manual intervention or an approval.
struct InterventionRequest
{
    QString id;
    QString runId;
    RequestKind kind = RequestKind::Intervention;
    QString step;
    QString stage;
    std::optional<model::ErrorType> errorType; // interventions
    QString errorMessage;
    QString message; // approvals: what to approve
    QString approvers;
    QStringList allowedDecisions;
    QDateTime requestedAt;
    QDateTime deadline;
    QString onTimeout; // the action applied at the deadline
};

struct InterventionRecord
{
    InterventionRequest request;
    QString decision;
    QString by; // user, timeout, cli (engine: withdrawn because the step no longer waits)
    QString comment;
    QDateTime decidedAt;
    QString who; // the login name of the person who decided, when a person did
};

// How a request was answered, from whoever answered it.
struct Decision
{
    QString requestId;
    QString decision;
    QString by = QStringLiteral("user");
    QString comment;
    QString who; // login name; empty: the engine fills in the program's user for user/cli
};

struct LogLine
{
    QDateTime at;
    QString node;
    int attempt = 0;
    enum class Stream { Out, Err, Engine } stream = Stream::Engine;
    QString text;
    // When > 0, this entry stands for that many lines of this attempt that the live feed left
    // out because its reader fell behind (the stored log keeps them all); `text` is empty.
    qint64 skipped = 0;
    // The line's number in its stored log (1-based; the first skipped one for a skip entry),
    // so that a reader who loaded the stored log first knows which live lines it already has.
    qint64 number = 0;
};

// Everything the run report holds (cli.md "Run report").
struct RunSnapshot
{
    QString runId;
    QString originRunId;
    QString pipelineId;
    RunStatus status = RunStatus::Pending;
    bool warning = false;
    bool rehearsal = false; // a rehearsal (nothing ran); the report says so
    QDateTime startedAt;
    QDateTime endedAt;
    QVariantMap inputs;
    std::optional<RunError> error;
    QVariantMap vars;
    QList<NodeState> nodes; // in pipeline order
    QList<InterventionRecord> interventions;
    QList<RunEvent> events;
};

} // namespace pw::engine

Q_DECLARE_METATYPE(pw::engine::RunEvent)
Q_DECLARE_METATYPE(pw::engine::NodeState)
Q_DECLARE_METATYPE(pw::engine::InterventionRequest)
Q_DECLARE_METATYPE(pw::engine::InterventionRecord)
Q_DECLARE_METATYPE(pw::engine::Decision)
Q_DECLARE_METATYPE(pw::engine::LogLine)
Q_DECLARE_METATYPE(pw::engine::RunSnapshot)
Q_DECLARE_METATYPE(pw::engine::AttemptRecord)
