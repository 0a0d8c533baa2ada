#pragma once

#include "training/evaluation.h"

#include <QTableWidget>
#include <string>
#include <vector>

namespace genrescope::ui {

/**
 * Per-class precision, recall, F1 and support of one evaluation level, followed by a "rejected" row
 * (when the vote threshold rejected anything), accuracy and the macro average (over classes with
 * examples, as training::Metrics::macroF1). Read-only; figures shown with three decimals, exported
 * with full precision.
 */
class MetricsTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit MetricsTable(QWidget *parent = nullptr);

    void setMetrics(const std::vector<std::string> &labels, const training::Metrics &metrics);
    void clearMetrics();

    /** label,precision,recall,f1,support per class, then the summary rows; empty when nothing shown. */
    std::string csv() const;

private:
    std::vector<std::string> m_labels;
    training::Metrics m_metrics;
    bool m_hasMetrics = false;
};

} // namespace genrescope::ui
