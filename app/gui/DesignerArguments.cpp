#include "DesignerArguments.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include "model/Duration.h"

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
        QStringLiteral("Select an element at start: a step, group or stage by its id (e.g. deploy), or "
                       "any element by its path as the Problems panel shows it "
                       "(e.g. pipeline.stages[0].stage.steps[1].step)."),
        QStringLiteral("ID|PATH"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("The run database (default: ~/.local/share/pipewright/runs.sqlite)."),
                                QStringLiteral("PATH"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Start FILE's pipeline at once (as F5)."));
    const QCommandLineOption input(QStringLiteral("input"),
                                   QStringLiteral("With --run: sets a pipeline input (repeatable)."),
                                   QStringLiteral("ID=VALUE"));
    const QCommandLineOption rehearse(
        QStringLiteral("rehearse"),
        QStringLiteral("Play a rehearsal of FILE at once, STEP failing with TYPE (its first N attempts; "
                       "default all), as Rehearse failure… does."),
        QStringLiteral("STEP=TYPE[:N]"));
    const QCommandLineOption screenshotAfter(
        QStringLiteral("screenshot-after"),
        QStringLiteral("With --screenshot: take it this long after the start (e.g. 2s, 500ms), "
                       "showing the run live at that moment."),
        QStringLiteral("DURATION"));
    const QCommandLineOption zoom(
        QStringLiteral("zoom"),
        QStringLiteral("Start the canvas at this zoom: a percentage from 10 to 200 (e.g. 25%), or 'fit' "
                       "to show the whole pipeline."),
        QStringLiteral("PERCENT|fit"));
    parser.addOption(help);
    parser.addOption(screenshot);
    parser.addOption(zoom);
    parser.addOption(select);
    parser.addOption(db);
    parser.addOption(run);
    parser.addOption(rehearse);
    parser.addOption(input);
    parser.addOption(screenshotAfter);
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
    result.selection = parser.value(select).trimmed();
    if (parser.isSet(select) && result.selection.isEmpty())
        return usageError(QStringLiteral("--select needs an id or an element path"));
    if (parser.isSet(zoom)) {
        QString text = parser.value(zoom).trimmed();
        if (text == u"fit") {
            result.zoom = 0;
        } else {
            if (text.endsWith(u'%'))
                text.chop(1);
            bool number = false;
            const double percent = text.toDouble(&number);
            if (!number || percent < 10 || percent > 200)
                return usageError(QStringLiteral("--zoom: expected a percentage from 10 to 200 or 'fit', got '%1'")
                                      .arg(parser.value(zoom)));
            result.zoom = percent / 100;
        }
    }
    result.databasePath = parser.value(db);
    result.run = parser.isSet(run);
    result.inputs = parser.values(input);
    if (result.run && files.isEmpty())
        return usageError(QStringLiteral("--run needs a FILE"));
    result.rehearse = parser.value(rehearse);
    if (parser.isSet(rehearse) && (files.isEmpty() || result.run || !result.rehearse.contains(u'=')))
        return usageError(QStringLiteral("--rehearse needs a FILE and STEP=TYPE[:N], and goes without --run"));
    if (!result.inputs.isEmpty() && !result.run)
        return usageError(QStringLiteral("--input goes with --run"));
    for (const QString &pair : std::as_const(result.inputs)) {
        if (!pair.contains(u'='))
            return usageError(QStringLiteral("--input %1: expected ID=VALUE").arg(pair));
    }
    if (parser.isSet(screenshotAfter)) {
        if (result.screenshotPath.isEmpty())
            return usageError(QStringLiteral("--screenshot-after goes with --screenshot"));
        const auto parsed = model::Duration::parse(parser.value(screenshotAfter));
        if (!parsed.duration || parsed.duration->isNegative())
            return usageError(QStringLiteral("--screenshot-after: ") + parsed.error);
        result.screenshotAfterMs = parsed.duration->milliseconds();
    }
    if (!files.isEmpty()) {
        result.file = files.constFirst();
        if (const QString reason = whyNotOpenable(result.file); !reason.isEmpty())
            return usageError(reason);
    }
    return result;
}

} // namespace pw::gui
