#include "ViewportCuller.h"

#include <QElapsedTimer>
#include <QLineF>
#include <QQmlEngine>
#include <QQmlIncubationController>
#include <QTimer>

#include <algorithm>
#include <utility>
#include <vector>

namespace pw::gui {

ViewportCuller::ViewportCuller(QQuickItem *parent) : QQuickItem(parent) {}

void ViewportCuller::setScene(QQuickItem *scene)
{
    if (m_scene == scene)
        return;
    if (m_scene)
        disconnect(m_scene, nullptr, this, nullptr);
    m_scene = scene;
    if (m_scene) {
        // The scene grows or shrinks when anything in it is laid out anew.
        connect(m_scene, &QQuickItem::widthChanged, this, &ViewportCuller::refresh);
        connect(m_scene, &QQuickItem::heightChanged, this, &ViewportCuller::refresh);
        connect(m_scene, &QQuickItem::visibleChanged, this, &ViewportCuller::refresh);
    }
    emit sceneChanged();
    polish();
}

void ViewportCuller::setViewport(const QRectF &viewport)
{
    if (m_viewport == viewport)
        return;
    m_viewport = viewport;
    emit viewportChanged();
    polish();
}

void ViewportCuller::setMargin(qreal margin)
{
    if (qFuzzyCompare(m_margin, margin))
        return;
    m_margin = margin;
    emit marginChanged();
    polish();
}

void ViewportCuller::setCompact(bool compact)
{
    if (m_compact == compact)
        return;
    m_compact = compact;
    emit compactChanged();
    setRestyling(true);
    polish();
}

void ViewportCuller::setWaitForScene(bool wait)
{
    if (m_waitForScene == wait)
        return;
    m_waitForScene = wait;
    emit waitForSceneChanged();
    polish();
}

void ViewportCuller::setSceneLoading(bool loading)
{
    if (m_sceneLoading == loading)
        return;
    m_sceneLoading = loading;
    emit sceneLoadingChanged();
    polish();
}

void ViewportCuller::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    emit pausedChanged();
    polish();
}

bool ViewportCuller::sceneIncomplete()
{
    if (!m_waitForScene || m_placed)
        return false;
    // A Loader fetching its component makes nothing yet: the engine may have nothing to make
    // meanwhile (seen under load, when the components are first compiled).
    if (m_sceneLoading)
        return true;
    const QQmlEngine *engine = qmlEngine(this);
    const QQmlIncubationController *incubation = engine ? engine->incubationController() : nullptr;
    if (!incubation || incubation->incubatingObjectCount() == 0)
        return false;
    // Look again in a moment: the last object made may not ask for a pass.
    if (!m_sceneCheckQueued) {
        m_sceneCheckQueued = true;
        QTimer::singleShot(kSceneCheckIntervalMs, this, [this] {
            m_sceneCheckQueued = false;
            polish();
        });
    }
    return true;
}

void ViewportCuller::setRestyling(bool restyling)
{
    if (m_restyling == restyling)
        return;
    m_restyling = restyling;
    emit restylingChanged();
}

void ViewportCuller::track(QQuickItem *item)
{
    if (!item || m_items.contains(item))
        return;
    // An item may start near (one an edit just made, most likely where the user looks).
    const bool near = item->property("nearView").toBool();
    m_items.insert(item, near);
    if (near) {
        ++m_nearCount;
        ++m_comingsNear;
        emit nearCountChanged();
    }
    connect(item, &QQuickItem::yChanged, this, &ViewportCuller::refresh);
    connect(item, &QQuickItem::xChanged, this, &ViewportCuller::refresh);
    connect(item, &QQuickItem::heightChanged, this, &ViewportCuller::refresh);
    connect(item, &QQuickItem::widthChanged, this, &ViewportCuller::refresh);
    connect(item, &QQuickItem::visibleChanged, this, &ViewportCuller::refresh);
    // QML calls untrack on destruction; this covers items destroyed any other way.
    connect(item, &QObject::destroyed, this, [this](QObject *object) { forget(static_cast<QQuickItem *>(object)); });
    polish();
}

void ViewportCuller::untrack(QQuickItem *item)
{
    if (!m_items.contains(item))
        return;
    disconnect(item, nullptr, this, nullptr);
    forget(item);
}

void ViewportCuller::forget(QQuickItem *item)
{
    const auto found = m_items.find(item);
    if (found == m_items.end())
        return;
    const bool wasNear = found.value();
    m_items.erase(found);
    if (wasNear) {
        --m_nearCount;
        emit nearCountChanged();
    }
}

void ViewportCuller::updatePolish()
{
    if (m_paused || !m_scene || m_viewport.isEmpty() || sceneIncomplete())
        return;
    const qreal loadX = m_viewport.width() * m_margin;
    const qreal loadY = m_viewport.height() * m_margin;
    const QRectF loadArea = m_viewport.adjusted(-loadX, -loadY, loadX, loadY);
    const QRectF keepArea = m_viewport.adjusted(-2 * loadX, -2 * loadY, 2 * loadX, 2 * loadY);
    const int nearBefore = m_nearCount;
    const bool sceneVisible = m_scene->isVisible();
    // Copy the keys: an item that loads may create or destroy other tracked items.
    const QList<QQuickItem *> items = m_items.keys();
    for (QQuickItem *item : items) {
        const auto found = m_items.find(item);
        // An item its layout has not placed yet has no size: deciding now would make every
        // card at once (they all stand at 0,0). Its size comes with a change signal.
        if (found == m_items.end() || item->width() <= 0 || item->height() <= 0 || !item->window())
            continue;
        const QRectF rect = item->mapRectToItem(m_scene, QRectF(0, 0, item->width(), item->height()));
        // Hidden in a visible scene (in a collapsed stage or group): not near, whatever its
        // place. A scene hidden as a whole (a run's canvas shown once its cards are made, the
        // design while a run is shown) decides by place alone, or it would never be made.
        const bool hidden = !item->isVisible() && sceneVisible;
        const bool near = !hidden && (found.value() ? keepArea.intersects(rect) : loadArea.intersects(rect));
        if (near == found.value())
            continue;
        found.value() = near; // before the item reacts: it may untrack itself or others
        m_nearCount += near ? 1 : -1;
        if (near) {
            ++m_comingsNear;
            item->setProperty("compactCard", m_compact);
        }
        // The item reacts at once (a Loader makes or drops its card), which may move other
        // tracked items and ask for another polish pass: that pass comes in this same frame.
        item->setProperty("nearView", near);
    }
    if (m_nearCount != nearBefore)
        emit nearCountChanged();
    if (!m_placed) {
        m_placed = true;
        emit placedChanged();
    }
    if (m_restyling)
        restyleNearItems();
}

void ViewportCuller::restyleNearItems()
{
    // A frame's budget: remade cards change the layout, which polishes again in this frame.
    constexpr qint64 budgetNs = 8'000'000;
    const QPointF middle = m_viewport.center();
    std::vector<std::pair<qreal, QQuickItem *>> stale;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        if (!it.value() || it.key()->property("compactCard").toBool() == m_compact)
            continue;
        const QPointF centre = it.key()->mapRectToItem(m_scene, QRectF(0, 0, it.key()->width(), it.key()->height())).center();
        stale.emplace_back(QLineF(middle, centre).length(), it.key());
    }
    std::sort(stale.begin(), stale.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QElapsedTimer spent;
    spent.start();
    size_t done = 0;
    for (; done < stale.size() && spent.nsecsElapsed() < budgetNs; ++done) {
        QQuickItem *item = stale[done].second;
        // An earlier item's remake may have untracked this one.
        if (m_items.value(item, false))
            item->setProperty("compactCard", m_compact);
    }
    if (done < stale.size()) {
        // The rest in the next frame: a polish asked for now would run in this one. Layouts
        // polish several times a frame; one pass queued is enough.
        if (!m_restylePassQueued) {
            m_restylePassQueued = true;
            QTimer::singleShot(0, this, [this] {
                m_restylePassQueued = false;
                polish();
            });
        }
        return;
    }
    setRestyling(false);
}

} // namespace pw::gui
