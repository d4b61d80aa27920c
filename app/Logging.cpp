#include "Logging.h"

#include "model/ModelLog.h"

#include <spdlog/cfg/env.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QStandardPaths>

#include <cstdio>
#include <vector>

namespace pw::app {
namespace {

constexpr std::size_t kLogFileBytes = 5 * 1024 * 1024;
constexpr std::size_t kLogFiles = 3;

void forwardQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    auto logger = layerLogger("app");
    const std::string text = context.category && qstrcmp(context.category, "default") != 0
        ? std::string(context.category) + ": " + message.toStdString()
        : message.toStdString();
    switch (type) {
    case QtDebugMsg: logger->debug(text); break;
    case QtInfoMsg: logger->info(text); break;
    case QtWarningMsg: logger->warn(text); break;
    case QtCriticalMsg: logger->error(text); break;
    case QtFatalMsg: logger->critical(text); logger->flush(); break;
    }
}

} // namespace

void setupLogging(LogMode mode)
{
    static bool done = false;
    if (done)
        return;
    done = true;

    std::vector<spdlog::sink_ptr> sinks;
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(spdlog::level::warn);
    console->set_pattern("pipewright: %^%l%$: [%n] %v");
    sinks.push_back(console);

    if (mode == LogMode::Desktop) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
            + QStringLiteral("/logs");
        if (QDir().mkpath(dir)) {
            try {
                auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                    QString(dir + QStringLiteral("/pipewright.log")).toStdString(), kLogFileBytes,
                    kLogFiles);
                file->set_level(spdlog::level::trace);
                sinks.push_back(file);
            } catch (const spdlog::spdlog_ex &e) {
                std::fprintf(stderr, "pipewright: no log file: %s\n", e.what());
            }
        }
        qInstallMessageHandler(forwardQtMessage);
    }

    for (const char *layer : {"model", "engine", "app"}) {
        spdlog::drop(layer);
        auto logger = std::make_shared<spdlog::logger>(layer, sinks.begin(), sinks.end());
        logger->set_level(mode == LogMode::Desktop ? spdlog::level::info : spdlog::level::warn);
        logger->flush_on(spdlog::level::warn);
        spdlog::register_logger(logger);
    }
    spdlog::cfg::load_env_levels();
}

} // namespace pw::app
