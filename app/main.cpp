#include "app/Logging.h"
#include "app/Version.h"
#include "cli/CommandLine.h"
#include "cli/Console.h"

#ifdef PW_WITH_GUI
#include "app/DesignerLoader.h"
#endif

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Pipewright"));
    QCoreApplication::setApplicationName(QStringLiteral("pipewright"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PW_VERSION));

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
