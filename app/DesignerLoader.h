#pragma once

namespace pw::app {

// Opens the designer, which lives in a module of its own (pipewright-designer.so, next to the
// program in the build tree, in ../lib/pipewright when installed) that is loaded only now.
//
// Why a module: linking Qt Quick, Qt Gui and the ~30 libraries behind them into the program
// made every sub-command load them too; the dynamic loader took ~15 ms of each `pipewright run`
// and `validate` that never open a window (issue 3's Shell benchmark runs in ~0.4 s).
//
// `argc` must outlive the call (QGuiApplication keeps a reference). Returns the designer's
// exit code, or 5 with a message when the module cannot be loaded.
int runDesignerModule(int &argc, char **argv);

} // namespace pw::app
