#include "ValidateCommand.h"

#include "Console.h"
#include "model/PipelineFile.h"
#include "model/Validator.h"

#include <QCommandLineParser>

namespace pw::cli {

int runValidate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Loads and validates pipeline files. Prints every problem as file:line:col: message\n"
        "on stdout. Exit code 0 when no file has an error (warnings allowed), 2 otherwise."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Print errors only, not warnings."));
    parser.addOption(help);
    parser.addOption(quiet);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Pipeline files."),
                                 QStringLiteral("FILE..."));
    if (!parser.parse(QStringList{QStringLiteral("pipewright validate")} + arguments.mid(1))) {
        printErr(QStringLiteral("pipewright validate: ") + parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        return ExitSuccess;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printErr(QStringLiteral("pipewright validate: no file given\n") + parser.helpText());
        return ExitUsage;
    }

    model::Validator validator;
    int errors = 0;
    int warnings = 0;
    for (const QString &file : files) {
        const model::LoadResult result = model::loadPipelineFile(file, &validator);
        for (const model::Problem &problem : result.problems) {
            if (problem.isError())
                ++errors;
            else
                ++warnings;
            if (problem.isError() || !parser.isSet(quiet))
                printOut(model::formatProblem(file, problem));
        }
    }
    printErr(QStringLiteral("%1 file(s) checked: %2 error(s), %3 warning(s)")
                 .arg(files.size()).arg(errors).arg(warnings));
    return errors > 0 ? ExitUsage : ExitSuccess;
}

} // namespace pw::cli
