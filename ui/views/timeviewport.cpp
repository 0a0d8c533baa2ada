#include "timeviewport.h"

#include <algorithm>

namespace genrescope::ui {

TimeViewport::TimeViewport(QObject *parent) : QObject(parent) {}

void TimeViewport::reset(double duration)
{
    m_duration = std::max(0.0, duration);
    m_start = 0;
    m_end = std::max(kMinVisible, m_duration);
    m_cursor = -1;
    m_playhead = 0;
    Q_EMIT changed();
    Q_EMIT playheadChanged(0);
}

void TimeViewport::extendDuration(double duration)
{
    if (duration <= m_duration)
        return;
    const bool showingAll = m_start <= 0 && m_end >= m_duration;
    m_duration = duration;
    if (showingAll)
        m_end = std::max(kMinVisible, m_duration);
    Q_EMIT changed();
}

void TimeViewport::setDuration(double duration)
{
    duration = std::max(0.0, duration);
    if (duration == m_duration)
        return;
    const bool showingAll = m_start <= 0 && m_end >= m_duration;
    m_duration = duration;
    const double len = showingAll ? std::max(kMinVisible, m_duration)
                                  : std::min(m_end - m_start, std::max(kMinVisible, m_duration));
    m_start = showingAll ? 0.0 : std::clamp(m_start, 0.0, std::max(0.0, m_duration - len));
    m_end = m_start + len;
    Q_EMIT changed();
    if (m_playhead > m_duration) {
        m_playhead = m_duration;
        Q_EMIT playheadChanged(m_playhead);
    }
}

void TimeViewport::setVisibleRange(double start, double end)
{
    double len = std::clamp(end - start, kMinVisible, std::max(kMinVisible, m_duration));
    start = std::clamp(start, 0.0, std::max(0.0, m_duration - len));
    if (start == m_start && start + len == m_end)
        return;
    m_start = start;
    m_end = start + len;
    Q_EMIT changed();
}

void TimeViewport::zoom(double factor, double anchor)
{
    const double len = visibleLength();
    const double newLen = std::clamp(len * factor, kMinVisible, std::max(kMinVisible, m_duration));
    const double rel = len > 0 ? (anchor - m_start) / len : 0.5;
    setVisibleRange(anchor - rel * newLen, anchor - rel * newLen + newLen);
}

void TimeViewport::scrollBy(double fractionOfVisible)
{
    const double d = fractionOfVisible * visibleLength();
    setVisibleRange(m_start + d, m_end + d);
}

void TimeViewport::scrollTo(double start)
{
    setVisibleRange(start, start + visibleLength());
}

void TimeViewport::showAll()
{
    setVisibleRange(0, std::max(kMinVisible, m_duration));
}

bool TimeViewport::applyWheel(int dx, int dy, bool zoomKey, bool scrollKey, double anchor)
{
    if (zoomKey) {
        zoom(dy > 0 ? 0.8 : 1.25, anchor);
        return true;
    }
    if (scrollKey || dx != 0) {
        scrollBy(-(dx != 0 ? dx : dy) / 120.0 * 0.1);
        return true;
    }
    return false;
}

void TimeViewport::setCursorTime(double t)
{
    if (t == m_cursor)
        return;
    m_cursor = t;
    Q_EMIT cursorChanged(t);
}

void TimeViewport::setPlayheadTime(double t)
{
    t = std::clamp(t, 0.0, m_duration);
    if (t == m_playhead)
        return;
    m_playhead = t;
    Q_EMIT playheadChanged(t);
}

double TimeViewport::timeAt(double x, double x0, double width) const
{
    if (width <= 0)
        return m_start;
    return m_start + (x - x0) / width * visibleLength();
}

double TimeViewport::xAt(double t, double x0, double width) const
{
    const double len = visibleLength();
    return x0 + (len > 0 ? (t - m_start) / len * width : 0);
}

} // namespace genrescope::ui
