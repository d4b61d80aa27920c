#pragma once

#include "Engine.h"

#include <QObject>
#include <QThread>

namespace pw::engine {

// How many nice levels below the caller's a run works (the result at most 19; 0: the same).
// The steps can go lower than the engine thread: the engine thread shares the caller's
// address space, and at the steps' level it waited for a core while holding that space's lock,
// which kept the caller waiting too (executors/ChildPriority.h).
struct RunPriority
{
    int engineThread = 0;
    int steps = 0;
};

// The engine on its own thread, for callers on any other thread: commands become queued
// calls, and the engine's signals reach the caller's thread queued. Quitting waits for the
// thread, so runs never outlive their owner.
//
// A run may work at a lower CPU priority than the caller (a window's thread, which must
// never wait behind a run). Linux gives each thread its own nice value; the engine thread and
// the step processes are lowered separately (RunPriority).
class EngineThread : public QObject
{
    Q_OBJECT

public:
    // `databasePath`: the run store the engine writes to; empty: none.
    explicit EngineThread(const QString &databasePath = {}, RunPriority priority = {}, QObject *parent = nullptr);
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
