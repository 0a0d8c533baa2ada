#pragma once

#include <QObject>

namespace genrescope::ui {

/**
 * The time axis shared by every stacked view: the song's duration, the visible window, the mouse
 * cursor and the playhead, all in seconds. Views read it when painting and repaint on changed().
 */
class TimeViewport : public QObject
{
    Q_OBJECT
public:
    explicit TimeViewport(QObject *parent = nullptr);

    double duration() const { return m_duration; }
    double visibleStart() const { return m_start; }
    double visibleEnd() const { return m_end; }
    double visibleLength() const { return m_end - m_start; }
    /** Cursor time under the mouse, or < 0 when the mouse is outside the views. */
    double cursorTime() const { return m_cursor; }
    double playheadTime() const { return m_playhead; }

    /** New song: shows all of it, clears cursor and playhead. */
    void reset(double duration);
    /** Grow the duration while a long file streams in, keeping the visible window. */
    void extendDuration(double duration);
    /**
     * Correct the duration (the decoded length replaces the container's estimate) keeping the
     * visible window: a view of the whole song stays whole, a zoomed one stays where it is (clamped).
     */
    void setDuration(double duration);
    void setVisibleRange(double start, double end);
    /** Zoom by factor (< 1 zooms in) keeping the time `anchor` at the same place on screen. */
    void zoom(double factor, double anchor);
    /** Scroll by a fraction of the visible length (negative: left). */
    void scrollBy(double fractionOfVisible);
    void scrollTo(double start);
    void showAll();
    /**
     * The time axis's share of a wheel event (angle deltas in eighths of a degree): with `zoomKey`
     * (Ctrl) zoom around `anchor`; with `scrollKey` (Shift) or a horizontal delta (trackpads) scroll.
     * Returns false when the event is not for the time axis.
     */
    bool applyWheel(int dx, int dy, bool zoomKey, bool scrollKey, double anchor);
    void setCursorTime(double t);
    void setPlayheadTime(double t);

    /** Shortest visible window, seconds. */
    static constexpr double kMinVisible = 0.05;

    /** Pixel <-> time for a widget area of `width` pixels starting at x0. */
    double timeAt(double x, double x0, double width) const;
    double xAt(double t, double x0, double width) const;

Q_SIGNALS:
    void changed();
    void cursorChanged(double t);
    void playheadChanged(double t);

private:
    double m_duration = 0;
    double m_start = 0;
    double m_end = 1;
    double m_cursor = -1;
    double m_playhead = 0;
};

} // namespace genrescope::ui
