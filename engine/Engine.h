#pragma once

#include "RunRequest.h"
#include "RunTypes.h"

#include <QHash>
#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace pw::engine {

class Run;
class RunDatabase;
namespace slurm {
class SlurmCluster;
}

// Owns every run; lives on the engine thread (see EngineThread) and is driven only by its
// event loop. Commands arrive as queued calls to its slots; everything it publishes is a
// queued signal carrying value types.
class Engine : public QObject
{
    Q_OBJECT

public:
    // `databasePath`: where runs are stored (opened on the engine thread at the first run);
    // empty: nothing is stored.
    explicit Engine(QString databasePath = {}, QObject *parent = nullptr);
    ~Engine() override;

public slots:
    // Starts a run; runStarted() tells its id.
    void startRun(pw::engine::RunRequest request);
    void abortRun(const QString &runId);
    void decide(const pw::engine::Decision &decision);
    // The observer has taken a batch of logLinesAdded: the next one may come (see RunRecorder).
    void acknowledgeLogLines(const QString &runId);

signals:
    void runStarted(const QString &runId, const pw::engine::RunSnapshot &initial);
    void nodesChanged(const QString &runId, const QList<pw::engine::NodeState> &states);
    void eventsAdded(const QString &runId, const QList<pw::engine::RunEvent> &events);
    void logLinesAdded(const QString &runId, const QList<pw::engine::LogLine> &lines);
    // Attempts that started or ended since the last batch (as the store keeps them).
    void attemptsChanged(const QString &runId, const QList<pw::engine::AttemptRecord> &attempts);
    void interventionRequested(const pw::engine::InterventionRequest &request);
    void interventionDecided(const QString &runId, const pw::engine::InterventionRecord &record);
    void decisionRefused(const pw::engine::Decision &decision, const QString &reason);
    void runFinished(const pw::engine::RunSnapshot &snapshot);
    // The run store could not be opened or written; the run goes on without it.
    void storeProblem(const QString &runId, const QString &message);

private:
    QNetworkAccessManager *network();
    slurm::SlurmCluster *slurm();
    RunDatabase *database(const QString &runId);

    QString m_databasePath;
    std::unique_ptr<RunDatabase> m_database; // the engine thread's connection, for writing
    bool m_databaseFailed = false;
    QHash<QString, Run *> m_runs;
    QNetworkAccessManager *m_network = nullptr; // created on the engine thread, on first use
    slurm::SlurmCluster *m_slurm = nullptr; // the same
};

void registerEngineMetaTypes();

} // namespace pw::engine
