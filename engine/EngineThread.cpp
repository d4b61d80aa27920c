#include "EngineThread.h"

namespace pw::engine {

EngineThread::EngineThread(const QString &databasePath, QObject *parent)
    : QObject(parent), m_engine(new Engine(databasePath))
{
    m_thread.setObjectName(QStringLiteral("pipewright-engine"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
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

} // namespace pw::engine

namespace pw::engine {

void EngineThread::acknowledgeLogLines(const QString &runId)
{
    QMetaObject::invokeMethod(m_engine, "acknowledgeLogLines", Qt::QueuedConnection, Q_ARG(QString, runId));
}

} // namespace pw::engine
