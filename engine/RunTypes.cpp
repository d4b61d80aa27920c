#include "RunTypes.h"

namespace pw::engine {

QString toString(NodeStatus status)
{
    switch (status) {
    case NodeStatus::Pending: return QStringLiteral("Pending");
    case NodeStatus::Running: return QStringLiteral("Running");
    case NodeStatus::Retrying: return QStringLiteral("Retrying");
    case NodeStatus::Waiting: return QStringLiteral("Waiting");
    case NodeStatus::Succeeded: return QStringLiteral("Succeeded");
    case NodeStatus::IgnoredFailure: return QStringLiteral("IgnoredFailure");
    case NodeStatus::Failed: return QStringLiteral("Failed");
    case NodeStatus::Skipped: return QStringLiteral("Skipped");
    case NodeStatus::Aborted: return QStringLiteral("Aborted");
    case NodeStatus::RolledBack: return QStringLiteral("RolledBack");
    }
    return {};
}

QString toString(RunStatus status)
{
    switch (status) {
    case RunStatus::Pending: return QStringLiteral("Pending");
    case RunStatus::Running: return QStringLiteral("Running");
    case RunStatus::Succeeded: return QStringLiteral("Succeeded");
    case RunStatus::Failed: return QStringLiteral("Failed");
    case RunStatus::Aborted: return QStringLiteral("Aborted");
    case RunStatus::RolledBack: return QStringLiteral("RolledBack");
    case RunStatus::Interrupted: return QStringLiteral("Interrupted");
    }
    return {};
}

QString toString(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Stage: return QStringLiteral("stage");
    case NodeKind::Group: return QStringLiteral("group");
    case NodeKind::Step: return QStringLiteral("step");
    }
    return {};
}

QString toString(NodeRole role)
{
    switch (role) {
    case NodeRole::Main: return QStringLiteral("main");
    case NodeRole::Rollback: return QStringLiteral("rollback");
    case NodeRole::ErrorHandler: return QStringLiteral("errorHandler");
    }
    return {};
}

bool isFinal(NodeStatus status)
{
    switch (status) {
    case NodeStatus::Pending:
    case NodeStatus::Running:
    case NodeStatus::Retrying:
    case NodeStatus::Waiting:
        return false;
    default:
        return true;
    }
}

namespace {

template<typename Enum, std::size_t N>
std::optional<Enum> parseAmong(const QString &text, const Enum (&values)[N])
{
    for (Enum value : values) {
        if (toString(value) == text)
            return value;
    }
    return std::nullopt;
}

} // namespace

std::optional<NodeStatus> parseNodeStatus(const QString &text)
{
    static constexpr NodeStatus all[] = {
        NodeStatus::Pending,   NodeStatus::Running, NodeStatus::Retrying, NodeStatus::Waiting,
        NodeStatus::Succeeded, NodeStatus::IgnoredFailure, NodeStatus::Failed, NodeStatus::Skipped,
        NodeStatus::Aborted,   NodeStatus::RolledBack};
    return parseAmong(text, all);
}

std::optional<RunStatus> parseRunStatus(const QString &text)
{
    static constexpr RunStatus all[] = {RunStatus::Pending, RunStatus::Running, RunStatus::Succeeded,
                                        RunStatus::Failed, RunStatus::Aborted, RunStatus::RolledBack,
                                        RunStatus::Interrupted};
    return parseAmong(text, all);
}

std::optional<NodeKind> parseNodeKind(const QString &text)
{
    static constexpr NodeKind all[] = {NodeKind::Stage, NodeKind::Group, NodeKind::Step};
    return parseAmong(text, all);
}

std::optional<NodeRole> parseNodeRole(const QString &text)
{
    static constexpr NodeRole all[] = {NodeRole::Main, NodeRole::Rollback, NodeRole::ErrorHandler};
    return parseAmong(text, all);
}

} // namespace pw::engine
