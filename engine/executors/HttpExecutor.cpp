#include "HttpExecutor.h"

#include "Utf8Text.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

#include <utility>

namespace pw::engine {
namespace {

using Stream = LogLine::Stream;
constexpr qint64 kReadBufferBytes = 256 * 1024;

// Errors of the connection itself (QNetworkReply's 1-99 "network layer" and 101-199 "proxy"
// ranges): the server was never properly reached, so trying again later may well work.
bool isConnectivityError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
    case QNetworkReply::OperationCanceledError: // only our own abort() does this
    case QNetworkReply::TooManyRedirectsError:  // the server answered: a configuration problem
    case QNetworkReply::InsecureRedirectError: return false;
    default: return error < QNetworkReply::ContentAccessDenied; // 201: the first "content" error
    }
}

bool isExpectedStatus(int status, const QList<int> &expected)
{
    if (expected.isEmpty())
        return status >= 200 && status <= 299;
    return expected.contains(status);
}

} // namespace

HttpExecutor::HttpExecutor(QNetworkAccessManager *network, QObject *parent)
    : StepExecutor(parent), m_network(network)
{
    Q_ASSERT(network);
}

HttpExecutor::~HttpExecutor()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpExecutor::start(const AttemptRequest &request)
{
    Q_ASSERT(!m_reply);
    const auto *spec = std::get_if<model::HttpSpec>(&request.spec);
    if (!spec || !m_network) {
        finishSoon(failure(model::ErrorType::Unknown,
                           QStringLiteral("internal error: not an Http step or no network")));
        return;
    }
    Q_ASSERT(m_network->thread() == thread());
    m_spec = *spec;
    m_body.clear();
    m_bodyBytesReceived = 0;
    m_cancelReason.reset();

    const QUrl url(m_spec.url, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        finishSoon(failure(
            model::ErrorType::Unknown,
            QStringLiteral("invalid URL '%1' (expected http:// or https://)").arg(m_spec.url)));
        return;
    }
    const QByteArray verb = m_spec.method.value_or(QStringLiteral("GET")).toUpper().toUtf8();
    m_reply = send(url, verb);
    // Without a bound, Qt's network thread reads as fast as the server sends and queues it all
    // for us (an endless body grew the program by 1.3 GB in 3 s); with one it stops reading
    // when the buffer is full, and the server waits for us.
    m_reply->setReadBufferSize(kReadBufferBytes);
    emit logLine(Stream::Engine, QString::fromUtf8(verb) + u' ' + url.toDisplayString());
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpExecutor::readBody);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExecutor::onReplyFinished);
}

QNetworkReply *HttpExecutor::send(const QUrl &url, const QByteArray &verb)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    for (const auto &[name, value] : m_spec.headers)
        request.setRawHeader(name.toUtf8(), value.toUtf8());

    if (!m_spec.body) {
        if (verb == "GET")
            return m_network->get(request);
        if (verb == "HEAD") // a custom HEAD would wait for a body that never comes
            return m_network->head(request);
        return m_network->sendCustomRequest(request, verb);
    }
    // Qt would pick this type too, with a warning on stderr; curl -d does the same.
    if (request.header(QNetworkRequest::ContentTypeHeader).isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    return m_network->sendCustomRequest(request, verb, m_spec.body->toUtf8());
}

void HttpExecutor::cancel(CancelReason reason)
{
    if (cancelPending(reason) || !m_reply || m_cancelReason)
        return;
    m_cancelReason = reason;
    m_reply->abort(); // emits finished() right away: onReplyFinished() sees the reason
}

void HttpExecutor::readBody()
{
    if (!m_reply->isOpen()) // aborted
        return;
    // Everything is read so the reply buffers nothing; only the start of it is kept.
    const QByteArray chunk = m_reply->readAll();
    m_bodyBytesReceived += chunk.size();
    const qsizetype room = kMaxBodyBytes + 1 - m_body.size();
    if (room > 0)
        m_body.append(QByteArrayView(chunk).first(qMin(room, chunk.size())));
}

void HttpExecutor::onReplyFinished()
{
    if (!m_reply)
        return;
    readBody();
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->deleteLater(); // we are inside its signal
    if (m_cancelReason) {
        finishSoon(cancelledOutcome(*m_cancelReason));
        return;
    }
    const AttemptOutcome outcome = outcomeOf(*reply);
    if (const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        status.isValid()) {
        emit logLine(
            Stream::Engine,
            QStringLiteral("HTTP %1 %2, %3 bytes")
                .arg(status.toInt())
                .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                .arg(m_bodyBytesReceived));
    }
    finishSoon(outcome);
}

AttemptOutcome HttpExecutor::outcomeOf(const QNetworkReply &reply) const
{
    const QNetworkReply::NetworkError error = reply.error();
    if (isConnectivityError(error))
        return failure(model::ErrorType::Connectivity, reply.errorString());
    const QVariant statusAttribute = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) // no response at all, for a reason that is not the network
        return failure(model::ErrorType::Unknown, reply.errorString());

    const int status = statusAttribute.toInt();
    if (isExpectedStatus(status, m_spec.expectStatus))
        return success(outputsOf(reply, status));
    const QString reason = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString message = QStringLiteral("HTTP %1 %2").arg(status).arg(reason).trimmed();
    switch (status) {
    case 401: return failure(model::ErrorType::Authentication, message);
    case 403: return failure(model::ErrorType::Authorization, message);
    default: return failure(model::ErrorType::Unknown, message);
    }
}

QVariantMap HttpExecutor::outputsOf(const QNetworkReply &reply, int status) const
{
    QVariantMap headers;
    for (const auto &[name, value] : reply.rawHeaderPairs()) {
        const QString key = QString::fromLatin1(name).toLower();
        const QString text = QString::fromUtf8(value);
        const QString earlier = headers.value(key).toString();
        headers.insert(key, earlier.isEmpty() ? text : earlier + u", " + text);
    }
    return {
        {QStringLiteral("status"), status},
        {QStringLiteral("body"), utf8Prefix(m_body, kMaxBodyBytes)},
        {QStringLiteral("headers"), headers},
    };
}

} // namespace pw::engine
