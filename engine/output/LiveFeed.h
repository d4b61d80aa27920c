#pragma once

#include "engine/RunTypes.h"

namespace pw::engine {

// The lines of a run that people watch live, with a bound: the run's recorder batches them
// to the observers and stops taking lines while they fall behind, counting what it left out.
class LiveFeed
{
public:
    virtual ~LiveFeed() = default;
    // Whether a line would be taken now; when not, call skipped() instead of converting it.
    virtual bool hasRoom() const = 0;
    virtual void add(LogLine line) = 0;
    // `firstNumber`: the line number (in the attempt's log) of the first of them.
    virtual void skipped(const QString &node, int attempt, qint64 count, qint64 firstNumber) = 0;
};

} // namespace pw::engine
