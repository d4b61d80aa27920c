#pragma once

#include "Executor.h"
#include "FailureStrategy.h"
#include "StepSpec.h"

#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace pw::model {

// `when` of a node: for steps and groups `status` means stageStatus, for stages
// pipelineStatus. Unset status means Success.
struct When
{
    std::optional<StatusCondition> status;
    QString condition; // JavaScript; empty: none
    bool isEmpty() const { return !status && condition.isEmpty(); }
    bool operator==(const When &) const = default;
};

// Automatic retry before any failure strategy (Kestra retry / Metaflow @retry).
struct RetryPolicy
{
    RetryType type = RetryType::Constant;
    std::optional<int> maxAttempts;
    std::optional<Duration> interval;
    std::optional<double> delayFactor; // exponential; unset: 2
    std::optional<Duration> maxInterval;
    std::optional<Duration> minInterval;
    std::optional<Duration> maxDuration;
    std::optional<bool> warningOnRetry;
    QList<ErrorType> onErrors; // empty: AllErrors
    bool operator==(const RetryPolicy &) const = default;
};

struct Step
{
    QString id;
    QString name;
    StepSpec spec;
    std::optional<Duration> timeout; // per attempt; unset: none (Approval: 1d)
    When when;
    std::optional<RetryPolicy> retry;
    QString catchVar; // Metaflow @catch: empty when not set
    std::optional<Executor> executor; // Shell steps only; unset: the enclosing one
    FailureStrategies failureStrategies;

    StepType type() const { return stepTypeOf(spec); }
    bool operator==(const Step &) const = default;
};

struct Node;
using NodeList = std::vector<Node>;

struct StepGroup
{
    QString id;
    QString name;
    When when;
    std::optional<Executor> executor; // for the Shell steps inside; unset: the enclosing one
    FailureStrategies failureStrategies;
    NodeList steps;
    NodeList rollbackSteps;
    NodeList errorHandler;
    bool operator==(const StepGroup &) const;
};

// Items that start together. Holds steps and groups, never another parallel block.
struct ParallelBlock
{
    NodeList items;
    bool operator==(const ParallelBlock &) const;
};

// One entry of a node list: a step, a step group or a parallel block.
struct Node
{
    std::variant<Step, StepGroup, ParallelBlock> item;

    const Step *step() const { return std::get_if<Step>(&item); }
    Step *step() { return std::get_if<Step>(&item); }
    const StepGroup *group() const { return std::get_if<StepGroup>(&item); }
    StepGroup *group() { return std::get_if<StepGroup>(&item); }
    const ParallelBlock *parallel() const { return std::get_if<ParallelBlock>(&item); }
    ParallelBlock *parallel() { return std::get_if<ParallelBlock>(&item); }
    bool operator==(const Node &) const; // written out in Node.cpp (see there)
};

} // namespace pw::model
