#pragma once

#include <sys/resource.h>

namespace pw::engine {

// File descriptors: each running Shell step holds three (its two pipes and a pidfd), so the
// common soft limit of 1,024 cannot run 1,000 steps side by side. raiseDescriptorLimit()
// lifts the program's soft limit to its hard limit, once, at start; the children get the
// limit we were given back before they exec (as systemd asks of programs that raise it: some
// programs still use select(), which breaks past 1,024).
void raiseDescriptorLimit();

// 32 KB of table; 1,000 running Shell steps hold 3,000 descriptors.
inline constexpr int kReservedDescriptors = 4096;
// Makes the program's table of file descriptors big enough for `count` (at most the limit)
// now. Call it while the program has one thread: growing the table later, once threads share
// it, waits for an RCU grace period (5-6 ms here) in whichever thread opened the descriptor
// that did not fit, the window's thread included; a 200-step run grows it three times.
void reserveDescriptorTable(int count = kReservedDescriptors);

// The limit children are to run with; nullptr when it was never raised (they inherit ours,
// which is theirs). Safe to read between vfork() and exec.
const rlimit *childDescriptorLimit();

} // namespace pw::engine
