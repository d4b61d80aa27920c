#pragma once

#include "Engine.h"

#include <QObject>
#include <QThread>

namespace pw::engine {

// The engine on its own thread, for callers on any other thread: commands become queued
// calls, and the engine's signals reach the caller's thread queued. Quitting waits for the
// thread, so runs never outlive their owner.
//
// The thread may run at a lower CPU priority than its caller (a window's thread, which must
// never wait behind a run): Linux gives each thread its own nice value, and the step
// processes the engine starts inherit it, so the whole run yields to the caller.
class EngineThread : public QObject
{
    Q_OBJECT

public:
    // `databasePath`: the run store the engine writes to; empty: none. `niceIncrement`: how
    // many nice levels below the caller's the engine thread runs (at most 19); 0: the same.
    explicit EngineThread(const QString &databasePath = {}, int niceIncrement = 0, QObject *parent = nullptr);
    ~EngineThread() override;

    // The engine, for connecting to its signals only: it lives on the engine thread.
    Engine *engine() const { return m_engine; }

    void startRun(RunRequest request);
    void abortRun(const QString &runId);
    void decide(const Decision &decision);
    void acknowledgeLogLines(const QString &runId);

private:
    QThread m_thread;
    Engine *m_engine;
};

} // namespace pw::engine
