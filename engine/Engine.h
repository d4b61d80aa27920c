#pragma once

#include "RunRequest.h"
#include "RunTypes.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;

namespace pw::engine {

class Run;

// Owns every run; lives on the engine thread (see EngineThread) and is driven only by its
// event loop. Commands arrive as queued calls to its slots; everything it publishes is a
// queued signal carrying value types.
class Engine : public QObject
{
    Q_OBJECT

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

public slots:
    // Starts a run; runStarted() tells its id.
    void startRun(pw::engine::RunRequest request);
    void abortRun(const QString &runId);
    void decide(const pw::engine::Decision &decision);

signals:
    void runStarted(const QString &runId, const pw::engine::RunSnapshot &initial);
    void nodesChanged(const QString &runId, const QList<pw::engine::NodeState> &states);
    void eventsAdded(const QString &runId, const QList<pw::engine::RunEvent> &events);
    void logLinesAdded(const QString &runId, const QList<pw::engine::LogLine> &lines);
    void interventionRequested(const pw::engine::InterventionRequest &request);
    void interventionDecided(const QString &runId, const pw::engine::InterventionRecord &record);
    void decisionRefused(const pw::engine::Decision &decision, const QString &reason);
    void runFinished(const pw::engine::RunSnapshot &snapshot);

private:
    QNetworkAccessManager *network();

    QHash<QString, Run *> m_runs;
    QNetworkAccessManager *m_network = nullptr; // created on the engine thread, on first use
};

void registerEngineMetaTypes();

} // namespace pw::engine
