#include "DescriptorWatch.h"

#include <QSocketNotifier>

#include <memory>

#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

namespace pw::engine {

DescriptorWatch &DescriptorWatch::forThisThread()
{
    // Destroyed when the thread ends, after its event loop: QSocketNotifier allows that.
    thread_local std::unique_ptr<DescriptorWatch> watch(new DescriptorWatch);
    return *watch;
}

DescriptorWatch::DescriptorWatch()
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        return;
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &DescriptorWatch::dispatch);
}

DescriptorWatch::~DescriptorWatch()
{
    delete m_notifier;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool DescriptorWatch::watch(int fd, std::function<void()> onReadable)
{
    if (m_epoll < 0 || fd < 0)
        return false;
    const quint32 registration = m_nextRegistration++;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = (quint64(registration) << 32) | quint32(fd);
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0)
        return false;
    m_callbacks.insert(fd, Entry{registration, std::move(onReadable)});
    return true;
}

void DescriptorWatch::unwatch(int fd)
{
    if (m_callbacks.remove(fd) > 0)
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void DescriptorWatch::dispatch()
{
    epoll_event events[128];
    const int count = ::epoll_wait(m_epoll, events, int(std::size(events)), 0);
    for (int i = 0; i < count; ++i) {
        const int fd = int(quint32(events[i].data.u64 & 0xffffffffu));
        const quint32 registration = quint32(events[i].data.u64 >> 32);
        const auto found = m_callbacks.constFind(fd);
        // Unwatched by an earlier callback of this round (and perhaps watched again since).
        if (found == m_callbacks.cend() || found->registration != registration)
            continue;
        // A copy: the callback may unwatch its own descriptor, or destroy its owner.
        const std::function<void()> onReadable = found->onReadable;
        onReadable();
    }
    // More than one round's worth ready: the notifier fires again (level-triggered).
}

} // namespace pw::engine
