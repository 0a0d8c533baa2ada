#pragma once

#include "training/evaluation.h"

#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace genrescope::ui {

class ConfusionMatrixView;
class MetricsTable;

/**
 * The Evaluate view: a stored or freshly computed evaluation as a confusion matrix (segment or song
 * level, counts or row %), per-class metrics, and the songs behind a clicked cell with their top
 * genre scores. The song level can be recomputed under another aggregation rule when the evaluation
 * kept its segment probabilities (training::reaggregate); a k-fold evaluation adds a fold selector
 * with every fold pooled (each song is in exactly one test fold) and the mean +- standard deviation
 * over the folds. Exports: the matrix as PNG/SVG, the matrix, the metrics and the song list as CSV.
 *
 * Everything it computes is cheap (a few thousand songs at most) and runs on the GUI thread.
 */
class EvaluationView : public QWidget
{
    Q_OBJECT
public:
    enum class Level { Song, Segment };

    explicit EvaluationView(QWidget *parent = nullptr);
    ~EvaluationView() override;

    /**
     * Shows the evaluation stored in a model bundle (a k-fold summary or a single test evaluation).
     * On failure returns false, leaves the view as it was and puts a translated sentence in *error.
     */
    bool showBundle(const QString &bundlePath, QString *error = nullptr);
    /** Shows a result computed elsewhere (a training run, a comparison). */
    void showEvaluation(const QString &title, const training::EvaluationResult &result);
    /** Shows the test folds of a k-fold run. */
    void showFolds(const QString &title, const training::FoldSummary &folds);
    void clear();

    // Controls, as the user sets them.
    void setLevel(Level level);
    Level level() const;
    /** Recompute the song level under `rule`; false when the evaluation has no segment probabilities. */
    bool setRule(training::AggregationRule rule, int threshold = 0);
    training::AggregationRule rule() const;
    int threshold() const;
    /** -1 = all folds pooled; 0..k-1 = one fold. Ignored for a single evaluation. */
    void setFold(int fold);
    int fold() const { return m_fold; }
    int foldCount() const { return int(m_folds.size()); }
    void setNormalised(bool normalised);
    bool canReaggregate() const;

    /** The evaluation shown (fold or pooled, under the chosen rule). */
    const training::EvaluationResult *currentResult() const;
    /** Files listed for the selected cell. */
    std::vector<training::FilePrediction> listedSongs() const;
    QString title() const { return m_title; }
    QString summaryText() const;

    ConfusionMatrixView *matrixView() const { return m_matrix; }
    MetricsTable *metricsTable() const { return m_metrics; }
    QTableWidget *songTable() const { return m_songs; }
    QComboBox *levelCombo() const { return m_levelCombo; }
    QComboBox *ruleCombo() const { return m_ruleCombo; }
    QSpinBox *thresholdSpin() const { return m_thresholdSpin; }
    QComboBox *foldCombo() const { return m_foldCombo; }
    QPushButton *openButton() const { return m_openButton; }

    /** Select the cell (as a click does) and list its songs. predicted -1 = rejected songs. */
    void selectCell(int trueLabel, int predictedLabel);

    // Exports; on failure false with a translated sentence in *error.
    bool exportMatrixPng(const QString &path, QString *error = nullptr) const;
    bool exportMatrixSvg(const QString &path, QString *error = nullptr) const;
    bool exportConfusionCsv(const QString &path, QString *error = nullptr) const;
    bool exportMetricsCsv(const QString &path, QString *error = nullptr) const;
    bool exportSongsCsv(const QString &path, QString *error = nullptr) const;

    /** CSV texts the exports write. */
    std::string confusionCsv() const;
    std::string songsCsv() const;

Q_SIGNALS:
    /** The user asked to see this song in the analysis view. */
    void openSongRequested(const QString &path);

private:
    void buildUi();
    void setResults(const QString &title, std::vector<training::EvaluationResult> folds);
    void recompute();
    void refreshSongs();
    void updateControls();
    void exportWithDialog(int what);
    void openSelectedSong();
    const training::Metrics &currentMetrics() const;
    bool writeText(const QString &path, const std::string &text, QString *error) const;

    QString m_title;
    std::vector<training::EvaluationResult> m_folds; ///< one entry for a single evaluation
    bool m_isKFold = false;
    int m_fold = -1;
    std::optional<training::EvaluationResult> m_current;
    std::vector<training::EvaluationResult> m_currentFolds; ///< every fold under the chosen rule, for mean +- std
    int m_cellTrue = -2, m_cellPred = -2;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_foldLabel = nullptr;
    QComboBox *m_foldCombo = nullptr;
    QComboBox *m_levelCombo = nullptr;
    QComboBox *m_ruleCombo = nullptr;
    QLabel *m_thresholdLabel = nullptr;
    QSpinBox *m_thresholdSpin = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QToolButton *m_exportButton = nullptr;
    ConfusionMatrixView *m_matrix = nullptr;
    MetricsTable *m_metrics = nullptr;
    QLabel *m_songsLabel = nullptr;
    QTableWidget *m_songs = nullptr;
    QPushButton *m_openButton = nullptr;
};

} // namespace genrescope::ui
