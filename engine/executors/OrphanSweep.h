#pragma once

#include <QByteArray>

#include <sys/types.h>

// Processes a step left behind outside its process group (`setsid`, a daemon that forked
// twice) become our children when their parent exits, because the program is a child
// subreaper (OrphanWatchdog.h). The sweep looks at those children shortly after an attempt
// has ended and kills every one tagged (ProcessTag.h) with an attempt that is no longer
// running, and reaps them. An orphan that ends on its own before a sweep sees it stays a
// zombie until the program exits (its tag cannot be read any more, and other children of
// ours are Qt's to reap). Batched (one look per 100 ms at
// most), because a look costs a read of /proc and 1,000 short steps end in under a second.
namespace pw::engine {

// The step processes that are running, by leader pid: their tags are the live ones.
void registerStepProcess(pid_t pid, const QByteArray &tag);
void unregisterStepProcess(pid_t pid);

// Called on the engine thread when an attempt has ended: a sweep runs on this thread soon.
void scheduleOrphanSweep();

// One sweep now; how many processes it killed (for tests).
int sweepOrphans();

} // namespace pw::engine
