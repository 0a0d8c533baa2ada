#include "spectrogramview.h"

#include "timeviewport.h"

#include <QFutureWatcher>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QWheelEvent>
#include <QtConcurrent>
#include <cmath>
#include <limits>

namespace genrescope::ui {

QString noteName(double hz)
{
    if (!(hz >= 8.0))
        return {};
    static const char *kNames[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    const int midi = int(std::lround(69.0 + 12.0 * std::log2(hz / 440.0)));
    return QString("%1%2").arg(kNames[((midi % 12) + 12) % 12]).arg(midi / 12 - 1);
}

SpectrogramView::SpectrogramView(TimeViewport *viewport, QWidget *parent)
    : QWidget(parent), m_viewport(viewport)
{
    setMouseTracking(true);
    setMinimumHeight(80);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(m_viewport, &TimeViewport::changed, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::cursorChanged, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::playheadChanged, this, qOverload<>(&QWidget::update));
}

void SpectrogramView::setAxis(const LayerAxis &axis)
{
    m_axis = axis;
    m_tiles.clear();
    m_firstRow = 0;
    m_lastRow = axis.rows() - 1;
    ++m_renderGeneration;
    update();
}

void SpectrogramView::appendTile(LayerTile tile)
{
    if (!tile.values)
        return;
    const quint64 key = renderKey(m_colorMap.kind(), m_low, m_high);
    if (tile.image.isNull() || tile.renderKey != key) {
        tile.image = renderImage(*tile.values, m_colorMap, m_low, m_high, m_axis.rgb);
        tile.renderKey = key;
    }
    m_tiles.push_back(std::move(tile));
    update();
}

void SpectrogramView::clear()
{
    m_tiles.clear();
    ++m_renderGeneration;
    update();
}

std::size_t SpectrogramView::columnCount() const
{
    std::size_t n = 0;
    for (const auto &t : m_tiles)
        n = std::max(n, t.firstColumn + t.values->cols);
    return n;
}

void SpectrogramView::setColorMap(ColorMap::Kind kind)
{
    if (kind == m_colorMap.kind())
        return;
    m_colorMap = ColorMap(kind);
    rerenderAll();
}

void SpectrogramView::setValueRange(float low, float high)
{
    if (high <= low)
        high = low + 1.0f;
    if (low == m_low && high == m_high)
        return;
    m_low = low;
    m_high = high;
    rerenderAll();
}

void SpectrogramView::setVisibleRows(int first, int last)
{
    const int rows = m_axis.rows();
    first = std::clamp(first, 0, std::max(0, rows - 1));
    last = std::clamp(last, first, std::max(0, rows - 1));
    m_firstRow = first;
    m_lastRow = last;
    update();
}

quint64 SpectrogramView::renderKey(ColorMap::Kind kind, float low, float high)
{
    return (quint64(kind) << 48) ^ (quint64(quint32(std::lround(low * 100))) << 24) ^
           quint64(quint32(std::lround(high * 100)));
}

QImage SpectrogramView::renderImage(const base::Matrix &values, const ColorMap &map, float low, float high,
                                   bool rgb)
{
    const float scale = 1.0f / (high - low);
    if (rgb) {
        const std::size_t rows = values.rows / 3;
        QImage image(int(values.cols), int(rows), QImage::Format_RGB32);
        if (image.isNull())
            return image;
        auto level = [&](float v) { return int(std::clamp((v - low) * scale, 0.0f, 1.0f) * 255.0f + 0.5f); };
        for (std::size_t r = 0; r < rows; ++r) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(int(rows - 1 - r)));
            const float *red = values.row(r), *green = values.row(rows + r), *blue = values.row(2 * rows + r);
            for (std::size_t c = 0; c < values.cols; ++c)
                line[c] = qRgb(level(red[c]), level(green[c]), level(blue[c]));
        }
        return image;
    }
    QImage image(int(values.cols), int(values.rows), QImage::Format_RGB32);
    if (image.isNull())
        return image;
    for (std::size_t r = 0; r < values.rows; ++r) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(int(values.rows - 1 - r)));
        const float *src = values.row(r);
        for (std::size_t c = 0; c < values.cols; ++c)
            line[c] = map.map((src[c] - low) * scale);
    }
    return image;
}

void SpectrogramView::rerenderAll()
{
    const int generation = ++m_renderGeneration;
    std::vector<std::shared_ptr<const base::Matrix>> values;
    for (const auto &t : m_tiles)
        values.push_back(t.values);
    if (values.empty()) {
        update();
        return;
    }
    const ColorMap map = m_colorMap;
    const float low = m_low, high = m_high;
    const bool rgb = m_axis.rgb;
    const quint64 key = renderKey(map.kind(), low, high);
    auto *watcher = new QFutureWatcher<std::vector<QImage>>(this);
    connect(watcher, &QFutureWatcher<std::vector<QImage>>::finished, this, [this, watcher, generation, key] {
        watcher->deleteLater();
        if (generation != m_renderGeneration)
            return;
        auto images = watcher->result();
        for (std::size_t i = 0; i < images.size() && i < m_tiles.size(); ++i) {
            m_tiles[i].image = std::move(images[i]);
            m_tiles[i].renderKey = key;
        }
        update();
    });
    watcher->setFuture(QtConcurrent::run([values = std::move(values), map, low, high, rgb] {
        std::vector<QImage> images;
        images.reserve(values.size());
        for (const auto &v : values)
            images.push_back(renderImage(*v, map, low, high, rgb));
        return images;
    }));
}

QRect SpectrogramView::plotRect() const
{
    return rect().adjusted(kAxisWidth, 0, 0, 0);
}

double SpectrogramView::rowToY(double row, const QRect &plot) const
{
    const double visibleRows = m_lastRow - m_firstRow + 1;
    return plot.bottom() + 1 - (row - m_firstRow) / visibleRows * plot.height();
}

int SpectrogramView::rowAtY(int y) const
{
    const QRect plot = plotRect();
    if (m_axis.rows() == 0 || y < plot.top() || y > plot.bottom())
        return -1;
    const double visibleRows = m_lastRow - m_firstRow + 1;
    const int row = m_firstRow + int((plot.bottom() + 1 - y) / double(plot.height()) * visibleRows);
    return std::clamp(row, m_firstRow, m_lastRow);
}

float SpectrogramView::valueAt(double seconds, int row) const
{
    if (row < 0 || row >= m_axis.rows() || m_axis.secondsPerColumn <= 0)
        return std::numeric_limits<float>::quiet_NaN();
    const long long col = std::llround(seconds / m_axis.secondsPerColumn);
    for (const auto &t : m_tiles) {
        if (col >= (long long)t.firstColumn && col < (long long)(t.firstColumn + t.values->cols))
            return (*t.values)(std::size_t(row), std::size_t(col - (long long)t.firstColumn));
    }
    return std::numeric_limits<float>::quiet_NaN();
}

void SpectrogramView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRect plot = plotRect();
    p.fillRect(plot, QColor(m_colorMap.table()[0]));
    const double spc = m_axis.secondsPerColumn;
    const int rows = m_axis.rows();
    if (rows > 0 && spc > 0) {
        p.save();
        p.setClipRect(plot);
        const double t0 = m_viewport->visibleStart(), t1 = m_viewport->visibleEnd();
        for (const auto &tile : m_tiles) {
            if (tile.image.isNull())
                continue; // an image with old colours stays until its re-render arrives
            // Column c is centred on c * spc (centred STFT frames): it covers [c - 0.5, c + 0.5) * spc.
            const double tileStart = (double(tile.firstColumn) - 0.5) * spc;
            const double tileEnd = tileStart + double(tile.values->cols) * spc;
            if (tileEnd < t0 || tileStart > t1)
                continue;
            const double cs = std::max(0.0, (t0 - tileStart) / spc - 1);
            const double ce = std::min(double(tile.values->cols), (t1 - tileStart) / spc + 1);
            const QRectF source(cs, rows - 1 - m_lastRow, ce - cs, m_lastRow - m_firstRow + 1);
            const double x0 = m_viewport->xAt(tileStart + cs * spc, plot.left(), plot.width());
            const double x1 = m_viewport->xAt(tileStart + ce * spc, plot.left(), plot.width());
            p.drawImage(QRectF(x0, plot.top(), x1 - x0, plot.height()), tile.image, source);
        }
        p.restore();
    }
    drawAxis(p, plot);

    auto vline = [&](double t, const QColor &c) {
        if (t < m_viewport->visibleStart() || t > m_viewport->visibleEnd())
            return;
        const double x = m_viewport->xAt(t, plot.left(), plot.width());
        p.setPen(QPen(c, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    };
    vline(m_viewport->playheadTime(), QColor(0x00, 0xd0, 0xff));
    if (m_viewport->cursorTime() >= 0)
        vline(m_viewport->cursorTime(), QColor(255, 255, 255, 140));

    if (!m_axis.title.isEmpty()) {
        p.setPen(Qt::white);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.9);
        p.setFont(f);
        const QRect label = p.fontMetrics().boundingRect(m_axis.title).adjusted(-4, -2, 4, 2);
        const QRect box(plot.left() + 4, plot.top() + 4, label.width(), label.height());
        p.fillRect(box, QColor(0, 0, 0, 150));
        p.drawText(box, Qt::AlignCenter, m_axis.title);
    }
}

void SpectrogramView::drawAxis(QPainter &p, const QRect &plot)
{
    const int rows = m_axis.rows();
    if (rows == 0)
        return;
    p.setPen(palette().windowText().color());
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    const int lineH = p.fontMetrics().height();
    const int maxLabels = std::max(2, plot.height() / (lineH + 6));
    auto label = [&](double row, const QString &text) {
        const double y = rowToY(row + 0.5, plot);
        if (y < plot.top() || y > plot.bottom() + 1)
            return;
        p.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left() - 1, y));
        QRectF r(0, y - lineH / 2.0, kAxisWidth - 7, lineH);
        if (r.top() < 0)
            r.moveTop(0);
        if (r.bottom() > height())
            r.moveBottom(height());
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, text);
    };
    if (m_axis.kind == LayerAxis::Kind::Labels) {
        const int visible = m_lastRow - m_firstRow + 1;
        const int step = std::max(1, int(std::ceil(double(visible) / maxLabels)));
        for (int r = m_firstRow; r <= m_lastRow; r += step)
            label(r, m_axis.rowLabels.value(r));
        return;
    }
    // Frequency rows: label "nice" frequencies, each at the row whose centre is nearest.
    const double fLow = m_axis.rowHz[std::size_t(m_firstRow)], fHigh = m_axis.rowHz[std::size_t(m_lastRow)];
    static const double kNice[] = {0, 50, 100, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 4000, 5000,
                                   6000, 8000, 10000, 12000, 16000, 20000};
    double lastY = 1e9;
    for (double hz : kNice) {
        if (hz < fLow || hz > fHigh)
            continue;
        const auto it = std::lower_bound(m_axis.rowHz.begin(), m_axis.rowHz.end(), hz);
        int row = int(it - m_axis.rowHz.begin());
        if (row > 0 && (it == m_axis.rowHz.end() || std::abs(m_axis.rowHz[std::size_t(row - 1)] - hz) < std::abs(*it - hz)))
            --row;
        const double y = rowToY(row + 0.5, plot);
        if (std::abs(lastY - y) < lineH + 4)
            continue;
        lastY = y;
        label(row, hz >= 1000 ? QString("%1k").arg(hz / 1000.0) : QString::number(hz));
    }
}

void SpectrogramView::mouseMoveEvent(QMouseEvent *event)
{
    const QRect plot = plotRect();
    const double x = event->position().x();
    if (x < plot.left()) {
        m_viewport->setCursorTime(-1);
        return;
    }
    const double t = m_viewport->timeAt(x, plot.left(), plot.width());
    m_viewport->setCursorTime(t);
    const int row = rowAtY(int(event->position().y()));
    Q_EMIT hovered(t, row, valueAt(t, row));
}

void SpectrogramView::mousePressEvent(QMouseEvent *event)
{
    const QRect plot = plotRect();
    if (event->button() != Qt::LeftButton || event->position().x() < plot.left())
        return;
    const double t = m_viewport->timeAt(event->position().x(), plot.left(), plot.width());
    m_viewport->setPlayheadTime(t);
    Q_EMIT seekRequested(m_viewport->playheadTime());
}

void SpectrogramView::leaveEvent(QEvent *)
{
    m_viewport->setCursorTime(-1);
}

void SpectrogramView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const QRect plot = plotRect();
    if (event->modifiers() & Qt::AltModifier) {
        // Qt turns Alt+wheel into a horizontal delta on some platforms.
        const int d = delta.y() != 0 ? delta.y() : delta.x();
        const int visible = m_lastRow - m_firstRow + 1;
        const int row = std::max(m_firstRow, rowAtY(int(event->position().y())));
        const int newVisible = std::clamp(int(visible * (d > 0 ? 0.8 : 1.25)), 4, m_axis.rows());
        const double rel = visible > 0 ? double(row - m_firstRow) / visible : 0;
        const int first = std::clamp(int(row - rel * newVisible), 0, std::max(0, m_axis.rows() - newVisible));
        setVisibleRows(first, first + newVisible - 1);
        event->accept();
        return;
    }
    const bool used = m_viewport->applyWheel(delta.x(), delta.y(), event->modifiers() & Qt::ControlModifier,
                                             event->modifiers() & Qt::ShiftModifier,
                                             m_viewport->timeAt(event->position().x(), plot.left(), plot.width()));
    event->setAccepted(used);
}

} // namespace genrescope::ui
