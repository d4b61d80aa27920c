#include "DesignerArguments.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace pw::gui {
namespace {

constexpr int kExitSuccess = 0;
constexpr int kExitUsage = 2; // cli.md: usage error

DesignerArguments usageError(const QString &message)
{
    DesignerArguments result;
    result.exitCode = kExitUsage;
    result.message = QStringLiteral("pipewright: ") + message;
    return result;
}

// A missing file is a typo on the command line, so it stops here with a message; a file that
// exists but does not load opens, to show its problems.
QString whyNotOpenable(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("no such file: ") + path;
    if (info.isDir())
        return QStringLiteral("is a directory, not a pipeline file: ") + path;
    if (!info.isReadable())
        return QStringLiteral("cannot read: ") + path;
    return {};
}

} // namespace

DesignerArguments parseDesignerArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opens the Pipewright designer."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window to PNG once FILE is loaded, then exit."),
        QStringLiteral("PNG"));
    const QCommandLineOption select(
        QStringLiteral("select"),
        QStringLiteral("Select an element at start, by its path as the Problems panel shows it "
                       "(e.g. pipeline.stages[0].stage.steps[1].step)."),
        QStringLiteral("PATH"));
    parser.addOption(help);
    parser.addOption(screenshot);
    parser.addOption(select);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Pipeline file to open."),
                                 QStringLiteral("[FILE]"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        DesignerArguments result;
        result.exitCode = kExitSuccess;
        result.message = parser.helpText();
        return result;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return usageError(QStringLiteral("the designer opens one file at a time"));

    DesignerArguments result;
    result.screenshotPath = parser.value(screenshot);
    if (parser.isSet(screenshot) && result.screenshotPath.isEmpty())
        return usageError(QStringLiteral("--screenshot needs a file name"));
    result.selection = parser.value(select);
    if (parser.isSet(select) && !result.selection.startsWith(u"pipeline"))
        return usageError(QStringLiteral("--select needs an element path starting with 'pipeline'"));
    if (!files.isEmpty()) {
        result.file = files.constFirst();
        if (const QString reason = whyNotOpenable(result.file); !reason.isEmpty())
            return usageError(reason);
    }
    return result;
}

} // namespace pw::gui
