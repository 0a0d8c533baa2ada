#include "waveformview.h"

#include "spectrogramview.h"
#include "timeviewport.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace genrescope::ui {

WaveformView::WaveformView(TimeViewport *viewport, QWidget *parent) : QWidget(parent), m_viewport(viewport)
{
    setMouseTracking(true);
    setMinimumHeight(50);
    connect(m_viewport, &TimeViewport::changed, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::cursorChanged, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::playheadChanged, this, qOverload<>(&QWidget::update));
}

void WaveformView::clear(int sampleRate)
{
    m_rate = sampleRate > 0 ? sampleRate : 22050;
    m_samples.clear();
    m_blocks.clear();
    update();
}

void WaveformView::appendSamples(const float *samples, std::size_t n)
{
    m_samples.insert(m_samples.end(), samples, samples + n);
    for (std::size_t b = m_blocks.size(); (b + 1) * kBlock <= m_samples.size(); ++b) {
        const auto [mn, mx] = std::minmax_element(m_samples.begin() + long(b * kBlock),
                                                  m_samples.begin() + long((b + 1) * kBlock));
        m_blocks.emplace_back(*mn, *mx);
    }
    update();
}

std::pair<float, float> WaveformView::range(std::size_t a, std::size_t b) const
{
    float mn = 0, mx = 0;
    bool any = false;
    auto take = [&](float lo, float hi) {
        mn = any ? std::min(mn, lo) : lo;
        mx = any ? std::max(mx, hi) : hi;
        any = true;
    };
    std::size_t i = a;
    while (i < b) {
        if (i % kBlock == 0 && i / kBlock < m_blocks.size() && i + kBlock <= b) {
            take(m_blocks[i / kBlock].first, m_blocks[i / kBlock].second);
            i += kBlock;
        } else {
            take(m_samples[i], m_samples[i]);
            ++i;
        }
    }
    return {mn, mx};
}

QRect WaveformView::plotRect() const
{
    return rect().adjusted(SpectrogramView::kAxisWidth, 0, 0, 0);
}

void WaveformView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRect plot = plotRect();
    p.fillRect(plot, palette().base());
    const double mid = plot.center().y() + 0.5;
    const double half = plot.height() / 2.0 - 2;
    p.setPen(palette().mid().color());
    p.drawLine(QPointF(plot.left(), mid), QPointF(plot.right(), mid));
    p.setPen(palette().windowText().color());
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    p.drawText(QRect(0, 0, SpectrogramView::kAxisWidth - 7, height()), Qt::AlignRight | Qt::AlignVCenter,
               tr("Wave"));

    if (!m_samples.empty()) {
        const QColor wave = palette().highlight().color();
        p.setPen(wave);
        const double t0 = m_viewport->visibleStart();
        const double spp = m_viewport->visibleLength() / std::max(1, plot.width()) * m_rate;
        for (int x = 0; x < plot.width(); ++x) {
            const double sa = (t0 * m_rate) + x * spp;
            const double sb = sa + std::max(1.0, spp);
            if (sb <= 0 || sa >= double(m_samples.size()))
                continue;
            const auto a = std::size_t(std::max(0.0, std::floor(sa)));
            const auto b = std::min(m_samples.size(), std::size_t(std::ceil(sb)));
            if (a >= b)
                continue;
            const auto [mn, mx] = range(a, b);
            p.drawLine(QPointF(plot.left() + x + 0.5, mid - mx * half),
                       QPointF(plot.left() + x + 0.5, mid - mn * half));
        }
    }
    auto vline = [&](double t, const QColor &c) {
        if (t < m_viewport->visibleStart() || t > m_viewport->visibleEnd())
            return;
        const double x = m_viewport->xAt(t, plot.left(), plot.width());
        p.setPen(QPen(c, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    };
    vline(m_viewport->playheadTime(), QColor(0x00, 0x90, 0xd0));
    if (m_viewport->cursorTime() >= 0)
        vline(m_viewport->cursorTime(), palette().mid().color());
}

void WaveformView::mouseMoveEvent(QMouseEvent *event)
{
    const QRect plot = plotRect();
    if (event->position().x() < plot.left()) {
        m_viewport->setCursorTime(-1);
        return;
    }
    const double t = m_viewport->timeAt(event->position().x(), plot.left(), plot.width());
    m_viewport->setCursorTime(t);
    const auto i = std::size_t(std::max(0.0, t * m_rate));
    Q_EMIT hovered(t, i < m_samples.size() ? m_samples[i] : 0.0f);
}

void WaveformView::mousePressEvent(QMouseEvent *event)
{
    const QRect plot = plotRect();
    if (event->button() != Qt::LeftButton || event->position().x() < plot.left())
        return;
    m_viewport->setPlayheadTime(m_viewport->timeAt(event->position().x(), plot.left(), plot.width()));
    Q_EMIT seekRequested(m_viewport->playheadTime());
}

void WaveformView::leaveEvent(QEvent *)
{
    m_viewport->setCursorTime(-1);
}

void WaveformView::wheelEvent(QWheelEvent *event)
{
    const QRect plot = plotRect();
    const bool used = m_viewport->applyWheel(
        event->angleDelta().x(), event->angleDelta().y(), event->modifiers() & Qt::ControlModifier,
        event->modifiers() & Qt::ShiftModifier, m_viewport->timeAt(event->position().x(), plot.left(), plot.width()));
    event->setAccepted(used);
}

TimeRulerView::TimeRulerView(TimeViewport *viewport, QWidget *parent) : QWidget(parent), m_viewport(viewport)
{
    setFixedHeight(22);
    connect(m_viewport, &TimeViewport::changed, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::playheadChanged, this, qOverload<>(&QWidget::update));
}

QString TimeRulerView::formatTime(double t, double step)
{
    const int minutes = int(t / 60.0);
    const double seconds = t - minutes * 60.0;
    const int decimals = step >= 1.0 ? 0 : (step >= 0.1 ? 1 : 2);
    const int width = decimals == 0 ? 2 : 3 + decimals;
    return QString("%1:%2").arg(minutes).arg(seconds, width, 'f', decimals, QChar('0'));
}

void TimeRulerView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRect plot = rect().adjusted(SpectrogramView::kAxisWidth, 0, 0, 0);
    const double len = m_viewport->visibleLength();
    if (len <= 0 || plot.width() <= 0)
        return;
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    const double labelWidth = p.fontMetrics().horizontalAdvance("00:00.00") + 16;
    const double minStep = len * labelWidth / plot.width();
    static const double kSteps[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200};
    double step = kSteps[std::size(kSteps) - 1];
    for (double s : kSteps) {
        if (s >= minStep) {
            step = s;
            break;
        }
    }
    p.setPen(palette().windowText().color());
    for (double t = std::ceil(m_viewport->visibleStart() / step) * step; t <= m_viewport->visibleEnd(); t += step) {
        const double x = m_viewport->xAt(t, plot.left(), plot.width());
        p.drawLine(QPointF(x, height() - 6), QPointF(x, height()));
        p.drawText(QRectF(x + 3, 0, labelWidth, height() - 2), Qt::AlignLeft | Qt::AlignVCenter,
                   formatTime(t, step));
    }
    const double ph = m_viewport->playheadTime();
    if (ph >= m_viewport->visibleStart() && ph <= m_viewport->visibleEnd()) {
        const double x = m_viewport->xAt(ph, plot.left(), plot.width());
        p.setBrush(QColor(0x00, 0x90, 0xd0));
        p.setPen(Qt::NoPen);
        p.drawPolygon(QPolygonF({QPointF(x - 5, 0), QPointF(x + 5, 0), QPointF(x, 8)}));
    }
}

void TimeRulerView::mousePressEvent(QMouseEvent *event)
{
    const QRect plot = rect().adjusted(SpectrogramView::kAxisWidth, 0, 0, 0);
    if (event->position().x() < plot.left())
        return;
    m_viewport->setPlayheadTime(m_viewport->timeAt(event->position().x(), plot.left(), plot.width()));
    Q_EMIT seekRequested(m_viewport->playheadTime());
}

} // namespace genrescope::ui
