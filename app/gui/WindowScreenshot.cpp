#include "WindowScreenshot.h"

#include <QImage>
#include <QPointer>
#include <QQuickWindow>
#include <QTimer>

#include <memory>

namespace pw::gui {
namespace {

// The first frame can still be missing images and late layout passes; the third one has
// settled. Without a frame at all (no exposure), grab anyway: grabWindow renders by itself.
constexpr int kFramesBeforeGrab = 3;
constexpr int kFallbackMs = 5000;

} // namespace

void saveScreenshotWhenRendered(QQuickWindow *window, const QString &pngPath,
                                std::function<void(const QString &error)> done)
{
    struct State
    {
        int frames = 0;
        bool finished = false;
        QMetaObject::Connection frameConnection;
    };
    auto state = std::make_shared<State>();
    QPointer<QQuickWindow> target(window);

    auto grab = [state, target, pngPath, done]() {
        if (state->finished)
            return;
        state->finished = true;
        QObject::disconnect(state->frameConnection);
        if (!target) {
            done(QStringLiteral("the window closed before the screenshot"));
            return;
        }
        const QImage image = target->grabWindow();
        if (image.isNull())
            done(QStringLiteral("could not render the window"));
        else if (!image.save(pngPath, "PNG"))
            done(QStringLiteral("cannot write ") + pngPath);
        else
            done({});
    };

    // frameSwapped may come from the render thread: hop to the GUI thread before grabbing.
    state->frameConnection = QObject::connect(window, &QQuickWindow::frameSwapped, window,
        [state, target, grab]() {
            // Frames while the window says it is still making cards do not count.
            if (target && target->property("settling").toBool()) {
                target->update();
                return;
            }
            if (++state->frames == kFramesBeforeGrab)
                QTimer::singleShot(0, target, grab);
            else if (target)
                target->update(); // ask for the next frame even when nothing changes
        }, Qt::QueuedConnection);
    QTimer::singleShot(kFallbackMs, window, grab);
}

} // namespace pw::gui
