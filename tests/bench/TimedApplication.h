#pragma once

// A QApplication that times every event the GUI thread handles at the top of its event loop,
// so a benchmark can say which of the window's own events filled a gap between its ticks
// (a timer's slot, a queued signal from the engine, a frame). Only the outermost event is
// timed: a nested one is part of its caller's time.
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QMetaEnum>
#include <QThread>
#include <QTimer>

#include <vector>

namespace pw::bench {

class TimedApplication : public QApplication
{
public:
    struct TimedEvent
    {
        qint64 endedNs; // on `clock()`
        double ms;
        QByteArray what;
    };

    TimedApplication(int &argc, char **argv, double keepOverMs) : QApplication(argc, argv), m_keepOverMs(keepOverMs)
    {
        m_clock.start();
    }

    const QElapsedTimer &clock() const { return m_clock; }

    // The events over `keepOverMs` that ended in (fromNs, toNs].
    std::vector<TimedEvent> eventsEndingBetween(qint64 fromNs, qint64 toNs) const
    {
        std::vector<TimedEvent> found;
        for (const TimedEvent &event : m_events)
            if (event.endedNs > fromNs && event.endedNs <= toNs)
                found.push_back(event);
        return found;
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const qint64 started = m_clock.nsecsElapsed();
        // Read before the event is handled: a deferred delete takes the receiver with it.
        const QEvent::Type type = event->type();
        const char *className = receiver->metaObject()->className();
        const QObject *owner = qobject_cast<QTimer *>(receiver) ? receiver->parent() : nullptr;
        const QByteArray ownerName = owner ? QByteArray(owner->metaObject()->className()) : QByteArray();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 ended = m_clock.nsecsElapsed();
        --m_depth;
        const double ms = double(ended - started) / 1e6;
        if (ms > m_keepOverMs) {
            const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            QByteArray what = QByteArray(typeName ? typeName : "event") + " to " + className;
            if (!ownerName.isEmpty())
                what += " of " + ownerName;
            m_events.push_back({ended, ms, what});
        }
        return handled;
    }

private:
    QElapsedTimer m_clock;
    double m_keepOverMs;
    int m_depth = 0;
    std::vector<TimedEvent> m_events;
};

} // namespace pw::bench
