#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pw::gui {

// What `pipewright [FILE] [--screenshot PNG]` asks the designer to do.
struct DesignerArguments
{
    QString file; // empty: an untitled window
    QString screenshotPath; // set: render once to this PNG and quit

    // Set when the designer must not open: --help (0) or a usage error (2), with the text to
    // print (stdout for 0, stderr otherwise).
    std::optional<int> exitCode;
    QString message;
};

// `arguments` as QCoreApplication::arguments() gives them, the program name first.
DesignerArguments parseDesignerArguments(const QStringList &arguments);

} // namespace pw::gui
