#pragma once

#include "base/canceltoken.h"
#include "compare/comparisonjob.h"
#include "inference/comparison.h"

#include <QFutureWatcher>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QThreadPool;

namespace genrescope::ui {

class ConfusionMatrixView;

/**
 * Compare several models (bundles or TorchScript modules) on one labelled dataset (folder per genre
 * or CSV manifest): the summary table (segment and song accuracy, macro-F1, parameters, ms per song),
 * the song-level confusion matrices side by side, McNemar's test for every pair, the songs on which
 * the models disagree and the files that were skipped. The numbers are inference::runComparison()'s,
 * the same as `genrescope-cli compare`.
 *
 * The work runs on the view's own thread pools (one thread for the job, the files in parallel on a
 * second pool), so the window never waits; Cancel stops it between files, segments and batches.
 * Double-clicking a song in the disagreement list emits openSongRequested().
 */
class ComparisonView : public QWidget
{
    Q_OBJECT
public:
    explicit ComparisonView(QWidget *parent = nullptr);
    ~ComparisonView() override;

    /** Model files the user can pick from (e.g. the window's loaded models); added checked, once each. */
    void setAvailableModels(const QStringList &paths);
    /** The checked model files, in list order. */
    QStringList selectedModels() const;
    void setDatasetPath(const QString &path);
    QString datasetPath() const;

    bool isRunning() const;
    /** The last finished comparison, if any. */
    const inference::ComparisonResult *result() const { return m_result ? &*m_result : nullptr; }

    /** Write summary.csv, mcnemar.csv, disagreements.csv, skipped.csv and per-model confusion CSVs into `dir`. */
    bool exportTables(const QString &dir, QString *error = nullptr) const;
    /**
     * Write each model's matrix as `<base>_<i>.<png|svg>` next to `file` (the suffix of `file` picks
     * the format); returns the files written, empty on failure.
     */
    QStringList exportMatrices(const QString &file, QString *error = nullptr) const;

    /** The matrix views of the last result, one per model (for tests). */
    std::vector<ConfusionMatrixView *> matrixViews() const { return m_matrixViews; }

public Q_SLOTS:
    /** Start the comparison with the checked models and the dataset; does nothing while one runs. */
    void run();
    void cancel();

Q_SIGNALS:
    void openSongRequested(const QString &path);
    /** A comparison finished, failed or was cancelled; result() holds it when it succeeded. */
    void comparisonFinished(bool ok);

private:
    void addModelFiles();
    void removeSelectedModels();
    void chooseDatasetFolder();
    void chooseDatasetCsv();
    void refreshSongChoices();
    void updateButtons();
    void onFinished();
    void showResult(const inference::ComparisonResult &r);
    void showDisagreements(const inference::ComparisonResult &r);
    void exportTablesInteractive();
    void exportMatricesInteractive();
    QString errorSentence(const ComparisonOutcome &o) const;

    QListWidget *m_models = nullptr;
    QLineEdit *m_dataset = nullptr;
    QComboBox *m_rule = nullptr;
    QSpinBox *m_minVotes = nullptr; ///< T of vote with threshold
    QComboBox *m_songs = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_summary = nullptr;
    QTableWidget *m_mcnemar = nullptr;
    QTableWidget *m_disagreements = nullptr;
    QTableWidget *m_skipped = nullptr;
    QCheckBox *m_rowPercent = nullptr;
    QWidget *m_matrixPanel = nullptr;
    QHBoxLayout *m_matrixLayout = nullptr;
    QPushButton *m_exportTables = nullptr;
    QPushButton *m_exportMatrices = nullptr;
    std::vector<ConfusionMatrixView *> m_matrixViews;

    QThreadPool *m_pool = nullptr;    ///< runs the job
    QThreadPool *m_workers = nullptr; ///< classifies the files
    QFutureWatcher<ComparisonOutcome> m_watcher;
    base::CancelToken m_cancelToken;
    std::optional<inference::ComparisonResult> m_result;
    QString m_lastDir;
};

} // namespace genrescope::ui
