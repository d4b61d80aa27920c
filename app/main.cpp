#include "app/Logging.h"
#include "app/Version.h"
#include "cli/CommandLine.h"
#include "cli/Console.h"
#include "engine/executors/DescriptorLimit.h"

#ifdef PW_WITH_GUI
#include "app/DesignerLoader.h"
#endif

#include <QCoreApplication>

#include <csignal>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Pipewright"));
    QCoreApplication::setApplicationName(QStringLiteral("pipewright"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PW_VERSION));

    // Output into a closed pipe (`pipewright run FILE | head`) fails a write rather than
    // killing the program mid-run: the run goes on to its end and is stored. Steps get the
    // default back (GroupLeaderProcess), so `yes | head` in a step behaves as in a shell.
    std::signal(SIGPIPE, SIG_IGN);
    pw::engine::raiseDescriptorLimit();
    pw::engine::reserveDescriptorTable();

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

#ifdef PW_WITH_GUI
    if (!pw::cli::isHeadless(arguments)) {
        pw::app::setupLogging(pw::app::LogMode::Desktop);
        return pw::app::runDesignerModule(argc, argv);
    }
#endif
    // Sub-commands need no display: a plain core application, no platform plugin.
    QCoreApplication application(argc, argv);
    pw::app::setupLogging(pw::app::LogMode::CommandLine);
    if (arguments.size() < 2) {
        pw::cli::printErr(pw::cli::topLevelHelp());
        return pw::cli::ExitUsage;
    }
    return pw::cli::runCommandLine(arguments);
}
