#pragma once

#include "engine/RunTypes.h"

namespace pw::engine {

// Sees every change of a run's record the moment it is made, on the engine thread (the run
// store). Unlike the recorder's signals, nothing is batched or merged: the store decides what
// to write when, and commits a node's final state before anything that depends on it starts.
class RecordObserver
{
public:
    virtual ~RecordObserver() = default;
    virtual void nodeChanged(const NodeState &state) = 0;
    virtual void eventAdded(const RunEvent &event) = 0;
    virtual void attemptChanged(const AttemptRecord &attempt) = 0;
    virtual void interventionOpened(const InterventionRequest &request) = 0;
    virtual void interventionClosed(const InterventionRecord &record) = 0;
};

} // namespace pw::engine
