#include "PendingWork.h"

#include <map>

namespace pw::engine::pendingWork {
namespace {

struct ThreadState
{
    int pending = 0;
    int nextListener = 1;
    std::map<int, std::function<void()>> listeners;
};

ThreadState &state()
{
    thread_local ThreadState threadState;
    return threadState;
}

void done()
{
    ThreadState &s = state();
    if (--s.pending > 0)
        return;
    s.pending = 0;
    // A copy: a listener may unlisten (its run ended) while being told.
    const auto listeners = s.listeners;
    for (const auto &[id, onIdle] : listeners)
        onIdle();
}

} // namespace

Token token()
{
    ThreadState &s = state();
    if (s.listeners.empty())
        return nullptr;
    ++s.pending;
    // A null pointer with a deleter: the deleter still runs when the last copy goes.
    return Token(nullptr, [](void *) { done(); });
}

int count()
{
    return state().pending;
}

int listen(std::function<void()> onIdle)
{
    ThreadState &s = state();
    const int id = s.nextListener++;
    s.listeners.emplace(id, std::move(onIdle));
    return id;
}

void unlisten(int id)
{
    state().listeners.erase(id);
}

} // namespace pw::engine::pendingWork
