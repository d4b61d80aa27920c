// Run: the requests a run opens to people (manual interventions and approvals), their
// deadlines, the decisions on them, and how a rehearsal answers its own.
#include "Run.h"

#include "LongTimer.h"
#include "engine/rehearsal/VirtualClock.h"

#include <QTimer>

namespace pw::engine {

QString Run::openRequest(InterventionRequest request, Answer answer)
{
    request.id = QStringLiteral("%1-%2").arg(m_id).arg(++m_requestCounter);
    request.runId = m_id;
    request.requestedAt = m_clock->now();
    const qint64 waitMs = std::max<qint64>(0, request.requestedAt.msecsTo(request.deadline));
    OpenRequest open{request, std::move(answer), std::make_unique<LongTimer>()};
    const QString id = request.id;
    open.deadline->start(*m_clock, std::chrono::milliseconds(waitMs), [this, id] {
        auto found = m_requests.find(id);
        if (found == m_requests.end())
            return;
        OpenRequest closing = takeRequest(found);
        InterventionRecord record{closing.request, closing.request.onTimeout, QStringLiteral("timeout"), {},
                                  m_clock->now(), {}};
        m_closedRequests.insert(id, record);
        m_recorder.decided(closing.request.step, record.decision, record.by);
        m_recorder.interventionClosed(record);
        closing.answer(record.decision, record.by, {});
    });
    m_requests.emplace(id, std::move(open));
    m_recorder.interventionOpened(request);
    if (m_autoAnswers)
        answerInRehearsal(request);
    return id;
}

// A rehearsal answers as its modes say, before the virtual clock may move on: a decision is
// queued work (so the clock waits for it), a person being asked holds the clock.
void Run::answerInRehearsal(const InterventionRequest &request)
{
    const AutoAnswers::Answer answer = m_autoAnswers->answer(request);
    switch (answer.kind) {
    case AnswerMode::Kind::Wait:
        if (!answer.notice.isEmpty())
            note(request.step, answer.notice);
        return;
    case AnswerMode::Kind::Prompt:
        if (VirtualClock *clock = m_clock->virtualClock()) {
            clock->hold();
            m_requests.at(request.id).holdsClock = true;
            if (m_request.rehearsal->personWindow.count() > 0) {
                QTimer::singleShot(m_request.rehearsal->personWindow, this, [this, id = request.id] {
                    const auto found = m_requests.find(id);
                    if (found == m_requests.end() || !found->second.holdsClock)
                        return;
                    found->second.holdsClock = false; // nobody answered: the deadline may pass
                    m_clock->virtualClock()->release();
                });
            }
        }
        return;
    case AnswerMode::Kind::Decide:
        post([this, id = request.id, decision = answer.decision] {
            decide({id, decision, QStringLiteral("cli"), {}, {}});
        });
        return;
    }
}

Run::OpenRequest Run::takeRequest(std::map<QString, OpenRequest>::iterator found)
{
    OpenRequest taken = std::move(found->second);
    m_requests.erase(found);
    taken.deadline->stop();
    if (taken.holdsClock)
        m_clock->virtualClock()->release();
    return taken;
}

void Run::closeRequest(const QString &requestId)
{
    auto found = m_requests.find(requestId);
    if (found == m_requests.end())
        return;
    const OpenRequest closing = takeRequest(found);
    InterventionRecord record{closing.request, QStringLiteral("Cancelled"), QStringLiteral("engine"), {},
                              m_clock->now(), {}};
    m_closedRequests.insert(requestId, record);
    m_recorder.interventionClosed(record); // recorded, and observers close their dialogs
}

Run::DecisionResult Run::decide(const Decision &decision)
{
    auto found = m_requests.find(decision.requestId);
    if (found == m_requests.end()) {
        const auto closed = m_closedRequests.constFind(decision.requestId);
        if (closed == m_closedRequests.cend())
            return {false, QStringLiteral("no request '%1' in run %2").arg(decision.requestId, m_id)};
        if (closed->decision == QLatin1String("Cancelled"))
            return {false, QStringLiteral("the request was cancelled (the step no longer waits)")};
        return {false, QStringLiteral("already decided: %1 by %2 at %3")
                           .arg(closed->decision, closed->by, closed->decidedAt.toString(Qt::ISODateWithMs))};
    }
    if (m_clock->now() >= found->second.request.deadline) {
        // The deadline timer may fire a few ms late; the deadline itself is what counts.
        return {false, QStringLiteral("the deadline passed at %1; %2 applies")
                           .arg(found->second.request.deadline.toString(Qt::ISODateWithMs), found->second.request.onTimeout)};
    }
    if (!found->second.request.allowedDecisions.contains(decision.decision)) {
        return {false, QStringLiteral("'%1' is not allowed here (allowed: %2)")
                           .arg(decision.decision, found->second.request.allowedDecisions.join(QStringLiteral(", ")))};
    }
    OpenRequest closing = takeRequest(found);
    InterventionRecord record{closing.request, decision.decision, decision.by, m_expressions->mask(decision.comment),
                              m_clock->now(), decision.who};
    if (record.who.isEmpty() && decision.by != QLatin1String("timeout"))
        record.who = m_request.user; // the person running the program
    m_closedRequests.insert(decision.requestId, record);
    m_recorder.decided(closing.request.step, record.decision, record.by);
    m_recorder.interventionClosed(record);
    closing.answer(record.decision, record.by, record.comment);
    return {true, {}};
}

} // namespace pw::engine
