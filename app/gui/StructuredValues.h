#pragma once

#include "model/FailureStrategy.h"
#include "model/Node.h"
#include "model/Pipeline.h"

#include <QVariant>

// The composite fields of the property panel, as YAML-shaped QVariant maps and lists:
// failure strategies, retry policies, pipeline inputs and step specs. Writers check every
// value and fail with a message naming the field; nothing is changed when they fail.
namespace pw::gui::values {

QVariantList fromStrategies(const model::FailureStrategies &strategies);
bool toStrategies(const QVariant &value, model::FailureStrategies &out, QString &error);

QVariant fromRetry(const std::optional<model::RetryPolicy> &retry); // null when unset
// A map replaces the whole policy (missing keys unset); null removes it.
bool toRetry(const QVariant &value, std::optional<model::RetryPolicy> &out, QString &error);
// One field of a policy ("maxAttempts"); creates the policy when the step had none.
bool setRetryField(std::optional<model::RetryPolicy> &retry, const QString &name,
                   const QVariant &value, QString &error);

QVariantList fromInputs(const std::vector<model::Input> &inputs);
bool toInputs(const QVariant &value, std::vector<model::Input> &out, QString &error);

// The spec map of a step; `ordered` keeps env/headers/exitCodes as [[key, value], ...].
QVariantMap fromSpec(const model::StepSpec &spec, bool ordered);
// Sets one spec field ("command", "headers", ...) of the spec's current type.
bool setSpecField(model::StepSpec &spec, const QString &name, const QVariant &value,
                  QString &error);
// A whole spec map for the spec's current type: keys left out are unset.
bool toSpec(const QVariant &value, model::StepSpec &inOut, QString &error);

} // namespace pw::gui::values
