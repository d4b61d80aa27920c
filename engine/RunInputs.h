#pragma once

#include "model/Pipeline.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QStringList>
#include <QVariantMap>

#include <variant>

namespace pw::engine {

// A typed value for every input of `pipeline`: the `--input ID=VALUE` arguments typed by
// each input's declared type, and the defaults for the rest. Or a message for people when an
// argument is malformed, names no input, is given twice, does not fit the type, or a
// required input (one without a default) is missing.
std::variant<QVariantMap, QString> typedInputs(const model::Pipeline &pipeline,
                                               const QStringList &arguments);

// One value typed as `type` (string, number, integer or boolean); nothing when it does not fit.
std::optional<QVariant> typedValue(model::InputType type, const QString &text);

// The value of every secret the pipeline declares, from `environment`. Or the names of the
// missing ones (the run must not start without them).
std::variant<QHash<QString, QString>, QStringList> readSecrets(
    const model::Pipeline &pipeline, const QProcessEnvironment &environment);

// The secrets whose value is too short to be masked (SecretMasker::kMinimumLength): the run
// goes on, and says so, because masking a value of one to three characters would hide every
// match of it in every log (`a` in "banana") and still tell what it is.
QStringList secretsTooShortToMask(const QHash<QString, QString> &secrets);

} // namespace pw::engine
