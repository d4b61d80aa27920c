#pragma once

#include "model/Pipeline.h"

#include <QHash>
#include <QMetaType>
#include <QProcessEnvironment>
#include <QVariantMap>

#include <optional>

namespace pw::engine {

// Everything a run needs, by value: it crosses to the engine thread in a queued call.
struct RunRequest
{
    model::Pipeline pipeline; // validated by the caller
    QByteArray pipelineText; // the exact text it came from, for the run store
    QVariantMap inputs; // typed values for every input (defaults applied by the caller)
    QHash<QString, QString> secrets; // every declared secret, read from the environment
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    std::optional<int> maxParallel; // overrides the pipeline's
    QString workingDir; // where Shell steps start; empty: the current directory
    QString runId; // empty: a new id is made
    QString originRunId; // set by resume
};

} // namespace pw::engine

Q_DECLARE_METATYPE(pw::engine::RunRequest)
