#include "PacedIncubationController.h"

namespace pw::gui {

PacedIncubationController::PacedIncubationController(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(kIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        incubateFor(kBudgetMs);
        if (incubatingObjectCount() == 0)
            m_timer.stop();
    });
}

void PacedIncubationController::incubatingObjectCountChanged(int count)
{
    if (count > 0 && !m_timer.isActive())
        m_timer.start();
    else if (count == 0)
        m_timer.stop();
}

} // namespace pw::gui
