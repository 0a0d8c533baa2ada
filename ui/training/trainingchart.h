#pragma once

#include "training/trainer.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <vector>

class QAbstractAxis;
class QAbstractSeries;
class QLineSeries;
class QScatterSeries;

namespace genrescope::ui {

/**
 * Live curves of one training metric (QtCharts): per epoch for training (solid) and validation
 * (dashed), the running per-batch loss as a thin line (loss chart only), and the best epoch as a
 * star on the validation curve. Each fold of a k-fold run gets its colour from the genre palette
 * (Okabe-Ito, readable by colour-blind users), so all folds are drawn together. The x axis is the
 * epoch (1-based; a batch at b of B in epoch e sits at e - 1 + b / B). GUI thread only.
 */
class TrainingChart : public QChartView
{
    Q_OBJECT
public:
    enum class Metric { Loss, Accuracy, LearningRate };

    explicit TrainingChart(Metric metric, QWidget *parent = nullptr);

    Metric metric() const { return m_metric; }
    /** Remove every curve; the x axis spans 1..epochs, `folds` decides how the legend reads. */
    void reset(int folds, int epochs);
    /** Append one epoch of `fold` (0-based). */
    void addEpoch(int fold, const training::EpochRecord &record);
    /** Replace every epoch point of `fold` by `history` (after a resume or when a fold ends). */
    void setHistory(int fold, const std::vector<training::EpochRecord> &history);
    /** Append running per-batch losses (x in epochs as above); ignored by other metrics. */
    void addBatchPoints(int fold, const QList<QPointF> &points);
    /** Mark epoch `epoch` (1-based; 0 = none) of `fold` as its best. */
    void setBestEpoch(int fold, int epoch);

    int foldCount() const { return int(m_folds.size()); }
    int epochPointCount(int fold) const;      ///< training points of the fold
    int validationPointCount(int fold) const;
    int batchPointCount(int fold) const;
    int bestEpoch(int fold) const;

private:
    struct FoldSeries
    {
        QLineSeries *train = nullptr;
        QLineSeries *validation = nullptr;
        QLineSeries *batch = nullptr;
        QScatterSeries *best = nullptr;
        int bestEpoch = 0;
        std::vector<training::EpochRecord> records;
    };
    FoldSeries &fold(int index);
    void attach(QAbstractSeries *series);
    void hideFromLegend(QAbstractSeries *series);
    void applyPalette();
    void grow(double y);
    void updateYRange();
    void updateBestMarker(FoldSeries &f);
    double valueOf(const training::EpochRecord &r, bool validation) const;

    Metric m_metric;
    int m_foldTotal = 1;
    int m_epochs = 1;
    double m_yMin = 0, m_yMax = 0;
    bool m_hasY = false;
    QAbstractAxis *m_x = nullptr;
    QAbstractAxis *m_y = nullptr;
    std::vector<FoldSeries> m_folds;
};

} // namespace genrescope::ui
