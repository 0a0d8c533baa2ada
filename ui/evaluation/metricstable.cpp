#include "metricstable.h"
#include "mainwindow/genrenames.h"
#include "base/csv.h"

#include <QHeaderView>
#include <algorithm>
#include <sstream>

namespace genrescope::ui {

namespace {

QTableWidgetItem *cell(const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(number ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    return item;
}

QString fixed3(double v)
{
    return QString::number(v, 'f', 3);
}

std::string full(double v)
{
    std::ostringstream os;
    os.precision(8);
    os << v;
    return os.str();
}

struct MacroAverages
{
    double precision = 0, recall = 0;
};

// Macro precision and recall over the classes with examples, the same set macro-F1 averages over.
MacroAverages macroAverages(const training::Metrics &m)
{
    MacroAverages a;
    int n = 0;
    for (const auto &c : m.perClass) {
        if (c.support <= 0)
            continue;
        a.precision += c.precision;
        a.recall += c.recall;
        ++n;
    }
    if (n > 0) {
        a.precision /= n;
        a.recall /= n;
    }
    return a;
}

} // namespace

MetricsTable::MetricsTable(QWidget *parent) : QTableWidget(parent)
{
    setColumnCount(5);
    setHorizontalHeaderLabels({tr("Genre"), tr("Precision"), tr("Recall"), tr("F1"), tr("Support")});
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setAccessibleName(tr("Per-class metrics"));
}

void MetricsTable::clearMetrics()
{
    m_hasMetrics = false;
    m_labels.clear();
    m_metrics = {};
    setRowCount(0);
}

void MetricsTable::setMetrics(const std::vector<std::string> &labels, const training::Metrics &metrics)
{
    m_labels = labels;
    m_metrics = metrics;
    m_hasMetrics = true;
    const int classes = int(metrics.perClass.size());
    const bool rejected = metrics.rejected > 0;
    setRowCount(classes + (rejected ? 1 : 0) + 2);
    QFont bold = font();
    bold.setBold(true);
    for (int c = 0; c < classes; ++c) {
        const auto &m = metrics.perClass[std::size_t(c)];
        setItem(c, 0, cell(c < int(labels.size()) ? genreDisplayName(labels[std::size_t(c)]) : QString::number(c), false));
        setItem(c, 1, cell(fixed3(m.precision)));
        setItem(c, 2, cell(fixed3(m.recall)));
        setItem(c, 3, cell(fixed3(m.f1)));
        setItem(c, 4, cell(QString::number(m.support)));
    }
    int row = classes;
    if (rejected) {
        setItem(row, 0, cell(tr("rejected (no decision)"), false));
        for (int col = 1; col < 4; ++col)
            setItem(row, col, cell(QString()));
        setItem(row, 4, cell(QString::number(metrics.rejected)));
        ++row;
    }
    setItem(row, 0, cell(tr("accuracy"), false));
    setItem(row, 1, cell(QString()));
    setItem(row, 2, cell(QString()));
    setItem(row, 3, cell(fixed3(metrics.accuracy)));
    setItem(row, 4, cell(QString::number(metrics.total)));
    const MacroAverages avg = macroAverages(metrics);
    ++row;
    setItem(row, 0, cell(tr("macro average"), false));
    setItem(row, 1, cell(fixed3(avg.precision)));
    setItem(row, 2, cell(fixed3(avg.recall)));
    setItem(row, 3, cell(fixed3(metrics.macroF1)));
    setItem(row, 4, cell(QString::number(metrics.total)));
    for (int r = row - 1; r <= row; ++r)
        for (int col = 0; col < 5; ++col)
            item(r, col)->setFont(bold);
    resizeColumnsToContents();
    // Show every row: a dozen short rows are worth their height more than a scroll bar.
    setMinimumHeight(std::min(horizontalHeader()->sizeHint().height() + rowCount() * verticalHeader()->defaultSectionSize() +
                                  2 * frameWidth() + 2,
                              480));
}

std::string MetricsTable::csv() const
{
    if (!m_hasMetrics)
        return {};
    std::string out = "label,precision,recall,f1,support\n";
    for (std::size_t c = 0; c < m_metrics.perClass.size(); ++c) {
        const auto &m = m_metrics.perClass[c];
        out += base::csvField(c < m_labels.size() ? m_labels[c] : std::to_string(c)) + "," + full(m.precision) + "," +
               full(m.recall) + "," + full(m.f1) + "," + std::to_string(m.support) + "\n";
    }
    if (m_metrics.rejected > 0)
        out += "rejected,,,," + std::to_string(m_metrics.rejected) + "\n";
    out += "accuracy,,," + full(m_metrics.accuracy) + "," + std::to_string(m_metrics.total) + "\n";
    const MacroAverages avg = macroAverages(m_metrics);
    out += "macro average," + full(avg.precision) + "," + full(avg.recall) + "," + full(m_metrics.macroF1) + "," +
           std::to_string(m_metrics.total) + "\n";
    return out;
}

} // namespace genrescope::ui
