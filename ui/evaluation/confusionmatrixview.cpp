#include "confusionmatrixview.h"
#include "mainwindow/genrenames.h"

#include "base/atomicfile.h"

#include <QBuffer>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace genrescope::ui {

namespace {

constexpr double kSin45 = 0.70710678;
constexpr int kMinCell = 26;
constexpr int kMaxCell = 110;
constexpr int kBarWidth = 14;

// Relative luminance (WCAG 2) of an sRGB colour.
double luminance(const QColor &c)
{
    auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}

double contrast(double a, double b)
{
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

bool writeBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    const auto st = base::writeFileAtomically(path.toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size())));
    if (!st) {
        if (error)
            *error = QString::fromStdString(st.error().detail);
        return false;
    }
    return true;
}

} // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Confusion matrix"));
}

void ConfusionMatrixView::setMatrix(const std::vector<std::string> &labels,
                                    const std::vector<std::vector<std::int64_t>> &counts)
{
    bool ok = counts.size() == labels.size();
    for (const auto &row : counts)
        ok = ok && row.size() == labels.size();
    m_labels.clear();
    m_counts.clear();
    m_rejected.clear();
    if (ok) {
        for (const auto &l : labels)
            m_labels << genreDisplayName(l); // shown; exports use the ids of the result
        m_counts = counts;
    }
    m_hoverTrue = m_hoverPred = -2;
    m_selTrue = m_selPred = -2;
    updateGeometry();
    update();
}

void ConfusionMatrixView::setRejected(const std::vector<std::int64_t> &rejected)
{
    const bool any = std::any_of(rejected.begin(), rejected.end(), [](std::int64_t v) { return v > 0; });
    if (any && qsizetype(rejected.size()) == m_labels.size())
        m_rejected = rejected;
    else
        m_rejected.clear();
    updateGeometry();
    update();
}

void ConfusionMatrixView::clear()
{
    setMatrix({}, {});
}

std::int64_t ConfusionMatrixView::count(int t, int p) const
{
    if (t < 0 || t >= classCount())
        return 0;
    if (p == -1)
        return m_rejected.empty() ? 0 : m_rejected[std::size_t(t)];
    if (p < 0 || p >= classCount())
        return 0;
    return m_counts[std::size_t(t)][std::size_t(p)];
}

std::int64_t ConfusionMatrixView::rowTotal(int t) const
{
    if (t < 0 || t >= classCount())
        return 0;
    std::int64_t sum = m_rejected.empty() ? 0 : m_rejected[std::size_t(t)];
    for (auto v : m_counts[std::size_t(t)])
        sum += v;
    return sum;
}

double ConfusionMatrixView::rowFraction(int t, int p) const
{
    const std::int64_t total = rowTotal(t);
    return total > 0 ? double(count(t, p)) / double(total) : 0.0;
}

std::int64_t ConfusionMatrixView::maxCount() const
{
    std::int64_t m = 0;
    for (const auto &row : m_counts)
        for (auto v : row)
            m = std::max(m, v);
    for (auto v : m_rejected)
        m = std::max(m, v);
    return m;
}

double ConfusionMatrixView::colorValue(int t, int p) const
{
    if (m_mode == Mode::RowPercent)
        return rowFraction(t, p);
    const std::int64_t m = maxCount();
    return m > 0 ? double(count(t, p)) / double(m) : 0.0;
}

void ConfusionMatrixView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    update();
    Q_EMIT modeChanged(mode);
}

void ConfusionMatrixView::setColorMap(ColorMap::Kind kind)
{
    m_map = ColorMap(kind);
    update();
}

void ConfusionMatrixView::setTitle(const QString &title)
{
    m_title = title;
    updateGeometry();
    update();
}

void ConfusionMatrixView::setSelectedCell(int t, int p)
{
    if (t < 0 || t >= classCount() || p < -1 || p >= classCount() || (p == -1 && m_rejected.empty()))
        t = p = -2;
    m_selTrue = t;
    m_selPred = p;
    update();
}

QString ConfusionMatrixView::columnLabel(int column) const
{
    return column < classCount() ? m_labels.value(column) : tr("rejected");
}

QString ConfusionMatrixView::cellText(int t, int p) const
{
    if (t < 0 || t >= classCount() || p < -1 || p >= classCount())
        return {};
    const QString countText = QString::number(count(t, p));
    const QString percentText = rowTotal(t) > 0
        ? tr("%1%").arg(std::lround(100.0 * rowFraction(t, p)))
        : QStringLiteral("\u2013");
    return m_mode == Mode::Counts ? countText + '\n' + percentText : percentText + '\n' + countText;
}

QColor ConfusionMatrixView::cellColor(int t, int p) const
{
    return QColor::fromRgb(m_map.map(float(colorValue(t, p))));
}

QColor ConfusionMatrixView::cellTextColor(int t, int p) const
{
    const double l = luminance(cellColor(t, p));
    return contrast(l, 0.0) >= contrast(l, 1.0) ? QColor(Qt::black) : QColor(Qt::white);
}

QString ConfusionMatrixView::cellToolTip(int t, int p) const
{
    if (t < 0 || t >= classCount())
        return {};
    const QString share = QString::number(100.0 * rowFraction(t, p), 'f', 1);
    if (p == -1)
        return tr("True %1, rejected: %2 of %3 (%4%)").arg(m_labels.value(t)).arg(count(t, p)).arg(rowTotal(t)).arg(share);
    return tr("True %1, predicted %2: %3 of %4 (%5%)")
        .arg(m_labels.value(t), m_labels.value(p))
        .arg(count(t, p))
        .arg(rowTotal(t))
        .arg(share);
}

ConfusionMatrixView::Geometry ConfusionMatrixView::geometry(const QRect &area, const QFont &font) const
{
    Geometry g;
    g.columns = columnCount();
    const int n = classCount();
    if (n == 0)
        return g;
    const QFontMetrics fm(font);
    int rowLabelW = 0, colLabelW = 0;
    for (int i = 0; i < n; ++i)
        rowLabelW = std::max(rowLabelW, fm.horizontalAdvance(m_labels[i]));
    for (int c = 0; c < g.columns; ++c)
        colLabelW = std::max(colLabelW, fm.horizontalAdvance(columnLabel(c)));
    const int h = fm.height();
    const int titleH = m_title.isEmpty() ? 0 : h + 8;
    // Left: rotated axis title, then the row labels. Top: title, axis title, 45-degree column labels.
    const int left = h + 6 + rowLabelW + 8;
    const int headerH = int(std::ceil((colLabelW + h) * kSin45)) + 6;
    const int top = titleH + h + 4 + headerH;
    const int barTextW = std::max(fm.horizontalAdvance(QString::number(maxCount())), fm.horizontalAdvance(tr("%1%").arg(100)));
    const int barBlock = 12 + kBarWidth + 4 + barTextW + 4;
    // The last column label leans right beyond the grid by up to colLabelW * cos 45.
    const int right = std::max(barBlock, int(std::ceil(colLabelW * kSin45)) + 4);
    const int bottom = 6;
    const int availW = area.width() - left - right;
    const int availH = area.height() - top - bottom;
    g.cell = std::clamp(std::min(availW / std::max(1, g.columns), availH / n), kMinCell, kMaxCell);
    const int gridW = g.cell * g.columns, gridH = g.cell * n;
    // Centre the whole block horizontally when there is room to spare.
    const int spareW = std::max(0, availW - gridW) / 2;
    g.grid = QRect(area.left() + left + spareW, area.top() + top, gridW, gridH);
    g.rowTitleX = g.grid.left() - 8 - rowLabelW - 6 - h;
    g.axisTitle = QRect(g.grid.left(), area.top() + titleH, gridW, h);
    if (titleH > 0)
        g.title = QRect(area.left(), area.top() + 2, area.width(), h + 4);
    g.colorBar = QRect(g.grid.right() + 13, g.grid.top(), kBarWidth, gridH);
    return g;
}

QSize ConfusionMatrixView::sizeHint() const
{
    // Fits ten genres with two-line cells (count and row %) at the default font.
    const int n = std::max(classCount(), 10);
    const QFontMetrics fm(font());
    const int cell = std::max(kMinCell, int(fm.height() * 2.9));
    const int cols = std::max(columnCount(), n);
    const int label = fm.horizontalAdvance(QStringLiteral("classical_x"));
    const int header = int((label + fm.height()) * kSin45) + fm.height() * 2 + 20;
    return {fm.height() + label + 14 + cols * cell + std::max(label, 80) + 20, header + n * cell + 10};
}

QSize ConfusionMatrixView::minimumSizeHint() const
{
    return {240, 200};
}

void ConfusionMatrixView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    paintMatrix(p, rect(), true);
}

void ConfusionMatrixView::paintMatrix(QPainter &p, const QRect &area, bool interactive) const
{
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    const QColor textColor = palette().color(QPalette::WindowText);
    const QColor highlight = palette().color(QPalette::Highlight);
    const QFont baseFont = font();
    p.setFont(baseFont);
    const QFontMetrics fm(baseFont);
    if (classCount() == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, tr("No evaluation to show"));
        return;
    }
    const Geometry g = geometry(area, baseFont);
    const int n = classCount();
    const int h = fm.height();
    QFont bold = baseFont;
    bold.setBold(true);

    if (!g.title.isEmpty()) {
        p.setFont(bold);
        p.setPen(textColor);
        p.drawText(g.title, Qt::AlignHCenter | Qt::AlignVCenter, m_title);
        p.setFont(baseFont);
    }

    // Axis titles.
    p.setPen(textColor);
    p.setFont(bold);
    p.drawText(g.axisTitle, Qt::AlignHCenter | Qt::AlignVCenter, tr("Predicted genre"));
    p.save();
    p.translate(g.rowTitleX, g.grid.center().y());
    p.rotate(-90);
    p.drawText(QRect(-g.grid.height() / 2, 0, g.grid.height(), h), Qt::AlignHCenter | Qt::AlignTop, tr("True genre"));
    p.restore();
    p.setFont(baseFont);

    // Row labels, right-aligned next to the grid; the hovered row is bold in the highlight colour.
    for (int t = 0; t < n; ++t) {
        const QRect r(area.left(), g.grid.top() + t * g.cell, g.grid.left() - area.left() - 8, g.cell);
        const bool hot = interactive && t == m_hoverTrue;
        p.setFont(hot ? bold : baseFont);
        p.setPen(hot ? highlight : textColor);
        p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, m_labels[t]);
    }
    // Column labels at 45 degrees, starting above the column centre.
    for (int c = 0; c < g.columns; ++c) {
        const bool hot = interactive && c == columnIndex(m_hoverPred) && m_hoverPred != -2;
        p.setFont(hot ? bold : baseFont);
        p.setPen(hot ? highlight : textColor);
        p.save();
        p.translate(g.grid.left() + c * g.cell + g.cell / 2.0, g.grid.top() - 4);
        p.rotate(-45);
        p.drawText(QPointF(2, (fm.ascent() - fm.descent()) / 2.0), columnLabel(c));
        p.restore();
    }

    // Cells.
    QFont small = baseFont;
    small.setPointSizeF(baseFont.pointSizeF() > 0 ? baseFont.pointSizeF() * 0.85 : 8);
    const bool twoLines = g.cell >= int(h * 2.3);
    for (int t = 0; t < n; ++t) {
        for (int c = 0; c < g.columns; ++c) {
            const int pred = c < n ? c : -1;
            const QRect r(g.grid.left() + c * g.cell, g.grid.top() + t * g.cell, g.cell, g.cell);
            p.fillRect(r, cellColor(t, pred));
            const QStringList lines = cellText(t, pred).split('\n');
            p.setPen(cellTextColor(t, pred));
            if (twoLines) {
                p.setFont(bold);
                p.drawText(r.adjusted(1, 1, -1, -r.height() / 2 + 1), Qt::AlignHCenter | Qt::AlignBottom, lines.value(0));
                p.setFont(small);
                p.drawText(r.adjusted(1, r.height() / 2 + 1, -1, -1), Qt::AlignHCenter | Qt::AlignTop, lines.value(1));
            } else {
                p.setFont(bold);
                p.drawText(r, Qt::AlignCenter, lines.value(0));
            }
        }
    }
    p.setFont(baseFont);
    // Separator before the rejected column, grid frame, diagonal marks.
    p.setPen(QPen(textColor, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(g.grid.adjusted(0, 0, -1, -1));
    if (g.columns > n) {
        const int x = g.grid.left() + n * g.cell;
        p.setPen(QPen(palette().color(QPalette::Window), 3));
        p.drawLine(x, g.grid.top(), x, g.grid.bottom());
    }

    auto frame = [&](int t, int pred, const QColor &outer, const QColor &inner) {
        const int c = columnIndex(pred);
        const QRect r(g.grid.left() + c * g.cell, g.grid.top() + t * g.cell, g.cell, g.cell);
        p.setPen(QPen(outer, 2));
        p.drawRect(r.adjusted(1, 1, -1, -1));
        p.setPen(QPen(inner, 1));
        p.drawRect(r.adjusted(3, 3, -3, -3));
    };
    if (interactive && m_hoverTrue >= 0)
        frame(m_hoverTrue, m_hoverPred, highlight, palette().color(QPalette::HighlightedText));
    if (m_selTrue >= 0)
        frame(m_selTrue, m_selPred, Qt::black, Qt::white);

    // Colour bar with its range.
    QLinearGradient grad(g.colorBar.bottomLeft(), g.colorBar.topLeft());
    for (int i = 0; i <= 16; ++i)
        grad.setColorAt(i / 16.0, QColor::fromRgb(m_map.map(float(i / 16.0))));
    p.fillRect(g.colorBar, grad);
    p.setPen(QPen(textColor, 1));
    p.drawRect(g.colorBar.adjusted(0, 0, -1, -1));
    const QString hi = m_mode == Mode::RowPercent ? tr("%1%").arg(100) : QString::number(maxCount());
    const QString lo = m_mode == Mode::RowPercent ? tr("%1%").arg(0) : QStringLiteral("0");
    const int tx = g.colorBar.right() + 4;
    p.drawText(QRect(tx, g.colorBar.top(), 200, h), Qt::AlignLeft | Qt::AlignTop, hi);
    p.drawText(QRect(tx, g.colorBar.bottom() - h, 200, h), Qt::AlignLeft | Qt::AlignBottom, lo);
}

QRect ConfusionMatrixView::cellRect(int t, int p) const
{
    if (t < 0 || t >= classCount() || p < -1 || p >= classCount() || (p == -1 && m_rejected.empty()))
        return {};
    const Geometry g = geometry(rect(), font());
    const int c = columnIndex(p);
    return {g.grid.left() + c * g.cell, g.grid.top() + t * g.cell, g.cell, g.cell};
}

bool ConfusionMatrixView::cellAt(const QPoint &pos, int *t, int *p) const
{
    if (classCount() == 0)
        return false;
    const Geometry g = geometry(rect(), font());
    if (!g.grid.contains(pos))
        return false;
    const int c = (pos.x() - g.grid.left()) / g.cell;
    const int r = (pos.y() - g.grid.top()) / g.cell;
    if (r < 0 || r >= classCount() || c < 0 || c >= g.columns)
        return false;
    *t = r;
    *p = c < classCount() ? c : -1;
    return true;
}

void ConfusionMatrixView::mouseMoveEvent(QMouseEvent *event)
{
    int t = -2, p = -2;
    if (!cellAt(event->position().toPoint(), &t, &p))
        t = p = -2;
    if (t != m_hoverTrue || p != m_hoverPred) {
        m_hoverTrue = t;
        m_hoverPred = p;
        setCursor(t >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void ConfusionMatrixView::mousePressEvent(QMouseEvent *event)
{
    int t = -2, p = -2;
    if (event->button() != Qt::LeftButton || !cellAt(event->position().toPoint(), &t, &p))
        return QWidget::mousePressEvent(event);
    setSelectedCell(t, p);
    Q_EMIT cellClicked(t, p);
}

void ConfusionMatrixView::mouseDoubleClickEvent(QMouseEvent *event)
{
    int t = -2, p = -2;
    if (event->button() != Qt::LeftButton || !cellAt(event->position().toPoint(), &t, &p))
        return QWidget::mouseDoubleClickEvent(event);
    Q_EMIT cellDoubleClicked(t, p);
}

void ConfusionMatrixView::leaveEvent(QEvent *event)
{
    m_hoverTrue = m_hoverPred = -2;
    update();
    QWidget::leaveEvent(event);
}

void ConfusionMatrixView::keyPressEvent(QKeyEvent *event)
{
    const int n = classCount();
    if (n == 0)
        return QWidget::keyPressEvent(event);
    int t = m_selTrue < 0 ? 0 : m_selTrue;
    int c = m_selTrue < 0 ? 0 : columnIndex(m_selPred);
    const bool hadSelection = m_selTrue >= 0;
    switch (event->key()) {
    case Qt::Key_Left: c = hadSelection ? std::max(0, c - 1) : c; break;
    case Qt::Key_Right: c = hadSelection ? std::min(columnCount() - 1, c + 1) : c; break;
    case Qt::Key_Up: t = hadSelection ? std::max(0, t - 1) : t; break;
    case Qt::Key_Down: t = hadSelection ? std::min(n - 1, t + 1) : t; break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (hadSelection)
            Q_EMIT cellDoubleClicked(m_selTrue, m_selPred);
        return;
    default: return QWidget::keyPressEvent(event);
    }
    const int p = c < n ? c : -1;
    setSelectedCell(t, p);
    Q_EMIT cellClicked(t, p);
}

bool ConfusionMatrixView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        int t = -2, p = -2;
        if (cellAt(help->pos(), &t, &p))
            QToolTip::showText(help->globalPos(), cellToolTip(t, p), this, cellRect(t, p));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

QImage ConfusionMatrixView::renderImage(const QSize &requested, qreal dpr) const
{
    const QSize size = requested.isValid() ? requested : this->size().expandedTo(sizeHint());
    QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(palette().color(QPalette::Window));
    QPainter p(&image);
    paintMatrix(p, QRect(QPoint(0, 0), size), false);
    return image;
}

bool ConfusionMatrixView::savePng(const QString &path, QString *error) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!renderImage({}, 2.0).save(&buffer, "PNG")) {
        if (error)
            *error = tr("The image could not be encoded.");
        return false;
    }
    return writeBytes(path, bytes, error);
}

bool ConfusionMatrixView::saveSvg(const QString &path, QString *error) const
{
    const QSize size = this->size().expandedTo(sizeHint());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(m_title.isEmpty() ? tr("Confusion matrix") : m_title);
    QPainter p;
    if (!p.begin(&svg)) {
        if (error)
            *error = tr("The drawing could not be started.");
        return false;
    }
    p.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Window));
    paintMatrix(p, QRect(QPoint(0, 0), size), false);
    p.end();
    return writeBytes(path, bytes, error);
}

} // namespace genrescope::ui
