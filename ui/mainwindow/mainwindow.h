#pragma once

#include "jobs/predictionjob.h"
#include "mainwindow/appsettings.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QStringList>

class QActionGroup;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QMimeData;
class QProgressBar;
class QTabWidget;
class QThreadPool;
class QToolButton;

namespace genrescope::base {
struct Error;
}

namespace genrescope::ui {

class AnalysisView;
class AudioPlayer;
class ComparisonView;
class EvaluationView;
class TrainingView;
class ModelInputDialog;
class ModelPanel;
class ModelSet;
class PredictionPanel;
class SettingsDialog;

/**
 * The main window: menus, status bar and the central analysis area. Accepts audio files dropped
 * anywhere on it; the first dropped file is opened, the rest are queued.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Open an audio file (from a drop, File > Open, Open Recent or the command line). */
    void openFile(const QString &path);

    /** The file currently shown, or empty. */
    QString currentFile() const { return m_currentFile; }
    /** Files dropped together with the current one, waiting to be opened. */
    QStringList queuedFiles() const { return m_queue; }

    /** File extensions (lower case, no dot) offered in the Open dialog and accepted on drop. */
    static QStringList audioExtensions();

    /** The work tabs of the central area, in order. */
    enum class WorkTab { Analysis, Train, Evaluate, Compare };
    void showTab(WorkTab tab);
    WorkTab currentTab() const;
    TrainingView *trainingView() const { return m_training; }
    EvaluationView *evaluationView() const { return m_evaluation; }
    ComparisonView *comparisonView() const { return m_comparison; }

    AnalysisView *analysisView() const { return m_analysis; }
    AudioPlayer *player() const { return m_player; }
    ModelSet *models() const { return m_models; }
    PredictionPanel *predictionPanel() const { return m_predictions; }
    /** Load a model file (bundle or TorchScript) into the model panel; errors are shown and returned. */
    bool loadModel(const QString &path);

    /** Export the analysis views as PNG or SVG (by the file's extension). */
    bool exportView(const QString &path);

    /**
     * Save `settings` and put them in effect: toolbar and views at once, the device and libtorch
     * threads from the next classification (and libtorch threads on the GUI thread now), the
     * language at the next start (the status bar says so).
     */
    void applySettings(const AppSettings &settings);
    /** What the next classification runs with. */
    ComputeSettings computeSettings() const { return m_compute; }

Q_SIGNALS:
    void fileOpened(const QString &path);

public Q_SLOTS:
    void showOpenDialog();
    void showAbout();
    void showExportDialog();
    void showLoadModelDialog();
    void showExportPredictionsDialog();
    /** Show the evaluation stored in a model file in the Evaluate tab. */
    void showEvaluateBundleDialog();
    /** Edit > Preferences: opens the settings dialog (window-modal, not blocking) and returns it. */
    SettingsDialog *showSettings();
    /** "What the model sees": the exact input tensor of a recipe for the current song. */
    ModelInputDialog *showModelInput();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void connectWorkTabs();
    void createToolBar();
    void applyDisplayControls();
    void onRangeSpinChanged();
    void onAnalysisFailed(const QString &path, const base::Error &error);
    void showError(const QString &message, const QString &details);
    void startPrediction();
    void cancelPrediction();
    void handlePredictions(int begin, int end);
    void rebuildRecentMenu();
    static QStringList localFiles(const QMimeData *mime);

    QString m_currentFile;
    QStringList m_queue;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_hoverLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QMenu *m_recentMenu = nullptr;
    AnalysisView *m_analysis = nullptr;
    QTabWidget *m_tabs = nullptr;
    TrainingView *m_training = nullptr;
    EvaluationView *m_evaluation = nullptr;
    ComparisonView *m_comparison = nullptr;
    bool m_evaluationShown = false;
    AudioPlayer *m_player = nullptr;
    QComboBox *m_viewCombo = nullptr;
    QComboBox *m_colorCombo = nullptr;
    QComboBox *m_fftCombo = nullptr;
    QComboBox *m_hopCombo = nullptr;
    QDoubleSpinBox *m_lowSpin = nullptr;
    QDoubleSpinBox *m_highSpin = nullptr;
    QAction *m_playAction = nullptr;
    QAction *m_modelInputAction = nullptr;
    ModelInputDialog *m_modelInput = nullptr;
    ModelSet *m_models = nullptr;
    ModelPanel *m_modelPanel = nullptr;
    PredictionPanel *m_predictions = nullptr;
    QThreadPool *m_inferencePool = nullptr;
    QFutureWatcher<PredictionUpdate> *m_predictionWatcher = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    ComputeSettings m_compute;
};

} // namespace genrescope::ui
