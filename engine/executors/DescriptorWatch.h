#pragma once

#include <QHash>
#include <QObject>

#include <functional>

class QSocketNotifier;

namespace pw::engine {

// Tells when file descriptors of this thread can be read, through one epoll set behind one
// socket notifier. Why not a QSocketNotifier per descriptor: the event dispatcher polls every
// registered descriptor on every wake-up. 200 running steps hold 600 of them (stdout, stderr,
// pidfd), and 200 steps printing 50 lines a second each woke the engine 10,000 times a second
// to poll all 600: the engine thread spent seconds a second in the kernel and left the GUI
// thread waiting for a core. With epoll a wake-up costs what is ready, not what is watched.
//
// One per thread (forThisThread); every call from that thread only. Level-triggered: a
// descriptor left unread is reported again on the next round.
class DescriptorWatch : public QObject
{
    Q_OBJECT

public:
    // The watch of the calling thread, made on first use.
    static DescriptorWatch &forThisThread();
    ~DescriptorWatch() override;

    // Calls `onReadable` (on this thread, from the event loop) whenever `fd` can be read or
    // has hung up, until unwatch(fd). Returns false if epoll refused it (the caller falls
    // back to a notifier of its own).
    bool watch(int fd, std::function<void()> onReadable);
    // Stops calling for `fd`; call it before closing `fd`. Safe from inside a callback.
    void unwatch(int fd);
    int watchedCount() const { return int(m_callbacks.size()); }

private:
    DescriptorWatch();
    void dispatch();

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    // fd -> (registration number, callback): a descriptor closed and reused within one round
    // must not receive the readiness of the one it replaced.
    struct Entry
    {
        quint32 registration = 0;
        std::function<void()> onReadable;
    };
    QHash<int, Entry> m_callbacks;
    quint32 m_nextRegistration = 1;
};

} // namespace pw::engine
