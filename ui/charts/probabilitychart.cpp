#include "probabilitychart.h"

#include "views/colormap.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

namespace genrescope::ui {

ProbabilityChart::ProbabilityChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->hide();
    chart()->setMargins(QMargins(2, 2, 2, 2));
    chart()->setBackgroundRoundness(0);
    setMinimumHeight(220);
}

void ProbabilityChart::clear()
{
    chart()->removeAllSeries();
    for (QAbstractAxis *a : chart()->axes())
        chart()->removeAxis(a);
    m_labels.clear();
    m_values.clear();
}

void ProbabilityChart::setProbabilities(const QStringList &labels, const std::vector<float> &probabilities)
{
    clear();
    m_labels = labels;
    m_values = probabilities;
    // One set per genre holding only its own category, so every bar can carry its genre's colour.
    // Horizontal categories run bottom-up: list them reversed so the first label is at the top.
    const int n = int(labels.size());
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.8);
    for (int g = 0; g < n; ++g) {
        auto *set = new QBarSet(labels[g]);
        for (int c = 0; c < n; ++c)
            *set << (c == n - 1 - g && std::size_t(g) < probabilities.size() ? 100.0 * probabilities[std::size_t(g)] : 0.0);
        set->setColor(genreColor(g));
        set->setBorderColor(genreColor(g).darker(130));
        series->append(set);
    }
    chart()->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    QStringList reversed;
    for (int g = n - 1; g >= 0; --g)
        reversed << labels[g];
    categories->append(reversed);
    chart()->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    values->setRange(0, 100);
    values->setLabelFormat("%.0f%%");
    values->setTickCount(3); // 0, 50, 100 %: more labels get elided in a narrow dock
    chart()->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
}

} // namespace genrescope::ui
