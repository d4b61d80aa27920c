#include "DescriptorLimit.h"

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

const rlimit *childDescriptorLimit()
{
    return g_raised.load() ? &g_original : nullptr;
}

} // namespace pw::engine
