#pragma once

#include "base/canceltoken.h"
#include "training/trainingrun.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace genrescope::ui {

class TrainingChart;
class TrainingJob;

/** What a background scan of a training source found (or why it failed); for the view only. */
struct SourceScanOutcome
{
    quint64 generation = 0;
    std::optional<training::SourceScan> scan;
    base::Error error;
};

/**
 * The Train view: choose a dataset (its scan's class counts and left-out files are shown), a model
 * from the registry with an editor for each of its switches, the split or k folds, the optimiser and
 * schedule; Start, Cancel, Resume. Training is training::runTraining, the call behind
 * `genrescope-cli train`, on the view's own one-thread pool (TrainingJob); the GUI thread only
 * draws the live curves (loss, accuracy, learning rate; every fold of a k-fold run together), the
 * progress with the time left, and a log of what happened. Destroying the view cancels the run and
 * waits for it.
 */
class TrainingView : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingView(QWidget *parent = nullptr);
    ~TrainingView() override;

    bool isRunning() const;
    /** The run the form describes (what Start would do). */
    training::TrainingRequest request() const;

    /** Put a dataset folder, manifest or feature table in the form and scan it in the background. */
    void setDataSource(const QString &path);
    QString dataSource() const;
    void setOutputPath(const QString &path);
    QString outputPath() const;
    /** Select a registry model by name; false when there is none of that name. */
    bool selectModel(const QString &name);
    /** The model's switches as the editors hold them. */
    QJsonObject switchValues() const;

    TrainingChart *lossChart() const { return m_lossChart; }
    TrainingChart *accuracyChart() const { return m_accuracyChart; }
    TrainingChart *learningRateChart() const { return m_lrChart; }
    QString logText() const;
    /** The last finished scan, if any. */
    const std::optional<training::SourceScan> &lastScan() const { return m_scan; }
    /** Epoch records received so far, per fold. */
    const std::map<int, std::vector<training::EpochRecord>> &history() const { return m_history; }

public Q_SLOTS:
    void start();
    void cancel();
    /** Run the form's settings again, each fold continuing from its checkpoint where one exists. */
    void resume();
    /** Continue the run stored in `checkpoint` (its model, switches, split and options). */
    void resumeFrom(const QString &checkpoint);
    /** The three charts as one picture: PNG (or any raster format Qt writes) or SVG, by suffix. */
    bool exportCharts(const QString &path);
    /** fold,epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,best */
    bool exportHistoryCsv(const QString &path);

Q_SIGNALS:
    /** A run finished and wrote its model bundle here. */
    void bundleSaved(const QString &path);
    void runningChanged(bool running);
    /** A scan of the data source finished (successfully or not). */
    void scanFinished();

private:
    QWidget *buildSettings();
    QWidget *buildResults();
    void rebuildSwitchEditors();
    void updateButtons();
    void updateOutputSuggestion();
    void startScan();
    void showScan(const SourceScanOutcome &outcome);
    void launch(training::TrainingRequest request, bool resumed);
    void log(const QString &line);
    void flushBatchPoints();
    QString errorSentence(const base::Error &error) const;
    QString chooseFile(bool save, const QString &title, const QString &filter, const QString &suffix);

    void onDataPrepared(const training::PreparedSummary &summary);
    void onFoldStarted(int fold, int folds, const std::vector<training::EpochRecord> &resumedHistory);
    void onProgress(int fold, const training::TrainProgress &progress);
    void onFoldFinished(const training::FoldOutcome &outcome);
    void onFinished(const training::TrainingRunResult &result);
    void onFailed(const base::Error &error);

    // Dataset
    QLineEdit *m_sourceEdit = nullptr;
    QLabel *m_scanSummary = nullptr;
    QTableWidget *m_classTable = nullptr;
    QTableWidget *m_skippedTable = nullptr;
    // Model
    QComboBox *m_modelCombo = nullptr;
    QLabel *m_modelDescription = nullptr;
    QWidget *m_switchBox = nullptr;
    QFormLayout *m_switchForm = nullptr;
    std::vector<std::pair<std::string, QWidget *>> m_switchEditors;
    // Split
    QRadioButton *m_splitRadio = nullptr;
    QRadioButton *m_foldsRadio = nullptr;
    QDoubleSpinBox *m_valFraction = nullptr;
    QDoubleSpinBox *m_testFraction = nullptr;
    QSpinBox *m_folds = nullptr;
    QSpinBox *m_seed = nullptr;
    // Optimisation
    QComboBox *m_optimizer = nullptr;
    QDoubleSpinBox *m_lr = nullptr;
    QSpinBox *m_batch = nullptr;
    QSpinBox *m_epochs = nullptr;
    QDoubleSpinBox *m_weightDecay = nullptr;
    QSpinBox *m_patience = nullptr;
    QSpinBox *m_plateauPatience = nullptr;
    QDoubleSpinBox *m_gainDb = nullptr;
    QDoubleSpinBox *m_timeShift = nullptr;
    QSpinBox *m_threads = nullptr;
    QCheckBox *m_useCache = nullptr;
    QLineEdit *m_outputEdit = nullptr;
    bool m_outputEdited = false;
    // Actions
    QWidget *m_actionBar = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_resumeButton = nullptr;
    QPushButton *m_resumeFromButton = nullptr;
    QPushButton *m_exportChartsButton = nullptr;
    QPushButton *m_exportHistoryButton = nullptr;
    // Results
    QWidget *m_chartPanel = nullptr;
    TrainingChart *m_lossChart = nullptr;
    TrainingChart *m_accuracyChart = nullptr;
    TrainingChart *m_lrChart = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_timeLeft = nullptr;
    QPlainTextEdit *m_log = nullptr;

    TrainingJob *m_job = nullptr;
    QFutureWatcher<SourceScanOutcome> *m_scanWatcher = nullptr;
    base::CancelToken m_scanCancel;
    quint64 m_scanGeneration = 0;
    std::optional<training::SourceScan> m_scan;

    int m_runFolds = 1;
    std::vector<std::string> m_runLabels;
    std::map<int, std::vector<training::EpochRecord>> m_history;
    std::map<int, int> m_bestEpochs;
    int m_batchFold = 0;
    QList<QPointF> m_pendingBatch;
    QTimer *m_batchTimer = nullptr;
};

} // namespace genrescope::ui
