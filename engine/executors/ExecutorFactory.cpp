#include "ExecutorFactory.h"

#include "EchoExecutor.h"
#include "FailExecutor.h"
#include "HttpExecutor.h"
#include "ShellExecutor.h"
#include "VerifyExecutor.h"
#include "WaitExecutor.h"

namespace pw::engine {

std::unique_ptr<StepExecutor> createExecutor(model::StepType type, QNetworkAccessManager *network,
                                             QObject *parent)
{
    switch (type) {
    case model::StepType::Shell: return std::make_unique<ShellExecutor>(parent);
    case model::StepType::Http: return std::make_unique<HttpExecutor>(network, parent);
    case model::StepType::Echo: return std::make_unique<EchoExecutor>(parent);
    case model::StepType::Wait: return std::make_unique<WaitExecutor>(parent);
    case model::StepType::Fail: return std::make_unique<FailExecutor>(parent);
    case model::StepType::Verify: return std::make_unique<VerifyExecutor>(parent);
    case model::StepType::Approval: return nullptr;
    }
    return nullptr;
}

} // namespace pw::engine
