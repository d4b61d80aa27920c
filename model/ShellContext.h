#pragma once

#include "Template.h"

#include <QList>
#include <QString>

// Where each `{{ }}` of a Shell command stands, as /bin/sh will read the command: so that the
// engine can write, for each value, the reference to it that fits there (semantics.md: a value
// reaches the command as data, exactly, wherever it stands), and the validator can warn where
// no reference can protect it (a string another shell parses again).
namespace pw::model {

enum class ShellContext {
    Unquoted, // also inside $( ) and backquotes, which start afresh
    DoubleQuoted,
    SingleQuoted,
    HereDocument, // the body of <<WORD: expansions happen, quotes are plain characters
    QuotedHereDocument, // the body of <<'WORD' or <<"WORD": nothing happens at all
    Comment,
};

struct ShellPlace
{
    ShellContext context = ShellContext::Unquoted;
    QString hereDocumentEnd; // the delimiter, for the here-document contexts
    // Inside a quoted string given to a command that parses it as shell text again
    // (`sh -c "..."`, `bash -c`, `eval`, `ssh host "..."`): named here, e.g. "sh -c".
    QString reparsedBy;
};

// One place per expression part of `parts`, in order.
QList<ShellPlace> shellPlaces(const QList<TemplatePart> &parts);

} // namespace pw::model
