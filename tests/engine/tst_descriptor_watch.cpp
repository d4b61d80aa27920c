// The engine's epoll watch of child descriptors (DescriptorWatch), and GroupLeaderProcess on
// it: every child's output and exit arrive, a descriptor unwatched in the middle of a round
// gets no call, and nothing stays watched once the children are gone.
#include "engine/executors/DescriptorWatch.h"
#include "engine/executors/GroupLeaderProcess.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using pw::engine::ChildProgram;
using pw::engine::DescriptorWatch;
using pw::engine::GroupLeaderProcess;

class DescriptorWatchTest : public QObject
{
    Q_OBJECT

private slots:
    void callsWhenReadableUntilUnwatched()
    {
        DescriptorWatch &watch = DescriptorWatch::forThisThread();
        const int before = watch.watchedCount();
        int first[2];
        int second[2];
        QVERIFY(::pipe2(first, O_NONBLOCK | O_CLOEXEC) == 0);
        QVERIFY(::pipe2(second, O_NONBLOCK | O_CLOEXEC) == 0);
        int firstCalls = 0;
        int secondCalls = 0;
        // The first callback reads its pipe and unwatches the second one: in the round where
        // both are ready the second must not be called any more.
        QVERIFY(watch.watch(first[0], [&] {
            char buffer[16];
            while (::read(first[0], buffer, sizeof buffer) > 0) {
            }
            ++firstCalls;
            watch.unwatch(second[0]);
        }));
        QVERIFY(watch.watch(second[0], [&] { ++secondCalls; }));
        QCOMPARE(watch.watchedCount(), before + 2);

        QCOMPARE(::write(first[1], "a", 1), 1);
        QCOMPARE(::write(second[1], "b", 1), 1);
        QTRY_COMPARE(firstCalls, 1);
        QTest::qWait(50);
        // Either order of the round: the second was called at most before the first ran.
        QVERIFY(secondCalls <= 1);
        const int secondSoFar = secondCalls;
        QCOMPARE(::write(second[1], "c", 1), 1);
        QTest::qWait(50);
        QCOMPARE(secondCalls, secondSoFar); // unwatched: never again, though still unread

        watch.unwatch(first[0]);
        QCOMPARE(watch.watchedCount(), before);
        for (int fd : {first[0], first[1], second[0], second[1]})
            ::close(fd);
    }

    // Many children at once, each printing: every line and every exit arrives, and their
    // descriptors leave the watch with them.
    void manyChildrenOnOneWatch()
    {
        DescriptorWatch &watch = DescriptorWatch::forThisThread();
        const int before = watch.watchedCount();
        constexpr int kChildren = 40;
        std::vector<std::unique_ptr<GroupLeaderProcess>> children;
        QHash<int, QByteArray> output;
        int finished = 0;
        for (int i = 0; i < kChildren; ++i) {
            auto child = std::make_unique<GroupLeaderProcess>();
            connect(child.get(), &GroupLeaderProcess::standardOutput, this,
                    [&output, i](const QByteArray &bytes) { output[i] += bytes; });
            connect(child.get(), &GroupLeaderProcess::finished, this, [&finished](int exitCode, int) {
                QCOMPARE(exitCode, 0);
                ++finished;
            });
            ChildProgram program;
            program.program = QStringLiteral("/bin/sh");
            program.arguments = {QStringLiteral("-c"),
                                 QStringLiteral("for n in 1 2 3 4 5; do echo child %1 line $n; done").arg(i)};
            QVERIFY(!child->start(program).has_value());
            children.push_back(std::move(child));
        }
        QCOMPARE(watch.watchedCount(), before + 3 * kChildren); // stdout, stderr, pidfd
        QTRY_COMPARE_WITH_TIMEOUT(finished, kChildren, 15000);
        for (int i = 0; i < kChildren; ++i)
            QCOMPARE(output.value(i).count('\n'), 5);
        QTRY_COMPARE(watch.watchedCount(), before); // pipes at end of file, pidfds closed
        children.clear();
        QCOMPARE(watch.watchedCount(), before);
    }

    // A child destroyed while it runs leaves the watch at once: a descriptor number reused
    // later must not call the destroyed object.
    void destroyingARunningChildUnwatches()
    {
        DescriptorWatch &watch = DescriptorWatch::forThisThread();
        const int before = watch.watchedCount();
        auto child = std::make_unique<GroupLeaderProcess>();
        ChildProgram program;
        program.program = QStringLiteral("/bin/sleep");
        program.arguments = {QStringLiteral("30")};
        QVERIFY(!child->start(program).has_value());
        QCOMPARE(watch.watchedCount(), before + 3);
        child.reset();
        QCOMPARE(watch.watchedCount(), before);
    }
};

QTEST_GUILESS_MAIN(DescriptorWatchTest)
#include "tst_descriptor_watch.moc"
