#pragma once

#include "LineSplitter.h"
#include "engine/RunTypes.h"
#include "engine/output/OutputSink.h"
#include "model/StepSpec.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QVariantMap>

#include <chrono>
#include <optional>

namespace pw::engine {

// One attempt of one step, with every `{{ }}` of the spec already evaluated (Shell commands
// with their values shell-quoted) by the scheduler.
struct AttemptRequest
{
    QString runId;
    QString stepId;
    int attempt = 1;
    model::StepSpec spec;
    // The environment of a Shell step: the program's own, plus PW_INPUT_<ID> for every input
    // and every secret under its own name. The executor adds the spec's `env` (already in
    // here or not: the spec wins) and PW_OUTPUT. Empty: the program's own environment.
    QProcessEnvironment environment;
    // Where a Shell step's relative paths start when the spec gives no workingDir.
    QString defaultWorkingDir;
    // Verify steps: the scheduler evaluates `condition` with the run's context before the
    // attempt (executors have no context), and passes the result or the expression's error.
    std::optional<bool> verifyResult;
    QString verifyError;
};

// How an attempt ended.
struct AttemptOutcome
{
    bool succeeded = false;
    model::ErrorType errorType = model::ErrorType::Unknown; // when !succeeded
    QString message;        // when !succeeded: "exit code 3", "HTTP 503 Service Unavailable", ...
    QVariantMap outputs;    // when succeeded
    bool cancelled = false; // ended by cancel(), whatever the process did afterwards
};

enum class CancelReason {
    Timeout, // the attempt ran past the step's timeout: the outcome is a Timeout failure
    Abort,   // the run or a part of it is being cancelled
};

// Runs one attempt of one step type. Lives on the engine thread; never blocks it: every
// wait is a signal (process, network) or a timer. Emits `finished` exactly once per start(),
// always from the event loop (never from inside start() or cancel()), so a receiver may
// react to it freely; delete the executor from a `finished` slot with deleteLater().
// `logLine` may come at any time from start() until `finished`, also from inside start() and
// cancel(). One attempt at a time: start() again only after `finished`.
class StepExecutor : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start(const AttemptRequest &request) = 0;
    // Stops the attempt soon. A Shell step gets SIGTERM on its whole process group, then
    // SIGKILL after its killGrace; `finished` follows once nothing of it is left running,
    // with cancelled = true (and errorType Timeout for CancelReason::Timeout).
    // A cancel() made before `finished` was emitted always yields cancelled = true, even if
    // the work was already done; the first reason given wins. Without an attempt running
    // (before start(), after `finished`) it does nothing.
    virtual void cancel(CancelReason reason) = 0;

    // Where raw output (a Shell step's pipes) goes; without one it becomes logLine signals.
    // Not owned; set it to null before the sink goes away.
    void setOutputSink(OutputSink *sink) { m_sink = sink; }

signals:
    void logLine(pw::engine::LogLine::Stream stream, const QString &text);
    void finished(const pw::engine::AttemptOutcome &outcome);
    // Executors that hand the attempt to another system (a Slurm job): its id there, once
    // known; then, while it waits there to start, why (a Slurm reason such as "Resources"),
    // and when it has started.
    void externalIdAssigned(const QString &id);
    void waitingFor(const QString &reason);
    void jobStarted();

protected:
    // Raw output of the attempt, cut anywhere: to the sink, or split into logLine signals.
    void writeOutput(LogLine::Stream stream, QByteArrayView bytes);
    // The stream ended: a last line without a newline counts.
    void endOutput(LogLine::Stream stream);
    // A new attempt: no partial line of the last one is carried over.
    void resetOutput();

    // Emits `finished` from the event loop: a queued call to ourselves, never on the stack of
    // start(), cancel() or a QProcess / QNetworkReply signal (a receiver that destroys us must
    // not return into a half-dead sender). Dropped if we are destroyed first. Only the first
    // call of an attempt counts.
    void finishSoon(const AttemptOutcome &outcome);
    // For cancel(): if the outcome is decided but not yet emitted, turns it into a
    // cancellation and returns true (nothing else to stop).
    bool cancelPending(CancelReason reason);

    static AttemptOutcome cancelledOutcome(CancelReason reason);
    static AttemptOutcome failure(model::ErrorType type, const QString &message);
    static AttemptOutcome success(const QVariantMap &outputs = {});

private:
    std::optional<AttemptOutcome> m_pendingOutcome;
    OutputSink *m_sink = nullptr;
    LineSplitter m_stdoutLines; // without a sink only
    LineSplitter m_stderrLines;
};

} // namespace pw::engine

Q_DECLARE_METATYPE(pw::engine::AttemptOutcome)
