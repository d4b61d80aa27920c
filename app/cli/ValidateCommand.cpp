#include "ValidateCommand.h"

#include "ProblemList.h"

#include "Console.h"
#include "model/PipelineFile.h"
#include "model/Validator.h"

#include "FileCommandParser.h"

namespace pw::cli {

int runValidate(const QStringList &arguments)
{
    FileCommandParser command(QStringLiteral("validate"), QStringLiteral(
        "Loads and validates pipeline files. Prints every problem as file:line:col: message\n"
        "on stdout. Exit code 0 when no file has an error (warnings allowed), 2 otherwise."));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Print errors only, not warnings."));
    command.parser().addOption(quiet);
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    const QStringList files = command.files();

    model::Validator validator;
    int errors = 0;
    int warnings = 0;
    for (const QString &file : files) {
        const model::LoadResult result = model::loadPipelineFile(file, &validator);
        for (const model::Problem &problem : result.problems)
            ++(problem.isError() ? errors : warnings);
        const bool errorsOnly = command.parser().isSet(quiet);
        printProblems(file, result.problems, printOut,
                      [&](const model::Problem &problem) { return problem.isError() || !errorsOnly; });
    }
    printErr(QStringLiteral("%1 file(s) checked: %2 error(s), %3 warning(s)")
                 .arg(files.size()).arg(errors).arg(warnings));
    return errors > 0 ? ExitUsage : ExitSuccess;
}

} // namespace pw::cli
