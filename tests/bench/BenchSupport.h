#pragma once

// What the GUI benchmarks share: the window set up as app/main.cpp sets it up, in a home of
// its own (never the user's settings or run store), and the percentiles they print.
#include "app/gui/MainWindow.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <vector>

namespace pw::bench {

// Before the QApplication: the offscreen platform unless another is asked for, settings and
// data under `home`, the designer's style and the application's names.
inline void prepareDesignerEnvironment(const QTemporaryDir &home)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    pw::gui::useDesignerStyle();
    QCoreApplication::setOrganizationName(QStringLiteral("Pipewright")); // as app/main.cpp
    QCoreApplication::setApplicationName(QStringLiteral("pipewright"));
}

inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace pw::bench
