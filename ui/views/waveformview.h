#pragma once

#include <QWidget>
#include <vector>

namespace genrescope::ui {

class TimeViewport;

/**
 * The waveform of the decoded mono signal as a min/max envelope per pixel column, against the shared
 * TimeViewport. Samples can be appended while a long file streams in. A click seeks.
 */
class WaveformView : public QWidget
{
    Q_OBJECT
public:
    explicit WaveformView(TimeViewport *viewport, QWidget *parent = nullptr);

    void clear(int sampleRate);
    void appendSamples(const float *samples, std::size_t n);
    std::size_t sampleCount() const { return m_samples.size(); }
    int sampleRate() const { return m_rate; }

    QSize sizeHint() const override { return {600, 90}; }

Q_SIGNALS:
    void seekRequested(double seconds);
    void hovered(double seconds, float amplitude);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QRect plotRect() const;
    /** min/max of samples [a, b), using the block summary where it can. */
    std::pair<float, float> range(std::size_t a, std::size_t b) const;

    static constexpr std::size_t kBlock = 256;
    TimeViewport *m_viewport;
    int m_rate = 22050;
    std::vector<float> m_samples;
    std::vector<std::pair<float, float>> m_blocks; ///< min/max of each full kBlock of samples
};

/** The time ruler above the stacked views: ticks and mm:ss labels for the visible window. */
class TimeRulerView : public QWidget
{
    Q_OBJECT
public:
    explicit TimeRulerView(TimeViewport *viewport, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {600, 22}; }

    /** "1:23.4" style label for t seconds with a precision fitting `step`. */
    static QString formatTime(double t, double step);

Q_SIGNALS:
    void seekRequested(double seconds);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    TimeViewport *m_viewport;
};

} // namespace genrescope::ui
