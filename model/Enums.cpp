#include "Enums.h"

#include <array>
#include <utility>

namespace pw::model {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char *>, N>;

constexpr NameTable<ErrorType, 12> kErrorTypes{{
    {ErrorType::AllErrors, "AllErrors"},
    {ErrorType::Authentication, "Authentication"},
    {ErrorType::Authorization, "Authorization"},
    {ErrorType::Connectivity, "Connectivity"},
    {ErrorType::DelegateProvisioning, "DelegateProvisioning"},
    {ErrorType::Timeout, "Timeout"},
    {ErrorType::Unknown, "Unknown"},
    {ErrorType::Verification, "Verification"},
    {ErrorType::PolicyEvaluationFailure, "PolicyEvaluationFailure"},
    {ErrorType::InputTimeoutError, "InputTimeoutError"},
    {ErrorType::ApprovalRejection, "ApprovalRejection"},
    {ErrorType::DelegateRestart, "DelegateRestart"},
}};

constexpr NameTable<ActionType, 10> kActionTypes{{
    {ActionType::ManualIntervention, "ManualIntervention"},
    {ActionType::MarkAsSuccess, "MarkAsSuccess"},
    {ActionType::Ignore, "Ignore"},
    {ActionType::Retry, "Retry"},
    {ActionType::RetryStepGroup, "RetryStepGroup"},
    {ActionType::Abort, "Abort"},
    {ActionType::StageRollback, "StageRollback"},
    {ActionType::StepGroupRollback, "StepGroupRollback"},
    {ActionType::PipelineRollback, "PipelineRollback"},
    {ActionType::MarkAsFailure, "MarkAsFailure"},
}};

constexpr NameTable<StepType, 7> kStepTypes{{
    {StepType::Shell, "Shell"},
    {StepType::Http, "Http"},
    {StepType::Echo, "Echo"},
    {StepType::Wait, "Wait"},
    {StepType::Fail, "Fail"},
    {StepType::Verify, "Verify"},
    {StepType::Approval, "Approval"},
}};

constexpr NameTable<StatusCondition, 3> kStatusConditions{{
    {StatusCondition::Success, "Success"},
    {StatusCondition::Failure, "Failure"},
    {StatusCondition::All, "All"},
}};

constexpr NameTable<RetryType, 3> kRetryTypes{{
    {RetryType::Constant, "constant"},
    {RetryType::Exponential, "exponential"},
    {RetryType::Random, "random"},
}};

constexpr NameTable<FailurePolicy, 2> kFailurePolicies{{
    {FailurePolicy::FailFast, "failFast"},
    {FailurePolicy::FinishRunning, "finishRunning"},
}};

constexpr NameTable<InputType, 4> kInputTypes{{
    {InputType::String, "string"},
    {InputType::Number, "number"},
    {InputType::Integer, "integer"},
    {InputType::Boolean, "boolean"},
}};

constexpr NameTable<LogLevel, 3> kLogLevels{{
    {LogLevel::Info, "INFO"},
    {LogLevel::Warn, "WARN"},
    {LogLevel::Error, "ERROR"},
}};

template <typename Enum, std::size_t N>
QString nameOf(const NameTable<Enum, N> &table, Enum value)
{
    for (const auto &[entry, name] : table) {
        if (entry == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const NameTable<Enum, N> &table, const QString &text,
                          Qt::CaseSensitivity cs = Qt::CaseSensitive)
{
    for (const auto &[entry, name] : table) {
        if (text.compare(QLatin1String(name), cs) == 0)
            return entry;
    }
    return std::nullopt;
}

constexpr NameTable<ExecutorType, 2> kExecutorTypes{{
    {ExecutorType::Local, "local"},
    {ExecutorType::Slurm, "slurm"},
}};

template <typename Enum, std::size_t N>
QStringList namesOf(const NameTable<Enum, N> &table)
{
    QStringList names;
    for (const auto &entry : table)
        names << QString::fromLatin1(entry.second);
    return names;
}

} // namespace

QString toString(ErrorType value) { return nameOf(kErrorTypes, value); }
QString toString(ActionType value) { return nameOf(kActionTypes, value); }
QString toString(StepType value) { return nameOf(kStepTypes, value); }
QString toString(StatusCondition value) { return nameOf(kStatusConditions, value); }
QString toString(RetryType value) { return nameOf(kRetryTypes, value); }
QString toString(FailurePolicy value) { return nameOf(kFailurePolicies, value); }
QString toString(InputType value) { return nameOf(kInputTypes, value); }
QString toString(LogLevel value) { return nameOf(kLogLevels, value); }
QString toString(ExecutorType value) { return nameOf(kExecutorTypes, value); }

std::optional<ErrorType> parseErrorType(const QString &text)
{
    return parse(kErrorTypes, text, Qt::CaseInsensitive);
}
std::optional<ActionType> parseActionType(const QString &text) { return parse(kActionTypes, text); }
std::optional<StepType> parseStepType(const QString &text) { return parse(kStepTypes, text); }
std::optional<StatusCondition> parseStatusCondition(const QString &text)
{
    return parse(kStatusConditions, text);
}
std::optional<RetryType> parseRetryType(const QString &text) { return parse(kRetryTypes, text); }
std::optional<FailurePolicy> parseFailurePolicy(const QString &text)
{
    return parse(kFailurePolicies, text);
}
std::optional<InputType> parseInputType(const QString &text) { return parse(kInputTypes, text); }
std::optional<LogLevel> parseLogLevel(const QString &text) { return parse(kLogLevels, text); }
std::optional<ExecutorType> parseExecutorType(const QString &text)
{
    return parse(kExecutorTypes, text);
}

template <> QStringList allNames<ErrorType>() { return namesOf(kErrorTypes); }
template <> QStringList allNames<ActionType>() { return namesOf(kActionTypes); }
template <> QStringList allNames<StepType>() { return namesOf(kStepTypes); }
template <> QStringList allNames<StatusCondition>() { return namesOf(kStatusConditions); }
template <> QStringList allNames<RetryType>() { return namesOf(kRetryTypes); }
template <> QStringList allNames<FailurePolicy>() { return namesOf(kFailurePolicies); }
template <> QStringList allNames<InputType>() { return namesOf(kInputTypes); }
template <> QStringList allNames<LogLevel>() { return namesOf(kLogLevels); }
template <> QStringList allNames<ExecutorType>() { return namesOf(kExecutorTypes); }

bool isRetryAction(ActionType action)
{
    return action == ActionType::Retry || action == ActionType::RetryStepGroup;
}

bool needsStepGroup(ActionType action)
{
    return action == ActionType::RetryStepGroup || action == ActionType::StepGroupRollback;
}

} // namespace pw::model
