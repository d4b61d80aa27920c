#pragma once

#include <QByteArray>

#include <sys/types.h>

// Every process a Shell step starts carries PW_PROCESS_TAG=<program>.<attempt> in its
// environment, and so do their children, background jobs, `setsid` and double-forked daemons
// (an environment is inherited unless a program clears it). The tag is how Pipewright finds a
// step's processes that left its process group: the orphan sweep (OrphanSweep.h) when a step
// has ended, the watchdog (OrphanWatchdog.h) when the program has died. Jenkins finds a
// build's leftovers the same way (its BUILD_ID cookie).
namespace pw::engine {

inline constexpr char kProcessTagVariable[] = "PW_PROCESS_TAG";

// This program's part of every tag: random, made once.
const QByteArray &programTag();
// A tag for one attempt: programTag() + '.' + a serial number.
QByteArray newAttemptTag();

// The tag in the environment of process `pid`; empty when it has none or cannot be read.
QByteArray processTag(pid_t pid);

} // namespace pw::engine
