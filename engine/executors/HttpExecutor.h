#pragma once

#include "StepExecutor.h"

#include <QNetworkReply>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;

namespace pw::engine {

// Runs an Http step with the engine thread's QNetworkAccessManager (shared, not owned; it
// must live on this executor's thread). Redirects are followed unless they go from https to
// http; cookies are neither sent nor stored, so steps do not leak state into each other
// through the shared manager. The body is read as it arrives and only its first 64 KiB are
// kept, whatever the server sends.
class HttpExecutor : public StepExecutor
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    explicit HttpExecutor(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HttpExecutor() override;

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;

private:
    QNetworkReply *send(const QUrl &url, const QByteArray &verb);
    void readBody();
    void onReplyFinished();
    AttemptOutcome outcomeOf(const QNetworkReply &reply) const;
    QVariantMap outputsOf(const QNetworkReply &reply, int status) const;

    QPointer<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_reply; // the manager is its parent; we delete it when done
    model::HttpSpec m_spec;
    QByteArray m_body; // at most kMaxBodyBytes + 1: the extra byte tells where a character ends
    qint64 m_bodyBytesReceived = 0;
    std::optional<CancelReason> m_cancelReason;
};

} // namespace pw::engine
