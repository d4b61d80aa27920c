#pragma once

#include <QHash>
#include <QQuickItem>
#include <QRectF>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// Tells the items of a big scene whether they are near the view, so that only those build
// their content: 1,000 full step cards took 1.3 s to make and every frame walked all of
// them. Each tracked item gets its `nearView` property set: true once it comes within
// `margin` (a fraction of the view's size) of the view, false again only when it is more
// than twice that far, so that scrolling back and forth does not rebuild cards at the edge.
//
// It also hands near items the card style to show (`compact`, set as each item's
// `compactCard`): a change of style remakes every near card, ~0.1 ms each, and 300 of them in
// one go held a zoom step for 40-60 ms; they are remade a frame's budget at a time instead,
// nearest to the middle of the view first. An item coming near gets the current style first.
//
// It decides in the window's polish pass (updatePolish), the moment the layouts settle:
// cards that load there change the layout, which asks for another pass in the same frame,
// so a frame never shows a place where a card should be but is not yet.
//
// A scene made in the background (a run's canvas, `waitForScene`) is first decided once it
// has no part left loading (`sceneLoading`: a Loader fetching its component) and the QML
// engine nothing left to make asynchronously: Qt makes such objects newest first, so
// the last stage stood at the left edge until the ones before it arrived, and its cards were
// made there and dropped again (273 of ~350 cards for the 1,000-step benchmark). That pass
// decides for every item where it finally stands (`placed`).
class ViewportCuller : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT
    // What the tracked items' positions are measured in (the canvas's scene).
    Q_PROPERTY(QQuickItem *scene READ scene WRITE setScene NOTIFY sceneChanged)
    // The visible part of the scene, in the scene's coordinates.
    Q_PROPERTY(QRectF viewport READ viewport WRITE setViewport NOTIFY viewportChanged)
    Q_PROPERTY(qreal margin READ margin WRITE setMargin NOTIFY marginChanged)
    // The card style near items should show (their `compactCard` property).
    Q_PROPERTY(bool compact READ compact WRITE setCompact NOTIFY compactChanged)
    // Near items that still show the other style (for tests and benchmarks).
    Q_PROPERTY(bool restyling READ restyling NOTIFY restylingChanged)
    // How many tracked items are near the view now, and how many times one came near (for
    // tests and benchmarks: an item coming near makes its card).
    Q_PROPERTY(int nearCount READ nearCount NOTIFY nearCountChanged)
    Q_PROPERTY(int comingsNear READ comingsNear NOTIFY nearCountChanged)
    // True: the first pass waits until the scene has no part loading and the engine no object
    // left to make asynchronously.
    Q_PROPERTY(bool waitForScene READ waitForScene WRITE setWaitForScene NOTIFY waitForSceneChanged)
    // Parts of the scene are still loading (set by the scene).
    Q_PROPERTY(bool sceneLoading READ sceneLoading WRITE setSceneLoading NOTIFY sceneLoadingChanged)
    // True once a pass has decided for every item.
    Q_PROPERTY(bool placed READ placed NOTIFY placedChanged)
    // True: decide nothing until false again. For a scene put away (the design's canvas while a
    // run is shown): its view changes size meanwhile (the palette goes), and the cards that
    // came near were made there, synchronously, in the frame after Run, for nobody to see.
    Q_PROPERTY(bool paused READ paused WRITE setPaused NOTIFY pausedChanged)

public:
    explicit ViewportCuller(QQuickItem *parent = nullptr);

    QQuickItem *scene() const { return m_scene; }
    void setScene(QQuickItem *scene);
    QRectF viewport() const { return m_viewport; }
    void setViewport(const QRectF &viewport);
    qreal margin() const { return m_margin; }
    void setMargin(qreal margin);
    bool compact() const { return m_compact; }
    void setCompact(bool compact);
    bool restyling() const { return m_restyling; }
    int nearCount() const { return m_nearCount; }
    int comingsNear() const { return m_comingsNear; }
    bool waitForScene() const { return m_waitForScene; }
    void setWaitForScene(bool wait);
    bool sceneLoading() const { return m_sceneLoading; }
    void setSceneLoading(bool loading);
    bool placed() const { return m_placed; }
    bool paused() const { return m_paused; }
    void setPaused(bool paused);

    // Starts deciding for `item`, from the `nearView` it has now.
    Q_INVOKABLE void track(QQuickItem *item);
    Q_INVOKABLE void untrack(QQuickItem *item);
    // Something moved that the tracked items' own geometry does not tell (a header above a
    // lane grew): decide again.
    Q_INVOKABLE void refresh() { polish(); }

signals:
    void sceneChanged();
    void viewportChanged();
    void marginChanged();
    void compactChanged();
    void restylingChanged();
    void nearCountChanged();
    void waitForSceneChanged();
    void sceneLoadingChanged();
    void placedChanged();
    void pausedChanged();

protected:
    void updatePolish() override;

private:
    static constexpr int kSceneCheckIntervalMs = 16;

    // Drops an untracked or destroyed item (no access to it: it may be half destroyed).
    void forget(QQuickItem *item);
    // Gives near items of the other style the current one, within a frame's budget; asks for
    // another pass in the next frame if some are left.
    void restyleNearItems();
    void setRestyling(bool restyling);
    // Before the first pass of a scene made in the background: objects are still being made.
    bool sceneIncomplete();

    QQuickItem *m_scene = nullptr;
    QRectF m_viewport;
    qreal m_margin = 0.5;
    QHash<QQuickItem *, bool> m_items; // item -> near the view
    int m_nearCount = 0;
    int m_comingsNear = 0;
    bool m_compact = false;
    bool m_restyling = false;
    bool m_restylePassQueued = false;
    bool m_waitForScene = false;
    bool m_sceneLoading = false;
    bool m_sceneCheckQueued = false;
    bool m_placed = false;
    bool m_paused = false;
};

} // namespace pw::gui
