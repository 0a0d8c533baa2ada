#include "mainwindow.h"

#include "audioplayer.h"
#include "jobs/predictionjob.h"
#include "modelpanel.h"
#include "modelset.h"
#include "models/loadedmodel.h"
#include "predictionpanel.h"
#include "views/segmenttimelineview.h"
#include "language.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/modelinputdialog.h"
#include "dialogs/settingsdialog.h"
#include "models/torchinfo.h"
#include "recentfiles.h"
#include "views/analysisview.h"
#include "views/spectrogramview.h"
#include "views/timeviewport.h"
#include "views/waveformview.h"
#include "compare/comparisonview.h"
#include "evaluation/evaluationview.h"
#include "training/trainingview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QSettings>
#include <QScrollArea>
#include <QTabWidget>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QThreadPool>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace genrescope::ui {

namespace {

/** The user-facing sentence for a core error code; the details (FFmpeg's text) go behind "Details". */
QString errorSentence(const base::Error &error, const QString &file)
{
    using base::ErrorCode;
    const QString name = QFileInfo(file).fileName();
    switch (error.code) {
    case ErrorCode::FileNotFound: return MainWindow::tr("%1 does not exist (any more). Check the path.").arg(name);
    case ErrorCode::IsDirectory: return MainWindow::tr("%1 is a folder, not an audio file.").arg(name);
    case ErrorCode::PermissionDenied: return MainWindow::tr("You do not have permission to read %1.").arg(name);
    case ErrorCode::EmptyFile: return MainWindow::tr("%1 is empty.").arg(name);
    case ErrorCode::NotAudio:
        return MainWindow::tr("%1 is not an audio file Genrescope can read. Try another file.").arg(name);
    case ErrorCode::NoAudioStream: return MainWindow::tr("%1 has no audio track.").arg(name);
    case ErrorCode::UnsupportedCodec:
        return MainWindow::tr("The audio format of %1 is not supported by this FFmpeg build.").arg(name);
    case ErrorCode::CorruptData: return MainWindow::tr("%1 is damaged: no audio could be decoded from it.").arg(name);
    case ErrorCode::ZeroLength: return MainWindow::tr("%1 contains no audio samples.").arg(name);
    case ErrorCode::TooLarge: return MainWindow::tr("%1 is too long to analyse as a whole.").arg(name);
    default: return MainWindow::tr("%1 could not be analysed.").arg(name);
    }
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName("mainWindow");
    setWindowTitle(tr("Genrescope"));
    setAcceptDrops(true);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    m_fileLabel = new QLabel(tr("Drop an audio file here, or use File > Open."), central);
    m_fileLabel->setObjectName("fileLabel");
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_fileLabel);
    m_analysis = new AnalysisView(central);
    m_analysis->setObjectName("analysisView");
    layout->addWidget(m_analysis, 1);

    // The analysis area is the first of four work tabs; Train, Evaluate and Compare run their own
    // pools, so switching tabs never waits for their work.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("workTabs");
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(central, tr("Analysis"));
    // Each work view scrolls inside its tab, so its minimum size never dictates the window's.
    const auto scrolled = [this](QWidget *view) {
        auto *area = new QScrollArea(m_tabs);
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setWidget(view);
        return area;
    };
    m_training = new TrainingView;
    m_training->setObjectName("trainingView");
    m_tabs->addTab(scrolled(m_training), tr("Train"));
    m_evaluation = new EvaluationView;
    m_evaluation->setObjectName("evaluationView");
    m_tabs->addTab(scrolled(m_evaluation), tr("Evaluate"));
    m_comparison = new ComparisonView;
    m_comparison->setObjectName("comparisonView");
    m_tabs->addTab(scrolled(m_comparison), tr("Compare"));
    setCentralWidget(m_tabs);

    const AppSettings saved = AppSettings::load();
    m_compute.torchThreads = saved.torchThreads;
    m_compute.allowCuda = saved.allowCuda;
    if (!saved.autoDbRange)
        m_analysis->setDbRange(std::pair{saved.dbLow, saved.dbHigh});

    m_player = new AudioPlayer(this);

    // Inference has its own pool, so classifying never waits behind decoding for the views.
    m_inferencePool = new QThreadPool(this);
    m_inferencePool->setMaxThreadCount(1);
    m_models = new ModelSet(this);
    m_modelPanel = new ModelPanel(m_models, this);
    auto *modelDock = new QDockWidget(tr("Models"), this);
    modelDock->setObjectName("modelDock");
    modelDock->setWidget(m_modelPanel);
    addDockWidget(Qt::LeftDockWidgetArea, modelDock);
    m_predictions = new PredictionPanel(this);
    auto *predictionDock = new QDockWidget(tr("Predictions"), this);
    predictionDock->setObjectName("predictionDock");
    predictionDock->setWidget(m_predictions);
    addDockWidget(Qt::RightDockWidgetArea, predictionDock);
    resizeDocks({modelDock, predictionDock}, {270, 300}, Qt::Horizontal);
    connectWorkTabs();
    QString reason;
    if (!m_models->loadDefault(&reason))
        m_modelPanel->setNotice(reason);
    connect(m_modelPanel, &ModelPanel::loadRequested, this, &MainWindow::showLoadModelDialog);
    connect(m_models, &ModelSet::changed, this, [this] {
        if (!m_currentFile.isEmpty())
            startPrediction();
    });

    m_statusLabel = new QLabel(tr("Ready"), this);
    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setObjectName("hoverLabel");
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the analysis"));
    m_cancelButton->hide();
    if (!m_player->available()) {
        // Said once, where the user looks, and the rest of the window works as usual.
        auto *noAudio = new QLabel(tr("No audio output"), this);
        noAudio->setObjectName("noAudioLabel");
        noAudio->setToolTip(m_player->unavailableReason());
        statusBar()->addPermanentWidget(noAudio);
    }
    statusBar()->addWidget(m_hoverLabel, 1);
    statusBar()->addPermanentWidget(m_statusLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);

    createActions();
    createToolBar();

    connect(m_cancelButton, &QToolButton::clicked, this, [this] {
        m_analysis->cancel();
        m_progress->hide();
        m_cancelButton->hide();
        m_statusLabel->setText(tr("Analysis cancelled"));
    });
    connect(m_analysis, &AnalysisView::progressChanged, this, [this](double f) {
        m_progress->setValue(int(f * 1000));
    });
    connect(m_analysis, &AnalysisView::analysisStarted, this, [this] {
        m_progress->setValue(0);
        m_progress->show();
        m_cancelButton->show();
        m_statusLabel->setText(tr("Analysing..."));
    });
    connect(m_analysis, &AnalysisView::analysisFinished, this,
            [this](const QString &path, bool partial, const QString &warning) {
                m_progress->hide();
                m_cancelButton->hide();
                const auto &info = m_analysis->info();
                const QFileInfo fi(path);
                m_fileLabel->setText(tr("%1   %2   %3, %4 Hz, %5 ch, %6 s")
                                         .arg(fi.fileName(), QLocale().formattedDataSize(fi.size()),
                                              QString::fromStdString(info.codec))
                                         .arg(info.sampleRate)
                                         .arg(info.channels)
                                         .arg(double(m_analysis->signal()->size()) / m_analysis->sampleRate(), 0, 'f', 2));
                m_player->setSignal(m_analysis->signal(), m_analysis->sampleRate());
                m_modelInputAction->setEnabled(true);
                if (m_modelInput && m_modelInput->isVisible())
                    m_modelInput->setSource(path, m_analysis->signal(), m_analysis->sampleRate());
                if (partial) {
                    m_statusLabel->setText(tr("Damaged file: only part of it could be decoded"));
                    m_fileLabel->setToolTip(warning);
                } else {
                    m_statusLabel->setText(tr("Ready"));
                }
            });
    connect(m_analysis, &AnalysisView::analysisFailed, this, &MainWindow::onAnalysisFailed);
    connect(m_analysis, &AnalysisView::hoverTextChanged, m_hoverLabel, &QLabel::setText);
    connect(m_analysis, &AnalysisView::valueRangeChanged, this, [this](float low, float high) {
        const QSignalBlocker a(m_lowSpin), b(m_highSpin);
        m_lowSpin->setValue(low);
        m_highSpin->setValue(high);
    });
    connect(m_analysis, &AnalysisView::seekRequested, m_player, &AudioPlayer::seek);
    connect(m_player, &AudioPlayer::positionChanged, m_analysis->viewport(), &TimeViewport::setPlayheadTime);
    connect(m_player, &AudioPlayer::playingChanged, this, [this](bool playing) {
        m_playAction->setText(playing ? tr("Pause") : tr("Play"));
    });
    connect(m_player, &AudioPlayer::errorOccurred, this, [this](const QString &m) { m_statusLabel->setText(m); });

    QSettings settings;
    if (!restoreGeometry(settings.value("mainWindow/geometry").toByteArray()))
        resize(1280, 800);
    restoreState(settings.value("mainWindow/state").toByteArray());
}

void MainWindow::connectWorkTabs()
{
    const auto openInAnalysis = [this](const QString &path) {
        showTab(WorkTab::Analysis);
        openFile(path);
    };
    connect(m_evaluation, &EvaluationView::openSongRequested, this, openInAnalysis);
    connect(m_comparison, &ComparisonView::openSongRequested, this, openInAnalysis);
    // A finished training run: its model joins the window's models (and so the timeline), and its
    // evaluation is one click away in the Evaluate tab.
    connect(m_training, &TrainingView::bundleSaved, this, [this](const QString &path) {
        loadModel(path);
        QString error;
        if (m_evaluation->showBundle(path, &error))
            m_statusLabel->setText(tr("Model trained and loaded: %1. Its evaluation is in the Evaluate tab.")
                                       .arg(QFileInfo(path).fileName()));
    });
    // The Compare tab offers the loaded models; the Evaluate tab follows the model picked in the panel.
    connect(m_models, &ModelSet::changed, this, [this] {
        QStringList paths;
        for (int i = 0; i < m_models->count(); ++i)
            if (!m_models->at(i).path.isEmpty())
                paths << m_models->at(i).path;
        m_comparison->setAvailableModels(paths);
        if (!m_evaluationShown && m_models->count() > 0)
            m_evaluationShown = m_evaluation->showBundle(m_models->at(0).path);
    });
    connect(m_modelPanel, &ModelPanel::currentModelChanged, this, [this](int index) {
        if (index >= 0 && index < m_models->count())
            m_evaluationShown = m_evaluation->showBundle(m_models->at(index).path) || m_evaluationShown;
    });
}

void MainWindow::showTab(WorkTab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

MainWindow::WorkTab MainWindow::currentTab() const
{
    return WorkTab(m_tabs->currentIndex());
}

void MainWindow::showEvaluateBundleDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Evaluate a Model"), QString(),
                                                      tr("Genrescope models (*.gsm);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_evaluation->showBundle(path, &error)) {
        showError(tr("The evaluation stored in %1 could not be shown.").arg(QFileInfo(path).fileName()), error);
        return;
    }
    showTab(WorkTab::Evaluate);
}

MainWindow::~MainWindow()
{
    // Stop a running classification before the pool (a child) waits for it.
    cancelPrediction();
    m_analysis->cancel();
}

QStringList MainWindow::audioExtensions()
{
    return {"mp3", "wav", "au", "flac", "ogg", "oga", "opus", "m4a", "aac", "aif", "aiff", "wma", "mp4", "mkv", "webm"};
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open..."), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName("actionOpen");
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName("menuRecent");
    rebuildRecentMenu();
    QAction *exportAct = file->addAction(tr("&Export View..."), this, &MainWindow::showExportDialog);
    exportAct->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportAct->setObjectName("actionExportView");
    file->addAction(tr("Export &Predictions..."), this, &MainWindow::showExportPredictionsDialog)
        ->setObjectName("actionExportPredictions");
    file->addSeparator();
    file->addAction(tr("&Load Model..."), this, &MainWindow::showLoadModelDialog)->setObjectName("actionLoadModel");
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName("actionQuit");

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *preferences = edit->addAction(tr("&Preferences..."), this, &MainWindow::showSettings);
    preferences->setObjectName("actionPreferences");
    preferences->setMenuRole(QAction::PreferencesRole);
    // The platform's standard shortcut; where the platform has none, Ctrl+, as on the others.
    preferences->setShortcut(QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                                 ? QKeySequence(tr("Ctrl+,"))
                                 : QKeySequence(QKeySequence::Preferences));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_playAction = view->addAction(tr("Play"), m_player, &AudioPlayer::toggle);
    m_playAction->setShortcut(QKeySequence(Qt::Key_Space));
    m_playAction->setObjectName("actionPlay");
    if (!m_player->available()) {
        m_playAction->setEnabled(false);
        m_playAction->setToolTip(m_player->unavailableReason());
    }
    QAction *start = view->addAction(tr("Go to Start"), this, [this] {
        m_analysis->viewport()->scrollTo(0);
        m_player->seek(0);
        m_analysis->viewport()->setPlayheadTime(0);
    });
    start->setShortcut(QKeySequence(Qt::Key_Home));
    QAction *end = view->addAction(tr("Go to End"), this, [this] {
        auto *vp = m_analysis->viewport();
        vp->scrollTo(vp->duration());
        vp->setPlayheadTime(vp->duration());
        m_player->seek(vp->duration());
    });
    end->setShortcut(QKeySequence(Qt::Key_End));
    view->addSeparator();
    QAction *zoomIn = view->addAction(tr("Zoom In"), this, [this] {
        auto *vp = m_analysis->viewport();
        vp->zoom(0.5, (vp->visibleStart() + vp->visibleEnd()) / 2);
    });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    zoomIn->setObjectName("actionZoomIn");
    QAction *zoomOut = view->addAction(tr("Zoom Out"), this, [this] {
        auto *vp = m_analysis->viewport();
        vp->zoom(2.0, (vp->visibleStart() + vp->visibleEnd()) / 2);
    });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *all = view->addAction(tr("Show Whole Song"), this, [this] { m_analysis->viewport()->showAll(); });
    all->setShortcut(QKeySequence(tr("Ctrl+0")));
    all->setObjectName("actionShowAll");
    QAction *left = view->addAction(tr("Scroll Left"), this, [this] { m_analysis->viewport()->scrollBy(-0.25); });
    left->setShortcut(QKeySequence(Qt::Key_Left));
    QAction *right = view->addAction(tr("Scroll Right"), this, [this] { m_analysis->viewport()->scrollBy(0.25); });
    right->setShortcut(QKeySequence(Qt::Key_Right));
    view->addSeparator();
    m_modelInputAction = view->addAction(tr("What the Model Sees..."), this, &MainWindow::showModelInput);
    m_modelInputAction->setObjectName("actionModelInput");
    m_modelInputAction->setShortcut(QKeySequence(tr("Ctrl+M")));
    m_modelInputAction->setToolTip(tr("Show the exact input tensor a model's feature recipe makes of this song"));
    m_modelInputAction->setEnabled(false);
    view->addSeparator();
    QAction *full = view->addAction(tr("Full Screen"), this, [this] {
        setWindowState(windowState() ^ Qt::WindowFullScreen);
    });
    full->setShortcut(QKeySequence::FullScreen);

    QMenu *language = view->addMenu(tr("&Language"));
    language->setObjectName("menuLanguage");
    auto *group = new QActionGroup(language);
    m_languageGroup = group;
    const QString saved = savedLanguage();
    QAction *system = language->addAction(tr("Follow the System"));
    system->setData(QString());
    system->setCheckable(true);
    system->setChecked(saved.isEmpty());
    group->addAction(system);
    connect(system, &QAction::triggered, this, [this] {
        saveLanguage({});
        m_statusLabel->setText(tr("The language changes when Genrescope is started again."));
    });
    for (const QString &code : availableLanguages()) {
        QAction *a = language->addAction(languageName(code));
        a->setData(code);
        a->setCheckable(true);
        a->setChecked(saved == code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            saveLanguage(code);
            m_statusLabel->setText(tr("The language changes when Genrescope is started again."));
        });
    }

    // Train menu: the work tabs, each with Ctrl+1..4, and a model file's stored evaluation.
    QMenu *train = menuBar()->addMenu(tr("&Train"));
    const std::pair<WorkTab, QString> tabActions[] = {{WorkTab::Analysis, tr("&Analysis")},
                                                      {WorkTab::Train, tr("&Train a Model")},
                                                      {WorkTab::Evaluate, tr("&Evaluate")},
                                                      {WorkTab::Compare, tr("&Compare Models")}};
    for (const auto &[tab, text] : tabActions) {
        QAction *a = train->addAction(text, this, [this, tab = tab] { showTab(tab); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(tab))));
        a->setObjectName(QStringLiteral("actionTab%1").arg(int(tab)));
    }
    train->addSeparator();
    train->addAction(tr("Evaluate a Model &File..."), this, &MainWindow::showEvaluateBundleDialog)
        ->setObjectName("actionEvaluateBundle");

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Genrescope"), this, &MainWindow::showAbout);
    about->setObjectName("actionAbout");
}

void MainWindow::createToolBar()
{
    QSettings settings;
    const AppSettings saved = AppSettings::load();
    QToolBar *bar = addToolBar(tr("Analysis"));
    bar->setObjectName("analysisToolBar");
    bar->addAction(findChild<QAction *>("actionOpen"));
    bar->addAction(m_playAction);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr("View:"), bar));
    m_viewCombo = new QComboBox(bar);
    m_viewCombo->setObjectName("viewCombo");
    for (ViewKind k : allViewKinds())
        m_viewCombo->addItem(viewKindName(k), viewKindId(k));
    m_viewCombo->setCurrentIndex(std::max(0, m_viewCombo->findData(settings.value("view/kind", "logmel128"))));
    bar->addWidget(m_viewCombo);

    bar->addWidget(new QLabel(tr(" Colours:"), bar));
    m_colorCombo = new QComboBox(bar);
    m_colorCombo->setObjectName("colorCombo");
    for (const QString &id : ColorMap::kindIds())
        m_colorCombo->addItem(ColorMap::displayName(ColorMap::kindFromId(id)), id);
    m_colorCombo->setCurrentIndex(std::max(0, m_colorCombo->findData(saved.colorMap)));
    bar->addWidget(m_colorCombo);

    bar->addWidget(new QLabel(tr(" Range:"), bar));
    m_lowSpin = new QDoubleSpinBox(bar);
    m_highSpin = new QDoubleSpinBox(bar);
    for (auto *spin : {m_lowSpin, m_highSpin}) {
        spin->setRange(-200, 200);
        spin->setDecimals(1);
        spin->setSingleStep(5);
        spin->setKeyboardTracking(false);
        bar->addWidget(spin);
    }
    m_lowSpin->setObjectName("rangeLowSpin");
    m_highSpin->setObjectName("rangeHighSpin");
    if (!saved.autoDbRange) {
        m_lowSpin->setValue(saved.dbLow);
        m_highSpin->setValue(saved.dbHigh);
    }
    m_lowSpin->setToolTip(tr("Lowest value shown (dB for spectra)"));
    m_highSpin->setToolTip(tr("Highest value shown (dB for spectra)"));

    bar->addWidget(new QLabel(tr(" FFT:"), bar));
    m_fftCombo = new QComboBox(bar);
    m_fftCombo->setObjectName("fftCombo");
    for (int n : AppSettings::fftSizes())
        m_fftCombo->addItem(QString::number(n), n);
    m_fftCombo->setCurrentIndex(std::max(0, m_fftCombo->findData(saved.nFft)));
    bar->addWidget(m_fftCombo);
    bar->addWidget(new QLabel(tr(" Hop:"), bar));
    m_hopCombo = new QComboBox(bar);
    m_hopCombo->setObjectName("hopCombo");
    for (int n : AppSettings::hops())
        m_hopCombo->addItem(QString::number(n), n);
    m_hopCombo->setCurrentIndex(std::max(0, m_hopCombo->findData(saved.hop)));
    bar->addWidget(m_hopCombo);
    bar->addSeparator();
    bar->addAction(m_modelInputAction);

    for (QComboBox *c : {m_viewCombo, m_fftCombo, m_hopCombo})
        connect(c, &QComboBox::currentIndexChanged, this, &MainWindow::applyDisplayControls);
    connect(m_colorCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QString id = m_colorCombo->currentData().toString();
        QSettings().setValue("view/colorMap", id);
        m_analysis->setColorMap(ColorMap::kindFromId(id));
    });
    connect(m_lowSpin, &QDoubleSpinBox::valueChanged, this, &MainWindow::onRangeSpinChanged);
    connect(m_highSpin, &QDoubleSpinBox::valueChanged, this, &MainWindow::onRangeSpinChanged);

    m_analysis->setColorMap(ColorMap::kindFromId(m_colorCombo->currentData().toString()));
    applyDisplayControls();
}

void MainWindow::applyDisplayControls()
{
    DisplaySettings d = m_analysis->displaySettings();
    d.kind = viewKindFromId(m_viewCombo->currentData().toString());
    d.nFft = m_fftCombo->currentData().toInt();
    d.hop = std::min(m_hopCombo->currentData().toInt(), d.nFft);
    QSettings settings;
    settings.setValue("view/kind", viewKindId(d.kind));
    settings.setValue("view/nFft", d.nFft);
    settings.setValue("view/hop", d.hop);
    m_analysis->setDisplaySettings(d);
}

void MainWindow::onRangeSpinChanged()
{
    const float low = float(m_lowSpin->value()), high = float(m_highSpin->value());
    m_analysis->setValueRange(low, high);
    // A range chosen on a dB layer becomes the dB range of every later song and dB view.
    if (m_analysis->spectrogram()->axis().valueUnit == "dB" && low < high) {
        m_analysis->setDbRange(std::pair{low, high});
        QSettings settings;
        settings.setValue("view/dbAuto", false);
        settings.setValue("view/dbLow", double(low));
        settings.setValue("view/dbHigh", double(high));
    }
}

SettingsDialog *MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(AppSettings::load(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(dialog->settings()); });
    dialog->open();
    return dialog;
}

void MainWindow::applySettings(const AppSettings &settings)
{
    const AppSettings old = AppSettings::load();
    settings.save();
    {
        const QSignalBlocker a(m_colorCombo), b(m_fftCombo), c(m_hopCombo), d(m_lowSpin), e(m_highSpin);
        m_colorCombo->setCurrentIndex(std::max(0, m_colorCombo->findData(settings.colorMap)));
        m_fftCombo->setCurrentIndex(std::max(0, m_fftCombo->findData(settings.nFft)));
        m_hopCombo->setCurrentIndex(std::max(0, m_hopCombo->findData(settings.hop)));
        if (!settings.autoDbRange) {
            m_lowSpin->setValue(settings.dbLow);
            m_highSpin->setValue(settings.dbHigh);
        }
    }
    m_analysis->setColorMap(ColorMap::kindFromId(settings.colorMap));
    if (settings.autoDbRange)
        m_analysis->setDbRange(std::nullopt);
    else
        m_analysis->setDbRange(std::pair{settings.dbLow, settings.dbHigh});
    const bool layerChanged = settings.nFft != old.nFft || settings.hop != old.hop ||
                              settings.autoDbRange != old.autoDbRange || settings.dbLow != old.dbLow ||
                              settings.dbHigh != old.dbHigh;
    if (layerChanged) {
        // Recompute the layer so the new FFT size and dB range show on the song that is open.
        m_analysis->resetValueRange();
        applyDisplayControls();
    }

    if (settings.torchThreads != m_compute.torchThreads)
        models::configureTorchThreads(settings.torchThreads);
    m_compute.torchThreads = settings.torchThreads;
    m_compute.allowCuda = settings.allowCuda;

    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == settings.language);
    if (settings.language != old.language)
        m_statusLabel->setText(tr("The language changes when Genrescope is started again."));
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentFiles::load();
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("(no recent files)"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            RecentFiles::clear();
            rebuildRecentMenu();
        });
    }
}

void MainWindow::showOpenDialog()
{
    QSettings settings;
    QStringList patterns;
    for (const QString &ext : audioExtensions())
        patterns << "*." + ext;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Audio File"), settings.value("lastFolder").toString(),
        tr("Audio files (%1);;All files (*)").arg(patterns.join(' ')));
    if (path.isEmpty())
        return;
    settings.setValue("lastFolder", QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        m_statusLabel->setText(tr("Cannot open %1: the file does not exist.").arg(path));
        return;
    }
    m_player->stop();
    m_player->setSignal(nullptr, 0);
    m_modelInputAction->setEnabled(false);
    m_currentFile = info.absoluteFilePath();
    m_fileLabel->setText(tr("%1   %2").arg(info.fileName(), QLocale().formattedDataSize(info.size())));
    m_fileLabel->setToolTip(m_currentFile);
    setWindowTitle(tr("%1 - Genrescope").arg(info.fileName()));
    RecentFiles::add(m_currentFile);
    QSettings().setValue("lastFolder", info.absolutePath());
    rebuildRecentMenu();
    m_analysis->openFile(m_currentFile);
    startPrediction();
    Q_EMIT fileOpened(m_currentFile);
}

void MainWindow::cancelPrediction()
{
    if (m_predictionWatcher) {
        m_predictionWatcher->disconnect(this);
        m_predictionWatcher->cancel();
        m_predictionWatcher->deleteLater();
        m_predictionWatcher = nullptr;
    }
}

void MainWindow::startPrediction()
{
    cancelPrediction();
    const std::vector<ModelEntry> entries = m_models->enabledEntries();
    QStringList names, labels;
    for (const auto &e : entries)
        names << e.displayName;
    if (!entries.empty())
        for (const auto &l : entries.front().model->labels())
            labels << QString::fromStdString(l);
    m_analysis->timeline()->reset(names, labels);
    if (entries.empty()) {
        m_predictions->clear(m_models->count() == 0 ? tr("No model is loaded: load one to see genre predictions.")
                                                    : tr("Every model is switched off."));
        return;
    }
    m_predictions->clear();
    m_predictions->setClassifying(0);
    m_predictionWatcher = new QFutureWatcher<PredictionUpdate>(this);
    connect(m_predictionWatcher, &QFutureWatcher<PredictionUpdate>::resultsReadyAt, this, &MainWindow::handlePredictions);
    m_predictionWatcher->setFuture(ui::startPrediction(m_inferencePool, m_currentFile, entries, m_compute));
}

void MainWindow::handlePredictions(int begin, int end)
{
    if (!m_predictionWatcher)
        return;
    const QFuture<PredictionUpdate> future = m_predictionWatcher->future();
    for (int i = begin; i < end; ++i) {
        const PredictionUpdate u = future.resultAt(i);
        switch (u.type) {
        case PredictionUpdate::Type::Segment:
            m_analysis->timeline()->addSegment(u.segment.model, u.segment.startSeconds, u.segment.endSeconds,
                                               u.segment.probabilities);
            m_predictions->setClassifying(m_analysis->timeline()->segmentCount(0));
            break;
        case PredictionUpdate::Type::Finished:
            m_predictions->setResult(u.result);
            break;
        case PredictionUpdate::Type::Failed:
            if (!u.error.isCancelled())
                m_predictions->clear(errorSentence(u.error, m_currentFile) + "\n" +
                                     QString::fromStdString(u.error.toString()));
            break;
        }
    }
}

bool MainWindow::loadModel(const QString &path)
{
    auto s = m_models->load(path);
    if (!s.ok()) {
        showError(tr("%1 is not a model Genrescope can use.").arg(QFileInfo(path).fileName()),
                  QString::fromStdString(s.error().toString()));
        return false;
    }
    m_modelPanel->setNotice({});
    return true;
}

void MainWindow::showLoadModelDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Model"), settings.value("lastModelFolder").toString(),
        tr("Models (*.gsm *.pt *.pth);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue("lastModelFolder", QFileInfo(path).absolutePath());
    loadModel(path);
}

void MainWindow::showExportPredictionsDialog()
{
    if (!m_predictions->hasResult()) {
        m_statusLabel->setText(tr("There are no predictions to export yet."));
        return;
    }
    QSettings settings;
    const QString base = QFileInfo(m_currentFile).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Predictions"), QDir(settings.value("lastFolder").toString()).filePath(base + ".csv"),
        tr("CSV table (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    auto s = m_predictions->exportPredictions(path);
    if (!s.ok())
        showError(tr("The predictions could not be written to %1.").arg(path), QString::fromStdString(s.error().toString()));
}

void MainWindow::onAnalysisFailed(const QString &path, const base::Error &error)
{
    m_progress->hide();
    m_cancelButton->hide();
    const QString sentence = errorSentence(error, path);
    m_statusLabel->setText(sentence);
    m_fileLabel->setText(sentence);
    showError(sentence, QString::fromStdString(error.toString()));
}

void MainWindow::showError(const QString &message, const QString &details)
{
    // Non-modal, so a drop of the next file is never blocked by an error box.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Genrescope"), message, QMessageBox::Close, this);
    box->setObjectName("errorBox");
    box->setDetailedText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

ModelInputDialog *MainWindow::showModelInput()
{
    if (!m_analysis->signal())
        return nullptr;
    if (!m_modelInput)
        m_modelInput = new ModelInputDialog(this);
    m_modelInput->setSource(m_currentFile, m_analysis->signal(), m_analysis->sampleRate());
    m_modelInput->show();
    m_modelInput->raise();
    return m_modelInput;
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::showExportDialog()
{
    QSettings settings;
    const QString base = QFileInfo(m_currentFile).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export View"), QDir(settings.value("lastFolder").toString()).filePath(base + ".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    if (!exportView(path))
        showError(tr("The view could not be written to %1.").arg(path), {});
}

bool MainWindow::exportView(const QString &path)
{
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(m_analysis->size());
        svg.setViewBox(m_analysis->rect());
        svg.setTitle(QFileInfo(m_currentFile).fileName());
        svg.setDescription(tr("Genrescope analysis view"));
        QPainter painter;
        if (!painter.begin(&svg))
            return false;
        m_analysis->render(&painter);
        return painter.end();
    }
    return m_analysis->grab().save(path);
}

QStringList MainWindow::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    }
    return files;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    m_queue = files.mid(1);
    openFile(files.first());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    cancelPrediction();
    m_player->stop();
    m_analysis->cancel();
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState());
    QMainWindow::closeEvent(event);
}

} // namespace genrescope::ui
