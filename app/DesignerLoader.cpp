#include "DesignerLoader.h"

#include "cli/Console.h"

#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

namespace pw::app {
namespace {

// The module's entry point, exported with C linkage by app/gui/DesignerModule.cpp.
using DesignerEntry = int (*)(int *argc, char **argv);
constexpr char kEntryName[] = "pipewright_run_designer";
constexpr char kModuleFile[] = "pipewright-designer.so";

QStringList moduleCandidates()
{
    // Not QCoreApplication::applicationDirPath(): no application object exists yet, and the
    // designer creates its own QGuiApplication.
    const QString programDir = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    const QString file = QString::fromLatin1(kModuleFile);
    return {programDir + u'/' + file, // build tree
            programDir + QStringLiteral("/../lib/pipewright/") + file}; // installed
}

} // namespace

int runDesignerModule(int &argc, char **argv)
{
    QStringList tried;
    for (const QString &path : moduleCandidates()) {
        if (!QFileInfo::exists(path)) {
            tried << path;
            continue;
        }
        QLibrary module(path);
        const auto entry = reinterpret_cast<DesignerEntry>(module.resolve(kEntryName));
        if (!entry) {
            cli::printErr(QStringLiteral("pipewright: cannot load the designer: %1")
                              .arg(module.errorString()));
            return cli::ExitInternal;
        }
        return entry(&argc, argv);
    }
    cli::printErr(QStringLiteral("pipewright: the designer is not installed (looked for %1); the "
                                 "sub-commands (run, validate, fmt) work without it")
                      .arg(tried.join(QStringLiteral(" and "))));
    return cli::ExitInternal;
}

} // namespace pw::app
