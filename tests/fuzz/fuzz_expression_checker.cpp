// libFuzzer target: the expression checker (`when.condition`, Verify conditions) on any text.
// It parses with Qt's JavaScript engine without running anything; whatever the text, it
// answers "parses" or an error, and never crashes.
#include "model/ExpressionChecker.h"

#include <QCoreApplication>

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication application(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static pw::model::ExpressionChecker checker;
    const QString expression = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)checker.syntaxError(expression);
    return 0;
}
