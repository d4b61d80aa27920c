#pragma once

#include "SlurmJobState.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QProcess;

namespace pw::engine::slurm {

// Every live Slurm job of the program, watched together: one `squeue` per poll for all of
// them (as Snakemake and Nextflow do; a query per job would load the controller with
// hundreds of requests a second), `scontrol` only for jobs the queue no longer lists. Polls
// quickly while a job is young and slower as the youngest gets older. Lives on the engine
// thread; every command runs as a QProcess, so nothing here blocks.
class SlurmCluster : public QObject
{
    Q_OBJECT

public:
    using Listener = std::function<void(const JobState &)>;

    // `defaultJobRoot`: where job files go when an executor names no outputDir.
    explicit SlurmCluster(QString defaultJobRoot, QObject *parent = nullptr);
    ~SlurmCluster() override;

    const QString &defaultJobRoot() const { return m_defaultJobRoot; }

    // Calls `listener` (while `owner` lives) whenever the job's state or pending reason
    // changes, and a last time when it has ended (then it is no longer watched). A job Slurm
    // has forgotten ends with an empty state.
    void watch(const QString &jobId, QObject *owner, Listener listener);
    void unwatch(const QString &jobId);
    // Polls soon, whatever the interval: a job was just cancelled.
    void pollSoon();

    // Poll interval bounds, in ms (tests and benchmarks shorten them).
    static constexpr int kFastestPollMs = 200;
    static constexpr int kSlowestPollMs = 5000;

signals:
    // The controller did not answer a poll (once per outage, with what the command said).
    void unreachable(const QString &message);

private:
    struct Watch
    {
        QPointer<QObject> owner;
        Listener listener;
        JobState last;
        qint64 watchedSinceMs = 0;
    };

    void schedulePoll();
    int nextIntervalMs() const;
    void poll();
    void queueAnswered(int exitCode);
    void askController(const QStringList &ids);
    void controllerAnswered(const QStringList &asked, int exitCode);
    void deliver(const QString &jobId, const JobState &state);
    void startQuery(const QStringList &arguments, const std::function<void(int)> &answered);

    QString m_defaultJobRoot;
    QHash<QString, Watch> m_jobs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QProcess *m_query = nullptr; // one query at a time
    bool m_reportedOutage = false;
};

} // namespace pw::engine::slurm
