#pragma once

#include "inference/classify.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace genrescope::ui {

class ProbabilityChart;

/**
 * The song-level answer: the genre guess of the first model with its probability, a bar of every
 * genre, the aggregation rule (the guess follows it), and one row per model with its guess, models
 * that agree with the majority highlighted. Exports the per-segment and per-song predictions.
 */
class PredictionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PredictionPanel(QWidget *parent = nullptr);

    void clear(const QString &message = {});
    /** Live progress while segments arrive. */
    void setClassifying(int segmentsDone);
    void setResult(const inference::ClassifyResult &result);
    bool hasResult() const { return m_hasResult; }
    const inference::ClassifyResult &result() const { return m_result; }

    training::AggregationRule rule() const;
    void setRule(training::AggregationRule rule);
    /** The headline, e.g. "Metal  87%" (the genre's display name, genrenames.h). */
    QString guessText() const;
    ProbabilityChart *chart() const { return m_chart; }

    /** Write predictions (per song and per segment, every model) as CSV or JSON (by extension). */
    base::Status exportPredictions(const QString &path) const;

Q_SIGNALS:
    void ruleChanged();

private:
    void refresh();

    QLabel *m_guess;
    QLabel *m_status;
    QComboBox *m_ruleCombo;
    ProbabilityChart *m_chart;
    QTableWidget *m_table;
    inference::ClassifyResult m_result;
    bool m_hasResult = false;
};

} // namespace genrescope::ui
