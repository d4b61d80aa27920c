#include "engine/executors/HttpExecutor.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using pw::engine::AttemptOutcome;
using pw::engine::AttemptRequest;
using pw::engine::CancelReason;
using pw::engine::HttpExecutor;
using pw::engine::LogLine;
using pw::engine::StepExecutor;
using pw::model::ErrorType;
using pw::model::HttpSpec;
using Stream = LogLine::Stream;

Q_DECLARE_METATYPE(pw::model::ErrorType)

// A named namespace: the test class below holds a CannedServer, and a member of a type in an
// anonymous namespace warns in a unity build, where this file is not the main file.
namespace http_test {

constexpr int kFinishTimeoutMs = 15000;

QByteArray httpResponse(int status, const QByteArray &reason, const QByteArray &body,
                        const QList<QByteArray> &headers = {})
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const QByteArray &header : headers)
        response += header + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n\r\n";
    return response + body;
}

// What the server got.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// A tiny HTTP/1.1 server on 127.0.0.1 that answers each path with a canned response and
// records what it received. A path without a response is never answered.
class CannedServer : public QObject
{
public:
    CannedServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &CannedServer::accept);
        m_listening = m_server.listen(QHostAddress::LocalHost, 0);
    }
    bool isListening() const { return m_listening; }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    void answer(const QByteArray &path, const QByteArray &response)
    {
        m_responses.insert(path, response);
    }

    QList<ReceivedRequest> received;
    int openConnections = 0;

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++openConnections;
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                buffer->append(socket->readAll());
                serveIfComplete(socket, *buffer);
            });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                --openConnections;
                socket->deleteLater();
            });
        }
    }
    void serveIfComplete(QTcpSocket *socket, const QByteArray &buffer)
    {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        ReceivedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        received.append(request);
        const QByteArray response = m_responses.value(request.path);
        if (response.isEmpty())
            return; // a slow server: never answers
        socket->write(response);
        socket->disconnectFromHost(); // after the response has been written
    }

    QTcpServer m_server;
    bool m_listening = false;
    QHash<QByteArray, QByteArray> m_responses;
};

// Records what an executor reports during one attempt.
struct Probe
{
    explicit Probe(StepExecutor &executor) : finishedSpy(&executor, &StepExecutor::finished)
    {
        QObject::connect(&executor, &StepExecutor::logLine, &executor,
                         [this](Stream, const QString &text) { lines.append(text); });
    }
    bool waitForOutcome(int timeoutMs = kFinishTimeoutMs)
    {
        return !finishedSpy.isEmpty() || finishedSpy.wait(timeoutMs);
    }
    AttemptOutcome outcome() const
    {
        return qvariant_cast<AttemptOutcome>(finishedSpy.at(0).at(0));
    }

    QSignalSpy finishedSpy;
    QStringList lines;
};

AttemptRequest requestFor(const HttpSpec &spec)
{
    AttemptRequest request;
    request.runId = QStringLiteral("run");
    request.stepId = QStringLiteral("call");
    request.spec = spec;
    return request;
}

} // namespace http_test

using namespace http_test;

class TestHttpExecutor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<CannedServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;

    HttpSpec get(const QString &path) const
    {
        HttpSpec spec;
        spec.url = m_server->url(path);
        return spec;
    }
    // Runs one attempt to its end, checking that `finished` comes later and only once.
    AttemptOutcome run(const HttpSpec &spec, QStringList *lines = nullptr)
    {
        HttpExecutor executor(m_network.get());
        Probe probe(executor);
        executor.start(requestFor(spec));
        if (!probe.finishedSpy.isEmpty())
            qWarning("finished emitted inside start()");
        if (!probe.waitForOutcome())
            qWarning("no outcome");
        QCoreApplication::processEvents();
        if (probe.finishedSpy.size() != 1)
            qWarning("finished emitted %d times", int(probe.finishedSpy.size()));
        if (lines)
            *lines = probe.lines;
        return probe.finishedSpy.isEmpty() ? AttemptOutcome{} : probe.outcome();
    }

private slots:
    void init()
    {
        // Qt warns about misuse (reading a closed reply, destroying a running QProcess).
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
        m_server = std::make_unique<CannedServer>();
        QVERIFY(m_server->isListening());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_server->answer("/ok",
                         httpResponse(200, "OK", "hello",
                                      {"Content-Type: text/plain", "X-Custom: yes", "X-Twice: 1",
                                       "X-Twice: 2"}));
        m_server->answer("/created", httpResponse(201, "Created", "{}"));
        m_server->answer("/not-found", httpResponse(404, "Not Found", "no"));
        m_server->answer("/401", httpResponse(401, "Unauthorized", "who?"));
        m_server->answer("/403", httpResponse(403, "Forbidden", "no"));
        m_server->answer("/500", httpResponse(500, "Internal Server Error", "oops"));
        m_server->answer("/503", httpResponse(503, "Service Unavailable", ""));
        m_server->answer("/redirect", httpResponse(302, "Found", "", {"Location: /ok"}));
        m_server->answer("/big", httpResponse(200, "OK", QByteArray(1024 * 1024, 'x')));
        // 'a' and then 2-byte characters: byte 65536 falls inside one of them.
        m_server->answer("/utf8",
                         httpResponse(200, "OK", "a" + QString(40000, QChar(0xe9)).toUtf8()));
        m_server->answer("/echo", httpResponse(200, "OK", "got it"));
    }
    void cleanup()
    {
        m_network.reset();
        m_server.reset();
    }

    void succeedsWithOutputs()
    {
        QStringList lines;
        const AttemptOutcome outcome = run(get(QStringLiteral("/ok")), &lines);
        QVERIFY(outcome.succeeded);
        QVERIFY(!outcome.cancelled);
        QCOMPARE(outcome.outputs.value(QStringLiteral("status")), QVariant(200));
        QCOMPARE(outcome.outputs.value(QStringLiteral("body")).toString(), QStringLiteral("hello"));
        const QVariantMap headers = outcome.outputs.value(QStringLiteral("headers")).toMap();
        QCOMPARE(headers.value(QStringLiteral("x-custom")).toString(), QStringLiteral("yes"));
        QCOMPARE(headers.value(QStringLiteral("content-type")).toString(),
                 QStringLiteral("text/plain"));
        QCOMPARE(headers.value(QStringLiteral("x-twice")).toString(), QStringLiteral("1, 2"));
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.first().startsWith(QStringLiteral("GET http://127.0.0.1:")),
                 qPrintable(lines.first()));
        QCOMPARE(m_server->received.size(), 1);
        QCOMPARE(m_server->received.first().method, QByteArray("GET"));
        QVERIFY(!m_server->received.first().headers.contains("cookie"));
    }

    void mapsStatus_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QList<int>>("expectStatus");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<ErrorType>("type");
        QTest::addColumn<QString>("message");
        const QList<int> any;
        QTest::newRow("201, any 2xx")
            << QStringLiteral("/created") << any << true << ErrorType::Unknown << QString();
        QTest::newRow("201 expected") << QStringLiteral("/created") << QList<int>{201} << true
                                      << ErrorType::Unknown << QString();
        QTest::newRow("200, 201 expected") << QStringLiteral("/ok") << QList<int>{201} << false
                                           << ErrorType::Unknown << QStringLiteral("HTTP 200 OK");
        QTest::newRow("404") << QStringLiteral("/not-found") << any << false << ErrorType::Unknown
                             << QStringLiteral("HTTP 404 Not Found");
        QTest::newRow("404 expected") << QStringLiteral("/not-found") << QList<int>{200, 404}
                                      << true << ErrorType::Unknown << QString();
        QTest::newRow("401") << QStringLiteral("/401") << any << false << ErrorType::Authentication
                             << QStringLiteral("HTTP 401 Unauthorized");
        QTest::newRow("401 expected")
            << QStringLiteral("/401") << QList<int>{401} << true << ErrorType::Unknown << QString();
        QTest::newRow("403") << QStringLiteral("/403") << any << false << ErrorType::Authorization
                             << QStringLiteral("HTTP 403 Forbidden");
        QTest::newRow("500") << QStringLiteral("/500") << any << false << ErrorType::Unknown
                             << QStringLiteral("HTTP 500 Internal Server Error");
        QTest::newRow("503") << QStringLiteral("/503") << any << false << ErrorType::Unknown
                             << QStringLiteral("HTTP 503 Service Unavailable");
        QTest::newRow("redirect followed") << QStringLiteral("/redirect") << QList<int>{200} << true
                                           << ErrorType::Unknown << QString();
    }
    void mapsStatus()
    {
        QFETCH(QString, path);
        QFETCH(QList<int>, expectStatus);
        QFETCH(bool, succeeds);
        QFETCH(ErrorType, type);
        QFETCH(QString, message);
        HttpSpec spec = get(path);
        spec.expectStatus = expectStatus;
        const AttemptOutcome outcome = run(spec);
        QCOMPARE(outcome.succeeded, succeeds);
        if (!succeeds) {
            QCOMPARE(toString(outcome.errorType), toString(type));
            QCOMPARE(outcome.message, message);
        }
    }

    void refusedConnectionIsConnectivity()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            port = closed.serverPort();
        }
        HttpSpec spec;
        spec.url = QStringLiteral("http://127.0.0.1:%1/").arg(port);
        const AttemptOutcome outcome = run(spec);
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(ErrorType::Connectivity));
        QVERIFY2(outcome.message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
                 qPrintable(outcome.message));
    }

    void unknownHostIsConnectivity()
    {
        HttpSpec spec;
        spec.url = QStringLiteral("http://no-such-host.invalid/");
        const AttemptOutcome outcome = run(spec);
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(ErrorType::Connectivity));
    }

    void invalidUrlIsUnknown_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("no scheme") << QStringLiteral("example.com/x");
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com/x");
        QTest::newRow("garbage") << QStringLiteral("http://exa mple.com/");
    }
    void invalidUrlIsUnknown()
    {
        QFETCH(QString, url);
        HttpSpec spec;
        spec.url = url;
        const AttemptOutcome outcome = run(spec);
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(ErrorType::Unknown));
        QVERIFY2(outcome.message.contains(url), qPrintable(outcome.message));
    }

    void cancelsSlowResponse_data()
    {
        QTest::addColumn<CancelReason>("reason");
        QTest::addColumn<ErrorType>("type");
        QTest::addColumn<QString>("message");
        QTest::newRow("timeout") << CancelReason::Timeout << ErrorType::Timeout
                                 << QStringLiteral("timed out");
        QTest::newRow("abort") << CancelReason::Abort << ErrorType::Unknown
                               << QStringLiteral("cancelled");
    }
    void cancelsSlowResponse()
    {
        QFETCH(CancelReason, reason);
        QFETCH(ErrorType, type);
        QFETCH(QString, message);
        HttpExecutor executor(m_network.get());
        Probe probe(executor);
        executor.start(requestFor(get(QStringLiteral("/slow"))));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->received.size(), 1, kFinishTimeoutMs);
        executor.cancel(reason);
        QCOMPARE(probe.finishedSpy.size(), 0); // never inside cancel()
        QVERIFY(probe.waitForOutcome(2000));
        const AttemptOutcome outcome = probe.outcome();
        QVERIFY(outcome.cancelled);
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(type));
        QCOMPARE(outcome.message, message);
        QTRY_COMPARE(m_server->openConnections, 0); // the connection was really dropped
    }

    void sendsMethodHeadersAndBody_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<std::optional<QString>>("body");
        QTest::addColumn<QByteArray>("sentMethod");
        QTest::addColumn<QByteArray>("contentType");
        const std::optional<QString> none;
        QTest::newRow("POST") << QStringLiteral("POST")
                              << std::optional(QStringLiteral("{\"a\": 1}")) << QByteArray("POST")
                              << QByteArray("application/json");
        QTest::newRow("post, no type")
            << QStringLiteral("post") << std::optional(QStringLiteral("a=1")) << QByteArray("POST")
            << QByteArray();
        QTest::newRow("PUT") << QStringLiteral("PUT") << std::optional(QStringLiteral("x"))
                             << QByteArray("PUT") << QByteArray("text/plain");
        QTest::newRow("DELETE") << QStringLiteral("DELETE") << none << QByteArray("DELETE")
                                << QByteArray();
        QTest::newRow("HEAD") << QStringLiteral("HEAD") << none << QByteArray("HEAD")
                              << QByteArray();
        QTest::newRow("GET with body")
            << QStringLiteral("GET") << std::optional(QStringLiteral("q")) << QByteArray("GET")
            << QByteArray("text/plain");
    }
    void sendsMethodHeadersAndBody()
    {
        QFETCH(QString, method);
        QFETCH(std::optional<QString>, body);
        QFETCH(QByteArray, sentMethod);
        QFETCH(QByteArray, contentType);
        HttpSpec spec = get(QStringLiteral("/echo"));
        spec.method = method;
        spec.body = body;
        spec.headers = {{QStringLiteral("X-Token"), QStringLiteral("abc")}};
        if (!contentType.isEmpty())
            spec.headers.append({QStringLiteral("Content-Type"), QString::fromLatin1(contentType)});
        const AttemptOutcome outcome = run(spec);
        QVERIFY2(outcome.succeeded, qPrintable(outcome.message));
        QCOMPARE(m_server->received.size(), 1);
        const ReceivedRequest &received = m_server->received.first();
        QCOMPARE(received.method, sentMethod);
        QCOMPARE(received.headers.value("x-token"), QByteArray("abc"));
        QCOMPARE(received.body, body.value_or(QString()).toUtf8());
        if (body) {
            QCOMPARE(received.headers.value("content-type"),
                     contentType.isEmpty() ? QByteArray("application/x-www-form-urlencoded")
                                           : contentType);
        }
        if (sentMethod == "HEAD")
            QCOMPARE(outcome.outputs.value(QStringLiteral("body")).toString(), QString());
    }

    void keepsFirst64KiBOfBody()
    {
        QStringList lines;
        const AttemptOutcome outcome = run(get(QStringLiteral("/big")), &lines);
        QVERIFY(outcome.succeeded);
        QCOMPARE(outcome.outputs.value(QStringLiteral("body")).toString(),
                 QString(HttpExecutor::kMaxBodyBytes, u'x'));
        QVERIFY2(lines.last().contains(QStringLiteral("1048576 bytes")), qPrintable(lines.last()));
    }

    void cutsBodyOnCharacterBoundary()
    {
        const AttemptOutcome outcome = run(get(QStringLiteral("/utf8")));
        QVERIFY(outcome.succeeded);
        const QString body = outcome.outputs.value(QStringLiteral("body")).toString();
        QCOMPARE(body, u'a' + QString((HttpExecutor::kMaxBodyBytes - 2) / 2, QChar(0xe9)));
    }

    void destroyingAbortsTheRequest()
    {
        auto executor = std::make_unique<HttpExecutor>(m_network.get());
        executor->start(requestFor(get(QStringLiteral("/slow"))));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->received.size(), 1, kFinishTimeoutMs);
        executor.reset();
        QTRY_COMPARE(m_server->openConnections, 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpExecutor)
#include "tst_http_executor.moc"
