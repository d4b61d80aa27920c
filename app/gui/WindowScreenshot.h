#pragma once

#include <QString>

#include <functional>

class QQuickWindow;

namespace pw::gui {

// Saves `window` as PNG once it has rendered its first frames, then calls `done` with an
// empty string, or with the reason the image could not be saved.
void saveScreenshotWhenRendered(QQuickWindow *window, const QString &pngPath,
                                std::function<void(const QString &error)> done);

} // namespace pw::gui
