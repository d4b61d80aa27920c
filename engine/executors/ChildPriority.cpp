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

std::optional<int> currentThreadNiceValue()
{
    // PRIO_PROCESS with a thread id reads that thread's value, whatever POSIX says.
    errno = 0;
    const int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())); // -1 is valid
    return errno == 0 ? std::optional<int>(value) : std::nullopt;
}

} // namespace pw::engine
