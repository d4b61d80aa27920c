#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace pw::engine {

// A precise single-shot timer for any delay a pipeline can hold (up to a year): QTimer takes
// an int of milliseconds (24.8 days), so longer waits re-arm in chunks until the deadline.
// Never fires early.
class LongTimer : public QObject
{
    Q_OBJECT

public:
    explicit LongTimer(QObject *parent = nullptr);

    void start(std::chrono::milliseconds delay, std::function<void()> onTimeout);
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    std::chrono::milliseconds remaining() const;

private:
    void arm();

    QTimer m_timer;
    QDeadlineTimer m_deadline;
    std::function<void()> m_onTimeout;
};

} // namespace pw::engine
