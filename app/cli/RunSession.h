#pragma once

#include "InterventionResponder.h"
#include "RunMirror.h"
#include "RunOptions.h"
#include "RunProgressPrinter.h"
#include "engine/RunRequest.h"
#include "engine/output/SecretMasker.h"

#include <QEventLoop>
#include <QObject>

#include <memory>

namespace pw::engine {
class EngineThread;
}

namespace pw::cli {

class InterruptHandler;
class TerminalPrompt;

// One `pipewright run` from start to exit code: the engine on its own thread, and on this
// thread the progress lines, the answers to requests, Ctrl+C, and the report. The engine is
// only ever talked to through EngineThread's queued calls and its queued signals.
class RunSession : public QObject
{
    Q_OBJECT

public:
    // `databasePath`: the run store the engine writes to; empty: nothing is stored.
    RunSession(RunOptions options, QString databasePath, QObject *parent = nullptr);
    ~RunSession() override;

    // Runs the request to its end (or to a second Ctrl+C) and returns the exit code.
    int exec(engine::RunRequest request);

private:
    void connectEngine();
    void runStarted(const QString &runId, const engine::RunSnapshot &initial);
    void interventionRequested(engine::InterventionRequest request);
    void interventionDecided(const QString &runId, const engine::InterventionRecord &record);
    void decisionRefused(const engine::Decision &decision, const QString &reason);
    void runFinished(const engine::RunSnapshot &snapshot);
    void interrupted(int signalNumber, int count);
    void decide(const engine::Decision &decision);
    void schedulePrint();

    void finish(const engine::RunSnapshot &snapshot, const QString &remark);
    bool writeReport(const engine::RunSnapshot &snapshot);
    void progress(const QString &line);   // stdout, unless --quiet
    void diagnostic(const QString &line); // stderr, always
    QString masked(const QString &text) const;

    RunOptions m_options;
    QString m_databasePath;
    engine::SecretMasker m_masker; // as the engine masks: the same values, the same way
    QEventLoop m_loop;
    RunMirror m_mirror;
    RunProgressPrinter m_printer;
    TerminalPrompt *m_prompt = nullptr; // only when a mode is `prompt`
    InterventionResponder m_responder;
    InterruptHandler *m_interrupts = nullptr;
    QHash<QString, QString> m_requestSteps; // request id -> step, for messages
    QString m_runId;
    bool m_interrupted = false;
    bool m_finished = false;
    bool m_printScheduled = false;
    // Declared last so it is destroyed first: the engine thread stops before anything it
    // could still signal to goes away.
    std::unique_ptr<engine::EngineThread> m_engine;
};

} // namespace pw::cli
