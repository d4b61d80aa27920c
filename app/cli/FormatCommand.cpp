#include "FormatCommand.h"

#include "ProblemList.h"

#include "Console.h"
#include "FileCommandParser.h"
#include "model/PipelineFile.h"
#include "model/PipelineWriter.h"
#include "model/Validator.h"

#include <QFile>

#include <algorithm>

namespace pw::cli {
namespace {

enum class Outcome { Unchanged, Changed, Refused, Broken };

Outcome formatFile(const QString &file, bool checkOnly, model::Validator &validator)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        printOut(QStringLiteral("%1: cannot open: %2").arg(file, input.errorString()));
        return Outcome::Refused;
    }
    const QByteArray original = input.readAll();
    input.close();

    const model::LoadResult loaded = model::loadPipeline(original, &validator);
    const bool dropsContent = std::any_of(loaded.problems.cbegin(), loaded.problems.cend(),
                                          [](const model::Problem &p) { return p.dropsContent; });
    if (!loaded.pipeline || loaded.hasErrors() || dropsContent) {
        printProblems(file, loaded.problems, printOut);
        printErr(QStringLiteral("%1: not formatted: %2").arg(file,
            dropsContent && !loaded.hasErrors()
                ? QStringLiteral("formatting would drop the unknown keys above")
                : QStringLiteral("fix the errors above first")));
        return Outcome::Refused;
    }

    const QByteArray canonical = model::writePipeline(*loaded.pipeline, model::formatForFileName(file));
    if (canonical == original)
        return Outcome::Unchanged;

    // A safety net against data loss: the canonical text must read back to the same pipeline.
    const model::LoadResult reread = model::loadPipeline(canonical, &validator);
    if (!reread.pipeline || !(*reread.pipeline == *loaded.pipeline)) {
        printErr(QStringLiteral("%1: internal error: the formatted text does not read back the same; "
                                "file left unchanged").arg(file));
        return Outcome::Broken;
    }
    if (checkOnly) {
        printOut(QStringLiteral("%1: would be reformatted").arg(file));
        return Outcome::Changed;
    }
    const model::SaveResult saved = model::savePipelineFile(*loaded.pipeline, file);
    if (!saved.ok) {
        printErr(QStringLiteral("%1: %2").arg(file, saved.error));
        return Outcome::Refused;
    }
    printErr(QStringLiteral("%1: reformatted").arg(file));
    return Outcome::Changed;
}

} // namespace

int runFormat(const QStringList &arguments)
{
    FileCommandParser command(QStringLiteral("fmt"), QStringLiteral(
        "Rewrites pipeline files in the canonical saved form, atomically. Comments other than\n"
        "the file's leading comment block are not kept. Files with errors, or with unknown keys\n"
        "that formatting would drop, are left alone.\n"
        "Exit code: 0 nothing to do or all formatted; 1 with --check when a file would change;\n"
        "2 when a file could not be formatted; 5 internal error."));
    const QCommandLineOption check(QStringLiteral("check"),
                                   QStringLiteral("Change nothing; list the files that would change."));
    command.parser().addOption(check);
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    const QStringList files = command.files();
    const bool checkOnly = command.parser().isSet(check);

    model::Validator validator;
    bool changed = false;
    bool refused = false;
    bool broken = false;
    for (const QString &file : files) {
        switch (formatFile(file, checkOnly, validator)) {
        case Outcome::Unchanged: break;
        case Outcome::Changed: changed = true; break;
        case Outcome::Refused: refused = true; break;
        case Outcome::Broken: broken = true; break;
        }
    }
    if (broken)
        return ExitInternal;
    if (refused)
        return ExitUsage;
    return changed && checkOnly ? ExitFailed : ExitSuccess;
}

} // namespace pw::cli
