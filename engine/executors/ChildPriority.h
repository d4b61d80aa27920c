#pragma once

#include <optional>

namespace pw::engine {

// The nice value of the child processes a thread starts, set per thread: the thread that
// starts a run's steps says it once, and every child started on that thread (Shell steps,
// through GroupLeaderProcess) takes it just before it execs.
//
// Why children can run lower than the thread that starts them: that thread shares our
// address space. Preempted while it holds the space's lock (in mmap, munmap, a page fault),
// it keeps the window's thread, which needs the lock for its own allocations, waiting in the
// kernel until it gets a core again; at the steps' lowest priority, among 200 busy steps,
// that was 10-55 ms in the GUI benchmark. A child after exec has an address space of its own.
void setChildNiceValueForThisThread(std::optional<int> niceValue);
std::optional<int> childNiceValueForThisThread(); // nothing: children keep the thread's

// The calling thread's own nice value (Linux keeps one per thread, which its new threads and
// children start with); nothing if it cannot be read.
std::optional<int> currentThreadNiceValue();
// Sets it; false (errno says why) if it cannot be set, e.g. raised without the right.
bool setCurrentThreadNiceValue(int value);

} // namespace pw::engine
