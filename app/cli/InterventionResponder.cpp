#include "InterventionResponder.h"

namespace pw::cli {

InterventionResponder::InterventionResponder(engine::AnswerMode onIntervention, engine::AnswerMode onApproval,
                                             Callbacks callbacks)
    : m_answers(std::move(onIntervention), std::move(onApproval))
    , m_callbacks(std::move(callbacks))
{}

void InterventionResponder::handle(const engine::InterventionRequest &request)
{
    const engine::AutoAnswers::Answer answer = m_answers.answer(request);
    switch (answer.kind) {
    case engine::AnswerMode::Kind::Wait:
        if (!answer.notice.isEmpty())
            m_callbacks.notice(answer.notice);
        return; // the engine applies onTimeout at the deadline
    case engine::AnswerMode::Kind::Prompt: m_callbacks.ask(request); return;
    case engine::AnswerMode::Kind::Decide:
        m_callbacks.decide({request.id, answer.decision, QStringLiteral("cli"), {}, {}});
        return;
    }
}

} // namespace pw::cli
