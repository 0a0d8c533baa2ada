#pragma once

#include <QChartView>
#include <QStringList>
#include <vector>

class QHorizontalStackedBarSeries;

namespace genrescope::ui {

/**
 * Horizontal bars of every genre's probability (QtCharts), each bar in its genre's colour. All
 * QtCharts use stays in ui/charts so a later move to Qt Graphs is local.
 */
class ProbabilityChart : public QChartView
{
    Q_OBJECT
public:
    explicit ProbabilityChart(QWidget *parent = nullptr);

    void setProbabilities(const QStringList &labels, const std::vector<float> &probabilities);
    void clear();
    /** The values shown, in label order (for tests and export). */
    std::vector<float> values() const { return m_values; }
    QStringList labels() const { return m_labels; }

private:
    QStringList m_labels;
    std::vector<float> m_values;
};

} // namespace genrescope::ui
