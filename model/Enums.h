#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// The closed vocabularies of the pipeline format, with their exact spellings. Names live in
// one table per enum (Enums.cpp) so that loading, saving, messages and the UI agree.
namespace pw::model {

enum class ErrorType {
    AllErrors,
    Authentication,
    Authorization,
    Connectivity,
    DelegateProvisioning,
    Timeout,
    Unknown,
    Verification,
    PolicyEvaluationFailure,
    InputTimeoutError,
    ApprovalRejection,
    DelegateRestart,
};

enum class ActionType {
    ManualIntervention,
    MarkAsSuccess,
    Ignore,
    Retry,
    RetryStepGroup,
    Abort,
    StageRollback,
    StepGroupRollback,
    PipelineRollback,
    MarkAsFailure,
};

enum class StepType { Shell, Http, Echo, Wait, Fail, Verify, Approval };
enum class StatusCondition { Success, Failure, All };
enum class RetryType { Constant, Exponential, Random };
enum class FailurePolicy { FailFast, FinishRunning };
enum class InputType { String, Number, Integer, Boolean };
enum class LogLevel { Info, Warn, Error };
enum class ExecutorType { Local, Slurm };

QString toString(ErrorType value);
QString toString(ActionType value);
QString toString(StepType value);
QString toString(StatusCondition value);
QString toString(RetryType value);
QString toString(FailurePolicy value);
QString toString(InputType value);
QString toString(LogLevel value);
QString toString(ExecutorType value);

// Parsing is exact, except error types which the format matches case-insensitively.
std::optional<ErrorType> parseErrorType(const QString &text);
std::optional<ActionType> parseActionType(const QString &text);
std::optional<StepType> parseStepType(const QString &text);
std::optional<StatusCondition> parseStatusCondition(const QString &text);
std::optional<RetryType> parseRetryType(const QString &text);
std::optional<FailurePolicy> parseFailurePolicy(const QString &text);
std::optional<InputType> parseInputType(const QString &text);
std::optional<LogLevel> parseLogLevel(const QString &text);
std::optional<ExecutorType> parseExecutorType(const QString &text);

// All spellings of an enum, in declaration order, for "expected one of" messages and pickers.
template <typename Enum> QStringList allNames();

// Retry and RetryStepGroup take a retry spec; ManualIntervention takes a timeout spec.
bool isRetryAction(ActionType action);
bool needsStepGroup(ActionType action);

} // namespace pw::model
