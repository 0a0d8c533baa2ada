#pragma once

#include "colormap.h"
#include "layerdata.h"

#include <QWidget>

namespace genrescope::ui {

class TimeViewport;

/**
 * A spectrogram-like layer (STFT, mel, MFCC, chroma, one channel of the multi-resolution mel):
 * tiles of columns rendered to images off the GUI thread, painted against the shared TimeViewport,
 * with a frequency (or label) axis on the left, the cursor and the playhead. Tiles can be appended
 * while a long file is still being analysed. Ctrl+wheel zooms time, Shift+wheel scrolls, Alt+wheel
 * zooms the frequency axis, a click seeks.
 */
class SpectrogramView : public QWidget
{
    Q_OBJECT
public:
    explicit SpectrogramView(TimeViewport *viewport, QWidget *parent = nullptr);

    /** Start a new layer (clears the tiles). */
    void setAxis(const LayerAxis &axis);
    const LayerAxis &axis() const { return m_axis; }
    void appendTile(LayerTile tile);
    void clear();
    int tileCount() const { return int(m_tiles.size()); }
    std::size_t columnCount() const;

    void setColorMap(ColorMap::Kind kind);
    ColorMap::Kind colorMap() const { return m_colorMap.kind(); }
    /** Values at or below `low` get the first colour, at or above `high` the last. */
    void setValueRange(float low, float high);
    float rangeLow() const { return m_low; }
    float rangeHigh() const { return m_high; }
    /** Visible rows [first, last] (frequency zoom). */
    void setVisibleRows(int first, int last);

    /** Value at (time, row), or NaN outside the data. */
    float valueAt(double seconds, int row) const;
    /** Row under a widget y coordinate, or -1. */
    int rowAtY(int y) const;

    /** Render a tile's image (also used off the GUI thread by analysis jobs). Thread-safe. */
    static QImage renderImage(const base::Matrix &values, const ColorMap &map, float low, float high,
                              bool rgb = false);
    /** Identifies a colour map and range, so tiles rendered with other settings are redone. */
    static quint64 renderKey(ColorMap::Kind kind, float low, float high);

    static constexpr int kAxisWidth = 64;

Q_SIGNALS:
    /** The mouse is over (time, row) showing `value` (NaN when no data there). */
    void hovered(double seconds, int row, float value);
    void seekRequested(double seconds);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QRect plotRect() const;
    void rerenderAll();
    void drawAxis(QPainter &p, const QRect &plot);
    double rowToY(double row, const QRect &plot) const;

    TimeViewport *m_viewport;
    LayerAxis m_axis;
    std::vector<LayerTile> m_tiles;
    ColorMap m_colorMap;
    float m_low = -80.0f;
    float m_high = 0.0f;
    int m_firstRow = 0;
    int m_lastRow = -1;
    int m_renderGeneration = 0;
};

/** "A4", "C#5" for a frequency in Hz (equal temperament, A4 = 440 Hz); empty below 8 Hz. */
QString noteName(double hz);

} // namespace genrescope::ui
