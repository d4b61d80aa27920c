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
    NodeStatus status = NodeStatus::Pending;
    int attempts = 0;
    bool warning = false;
    bool cloned = false;
    std::optional<NodeError> error;
    QVariantMap outputs;
    QDateTime startedAt;
    QDateTime endedAt;
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
    QString by; // user, timeout, cli
    QString comment;
    QDateTime decidedAt;
};

// How a request was answered, from whoever answered it.
struct Decision
{
    QString requestId;
    QString decision;
    QString by = QStringLiteral("user");
    QString comment;
};

struct LogLine
{
    QDateTime at;
    QString node;
    int attempt = 0;
    enum class Stream { Out, Err, Engine } stream = Stream::Engine;
    QString text;
};

// Everything the run report holds (cli.md "Run report").
struct RunSnapshot
{
    QString runId;
    QString originRunId;
    QString pipelineId;
    RunStatus status = RunStatus::Pending;
    bool warning = false;
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
