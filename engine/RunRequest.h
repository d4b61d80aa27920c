#pragma once

#include "RunTypes.h"
#include "rehearsal/RehearsalSettings.h"
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
    // Resume: the nodes to reuse from the original run, with their final state there
    // (ResumePlan decides which); they are `cloned`, not run.
    QHash<QString, NodeState> reuse;
    QString pipelineFile; // where the pipeline came from (the store keeps it for Re-run)
    bool store = true; // kept in the engine's run database, when it has one
    bool liveOutput = true; // step output on the live feed (off for `run -q`)
    QString user; // the login name the program runs as, for decisions made from it
    // Set: a rehearsal, on a virtual clock, with nothing executed (semantics.md "Rehearsal").
    std::optional<RehearsalSettings> rehearsal;
    // Set: random retry delays are drawn from a generator seeded with it and the step's id,
    // so that two runs of one pipeline draw the same delays (a rehearsal and the real run it
    // stands for, in the tests). Unset: the system's random numbers.
    std::optional<quint64> randomSeed;
};

} // namespace pw::engine

Q_DECLARE_METATYPE(pw::engine::RunRequest)
