// The maxParallel slots of a run (SlotPool): steps get their slots in file order, and the
// engine thread keeps doing its other work while a big block's steps are started.
#include "engine/run/SlotPool.h"

#include <QCoreApplication>
#include <QTest>

#include <functional>
#include <vector>

using pw::engine::SlotPool;

class SlotPoolTest : public QObject
{
    Q_OBJECT

private:
    // Runs the thread's queued work until `done` or two seconds pass.
    static bool settle(const std::function<bool()> &done)
    {
        return QTest::qWaitFor(done, 2000);
    }

private slots:
    // A step that asks late but comes earlier in the file goes first.
    void slotsGoInFileOrder()
    {
        SlotPool pool(1);
        std::vector<int> granted;
        pool.acquire(5, [&] { granted.push_back(5); });
        pool.acquire(2, [&] { granted.push_back(2); });
        pool.acquire(9, [&] { granted.push_back(9); });
        QVERIFY(granted.empty()); // never inside acquire()
        QVERIFY(settle([&] { return granted.size() == 1; }));
        QCOMPARE(granted, std::vector<int>({2}));
        pool.release();
        QVERIFY(granted.size() == 1); // never inside release()
        QVERIFY(settle([&] { return granted.size() == 2; }));
        pool.release();
        QVERIFY(settle([&] { return granted.size() == 3; }));
        QCOMPARE(granted, std::vector<int>({2, 5, 9}));
        QCOMPARE(pool.inUse(), 1);
    }

    // An Abort that reaches the engine while a parallel block's 50 steps are being started
    // stops the ones not started yet: the pool grants one step a turn, and what was queued
    // in between (here, by the first step's start) runs before the next.
    void workQueuedWhileABlockStartsRunsBeforeTheRestOfIt()
    {
        SlotPool pool(100);
        std::vector<SlotPool::Ticket> tickets;
        int started = 0;
        bool aborted = false;
        for (int order = 0; order < 50; ++order) {
            tickets.push_back(pool.acquire(order, [&] {
                if (++started == 1) {
                    QMetaObject::invokeMethod(&pool, [&] {
                        for (SlotPool::Ticket ticket : tickets)
                            pool.withdraw(ticket);
                        aborted = true;
                    }, Qt::QueuedConnection);
                }
            }));
        }
        QVERIFY(settle([&] { return aborted; }));
        QTest::qWait(50); // anything still queued
        QVERIFY2(started < 5, qPrintable(QString::number(started) + QStringLiteral(" of 50 started before the abort")));
        QCOMPARE(pool.inUse(), started);
    }
};

QTEST_GUILESS_MAIN(SlotPoolTest)
#include "tst_slot_pool.moc"
