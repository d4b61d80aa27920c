#pragma once

#include <QObject>
#include <QQmlIncubationController>
#include <QTimer>

namespace pw::gui {

// Makes the window's asynchronous QML objects (the run canvas's cards) in slices of 5 ms
// every 8 ms. The window's own controller in Qt 6.4 works 10 ms, pauses 5 ms and works again:
// while a run's canvas was made the GUI thread's timers waited 40-60 ms whenever a slice, a
// frame and an engine batch came together. Shorter slices keep about the same pace (the
// benchmark's run canvas shows after 0.75-0.79 s, against 0.67-0.81 s) and shorter waits (the
// 99th percentile of the gaps between 10 ms ticks 16-19 ms, against 26-28 ms).
class PacedIncubationController : public QObject, public QQmlIncubationController
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 8;
    static constexpr int kBudgetMs = 5;

    explicit PacedIncubationController(QObject *parent = nullptr);

protected:
    void incubatingObjectCountChanged(int count) override;

private:
    QTimer m_timer{this}; // a child: it names its owner to tools (the GUI benchmark)
};

} // namespace pw::gui
