#pragma once

#include "model/ModelLog.h"

namespace pw::engine {
inline std::shared_ptr<spdlog::logger> log() { return layerLogger("engine"); }
} // namespace pw::engine
