// PacedIncubationController: asynchronous QML objects are made by the controller's timer, a
// slice at a time, not at once and not never.
#include "app/gui/PacedIncubationController.h"

#include <QElapsedTimer>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQmlIncubator>
#include <QQuickItem>
#include <QTest>

#include <memory>

using pw::gui::PacedIncubationController;

class PacedIncubationTest : public QObject
{
    Q_OBJECT

private slots:
    void makesAsynchronousObjectsInSlices()
    {
        QQmlEngine engine;
        PacedIncubationController controller;
        engine.setIncubationController(&controller);
        // 300 items: far more than one 5 ms slice makes on any machine we run on.
        QQmlComponent component(&engine);
        component.setData("import QtQuick\nItem { Repeater { model: 300; Item { Rectangle { width: index } } } }",
                          QUrl::fromLocalFile(QStringLiteral("paced.qml")));
        QVERIFY2(component.isReady(), qPrintable(component.errorString()));
        QQmlIncubator incubator(QQmlIncubator::Asynchronous);
        component.create(incubator);
        QVERIFY(incubator.isLoading()); // nothing made in the call itself
        QCOMPARE(controller.incubatingObjectCount(), 1);

        QElapsedTimer waited;
        waited.start();
        QTRY_VERIFY_WITH_TIMEOUT(incubator.isReady(), 5000);
        QCOMPARE(controller.incubatingObjectCount(), 0);
        std::unique_ptr<QObject> made(incubator.object());
        QVERIFY(made);
        auto *root = qobject_cast<QQuickItem *>(made.get());
        QVERIFY(root);
        QCOMPARE(root->childItems().size(), 301); // the Repeater and its 300 items
        qInfo("300 items made in %lld ms of event loop", waited.elapsed());
    }
};

QTEST_MAIN(PacedIncubationTest)
#include "tst_paced_incubation.moc"
