#include "ModelLog.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace pw {

std::shared_ptr<spdlog::logger> layerLogger(const std::string &layer)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    if (auto existing = spdlog::get(layer))
        return existing;
    auto logger = spdlog::stderr_color_mt(layer);
    logger->set_level(spdlog::level::warn);
    return logger;
}

} // namespace pw
