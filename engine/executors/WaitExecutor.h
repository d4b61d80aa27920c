#pragma once

#include "StepExecutor.h"

#include <QElapsedTimer>
#include <QTimer>

#include <chrono>
#include <climits>

namespace pw::engine {

// Wait: succeeds once `duration` has passed, never earlier. A QTimer takes at most INT_MAX ms
// (about 24.8 days), so longer waits re-arm in chunks; every expiry checks the monotonic
// clock, so a timer that fires a little early only re-arms for the rest.
class WaitExecutor : public StepExecutor
{
    Q_OBJECT

public:
    explicit WaitExecutor(QObject *parent = nullptr);

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;

    // The longest single timer interval. Tests lower it to exercise re-arming.
    void setMaxTimerInterval(std::chrono::milliseconds interval);

private:
    void armOrFinish();

    QTimer m_timer; // our child, so that moveToThread() takes it along
    QElapsedTimer m_clock;
    qint64 m_durationMs = 0;
    bool m_running = false;
    std::chrono::milliseconds m_maxInterval{INT_MAX};
};

} // namespace pw::engine
