#include "OrphanSweep.h"

#include "ProcessTag.h"

#include <QAbstractEventDispatcher>
#include <QFile>
#include <QHash>
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

bool isZombie(pid_t pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.read(512);
    const qsizetype afterName = text.lastIndexOf(')');
    return afterName > 0 && text.mid(afterName + 2, 1) == "Z";
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
        char tag[128];
        const size_t length = readProcessTag(pid, tag, sizeof tag);
        const QByteArray found(tag, qsizetype(length));
        if (found.startsWith(prefix) && !isRunningTag(found)) {
            ::kill(pid, SIGKILL);
            ++killed;
            ::waitpid(pid, nullptr, WNOHANG); // reaped now, or as a zombie by a later sweep
        } else if (length == 0 && isZombie(pid)) {
            ::waitpid(pid, nullptr, WNOHANG); // an adopted process that ended on its own
        }
    }
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
        // so on until none is left.
        if (sweepOrphans() > 0)
            scheduleOrphanSweep();
    });
}

} // namespace pw::engine
