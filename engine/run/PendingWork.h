#pragma once

#include <functional>
#include <memory>

namespace pw::engine {

// Counts the engine's queued calls on this thread that have not run yet, for the virtual
// clock of a rehearsal: it may only jump to its next timer when a run has nothing left to do
// but wait. Qt has no public "is anything posted?" question, and an event dispatcher's
// aboutToBlock comes before posted events on some dispatchers, so the engine counts its own:
// every queued call it makes (Run::post, an executor's finish, a slot grant) captures a token.
//
// Counting is off (tokens are null and free) while no clock on this thread listens, so real
// runs pay nothing for it.
namespace pendingWork {

using Token = std::shared_ptr<void>;

// Capture it in the queued call's functor: the work counts as pending until the functor is
// destroyed (after it ran, or when Qt drops it because its receiver died).
Token token();

// How many tokens of this thread are alive.
int count();

// `onIdle` is called (from a token's destruction) each time the count on this thread drops to
// zero. Returns an id for unlisten(). Listeners must live on this thread.
int listen(std::function<void()> onIdle);
void unlisten(int id);

} // namespace pendingWork
} // namespace pw::engine
