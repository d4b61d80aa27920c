#pragma once

#include <spdlog/logger.h>

#include <QString>

#include <memory>
#include <string>

namespace pw {

// The logger of one layer ("model", "engine", "app"). Until the program installs its sinks
// (app's setupLogging), loggers write warnings and worse to stderr.
std::shared_ptr<spdlog::logger> layerLogger(const std::string &layer);

inline std::string toStd(const QString &text) { return text.toStdString(); }

} // namespace pw

namespace pw::model {
inline std::shared_ptr<spdlog::logger> log() { return layerLogger("model"); }
} // namespace pw::model
