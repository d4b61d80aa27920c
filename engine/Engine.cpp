#include "Engine.h"

#include "EngineLog.h"
#include "run/Run.h"
#include "store/RunDatabase.h"
#include "store/RunStoreWriter.h"
#include "executors/slurm/SlurmCluster.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace pw::engine {

void registerEngineMetaTypes()
{
    qRegisterMetaType<RunRequest>();
    qRegisterMetaType<RunSnapshot>();
    qRegisterMetaType<NodeState>();
    qRegisterMetaType<QList<NodeState>>();
    qRegisterMetaType<RunEvent>();
    qRegisterMetaType<QList<RunEvent>>();
    qRegisterMetaType<LogLine>();
    qRegisterMetaType<AttemptRecord>();
    qRegisterMetaType<QList<AttemptRecord>>();
    qRegisterMetaType<QList<LogLine>>();
    qRegisterMetaType<InterventionRequest>();
    qRegisterMetaType<InterventionRecord>();
    qRegisterMetaType<Decision>();
}

Engine::Engine(QString databasePath, QObject *parent) : QObject(parent), m_databasePath(std::move(databasePath))
{
    registerEngineMetaTypes();
}

Engine::~Engine()
{
    // Runs still going (the program stops at once) end here, stored as aborted.
    for (Run *run : std::as_const(m_runs))
        run->abandon();
    qDeleteAll(m_runs);
    m_runs.clear();
}

RunDatabase *Engine::database(const QString &runId)
{
    if (m_database)
        return m_database.get();
    if (m_databasePath.isEmpty() || m_databaseFailed)
        return nullptr;
    auto database = std::make_unique<RunDatabase>();
    if (const auto error = database->open(m_databasePath)) {
        m_databaseFailed = true;
        log()->error("run store: {}", error->toStdString());
        emit storeProblem(runId, *error + QStringLiteral(" (runs are not stored)"));
        return nullptr;
    }
    m_database = std::move(database);
    return m_database.get();
}

QNetworkAccessManager *Engine::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return m_network;
}

// Job files go beside the run store by default (semantics.md), else in the temporary
// directory (which a real cluster's nodes do not share: such runs name an outputDir).
slurm::SlurmCluster *Engine::slurm()
{
    if (!m_slurm) {
        const QString root = m_databasePath.isEmpty()
            ? QDir::tempPath() + QStringLiteral("/pipewright-jobs")
            : QFileInfo(m_databasePath).absolutePath() + QStringLiteral("/jobs");
        m_slurm = new slurm::SlurmCluster(root, this);
    }
    return m_slurm;
}

void Engine::startRun(RunRequest request)
{
    if (request.runId.isEmpty())
        request.runId = makeRunId();
    std::unique_ptr<RunStoreWriter> store;
    if (request.store) {
        if (RunDatabase *db = database(request.runId))
            store = std::make_unique<RunStoreWriter>(*db);
    }
    auto *run = new Run(std::move(request), network(), slurm(), std::move(store), this);
    const QString id = run->id();
    connect(run, &Run::storeProblem, this, [this, id](const QString &message) { emit storeProblem(id, message); });
    m_runs.insert(id, run);
    connect(run, &Run::nodesChanged, this, [this, id](const QList<NodeState> &states) { emit nodesChanged(id, states); });
    connect(run, &Run::eventsAdded, this, [this, id](const QList<RunEvent> &events) { emit eventsAdded(id, events); });
    connect(run, &Run::logLinesAdded, this, [this, id](const QList<LogLine> &lines) { emit logLinesAdded(id, lines); });
    connect(run, &Run::attemptsChanged, this,
            [this, id](const QList<AttemptRecord> &attempts) { emit attemptsChanged(id, attempts); });
    connect(run, &Run::interventionRequested, this, &Engine::interventionRequested);
    connect(run, &Run::interventionDecided, this,
            [this, id](const InterventionRecord &record) { emit interventionDecided(id, record); });
    connect(run, &Run::finished, this, [this, run, id](const RunSnapshot &snapshot) {
        m_runs.remove(id);
        run->deleteLater();
        emit runFinished(snapshot);
    });
    emit runStarted(id, run->snapshot());
    run->start();
}

void Engine::acknowledgeLogLines(const QString &runId)
{
    if (Run *run = m_runs.value(runId))
        run->acknowledgeLogLines();
}

void Engine::abortRun(const QString &runId)
{
    if (Run *run = m_runs.value(runId))
        run->abort();
}

void Engine::decide(const Decision &decision)
{
    const QString runId = decision.requestId.section(u'-', 0, -2);
    Run *run = m_runs.value(runId);
    if (!run) {
        emit decisionRefused(decision, QStringLiteral("run %1 is not running").arg(runId));
        return;
    }
    const Run::DecisionResult result = run->decide(decision);
    if (!result.accepted) {
        log()->info("decision {} on {} refused: {}", decision.decision.toStdString(),
                    decision.requestId.toStdString(), result.refusal.toStdString());
        emit decisionRefused(decision, result.refusal);
    }
}

} // namespace pw::engine
