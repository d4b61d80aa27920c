#pragma once

#include "engine/RunTypes.h"

#include <QByteArrayView>

namespace pw::engine {

// Where a step's raw output goes (stdout and stderr of a Shell step, as the pipes give it):
// to the run's log and live feed during a run (AttemptOutput), to logLine signals otherwise.
class OutputSink
{
public:
    virtual ~OutputSink() = default;
    // Bytes as they arrived, cut anywhere (a line may come in several pieces).
    virtual void write(LogLine::Stream stream, QByteArrayView bytes) = 0;
    // The stream has ended: what is left of a last line without a newline is a line.
    virtual void endOfStream(LogLine::Stream stream) = 0;
};

} // namespace pw::engine
