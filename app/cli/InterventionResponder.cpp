#include "InterventionResponder.h"

namespace pw::cli {

InterventionResponder::InterventionResponder(AnswerMode onIntervention, AnswerMode onApproval,
                                             Callbacks callbacks)
    : m_onIntervention(std::move(onIntervention))
    , m_onApproval(std::move(onApproval))
    , m_callbacks(std::move(callbacks))
{}

void InterventionResponder::handle(const engine::InterventionRequest &request)
{
    const bool approval = request.kind == engine::RequestKind::Approval;
    const AnswerMode &mode = approval ? m_onApproval : m_onIntervention;
    switch (mode.kind) {
    case AnswerMode::Kind::Wait: return; // the engine applies onTimeout at the deadline
    case AnswerMode::Kind::Prompt: m_callbacks.ask(request); return;
    case AnswerMode::Kind::Decide: break;
    }

    const QString option =
        approval ? QStringLiteral("--on-approval") : QStringLiteral("--on-intervention");
    const QString thenWhat = approval ? QStringLiteral("then the step fails with Timeout")
                                      : QStringLiteral("then %1 applies").arg(request.onTimeout);
    if (!request.allowedDecisions.contains(mode.decision)) {
        m_callbacks.notice(
            QStringLiteral("step %1: %2 %3 is not allowed here (allowed: %4); waiting for the "
                           "deadline, %5")
                .arg(request.step, option, mode.decision,
                     request.allowedDecisions.join(QStringLiteral(", ")), thenWhat));
        return;
    }
    if (mode.decision == QLatin1String("Retry")) {
        int &given = m_retriesGiven[request.step];
        if (given >= kMaxAutomaticRetries) {
            m_callbacks.notice(
                QStringLiteral(
                    "step %1: Retry given %2 times already; waiting for the deadline, %3")
                    .arg(request.step)
                    .arg(kMaxAutomaticRetries)
                    .arg(thenWhat));
            return;
        }
        ++given;
    }
    m_callbacks.decide({request.id, mode.decision, QStringLiteral("cli"), {}, {}});
}

} // namespace pw::cli
