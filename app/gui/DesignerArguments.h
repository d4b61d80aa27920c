#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pw::gui {

// What `pipewright [FILE] [--select PATH] [--screenshot PNG]` asks the designer to do.
struct DesignerArguments
{
    QString file; // empty: an untitled window
    QString screenshotPath; // set: render once to this PNG and quit
    // Selected at start, so that a screenshot can show a step's property panel: an element
    // path (pipeline.stages[0].stage.steps[1].step) or the id of a step, group or stage;
    // empty: nothing selected.
    QString selection;
    // --zoom: the canvas's zoom at start, 0.1-2 (1 is 100 %); 0: fit the pipeline to the
    // window; unset: as the user left it.
    std::optional<double> zoom;
    QString databasePath; // --db: the run store (empty: the user's default)
    bool run = false; // --run: start FILE's pipeline at once
    QStringList inputs; // --input ID=VALUE, for --run
    QString rehearse; // --rehearse STEP=TYPE[:N]: play that failure at once (as "Rehearse failure…")
    // --screenshot-after: how long after the window shows (with --run: after the run started)
    // the screenshot is taken; unset: at the first frames.
    std::optional<qint64> screenshotAfterMs;

    // Set when the designer must not open: --help (0) or a usage error (2), with the text to
    // print (stdout for 0, stderr otherwise).
    std::optional<int> exitCode;
    QString message;
};

// `arguments` as QCoreApplication::arguments() gives them, the program name first.
DesignerArguments parseDesignerArguments(const QStringList &arguments);

} // namespace pw::gui
