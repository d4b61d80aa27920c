#include "AutoAnswers.h"

namespace pw::engine {

AutoAnswers::AutoAnswers(AnswerMode onIntervention, AnswerMode onApproval)
    : m_onIntervention(std::move(onIntervention)), m_onApproval(std::move(onApproval))
{}

AutoAnswers::Answer AutoAnswers::answer(const InterventionRequest &request)
{
    const bool approval = request.kind == RequestKind::Approval;
    const AnswerMode &mode = approval ? m_onApproval : m_onIntervention;
    if (mode.kind != AnswerMode::Kind::Decide)
        return {mode.kind, {}, {}};

    const QString option = approval ? QStringLiteral("--on-approval") : QStringLiteral("--on-intervention");
    const QString thenWhat = approval ? QStringLiteral("then the step fails with Timeout")
                                      : QStringLiteral("then %1 applies").arg(request.onTimeout);
    if (!request.allowedDecisions.contains(mode.decision)) {
        return {AnswerMode::Kind::Wait, {},
                QStringLiteral("step %1: %2 %3 is not allowed here (allowed: %4); waiting for the deadline, %5")
                    .arg(request.step, option, mode.decision, request.allowedDecisions.join(QStringLiteral(", ")),
                         thenWhat)};
    }
    if (mode.decision == QLatin1String("Retry")) {
        int &given = m_retriesGiven[request.step];
        if (given >= kMaxAutomaticRetries) {
            return {AnswerMode::Kind::Wait, {},
                    QStringLiteral("step %1: Retry given %2 times already; waiting for the deadline, %3")
                        .arg(request.step)
                        .arg(kMaxAutomaticRetries)
                        .arg(thenWhat)};
        }
        ++given;
    }
    return {AnswerMode::Kind::Decide, mode.decision, {}};
}

} // namespace pw::engine
