#include "EngineThread.h"

#include "EngineLog.h"
#include "executors/ChildPriority.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace pw::engine {

EngineThread::EngineThread(const QString &databasePath, RunPriority priority, QObject *parent)
    : QObject(parent), m_engine(new Engine(databasePath))
{
    m_thread.setObjectName(QStringLiteral("pipewright-engine"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    const std::optional<int> caller = currentThreadNiceValue();
    if (caller && (priority.engineThread > 0 || priority.steps > 0)) {
        // Emitted on the new thread before its event loop, so before any run starts there.
        connect(&m_thread, &QThread::started, m_engine, [priority, caller = *caller] {
            if (priority.engineThread > 0 && !setCurrentThreadNiceValue(std::min(caller + priority.engineThread, 19)))
                log()->warn("the engine thread keeps the priority of the program: {}", std::strerror(errno));
            if (priority.steps > 0)
                setChildNiceValueForThisThread(std::min(caller + priority.steps, 19));
        }, Qt::DirectConnection);
    }
    m_thread.start();
}

EngineThread::~EngineThread()
{
    m_thread.quit();
    m_thread.wait();
}

void EngineThread::startRun(RunRequest request)
{
    // A functor rather than Q_ARG: the request (the whole pipeline) is moved across, not copied.
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, request = std::move(request)]() mutable { engine->startRun(std::move(request)); },
        Qt::QueuedConnection);
}

void EngineThread::abortRun(const QString &runId)
{
    QMetaObject::invokeMethod(m_engine, "abortRun", Qt::QueuedConnection, Q_ARG(QString, runId));
}

void EngineThread::decide(const Decision &decision)
{
    QMetaObject::invokeMethod(m_engine, "decide", Qt::QueuedConnection, Q_ARG(pw::engine::Decision, decision));
}

void EngineThread::acknowledgeLogLines(const QString &runId)
{
    QMetaObject::invokeMethod(m_engine, "acknowledgeLogLines", Qt::QueuedConnection, Q_ARG(QString, runId));
}

} // namespace pw::engine
