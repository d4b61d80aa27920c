// Qt Quick Test runner for the canvas and the palette (tests/gui/qml/tst_canvas_*.qml), one
// file per CTest entry; the QML's `Fixture` is in QuickFixture.h.

#include "QuickFixture.h"

#include <QtQuickTest>

QUICK_TEST_MAIN_WITH_SETUP(tst_quick_canvas, quickfixture::Setup)
