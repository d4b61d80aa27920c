// Qt Quick Test runner for the designer's panels (tests/gui/qml/tst_panels_*.qml) and the
// end-to-end tst_build_harness.qml, one file per CTest entry; the QML's `Fixture` is in
// QuickFixture.h.

#include "QuickFixture.h"

#include <QtQuickTest>

QUICK_TEST_MAIN_WITH_SETUP(tst_quick_panels, quickfixture::Setup)
