#include "segmenttimelineview.h"

#include "colormap.h"
#include "mainwindow/genrenames.h"
#include "spectrogramview.h"
#include "timeviewport.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <numeric>

namespace genrescope::ui {

SegmentTimelineView::SegmentTimelineView(TimeViewport *viewport, QWidget *parent)
    : QWidget(parent), m_viewport(viewport)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_viewport, &TimeViewport::changed, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::cursorChanged, this, qOverload<>(&QWidget::update));
    connect(m_viewport, &TimeViewport::playheadChanged, this, qOverload<>(&QWidget::update));
    reset({}, {});
}

QSize SegmentTimelineView::sizeHint() const
{
    return {600, std::max(1, int(m_models.size())) * (kStripHeight + 2) + 2};
}

void SegmentTimelineView::reset(const QStringList &modelNames, const QStringList &labels)
{
    m_models = modelNames;
    m_labels = labels;
    m_displayLabels = genreDisplayNames(labels);
    m_segments.assign(std::size_t(modelNames.size()), {});
    setFixedHeight(sizeHint().height());
    setVisible(!modelNames.isEmpty());
    update();
}

void SegmentTimelineView::addSegment(int model, double start, double end, const std::vector<float> &probabilities)
{
    if (model < 0 || model >= int(m_segments.size()))
        return;
    m_segments[std::size_t(model)].push_back({start, end, probabilities});
    update();
}

int SegmentTimelineView::segmentCount(int model) const
{
    return model >= 0 && model < int(m_segments.size()) ? int(m_segments[std::size_t(model)].size()) : 0;
}

QString SegmentTimelineView::describe(int model, double t) const
{
    if (model < 0 || model >= int(m_segments.size()))
        return {};
    const auto &segs = m_segments[std::size_t(model)];
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const Segment &s = segs[i];
        if (t < s.start || t >= s.end)
            continue;
        std::vector<int> order(s.probabilities.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) { return s.probabilities[std::size_t(a)] > s.probabilities[std::size_t(b)]; });
        QStringList parts;
        for (int k = 0; k < std::min<int>(4, int(order.size())); ++k)
            parts << QStringLiteral("%1 %2").arg(m_displayLabels.value(order[std::size_t(k)]))
                         .arg(double(s.probabilities[std::size_t(order[std::size_t(k)])]), 0, 'f', 2);
        return tr("%1, segment %2 (%3-%4 s): %5")
            .arg(m_models.value(model))
            .arg(i + 1)
            .arg(s.start, 0, 'f', 1)
            .arg(s.end, 0, 'f', 1)
            .arg(parts.join(", "));
    }
    return {};
}

int SegmentTimelineView::stripAt(int y) const
{
    const int i = (y - 1) / (kStripHeight + 2);
    return i >= 0 && i < int(m_models.size()) ? i : -1;
}

void SegmentTimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRect plot = rect().adjusted(SpectrogramView::kAxisWidth, 0, 0, 0);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    for (int m = 0; m < int(m_models.size()); ++m) {
        const QRectF strip(plot.left(), 1 + m * (kStripHeight + 2), plot.width(), kStripHeight);
        p.fillRect(strip, palette().base());
        p.setPen(palette().windowText().color());
        p.drawText(QRectF(0, strip.top(), SpectrogramView::kAxisWidth - 7, kStripHeight),
                   Qt::AlignRight | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(m_models[m], Qt::ElideRight, SpectrogramView::kAxisWidth - 9));
        for (const Segment &s : m_segments[std::size_t(m)]) {
            if (s.end < m_viewport->visibleStart() || s.start > m_viewport->visibleEnd() || s.probabilities.empty())
                continue;
            const auto best = std::max_element(s.probabilities.begin(), s.probabilities.end());
            QColor c = genreColor(int(best - s.probabilities.begin()));
            c.setAlphaF(std::clamp(0.35 + 0.65 * double(*best), 0.0, 1.0));
            const double x0 = m_viewport->xAt(s.start, plot.left(), plot.width());
            const double x1 = m_viewport->xAt(s.end, plot.left(), plot.width());
            const QRectF r(std::max(x0, double(plot.left())), strip.top(), std::min(x1, double(plot.right())) - std::max(x0, double(plot.left())), strip.height());
            p.fillRect(r, c);
            p.setPen(palette().window().color());
            p.drawLine(QPointF(x1, strip.top()), QPointF(x1, strip.bottom()));
            const QString label = m_displayLabels.value(int(best - s.probabilities.begin()));
            if (r.width() > p.fontMetrics().horizontalAdvance(label) + 4) {
                p.setPen(c.lightnessF() > 0.55 ? Qt::black : Qt::white);
                p.drawText(r, Qt::AlignCenter, label);
            }
        }
    }
    const double ph = m_viewport->playheadTime();
    if (ph >= m_viewport->visibleStart() && ph <= m_viewport->visibleEnd()) {
        const double x = m_viewport->xAt(ph, plot.left(), plot.width());
        p.setPen(QPen(QColor(0x00, 0x90, 0xd0), 1));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
}

void SegmentTimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const QRect plot = rect().adjusted(SpectrogramView::kAxisWidth, 0, 0, 0);
    const double t = m_viewport->timeAt(event->position().x(), plot.left(), plot.width());
    m_viewport->setCursorTime(event->position().x() >= plot.left() ? t : -1);
    const QString text = describe(stripAt(int(event->position().y())), t);
    setToolTip(text);
    Q_EMIT hovered(text);
}

void SegmentTimelineView::leaveEvent(QEvent *)
{
    m_viewport->setCursorTime(-1);
}

} // namespace genrescope::ui
