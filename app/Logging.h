#pragma once

namespace pw::app {

enum class LogMode {
    CommandLine, // warnings and errors to stderr: stdout belongs to the command's output
    Desktop, // also everything from info up into a rotating file under the user's data dir
};

// Installs the sinks of the "model", "engine" and "app" loggers once, honours SPDLOG_LEVEL
// (e.g. SPDLOG_LEVEL=debug), and routes Qt's own messages (QML warnings included) into the
// "app" logger so that they land in the same file.
void setupLogging(LogMode mode);

} // namespace pw::app
