#pragma once

#include "Duration.h"
#include "Enums.h"
#include "ValueBox.h"

#include <QList>

#include <optional>

namespace pw::model {

// What to do about a failure (Harness action). Only the fields of `type` are meaningful:
// Retry and RetryStepGroup use the retry fields, ManualIntervention the intervention fields.
// Optional fields stay unset when the file leaves them out, so saving keeps the file minimal.
struct FailureAction
{
    ActionType type = ActionType::MarkAsFailure;

    // Retry / RetryStepGroup
    std::optional<int> retryCount;
    QList<Duration> retryIntervals; // the last one repeats; empty: no wait
    ValueBox<FailureAction> onRetryFailure; // unset: MarkAsFailure

    // ManualIntervention
    std::optional<Duration> timeout; // unset: 1d
    ValueBox<FailureAction> onTimeout; // unset: MarkAsFailure

    bool operator==(const FailureAction &) const = default;
};

// One entry of a failureStrategies list: the first entry whose errors match wins.
struct FailureStrategy
{
    QList<ErrorType> errors;
    FailureAction action;

    bool operator==(const FailureStrategy &) const = default;
};

using FailureStrategies = QList<FailureStrategy>;

constexpr qint64 kDefaultInterventionTimeoutMs = 24LL * 60 * 60 * 1000;

} // namespace pw::model
