#include "ChildPriority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>

namespace pw::engine {

namespace {
thread_local std::optional<int> t_childNiceValue;
} // namespace

void setChildNiceValueForThisThread(std::optional<int> niceValue)
{
    t_childNiceValue = niceValue;
}

std::optional<int> childNiceValueForThisThread()
{
    return t_childNiceValue;
}

// PRIO_PROCESS with a thread id is that thread's value, whatever POSIX says of the process.
std::optional<int> currentThreadNiceValue()
{
    errno = 0;
    const int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())); // -1 is valid
    return errno == 0 ? std::optional<int>(value) : std::nullopt;
}

bool setCurrentThreadNiceValue(int value)
{
    return ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), value) == 0;
}

} // namespace pw::engine
