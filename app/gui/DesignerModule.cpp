// The designer's entry point as `pipewright` looks it up in this module (app/DesignerLoader.h).
#include "DesignerMain.h"

#include <QtGlobal>

extern "C" Q_DECL_EXPORT int pipewright_run_designer(int *argc, char **argv)
{
    return pw::gui::runDesigner(*argc, argv);
}
