#include "engine/executors/EchoExecutor.h"
#include "engine/executors/ExecutorFactory.h"
#include "engine/executors/FailExecutor.h"
#include "engine/executors/HttpExecutor.h"
#include "engine/executors/ShellExecutor.h"
#include "engine/executors/VerifyExecutor.h"
#include "engine/executors/WaitExecutor.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using pw::engine::AttemptOutcome;
using pw::engine::AttemptRequest;
using pw::engine::CancelReason;
using pw::engine::LogLine;
using pw::engine::StepExecutor;
using pw::model::Duration;
using pw::model::ErrorType;
using pw::model::StepSpec;
using pw::model::StepType;
using Stream = LogLine::Stream;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(pw::model::ErrorType)
Q_DECLARE_METATYPE(pw::model::StepType)

namespace {

struct LoggedLine
{
    Stream stream;
    QString text;
    bool operator==(const LoggedLine &) const = default;
};

// Records what an executor reports during one attempt.
struct Probe
{
    explicit Probe(StepExecutor &executor) : finishedSpy(&executor, &StepExecutor::finished)
    {
        QObject::connect(&executor, &StepExecutor::logLine, &executor,
                         [this](Stream stream, const QString &text) {
                             lines.append({stream, text});
                         });
    }
    bool waitForOutcome(int timeoutMs = 10000)
    {
        return !finishedSpy.isEmpty() || finishedSpy.wait(timeoutMs);
    }
    AttemptOutcome outcome() const
    {
        return qvariant_cast<AttemptOutcome>(finishedSpy.at(0).at(0));
    }

    QSignalSpy finishedSpy;
    QList<LoggedLine> lines;
};

AttemptRequest requestFor(const StepSpec &spec, int attempt = 1)
{
    AttemptRequest request;
    request.runId = QStringLiteral("run");
    request.stepId = QStringLiteral("step");
    request.attempt = attempt;
    request.spec = spec;
    return request;
}

pw::model::WaitSpec waitFor(qint64 ms)
{
    pw::model::WaitSpec spec;
    spec.duration = Duration::fromMilliseconds(ms);
    return spec;
}

// Starts an attempt, checks that `finished` comes later and only once, and returns it.
AttemptOutcome runToEnd(StepExecutor &executor, Probe &probe, const AttemptRequest &request)
{
    executor.start(request);
    if (!probe.finishedSpy.isEmpty())
        qWarning("finished emitted inside start()");
    if (!probe.waitForOutcome())
        qWarning("no outcome");
    QCoreApplication::processEvents();
    if (probe.finishedSpy.size() != 1)
        qWarning("finished emitted %d times", int(probe.finishedSpy.size()));
    return probe.finishedSpy.isEmpty() ? AttemptOutcome{} : probe.outcome();
}

} // namespace

class TestSimpleExecutors : public QObject
{
    Q_OBJECT

private slots:
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("."))); }

    void echo_data()
    {
        QTest::addColumn<std::optional<pw::model::LogLevel>>("level");
        QTest::addColumn<Stream>("stream");
        QTest::addColumn<QString>("logged");
        QTest::newRow("default") << std::optional<pw::model::LogLevel>() << Stream::Out
                                 << QStringLiteral("hello {{ done }}");
        QTest::newRow("warn") << std::optional(pw::model::LogLevel::Warn) << Stream::Err
                              << QStringLiteral("[WARN] hello {{ done }}");
        QTest::newRow("error") << std::optional(pw::model::LogLevel::Error) << Stream::Err
                               << QStringLiteral("[ERROR] hello {{ done }}");
    }
    void echo()
    {
        QFETCH(std::optional<pw::model::LogLevel>, level);
        QFETCH(Stream, stream);
        QFETCH(QString, logged);
        pw::model::EchoSpec spec;
        spec.message = QStringLiteral("hello {{ done }}"); // already evaluated: taken literally
        spec.level = level;
        pw::engine::EchoExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = runToEnd(executor, probe, requestFor(spec));
        QCOMPARE(probe.finishedSpy.size(), 1);
        QVERIFY(outcome.succeeded);
        QCOMPARE(outcome.outputs, (QVariantMap{{QStringLiteral("message"), spec.message}}));
        QCOMPARE(probe.lines, (QList<LoggedLine>{{stream, logged}}));
    }

    void cancelBeforeDeliveryWins()
    {
        pw::model::EchoSpec spec;
        spec.message = QStringLiteral("hi");
        pw::engine::EchoExecutor executor;
        Probe probe(executor);
        executor.start(requestFor(spec));
        executor.cancel(CancelReason::Timeout);
        executor.cancel(CancelReason::Abort); // the first reason stands
        QCOMPARE(probe.finishedSpy.size(), 0);
        QVERIFY(probe.waitForOutcome());
        QCoreApplication::processEvents();
        QCOMPARE(probe.finishedSpy.size(), 1);
        QVERIFY(probe.outcome().cancelled);
        QCOMPARE(toString(probe.outcome().errorType), toString(ErrorType::Timeout));
        QCOMPARE(probe.outcome().message, QStringLiteral("timed out"));
    }

    void destroyedBeforeDeliveryEmitsNothing()
    {
        int finishedCount = 0;
        {
            pw::engine::EchoExecutor executor;
            QObject::connect(&executor, &StepExecutor::finished, [&] { ++finishedCount; });
            executor.start(requestFor(pw::model::EchoSpec{}));
        }
        QCoreApplication::processEvents();
        QCOMPARE(finishedCount, 0);
    }

    void waitLastsItsDuration_data()
    {
        QTest::addColumn<qint64>("durationMs");
        QTest::addColumn<qint64>("chunkMs"); // the longest single timer interval
        QTest::newRow("zero") << qint64(0) << qint64(INT_MAX);
        QTest::newRow("short") << qint64(30) << qint64(INT_MAX);
        QTest::newRow("250ms") << qint64(250) << qint64(INT_MAX);
        QTest::newRow("250ms in chunks") << qint64(250) << qint64(40);
        QTest::newRow("uneven chunks") << qint64(101) << qint64(7);
    }
    void waitLastsItsDuration()
    {
        QFETCH(qint64, durationMs);
        QFETCH(qint64, chunkMs);
        pw::engine::WaitExecutor executor;
        executor.setMaxTimerInterval(std::chrono::milliseconds(chunkMs));
        Probe probe(executor);
        QElapsedTimer clock;
        clock.start();
        const AttemptOutcome outcome = runToEnd(executor, probe, requestFor(waitFor(durationMs)));
        const qint64 elapsedNs = clock.nsecsElapsed();
        QCOMPARE(probe.finishedSpy.size(), 1);
        QVERIFY(outcome.succeeded);
        QVERIFY2(elapsedNs >= durationMs * 1'000'000, qPrintable(QString::number(elapsedNs)));
        QVERIFY2(elapsedNs < (durationMs + 1000) * 1'000'000,
                 qPrintable(QString::number(elapsedNs)));
    }

    // Longer than a QTimer can take in one go (INT_MAX ms, about 24.8 days).
    void waitLongerThanATimerCanBeCancelled()
    {
        pw::engine::WaitExecutor executor;
        Probe probe(executor);
        executor.start(requestFor(waitFor(qint64(INT_MAX) * 3)));
        QVERIFY(!probe.finishedSpy.wait(100));
        executor.cancel(CancelReason::Abort);
        QCOMPARE(probe.finishedSpy.size(), 0);
        QVERIFY(probe.waitForOutcome(1000));
        QVERIFY(probe.outcome().cancelled);
        QCOMPARE(toString(probe.outcome().errorType), toString(ErrorType::Unknown));
        QCOMPARE(probe.outcome().message, QStringLiteral("cancelled"));
        QVERIFY(!probe.finishedSpy.wait(50)); // the timer really stopped
        QCOMPARE(probe.finishedSpy.size(), 1);
    }

    void waitCancelledWithTimeout()
    {
        pw::engine::WaitExecutor executor;
        Probe probe(executor);
        executor.start(requestFor(waitFor(10'000)));
        QElapsedTimer clock;
        clock.start();
        QTimer::singleShot(50, &executor, [&] { executor.cancel(CancelReason::Timeout); });
        QVERIFY(probe.waitForOutcome());
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(probe.outcome().cancelled);
        QCOMPARE(toString(probe.outcome().errorType), toString(ErrorType::Timeout));
        QCOMPARE(probe.outcome().message, QStringLiteral("timed out"));
    }

    void fail_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<std::optional<ErrorType>>("errorType");
        QTest::addColumn<std::optional<int>>("succeedOnAttempt");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<ErrorType>("expectedType");
        QTest::addColumn<QString>("expectedMessage");
        const QString onPurpose = QStringLiteral("failed on purpose");
        const std::optional<ErrorType> noType;
        const std::optional<int> never;
        QTest::newRow("defaults") << QString() << noType << never << 1 << false
                                  << ErrorType::Unknown << onPurpose;
        QTest::newRow("given") << QStringLiteral("boom") << std::optional(ErrorType::Connectivity)
                               << never << 7 << false << ErrorType::Connectivity
                               << QStringLiteral("boom");
        QTest::newRow("before succeedOnAttempt") << QString() << noType << std::optional(3) << 2
                                                 << false << ErrorType::Unknown << onPurpose;
        QTest::newRow("at succeedOnAttempt") << QString() << noType << std::optional(3) << 3 << true
                                             << ErrorType::Unknown << QString();
        QTest::newRow("after succeedOnAttempt") << QString() << noType << std::optional(3) << 4
                                                << true << ErrorType::Unknown << QString();
    }
    void fail()
    {
        QFETCH(QString, message);
        QFETCH(std::optional<ErrorType>, errorType);
        QFETCH(std::optional<int>, succeedOnAttempt);
        QFETCH(int, attempt);
        QFETCH(bool, succeeds);
        QFETCH(ErrorType, expectedType);
        QFETCH(QString, expectedMessage);
        pw::model::FailSpec spec;
        spec.message = message;
        spec.errorType = errorType;
        spec.succeedOnAttempt = succeedOnAttempt;
        pw::engine::FailExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = runToEnd(executor, probe, requestFor(spec, attempt));
        QCOMPARE(probe.finishedSpy.size(), 1);
        QCOMPARE(outcome.succeeded, succeeds);
        QVERIFY(!outcome.cancelled);
        if (!succeeds) {
            QCOMPARE(toString(outcome.errorType), toString(expectedType));
            QCOMPARE(outcome.message, expectedMessage);
        }
    }

    void verify_data()
    {
        QTest::addColumn<std::optional<bool>>("result");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("specMessage");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<ErrorType>("type");
        QTest::addColumn<QString>("message");
        const std::optional<bool> unevaluated;
        QTest::newRow("true") << std::optional(true) << QString() << QString() << true
                              << ErrorType::Unknown << QString();
        QTest::newRow("false") << std::optional(false) << QString() << QString() << false
                               << ErrorType::Verification
                               << QStringLiteral("condition is false: steps.a.outputs.n > 2");
        QTest::newRow("false, own message")
            << std::optional(false) << QString() << QStringLiteral("too few") << false
            << ErrorType::Verification << QStringLiteral("too few");
        QTest::newRow("expression error")
            << unevaluated << QStringLiteral("condition: ReferenceError: steps is not defined")
            << QString() << false << ErrorType::Unknown
            << QStringLiteral("condition: ReferenceError: steps is not defined");
        QTest::newRow("not evaluated")
            << unevaluated << QString() << QString() << false << ErrorType::Unknown
            << QStringLiteral("internal error: condition was not "
                              "evaluated: steps.a.outputs.n > 2");
    }
    void verify()
    {
        QFETCH(std::optional<bool>, result);
        QFETCH(QString, error);
        QFETCH(QString, specMessage);
        QFETCH(bool, succeeds);
        QFETCH(ErrorType, type);
        QFETCH(QString, message);
        pw::model::VerifySpec spec;
        spec.condition = QStringLiteral("steps.a.outputs.n > 2");
        spec.message = specMessage;
        AttemptRequest request = requestFor(spec);
        request.verifyResult = result;
        request.verifyError = error;
        pw::engine::VerifyExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = runToEnd(executor, probe, request);
        QCOMPARE(probe.finishedSpy.size(), 1);
        QCOMPARE(outcome.succeeded, succeeds);
        if (!succeeds) {
            QCOMPARE(toString(outcome.errorType), toString(type));
            QCOMPARE(outcome.message, message);
        }
    }

    void factory_data()
    {
        QTest::addColumn<StepType>("type");
        QTest::addColumn<QByteArray>("className"); // empty: no executor
        QTest::newRow("Shell") << StepType::Shell << QByteArray("pw::engine::ShellExecutor");
        QTest::newRow("Http") << StepType::Http << QByteArray("pw::engine::HttpExecutor");
        QTest::newRow("Echo") << StepType::Echo << QByteArray("pw::engine::EchoExecutor");
        QTest::newRow("Wait") << StepType::Wait << QByteArray("pw::engine::WaitExecutor");
        QTest::newRow("Fail") << StepType::Fail << QByteArray("pw::engine::FailExecutor");
        QTest::newRow("Verify") << StepType::Verify << QByteArray("pw::engine::VerifyExecutor");
        QTest::newRow("Approval") << StepType::Approval << QByteArray();
    }
    void factory()
    {
        QFETCH(StepType, type);
        QFETCH(QByteArray, className);
        QNetworkAccessManager network;
        const auto executor = pw::engine::createExecutor(type, &network);
        if (className.isEmpty()) {
            QVERIFY(!executor);
            return;
        }
        QVERIFY(executor);
        QCOMPARE(QByteArray(executor->metaObject()->className()), className);
    }

    // An executor given the wrong spec fails the attempt instead of crashing.
    void wrongSpecFails()
    {
        pw::engine::WaitExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = runToEnd(executor, probe, requestFor(pw::model::EchoSpec{}));
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(ErrorType::Unknown));
    }
};

QTEST_GUILESS_MAIN(TestSimpleExecutors)
#include "tst_simple_executors.moc"
