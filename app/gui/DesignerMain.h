#pragma once

namespace pw::gui {

// Runs the desktop designer: `pipewright [FILE] [--screenshot PNG]`.
int runDesigner(int &argc, char **argv);

} // namespace pw::gui
