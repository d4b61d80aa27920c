#pragma once

#include "StepExecutor.h"

#include <memory>

class QNetworkAccessManager;

namespace pw::engine {

// The executor for one step type, or nullptr for Approval (a request to a person, which the
// scheduler handles itself). `network` is used by Http only and must live on the executor's
// thread. `parent` (optional) ties the executor to a thread for moveToThread(); the
// unique_ptr still owns it, so release() it if the parent is to delete it.
std::unique_ptr<StepExecutor> createExecutor(model::StepType type, QNetworkAccessManager *network,
                                             QObject *parent = nullptr);

} // namespace pw::engine
