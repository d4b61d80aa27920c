#pragma once

#include "Node.h"

#include <QStringList>

namespace pw::model {

struct Input
{
    QString id;
    std::optional<InputType> type; // unset: string
    std::optional<QString> defaultValue; // as written; unset: the input is required
    QString description;

    InputType effectiveType() const { return type.value_or(InputType::String); }
    bool operator==(const Input &) const = default;
};

struct Stage
{
    QString id;
    QString name;
    QString description;
    When when; // status is pipelineStatus
    std::optional<Executor> executor; // unset: the pipeline's
    FailureStrategies failureStrategies;
    NodeList steps;
    NodeList rollbackSteps;
    NodeList errorHandler;
    bool operator==(const Stage &) const = default;
};

// Stages that start together.
struct ParallelStages
{
    std::vector<Stage> stages;
    bool operator==(const ParallelStages &) const = default;
};

struct StageItem
{
    std::variant<Stage, ParallelStages> item;

    const Stage *stage() const { return std::get_if<Stage>(&item); }
    Stage *stage() { return std::get_if<Stage>(&item); }
    const ParallelStages *parallel() const { return std::get_if<ParallelStages>(&item); }
    ParallelStages *parallel() { return std::get_if<ParallelStages>(&item); }
    bool operator==(const StageItem &) const = default;
};

struct Pipeline
{
    // The comment block at the top of the file, without the '#' marks. Kept on save because
    // it usually says what the pipeline is for; other comments are lost (see the format spec).
    QString headerComment;

    QString id;
    QString name;
    QString description;
    std::vector<Input> inputs;
    QStringList secrets;
    std::optional<int> maxParallel; // unset: number of CPU cores
    std::optional<Duration> timeout;
    std::optional<FailurePolicy> failurePolicy; // unset: failFast
    std::optional<Executor> executor; // unset: local
    FailureStrategies failureStrategies;
    NodeList errorHandler;
    std::vector<StageItem> stages;

    QString displayName() const { return name.isEmpty() ? id : name; }
    bool operator==(const Pipeline &) const = default;
};

} // namespace pw::model
