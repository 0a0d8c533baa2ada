#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

namespace genrescope::ui {

class TimeViewport;

/**
 * Per-segment predictions under the spectrogram, aligned to the shared time axis: one strip per
 * model, each segment coloured by its most probable genre (genre colours as everywhere), its
 * opacity following that probability. Segments can arrive one by one while a song is classified.
 * Hovering a segment reports all of its probabilities.
 */
class SegmentTimelineView : public QWidget
{
    Q_OBJECT
public:
    struct Segment
    {
        double start = 0;
        double end = 0;
        std::vector<float> probabilities;
    };

    explicit SegmentTimelineView(TimeViewport *viewport, QWidget *parent = nullptr);

    /** New song: one strip per model name, all with these labels (model ids; shown by genreDisplayName). */
    void reset(const QStringList &modelNames, const QStringList &labels);
    void addSegment(int model, double start, double end, const std::vector<float> &probabilities);
    int modelCount() const { return int(m_models.size()); }
    int segmentCount(int model) const;
    const QStringList &labels() const { return m_labels; }
    const std::vector<Segment> &segments(int model) const { return m_segments[std::size_t(model)]; }

    /** Text for the segment of `model` at time t ("segment 3 (6.0-9.0 s): Metal 0.81, Rock 0.12, ..."). */
    QString describe(int model, double t) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void hovered(const QString &text);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    static constexpr int kStripHeight = 18;
    int stripAt(int y) const;

    TimeViewport *m_viewport;
    QStringList m_models;
    QStringList m_labels;
    QStringList m_displayLabels;
    std::vector<std::vector<Segment>> m_segments;
};

} // namespace genrescope::ui
