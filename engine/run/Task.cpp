#include "Task.h"

#include "Run.h"

namespace pw::engine {

void Task::start(std::function<void()> done)
{
    m_done = std::move(done);
    m_active = true;
    begin();
}

void Task::finish()
{
    if (!m_active)
        return;
    m_active = false;
    // Posted, so that long chains of instant steps never nest on the stack and an owner may
    // delete the task from inside `done`.
    m_run.post(std::move(m_done));
}

} // namespace pw::engine
