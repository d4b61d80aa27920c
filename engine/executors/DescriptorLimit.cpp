#include "DescriptorLimit.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

namespace pw::engine {

namespace {
rlimit g_original{};
std::atomic<bool> g_raised{false};
} // namespace

void raiseDescriptorLimit()
{
    if (g_raised.load())
        return;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == limit.rlim_max)
        return;
    const rlimit original = limit;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    g_original = original;
    g_raised.store(true);
}

void reserveDescriptorTable(int count)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    const auto highest = static_cast<int>(std::min<rlim_t>(rlim_t(count), limit.rlim_cur)) - 1;
    const int any = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (any < 0)
        return;
    // The table grows to hold the highest descriptor in use, and never shrinks.
    const int far = ::fcntl(any, F_DUPFD_CLOEXEC, highest);
    if (far >= 0)
        ::close(far);
    ::close(any);
}

const rlimit *childDescriptorLimit()
{
    return g_raised.load() ? &g_original : nullptr;
}

} // namespace pw::engine
