#include "OrphanSweep.h"

#include "ProcessTag.h"

#include <QAbstractEventDispatcher>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QMutex>
#include <QTimer>

#include <csignal>

#include <sys/wait.h>
#include <unistd.h>

namespace pw::engine {
namespace {

constexpr int kSweepDelayMs = 100;

QMutex g_mutex;
QHash<pid_t, QByteArray> g_running; // leader pid -> tag
QSet<pid_t> g_killed; // adopted orphans we killed, to reap once they are zombies
thread_local bool t_sweepScheduled = false;

bool isRunningTag(const QByteArray &tag)
{
    QMutexLocker lock(&g_mutex);
    for (const QByteArray &running : std::as_const(g_running))
        if (running == tag)
            return true;
    return false;
}

bool isRegistered(pid_t pid)
{
    QMutexLocker lock(&g_mutex);
    return g_running.contains(pid);
}

// Our children, as the kernel lists them under the main thread (where orphans are adopted).
QList<pid_t> adoptedChildren()
{
    QFile file(QStringLiteral("/proc/self/task/%1/children").arg(::getpid()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<pid_t> pids;
    for (const QByteArray &word : file.readAll().split(' ')) {
        bool ok = false;
        const pid_t pid = pid_t(word.trimmed().toInt(&ok));
        if (ok && pid > 0)
            pids << pid;
    }
    return pids;
}

} // namespace

void registerStepProcess(pid_t pid, const QByteArray &tag)
{
    QMutexLocker lock(&g_mutex);
    g_running.insert(pid, tag);
}

void unregisterStepProcess(pid_t pid)
{
    QMutexLocker lock(&g_mutex);
    g_running.remove(pid);
}

int sweepOrphans()
{
    const QByteArray prefix = programTag() + '.';
    int killed = 0;
    for (const pid_t pid : adoptedChildren()) {
        if (isRegistered(pid))
            continue; // a step's own leader: its executor reaps it
        const QByteArray found = processTag(pid);
        if (found.startsWith(prefix) && !isRunningTag(found)) {
            ::kill(pid, SIGKILL);
            ++killed;
            QMutexLocker lock(&g_mutex);
            g_killed.insert(pid);
        }
    }
    // Only the ones we killed are reaped: a zombie's environment cannot be read, and another
    // child of ours (a process Qt started) is Qt's to reap.
    QMutexLocker lock(&g_mutex);
    for (auto it = g_killed.begin(); it != g_killed.end();)
        it = ::waitpid(*it, nullptr, WNOHANG) != 0 ? g_killed.erase(it) : std::next(it);
    return killed;
}

void scheduleOrphanSweep()
{
    if (t_sweepScheduled)
        return;
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (!dispatcher)
        return;
    t_sweepScheduled = true;
    QTimer::singleShot(kSweepDelayMs, dispatcher, [] {
        t_sweepScheduled = false;
        // Killing an orphan makes its own children ours: they are swept the next time, and
        // so on until none is left (and the killed are reaped).
        const int killed = sweepOrphans();
        QMutexLocker lock(&g_mutex);
        const bool reapingLeft = !g_killed.isEmpty();
        lock.unlock();
        if (killed > 0 || reapingLeft)
            scheduleOrphanSweep();
    });
}

} // namespace pw::engine
