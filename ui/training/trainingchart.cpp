#include "trainingchart.h"

#include "views/colormap.h"

#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace genrescope::ui {

TrainingChart::TrainingChart(Metric metric, QWidget *parent) : QChartView(parent), m_metric(metric)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setBackgroundRoundness(0);
    chart()->legend()->setAlignment(Qt::AlignRight);
    setMinimumHeight(170);
    reset(1, 1);
}

void TrainingChart::reset(int folds, int epochs)
{
    chart()->removeAllSeries();
    for (QAbstractAxis *a : chart()->axes())
        chart()->removeAxis(a);
    m_folds.clear();
    m_foldTotal = std::max(folds, 1);
    m_epochs = std::max(epochs, 1);
    m_hasY = false;

    const bool many = m_foldTotal > 1;
    switch (m_metric) {
    case Metric::Loss:
        chart()->setTitle(many ? tr("Loss (solid: training, dashed: validation, thin: per batch)") : tr("Loss"));
        break;
    case Metric::Accuracy:
        chart()->setTitle(many ? tr("Accuracy (solid: training, dashed: validation)") : tr("Accuracy"));
        break;
    case Metric::LearningRate:
        chart()->setTitle(tr("Learning rate"));
        break;
    }

    auto *x = new QValueAxis;
    x->setTitleText(tr("Epoch"));
    x->setLabelFormat("%d");
    x->setRange(m_epochs > 1 ? 1 : 0, m_epochs);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(m_epochs > 1 ? 1 : 0);
    x->setTickInterval(std::max(1.0, std::ceil(m_epochs / 10.0)));
    chart()->addAxis(x, Qt::AlignBottom);
    m_x = x;

    if (m_metric == Metric::LearningRate) {
        auto *y = new QLogValueAxis;
        y->setBase(10);
        y->setLabelFormat("%.0e");
        y->setRange(1e-4, 1e-2);
        y->setMinorTickCount(-1);
        chart()->addAxis(y, Qt::AlignLeft);
        m_y = y;
    } else {
        auto *y = new QValueAxis;
        if (m_metric == Metric::Accuracy) {
            y->setRange(0, 100);
            y->setLabelFormat("%.0f%%");
            y->setTickCount(6);
        } else {
            y->setRange(0, 1);
            y->setLabelFormat("%.2f");
            y->setTickCount(5);
        }
        chart()->addAxis(y, Qt::AlignLeft);
        m_y = y;
    }
    // With a single fold every curve has its own legend entry; with folds only "Fold i" does, and the
    // title says which line style is which.
    chart()->legend()->setVisible(m_metric != Metric::LearningRate || many);
    applyPalette();
}

void TrainingChart::applyPalette()
{
    const QPalette pal = palette();
    chart()->setBackgroundBrush(pal.base());
    chart()->setTitleBrush(pal.text());
    chart()->legend()->setLabelColor(pal.text().color());
    for (QAbstractAxis *a : chart()->axes()) {
        a->setLabelsColor(pal.text().color());
        a->setTitleBrush(pal.text());
        QColor grid = pal.text().color();
        grid.setAlpha(40);
        a->setGridLineColor(grid);
        QColor line = pal.text().color();
        line.setAlpha(120);
        a->setLinePenColor(line);
    }
}

void TrainingChart::attach(QAbstractSeries *series)
{
    chart()->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
}

void TrainingChart::hideFromLegend(QAbstractSeries *series)
{
    for (QLegendMarker *m : chart()->legend()->markers(series))
        m->setVisible(false);
}

TrainingChart::FoldSeries &TrainingChart::fold(int index)
{
    index = std::max(index, 0);
    while (int(m_folds.size()) <= index) {
        const int f = int(m_folds.size());
        const QColor colour = genreColor(f);
        const bool many = m_foldTotal > 1;
        FoldSeries s;

        if (m_metric == Metric::Loss) {
            s.batch = new QLineSeries;
            s.batch->setName(tr("Per batch"));
            QColor thin = colour;
            thin.setAlpha(110);
            s.batch->setPen(QPen(thin, 1.0));
            attach(s.batch);
            if (many)
                hideFromLegend(s.batch);
        }

        s.train = new QLineSeries;
        s.train->setName(many ? tr("Fold %1").arg(f + 1)
                              : (m_metric == Metric::LearningRate ? tr("Learning rate") : tr("Training")));
        s.train->setPen(QPen(colour, 2.0));
        s.train->setPointsVisible(true);
        attach(s.train);

        if (m_metric != Metric::LearningRate) {
            s.validation = new QLineSeries;
            s.validation->setName(tr("Validation"));
            // A single run: validation in the palette's second colour as well as dashed, so it differs
            // by more than hue; folds keep their colour and differ by dash only.
            const QColor vColour = many ? colour : genreColor(1);
            QPen pen(vColour, 2.0, Qt::DashLine);
            s.validation->setPen(pen);
            s.validation->setPointsVisible(true);
            attach(s.validation);
            if (many)
                hideFromLegend(s.validation);

            s.best = new QScatterSeries;
            s.best->setName(tr("Best epoch"));
            s.best->setMarkerShape(QScatterSeries::MarkerShapeStar);
            s.best->setMarkerSize(16);
            s.best->setColor(many ? colour : genreColor(1));
            s.best->setBorderColor(palette().text().color());
            attach(s.best);
            if (many)
                hideFromLegend(s.best);
        }
        m_folds.push_back(s);
    }
    return m_folds[std::size_t(index)];
}

double TrainingChart::valueOf(const training::EpochRecord &r, bool validation) const
{
    switch (m_metric) {
    case Metric::Loss:
        return validation ? r.validationLoss : r.trainLoss;
    case Metric::Accuracy:
        return 100.0 * (validation ? r.validationAccuracy : r.trainAccuracy);
    case Metric::LearningRate:
        return r.learningRate;
    }
    return 0;
}

void TrainingChart::grow(double y)
{
    if (!std::isfinite(y) || (m_metric == Metric::LearningRate && !(y > 0)))
        return;
    if (!m_hasY) {
        m_yMin = m_yMax = y;
        m_hasY = true;
    } else {
        m_yMin = std::min(m_yMin, y);
        m_yMax = std::max(m_yMax, y);
    }
}

void TrainingChart::updateYRange()
{
    if (!m_hasY || m_metric == Metric::Accuracy)
        return;
    if (m_metric == Metric::LearningRate) {
        // Half a decade of room on both sides, so a constant rate sits inside the plot with a label on each side.
        const double lo = std::pow(10.0, std::floor(std::log10(m_yMin) - 0.5));
        const double hi = std::pow(10.0, std::ceil(std::log10(m_yMax) + 0.5));
        m_y->setRange(lo, hi);
    } else {
        auto *axis = static_cast<QValueAxis *>(m_y);
        axis->setRange(std::min(0.0, m_yMin), m_yMax > 0 ? m_yMax * 1.05 : 1.0);
        axis->applyNiceNumbers();
    }
}

void TrainingChart::addEpoch(int index, const training::EpochRecord &r)
{
    FoldSeries &f = fold(index);
    f.records.push_back(r);
    const double t = valueOf(r, false);
    f.train->append(r.epoch, t);
    grow(t);
    if (f.validation && r.hasValidation) {
        const double v = valueOf(r, true);
        f.validation->append(r.epoch, v);
        grow(v);
    }
    if (r.epoch > m_epochs) {
        m_epochs = r.epoch;
        m_x->setRange(1, m_epochs);
    }
    updateYRange();
    updateBestMarker(f);
}

void TrainingChart::setHistory(int index, const std::vector<training::EpochRecord> &history)
{
    FoldSeries &f = fold(index);
    f.records.clear();
    f.train->clear();
    if (f.validation)
        f.validation->clear();
    for (const auto &r : history)
        addEpoch(index, r);
    updateBestMarker(f);
}

void TrainingChart::addBatchPoints(int index, const QList<QPointF> &points)
{
    if (m_metric != Metric::Loss || points.isEmpty())
        return;
    FoldSeries &f = fold(index);
    f.batch->append(points);
    for (const QPointF &p : points)
        grow(p.y());
    updateYRange();
}

void TrainingChart::setBestEpoch(int index, int epoch)
{
    FoldSeries &f = fold(index);
    f.bestEpoch = epoch;
    updateBestMarker(f);
}

void TrainingChart::updateBestMarker(FoldSeries &f)
{
    if (!f.best)
        return;
    f.best->clear();
    for (const auto &r : f.records)
        if (r.epoch == f.bestEpoch)
            f.best->append(r.epoch, valueOf(r, r.hasValidation));
}

int TrainingChart::epochPointCount(int index) const
{
    return index >= 0 && index < int(m_folds.size()) ? m_folds[std::size_t(index)].train->count() : 0;
}

int TrainingChart::validationPointCount(int index) const
{
    if (index < 0 || index >= int(m_folds.size()) || !m_folds[std::size_t(index)].validation)
        return 0;
    return m_folds[std::size_t(index)].validation->count();
}

int TrainingChart::batchPointCount(int index) const
{
    if (index < 0 || index >= int(m_folds.size()) || !m_folds[std::size_t(index)].batch)
        return 0;
    return m_folds[std::size_t(index)].batch->count();
}

int TrainingChart::bestEpoch(int index) const
{
    return index >= 0 && index < int(m_folds.size()) ? m_folds[std::size_t(index)].bestEpoch : 0;
}

} // namespace genrescope::ui
