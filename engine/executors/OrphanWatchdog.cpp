#include "OrphanWatchdog.h"

#include "ProcessTag.h"

#include <QByteArray>

#include <csignal>
#include <mutex>

#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <unistd.h>

extern char **environ;

namespace pw::engine {
namespace {

// $1: the program's tag. Reads standard input (the program's pipe) to its end, then kills
// everything tagged "$1.<n>", again every 50 ms for up to 2 s while anything is found. One
// grep reads every process's environment at once.
constexpr char kScript[] = R"(trap '' INT TERM HUP QUIT TSTP TTIN TTOU
while read -r _; do :; done
exec </dev/null
i=0
while [ $i -lt 40 ]; do
    pids=$(grep -lzs "^PW_PROCESS_TAG=$1\." /proc/[0-9]*/environ | sed -n 's|^/proc/\([0-9]*\)/environ$|\1|p')
    [ -z "$pids" ] && exit 0
    kill -9 $pids 2>/dev/null
    sleep 0.05
    i=$((i + 1))
done
)";

} // namespace

void ensureOrphanWatchdog()
{
    static std::once_flag once;
    std::call_once(once, [] {
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        int ends[2];
        if (::pipe2(ends, O_CLOEXEC) != 0)
            return;
        // posix_spawn rather than fork(): fork() would make every page of the program
        // copy-on-write for as long as the watchdog lives, and the engine writes pages all
        // the time (benchmark (b) lost 5 %). And without PR_SET_PDEATHSIG: it must outlive us.
        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attributes;
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawn_file_actions_adddup2(&actions, ends[0], 0);
        ::posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        ::posix_spawn_file_actions_adddup2(&actions, 1, 2);
        ::posix_spawn_file_actions_addclosefrom_np(&actions, 3);
        ::posix_spawnattr_init(&attributes);
        sigset_t none;
        sigset_t all;
        ::sigemptyset(&none);
        ::sigfillset(&all);
        ::posix_spawnattr_setsigmask(&attributes, &none);
        ::posix_spawnattr_setsigdefault(&attributes, &all);
        // A session of its own: a terminal's Ctrl+C or `kill` of our group does not reach it.
        ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        const QByteArray tag = programTag();
        char name[] = "pipewright-watchdog";
        char option[] = "-c";
        char script[sizeof kScript];
        std::copy(std::begin(kScript), std::end(kScript), script);
        char tagArgument[128];
        const qsizetype length = std::min<qsizetype>(tag.size(), sizeof tagArgument - 1);
        std::copy(tag.constData(), tag.constData() + length, tagArgument);
        tagArgument[length] = '\0';
        char *arguments[] = {name, option, script, name, tagArgument, nullptr};
        pid_t pid = 0;
        ::posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environ);
        ::posix_spawn_file_actions_destroy(&actions);
        ::posix_spawnattr_destroy(&attributes);
        ::close(ends[0]);
        // ends[1] stays open, close-on-exec, until the program ends: its end is the signal.
    });
}

} // namespace pw::engine
