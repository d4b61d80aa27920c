#pragma once

#include <QObject>

#include <csignal>

class QSocketNotifier;

namespace pw::cli {

// Turns SIGINT (Ctrl+C) and SIGTERM into a Qt signal on the thread that created it.
// The C signal handler only writes the signal number to a pipe (async-signal-safe); a
// QSocketNotifier on the other end emits `interrupted` from the event loop, where any code
// may run. One instance at a time; the previous handlers come back when it is destroyed.
class InterruptHandler : public QObject
{
    Q_OBJECT

public:
    explicit InterruptHandler(QObject *parent = nullptr);
    ~InterruptHandler() override;

    bool isActive() const { return m_notifier != nullptr; }

signals:
    // `count`: how many SIGINT/SIGTERM arrived so far, this one included.
    void interrupted(int signalNumber, int count);

private:
    void drain();

    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
    struct sigaction m_previousInt
    {
    };
    struct sigaction m_previousTerm
    {
    };
};

} // namespace pw::cli
