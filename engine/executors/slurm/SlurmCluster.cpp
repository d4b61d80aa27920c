#include "SlurmCluster.h"

#include "engine/EngineLog.h"

#include <QProcess>

#include <algorithm>

namespace pw::engine::slurm {

SlurmCluster::SlurmCluster(QString defaultJobRoot, QObject *parent)
    : QObject(parent), m_defaultJobRoot(std::move(defaultJobRoot)), m_timer(this)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SlurmCluster::poll);
}

SlurmCluster::~SlurmCluster()
{
    if (m_query) {
        m_query->disconnect(this);
        m_query->kill();
        m_query->waitForFinished(1000); // a query lasts milliseconds; never left as a zombie
    }
}

void SlurmCluster::watch(const QString &jobId, QObject *owner, Listener listener)
{
    m_jobs.insert(jobId, Watch{owner, std::move(listener), {}, m_clock.elapsed()});
    // A new job is young: look soon, whatever the interval was.
    if (!m_query && (!m_timer.isActive() || m_timer.remainingTime() > kFastestPollMs))
        m_timer.start(kFastestPollMs);
}

void SlurmCluster::unwatch(const QString &jobId)
{
    m_jobs.remove(jobId);
}

void SlurmCluster::pollSoon()
{
    if (!m_query)
        m_timer.start(0);
}

// A tenth of the youngest job's age, between the bounds: a job that started a second ago
// is looked at five times a second, one that has run for an hour every five seconds.
int SlurmCluster::nextIntervalMs() const
{
    qint64 youngest = std::numeric_limits<qint64>::max();
    const qint64 now = m_clock.elapsed();
    for (const Watch &watch : m_jobs)
        youngest = std::min(youngest, now - watch.watchedSinceMs);
    return int(std::clamp<qint64>(youngest / 10, kFastestPollMs, kSlowestPollMs));
}

void SlurmCluster::schedulePoll()
{
    if (!m_jobs.isEmpty() && !m_query)
        m_timer.start(nextIntervalMs());
}

void SlurmCluster::startQuery(const QStringList &arguments, const std::function<void(int)> &answered)
{
    auto *process = new QProcess(this);
    process->setProgram(arguments.first());
    process->setArguments(arguments.mid(1));
    process->setStandardInputFile(QProcess::nullDevice());
    m_query = process;
    // One answer per query: its exit code, or -1 when the command could not be started.
    connect(process, &QProcess::finished, this, [answered](int exitCode) { answered(exitCode); });
    connect(process, &QProcess::errorOccurred, this, [answered](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            answered(-1);
    });
    process->start();
}

void SlurmCluster::poll()
{
    if (m_jobs.isEmpty() || m_query)
        return;
    // Every state, so that jobs that just ended are listed too (until the controller forgets
    // them, MinJobAge later). Several ids: squeue filters the whole queue and never fails
    // on one it does not know.
    const QStringList ids = m_jobs.keys();
    startQuery({QStringLiteral("squeue"), QStringLiteral("--noheader"), QStringLiteral("--states=all"),
                QStringLiteral("--format=%i|%T|%r|%N"), QStringLiteral("--jobs=") + ids.join(u',')},
               [this](int exitCode) { queueAnswered(exitCode); });
}

void SlurmCluster::queueAnswered(int exitCode)
{
    QProcess *query = m_query;
    m_query = nullptr;
    if (!query)
        return;
    query->deleteLater();
    const QByteArray output = query->readAllStandardOutput();
    const QByteArray errors = query->readAllStandardError();
    const QHash<QString, JobState> states = parseSqueue(output);
    if (exitCode != 0 && states.isEmpty()) {
        // One id Slurm has forgotten makes squeue fail ("Invalid job id specified"): ask
        // the controller about each instead, which tells the forgotten ones apart.
        if (exitCode > 0 && errors.contains("Invalid job id")) {
            askController(m_jobs.keys());
            return;
        }
        if (!m_reportedOutage) {
            m_reportedOutage = true;
            const QString message = exitCode < 0 ? QStringLiteral("squeue could not be started: is Slurm installed and on PATH?")
                                                 : QString::fromUtf8(errors).trimmed();
            log()->warn("Slurm: {}", message.toStdString());
            emit unreachable(message);
        }
        schedulePoll();
        return;
    }
    m_reportedOutage = false;
    QStringList missing;
    for (const QString &id : m_jobs.keys()) {
        const auto found = states.constFind(id);
        if (found == states.cend())
            missing << id;
        else
            deliver(id, *found);
    }
    if (!missing.isEmpty()) {
        askController(missing);
        return;
    }
    schedulePoll();
}

void SlurmCluster::askController(const QStringList &ids)
{
    // `scontrol show job` takes one id; the first forgotten job is asked about now, the
    // others at the next polls (forgotten jobs are rare: only those that ended while the
    // queue was not being polled for longer than MinJobAge).
    const QString id = ids.first();
    startQuery({QStringLiteral("scontrol"), QStringLiteral("--oneliner"), QStringLiteral("show"),
                QStringLiteral("job"), id},
               [this, ids](int exitCode) { controllerAnswered(ids, exitCode); });
}

void SlurmCluster::controllerAnswered(const QStringList &asked, int exitCode)
{
    QProcess *query = m_query;
    m_query = nullptr;
    if (!query)
        return;
    query->deleteLater();
    const QString id = asked.first();
    const QHash<QString, JobState> states = parseScontrol(query->readAllStandardOutput());
    const QByteArray errors = query->readAllStandardError();
    if (states.contains(id))
        deliver(id, states.value(id));
    else if (exitCode > 0 && errors.contains("Invalid job id"))
        deliver(id, JobState{}); // forgotten: it has ended, how is for its files to tell
    schedulePoll();
}

void SlurmCluster::deliver(const QString &jobId, const JobState &state)
{
    const auto found = m_jobs.find(jobId);
    if (found == m_jobs.end())
        return;
    const bool ended = state.hasEnded() || state.state.isEmpty();
    if (found->last == state && !ended)
        return;
    found->last = state;
    const QPointer<QObject> owner = found->owner;
    const Listener listener = found->listener;
    if (ended)
        m_jobs.erase(found);
    if (owner)
        listener(state);
}

} // namespace pw::engine::slurm
