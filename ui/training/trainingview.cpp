#include "trainingview.h"

#include "trainingchart.h"
#include "trainingjob.h"

#include "models/registry.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace genrescope::ui {

namespace fs = std::filesystem;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

fs::path localPath(const QString &s)
{
    return fs::path(QFile::encodeName(s).toStdString());
}

QString fromLocal(const fs::path &p)
{
    return QFile::decodeName(QByteArray::fromStdString(p.string()));
}

QString formatDuration(double seconds)
{
    const qint64 s = qint64(std::max(0.0, seconds) + 0.5);
    if (s >= 3600)
        return QString::asprintf("%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return QString::asprintf("%lld:%02lld", s / 60, s % 60);
}

QString percent(double fraction)
{
    return QString::number(100.0 * fraction, 'f', 1) + QLatin1Char('%');
}

/** Best epoch as the trainer picks it: the first highest validation accuracy, else the last epoch. */
int bestEpochOf(const std::vector<training::EpochRecord> &history)
{
    int best = 0;
    double score = -1;
    for (const auto &r : history) {
        const double s = r.hasValidation ? r.validationAccuracy : double(r.epoch);
        if (s > score || best == 0) {
            score = s;
            best = r.epoch;
        }
    }
    return best;
}

QDoubleSpinBox *doubleSpin(double min, double max, double step, int decimals, double value, const char *name)
{
    auto *s = new QDoubleSpinBox;
    s->setRange(min, max);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setValue(value);
    s->setObjectName(QLatin1String(name));
    return s;
}

QSpinBox *intSpin(int min, int max, int value, const char *name)
{
    auto *s = new QSpinBox;
    s->setRange(min, max);
    s->setValue(value);
    s->setObjectName(QLatin1String(name));
    return s;
}

SourceScanOutcome runScan(quint64 generation, const QString &path, base::CancelToken cancel)
{
    SourceScanOutcome out;
    out.generation = generation;
    auto r = training::scanSource(localPath(path), base::threadedFor(unsigned(QThread::idealThreadCount())), cancel);
    if (r.ok())
        out.scan = std::move(r).value();
    else
        out.error = r.error();
    return out;
}

} // namespace

TrainingView::TrainingView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trainingView"));
    m_job = new TrainingJob(this);
    m_scanWatcher = new QFutureWatcher<SourceScanOutcome>(this);
    m_batchTimer = new QTimer(this);
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setInterval(100);
    connect(m_batchTimer, &QTimer::timeout, this, &TrainingView::flushBatchPoints);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("trainingSplitter"));
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QWidget *settings = buildSettings();
    scroll->setWidget(settings);
    scroll->setMinimumWidth(settings->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addWidget(m_actionBar);
    splitter->addWidget(left);
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_job, &TrainingJob::preparing, this, [this](double f) {
        m_progress->setFormat(tr("Computing features… %p%"));
        m_progress->setValue(int(f * 1000));
    });
    connect(m_job, &TrainingJob::dataPrepared, this, &TrainingView::onDataPrepared);
    connect(m_job, &TrainingJob::foldStarted, this, &TrainingView::onFoldStarted);
    connect(m_job, &TrainingJob::progress, this, &TrainingView::onProgress);
    connect(m_job, &TrainingJob::foldFinished, this, &TrainingView::onFoldFinished);
    connect(m_job, &TrainingJob::finished, this, &TrainingView::onFinished);
    connect(m_job, &TrainingJob::failed, this, &TrainingView::onFailed);
    connect(m_job, &TrainingJob::runningChanged, this, [this](bool running) {
        updateButtons();
        Q_EMIT runningChanged(running);
    });
    connect(m_scanWatcher, &QFutureWatcher<SourceScanOutcome>::finished, this,
            [this] { showScan(m_scanWatcher->result()); });

    rebuildSwitchEditors();
    updateOutputSuggestion();
    updateButtons();
}

TrainingView::~TrainingView()
{
    m_scanCancel.cancel();
    m_job->cancelAndWait();
    m_scanWatcher->waitForFinished();
}

QWidget *TrainingView::buildSettings()
{
    auto *panel = new QWidget;
    auto *v = new QVBoxLayout(panel);
    v->setContentsMargins(0, 0, 4, 0);

    // Dataset
    auto *dataBox = new QGroupBox(tr("Dataset"), panel);
    auto *dataLayout = new QVBoxLayout(dataBox);
    auto *row = new QHBoxLayout;
    m_sourceEdit = new QLineEdit(dataBox);
    m_sourceEdit->setObjectName(QStringLiteral("sourceEdit"));
    m_sourceEdit->setPlaceholderText(tr("Folder per genre, manifest CSV or feature table"));
    m_sourceEdit->setToolTip(tr("A folder with one sub-folder per genre, a CSV manifest (path,label[,split,group]) "
                                "or a feature table in the features_30_sec.csv format (for table models such as "
                                "\"mlp\")"));
    auto *folderButton = new QToolButton(dataBox);
    folderButton->setText(tr("Folder…"));
    auto *csvButton = new QToolButton(dataBox);
    csvButton->setText(tr("CSV…"));
    row->addWidget(m_sourceEdit, 1);
    row->addWidget(folderButton);
    row->addWidget(csvButton);
    dataLayout->addLayout(row);
    m_scanSummary = new QLabel(tr("No dataset chosen."), dataBox);
    m_scanSummary->setObjectName(QStringLiteral("scanSummary"));
    m_scanSummary->setWordWrap(true);
    dataLayout->addWidget(m_scanSummary);
    auto *tables = new QHBoxLayout;
    m_classTable = new QTableWidget(0, 2, dataBox);
    m_classTable->setObjectName(QStringLiteral("classTable"));
    m_classTable->setHorizontalHeaderLabels({tr("Class"), tr("Items")});
    m_skippedTable = new QTableWidget(0, 2, dataBox);
    m_skippedTable->setObjectName(QStringLiteral("skippedTable"));
    m_skippedTable->setHorizontalHeaderLabels({tr("Left out"), tr("Why")});
    for (QTableWidget *t : {m_classTable, m_skippedTable}) {
        t->verticalHeader()->hide();
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setMaximumHeight(150);
        t->horizontalHeader()->setStretchLastSection(true);
        t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 4);
    }
    m_classTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_classTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_classTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_skippedTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    tables->addWidget(m_classTable, 1);
    tables->addWidget(m_skippedTable, 1);
    dataLayout->addLayout(tables);
    v->addWidget(dataBox);

    connect(folderButton, &QToolButton::clicked, this, [this] {
        QSettings settings;
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder (one sub-folder per genre)"),
                                                               settings.value("training/lastSource").toString());
        if (!dir.isEmpty())
            setDataSource(dir);
    });
    connect(csvButton, &QToolButton::clicked, this, [this] {
        QSettings settings;
        const QString file = QFileDialog::getOpenFileName(this, tr("Manifest or feature table"),
                                                          settings.value("training/lastSource").toString(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!file.isEmpty())
            setDataSource(file);
    });
    connect(m_sourceEdit, &QLineEdit::editingFinished, this, [this] {
        if (!m_scan || fromLocal(m_scan->path) != m_sourceEdit->text())
            startScan();
    });

    // Model
    auto *modelBox = new QGroupBox(tr("Model"), panel);
    auto *modelLayout = new QVBoxLayout(modelBox);
    m_modelCombo = new QComboBox(modelBox);
    m_modelCombo->setObjectName(QStringLiteral("modelCombo"));
    for (const auto &spec : models::modelSpecs()) {
        m_modelCombo->addItem(qs(spec.name), qs(spec.name));
        m_modelCombo->setItemData(m_modelCombo->count() - 1, qs(spec.description), Qt::ToolTipRole);
    }
    m_modelCombo->setCurrentIndex(std::max(0, m_modelCombo->findData(QStringLiteral("mlp"))));
    modelLayout->addWidget(m_modelCombo);
    m_modelDescription = new QLabel(modelBox);
    m_modelDescription->setWordWrap(true);
    m_modelDescription->setObjectName(QStringLiteral("modelDescription"));
    modelLayout->addWidget(m_modelDescription);
    m_switchBox = new QWidget(modelBox);
    m_switchForm = new QFormLayout(m_switchBox);
    m_switchForm->setContentsMargins(0, 0, 0, 0);
    modelLayout->addWidget(m_switchBox);
    v->addWidget(modelBox);
    connect(m_modelCombo, &QComboBox::currentIndexChanged, this, [this] {
        rebuildSwitchEditors();
        updateOutputSuggestion();
    });

    // Split
    auto *splitBox = new QGroupBox(tr("Split by song"), panel);
    auto *splitForm = new QFormLayout(splitBox);
    m_splitRadio = new QRadioButton(tr("Train / validation / test"), splitBox);
    m_splitRadio->setObjectName(QStringLiteral("splitRadio"));
    m_foldsRadio = new QRadioButton(tr("k-fold cross-validation"), splitBox);
    m_foldsRadio->setObjectName(QStringLiteral("foldsRadio"));
    m_splitRadio->setChecked(true);
    auto *group = new QButtonGroup(splitBox);
    group->addButton(m_splitRadio);
    group->addButton(m_foldsRadio);
    m_valFraction = doubleSpin(0.0, 0.5, 0.05, 2, 0.1, "valFraction");
    m_testFraction = doubleSpin(0.0, 0.5, 0.05, 2, 0.2, "testFraction");
    auto *fractions = new QHBoxLayout;
    fractions->addWidget(new QLabel(tr("validation"), splitBox));
    fractions->addWidget(m_valFraction);
    fractions->addWidget(new QLabel(tr("test"), splitBox));
    fractions->addWidget(m_testFraction);
    fractions->addStretch(1);
    splitForm->addRow(m_splitRadio);
    splitForm->addRow(tr("Fractions:"), fractions);
    m_folds = intSpin(3, 20, 5, "foldsSpin");
    m_folds->setSuffix(tr(" folds"));
    m_folds->setToolTip(tr("Fold i is tested on and fold i+1 validates; the saved model is fold 1's, with every "
                           "fold's test result in its card"));
    splitForm->addRow(m_foldsRadio, m_folds);
    m_seed = intSpin(0, 999999, 0, "seedSpin");
    m_seed->setToolTip(tr("Seed of the split, the initialisation and the shuffling"));
    splitForm->addRow(tr("Seed:"), m_seed);
    v->addWidget(splitBox);
    auto splitEnabled = [this] {
        m_valFraction->setEnabled(m_splitRadio->isChecked());
        m_testFraction->setEnabled(m_splitRadio->isChecked());
        m_folds->setEnabled(m_foldsRadio->isChecked());
        updateButtons();
    };
    connect(m_splitRadio, &QRadioButton::toggled, this, splitEnabled);
    splitEnabled();

    // Optimisation
    auto *optBox = new QGroupBox(tr("Optimisation"), panel);
    auto *optForm = new QFormLayout(optBox);
    m_optimizer = new QComboBox(optBox);
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    m_optimizer->addItem(tr("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(tr("AdamW (decoupled weight decay)"), QStringLiteral("adamw"));
    m_optimizer->addItem(tr("SGD, Nesterov momentum 0.9"), QStringLiteral("sgd"));
    optForm->addRow(tr("Optimiser:"), m_optimizer);
    m_lr = doubleSpin(0.000001, 1.0, 0.0001, 6, 0.001, "lrSpin");
    optForm->addRow(tr("Learning rate:"), m_lr);
    m_batch = intSpin(1, 4096, 32, "batchSpin");
    optForm->addRow(tr("Batch size:"), m_batch);
    m_epochs = intSpin(1, 10000, 30, "epochsSpin");
    optForm->addRow(tr("Epochs:"), m_epochs);
    m_weightDecay = doubleSpin(0.0, 1.0, 0.0001, 6, 0.0, "weightDecaySpin");
    optForm->addRow(tr("Weight decay:"), m_weightDecay);
    m_patience = intSpin(0, 1000, 8, "patienceSpin");
    m_patience->setSpecialValueText(tr("off"));
    m_patience->setSuffix(tr(" epochs"));
    m_patience->setToolTip(tr("Stop when the validation loss has not improved for this many epochs"));
    optForm->addRow(tr("Early stopping:"), m_patience);
    m_plateauPatience = intSpin(1, 1000, 3, "plateauSpin");
    m_plateauPatience->setSuffix(tr(" epochs"));
    m_plateauPatience->setToolTip(tr("Halve the learning rate when the validation loss has not improved for this "
                                     "many epochs"));
    optForm->addRow(tr("Halve the rate after:"), m_plateauPatience);
    m_gainDb = doubleSpin(0.0, 24.0, 1.0, 1, 0.0, "gainSpin");
    m_gainDb->setPrefix(QStringLiteral("± "));
    m_gainDb->setSuffix(tr(" dB"));
    m_gainDb->setToolTip(tr("Augmentation: a random gain per example (models reading dB spectrograms)"));
    optForm->addRow(tr("Random gain:"), m_gainDb);
    m_timeShift = doubleSpin(0.0, 0.5, 0.05, 2, 0.0, "timeShiftSpin");
    m_timeShift->setToolTip(tr("Augmentation: a random circular shift of up to this fraction of the time axis"));
    optForm->addRow(tr("Random time shift:"), m_timeShift);
    m_threads = intSpin(1, std::max(1, QThread::idealThreadCount()) * 2, std::max(1, QThread::idealThreadCount()),
                        "threadsSpin");
    m_threads->setToolTip(tr("libtorch threads and files featurised at once"));
    optForm->addRow(tr("Threads:"), m_threads);
    m_useCache = new QCheckBox(tr("Reuse features from the feature cache"), optBox);
    m_useCache->setObjectName(QStringLiteral("cacheCheck"));
    m_useCache->setChecked(true);
    optForm->addRow(m_useCache);
    v->addWidget(optBox);

    // Output
    // The model file and the buttons stay below the scrolling settings, always in reach.
    m_actionBar = new QWidget;
    auto *bar = new QVBoxLayout(m_actionBar);
    bar->setContentsMargins(0, 4, 4, 0);
    auto *outBox = new QGroupBox(tr("Model file"), m_actionBar);
    auto *outRow = new QHBoxLayout(outBox);
    m_outputEdit = new QLineEdit(outBox);
    m_outputEdit->setObjectName(QStringLiteral("outputEdit"));
    auto *outButton = new QToolButton(outBox);
    outButton->setText(tr("Browse…"));
    outRow->addWidget(m_outputEdit, 1);
    outRow->addWidget(outButton);
    bar->addWidget(outBox);
    connect(m_outputEdit, &QLineEdit::textEdited, this, [this] {
        m_outputEdited = !m_outputEdit->text().isEmpty();
        updateButtons();
    });
    connect(m_outputEdit, &QLineEdit::textChanged, this, [this] { updateButtons(); });
    connect(outButton, &QToolButton::clicked, this, [this] {
        const QString file = chooseFile(true, tr("Save the model as"), tr("Genrescope models (*.gsm)"), "gsm");
        if (!file.isEmpty()) {
            m_outputEdit->setText(file);
            m_outputEdited = true;
        }
    });

    // Actions
    auto *actions = new QHBoxLayout;
    m_startButton = new QPushButton(tr("Start"), m_actionBar);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_cancelButton = new QPushButton(tr("Cancel"), m_actionBar);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_resumeButton = new QPushButton(tr("Resume"), m_actionBar);
    m_resumeButton->setObjectName(QStringLiteral("resumeButton"));
    m_resumeButton->setToolTip(tr("Continue the interrupted run whose checkpoints sit next to the model file"));
    m_resumeFromButton = new QPushButton(tr("Resume from…"), m_actionBar);
    m_resumeFromButton->setObjectName(QStringLiteral("resumeFromButton"));
    m_resumeFromButton->setToolTip(tr("Continue the run stored in a checkpoint file you choose"));
    actions->addWidget(m_startButton);
    actions->addWidget(m_cancelButton);
    actions->addWidget(m_resumeButton);
    actions->addWidget(m_resumeFromButton);
    bar->addLayout(actions);
    v->addStretch(1);
    connect(m_startButton, &QPushButton::clicked, this, &TrainingView::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &TrainingView::cancel);
    connect(m_resumeButton, &QPushButton::clicked, this, &TrainingView::resume);
    connect(m_resumeFromButton, &QPushButton::clicked, this, [this] {
        const QString file =
            chooseFile(false, tr("Checkpoint to continue"), tr("Checkpoints (*.ckpt *.ckpt.* *.fold*);;All files (*)"), {});
        if (!file.isEmpty())
            resumeFrom(file);
    });
    return panel;
}

QWidget *TrainingView::buildResults()
{
    auto *panel = new QWidget;
    auto *v = new QVBoxLayout(panel);
    v->setContentsMargins(4, 0, 0, 0);
    m_chartPanel = new QWidget(panel);
    m_chartPanel->setObjectName(QStringLiteral("chartPanel"));
    auto *charts = new QVBoxLayout(m_chartPanel);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->setSpacing(2);
    m_lossChart = new TrainingChart(TrainingChart::Metric::Loss, m_chartPanel);
    m_lossChart->setObjectName(QStringLiteral("lossChart"));
    m_accuracyChart = new TrainingChart(TrainingChart::Metric::Accuracy, m_chartPanel);
    m_accuracyChart->setObjectName(QStringLiteral("accuracyChart"));
    m_lrChart = new TrainingChart(TrainingChart::Metric::LearningRate, m_chartPanel);
    m_lrChart->setObjectName(QStringLiteral("learningRateChart"));
    m_lrChart->setMinimumHeight(130);
    charts->addWidget(m_lossChart, 3);
    charts->addWidget(m_accuracyChart, 3);
    charts->addWidget(m_lrChart, 2);
    v->addWidget(m_chartPanel, 1);

    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(panel);
    m_progress->setObjectName(QStringLiteral("trainingProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Idle"));
    m_timeLeft = new QLabel(panel);
    m_timeLeft->setObjectName(QStringLiteral("timeLeft"));
    m_timeLeft->setMinimumWidth(m_timeLeft->fontMetrics().horizontalAdvance(tr("%1 left").arg("00:00:00")) + 8);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_timeLeft);
    v->addLayout(progressRow);

    m_log = new QPlainTextEdit(panel);
    m_log->setObjectName(QStringLiteral("trainingLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setMinimumHeight(80);
    m_log->setMaximumHeight(m_log->fontMetrics().lineSpacing() * 7 + 12);
    v->addWidget(m_log);

    auto *exports = new QHBoxLayout;
    m_exportChartsButton = new QPushButton(tr("Export charts…"), panel);
    m_exportChartsButton->setObjectName(QStringLiteral("exportChartsButton"));
    m_exportHistoryButton = new QPushButton(tr("Export history…"), panel);
    m_exportHistoryButton->setObjectName(QStringLiteral("exportHistoryButton"));
    exports->addStretch(1);
    exports->addWidget(m_exportChartsButton);
    exports->addWidget(m_exportHistoryButton);
    v->addLayout(exports);
    connect(m_exportChartsButton, &QPushButton::clicked, this, [this] {
        const QString file =
            chooseFile(true, tr("Export the charts"), tr("PNG image (*.png);;SVG drawing (*.svg)"), "png");
        if (!file.isEmpty() && !exportCharts(file))
            log(tr("Could not write %1. Check that the folder exists and is writable.").arg(file));
    });
    connect(m_exportHistoryButton, &QPushButton::clicked, this, [this] {
        const QString file = chooseFile(true, tr("Export the training history"), tr("CSV files (*.csv)"), "csv");
        if (!file.isEmpty() && !exportHistoryCsv(file))
            log(tr("Could not write %1. Check that the folder exists and is writable.").arg(file));
    });
    return panel;
}

QString TrainingView::chooseFile(bool save, const QString &title, const QString &filter, const QString &suffix)
{
    QSettings settings;
    const QString dir = settings.value("training/lastFolder", QDir::homePath()).toString();
    QString file = save ? QFileDialog::getSaveFileName(this, title, dir, filter)
                        : QFileDialog::getOpenFileName(this, title, dir, filter);
    if (file.isEmpty())
        return file;
    if (save && !suffix.isEmpty() && QFileInfo(file).suffix().isEmpty())
        file += QLatin1Char('.') + suffix;
    settings.setValue("training/lastFolder", QFileInfo(file).absolutePath());
    return file;
}

void TrainingView::rebuildSwitchEditors()
{
    while (m_switchForm->rowCount() > 0)
        m_switchForm->removeRow(0);
    m_switchEditors.clear();
    const models::ModelSpec *spec = models::findModelSpec(m_modelCombo->currentData().toString().toStdString());
    if (!spec) {
        m_modelDescription->clear();
        return;
    }
    m_modelDescription->setText(qs(spec->description));
    if (spec->switches.empty()) {
        auto *none = new QLabel(tr("This model has no switches."), m_switchBox);
        m_switchForm->addRow(none);
    }
    for (const auto &sw : spec->switches) {
        QWidget *editor = nullptr;
        if (sw.type == "bool") {
            auto *c = new QCheckBox(m_switchBox);
            c->setChecked(sw.defaultValue.toBool());
            editor = c;
        } else if (sw.type == "int") {
            auto *s = new QSpinBox(m_switchBox);
            s->setRange(0, 65536);
            s->setValue(sw.defaultValue.toInt());
            editor = s;
        } else if (sw.type == "double") {
            auto *s = new QDoubleSpinBox(m_switchBox);
            s->setRange(0.0, 0.99);
            s->setDecimals(2);
            s->setSingleStep(0.05);
            s->setValue(sw.defaultValue.toDouble());
            editor = s;
        } else if (sw.type == "enum") {
            auto *c = new QComboBox(m_switchBox);
            for (const auto &choice : sw.choices)
                c->addItem(qs(choice), qs(choice));
            c->setCurrentIndex(std::max(0, c->findData(sw.defaultValue.toString())));
            editor = c;
        } else {
            continue;
        }
        editor->setObjectName(QStringLiteral("switch_") + qs(sw.key));
        editor->setToolTip(qs(sw.help));
        auto *label = new QLabel(qs(sw.key) + QLatin1Char(':'), m_switchBox);
        label->setToolTip(qs(sw.help));
        m_switchForm->addRow(label, editor);
        m_switchEditors.emplace_back(sw.key, editor);
    }
}

QJsonObject TrainingView::switchValues() const
{
    QJsonObject config;
    for (const auto &[key, editor] : m_switchEditors) {
        const QString k = qs(key);
        if (auto *c = qobject_cast<QCheckBox *>(editor))
            config[k] = c->isChecked();
        else if (auto *s = qobject_cast<QSpinBox *>(editor))
            config[k] = s->value();
        else if (auto *d = qobject_cast<QDoubleSpinBox *>(editor))
            config[k] = d->value();
        else if (auto *e = qobject_cast<QComboBox *>(editor))
            config[k] = e->currentData().toString();
    }
    return config;
}

training::TrainingRequest TrainingView::request() const
{
    training::TrainingRequest r;
    r.source = localPath(m_sourceEdit->text().trimmed());
    r.architecture = m_modelCombo->currentData().toString().toStdString();
    r.config = switchValues();
    training::TrainerOptions &o = r.options;
    o.optimizer = training::optimizerFromId(m_optimizer->currentData().toString().toStdString())
                      .value_or(training::OptimizerKind::Adam);
    o.learningRate = m_lr->value();
    o.batchSize = m_batch->value();
    o.epochs = m_epochs->value();
    o.weightDecay = m_weightDecay->value();
    o.seed = std::uint64_t(m_seed->value());
    o.earlyStopping = m_patience->value() > 0;
    o.earlyStoppingPatience = std::max(1, m_patience->value());
    o.plateauPatience = m_plateauPatience->value();
    o.gainDb = m_gainDb->value();
    o.timeShiftFraction = m_timeShift->value();
    r.folds = m_foldsRadio->isChecked() ? m_folds->value() : 0;
    r.validationFraction = m_valFraction->value();
    r.testFraction = m_testFraction->value();
    r.useCache = m_useCache->isChecked();
    r.threads = unsigned(m_threads->value());
    r.parallelFor = base::threadedFor(r.threads);
    r.outputPath = localPath(m_outputEdit->text().trimmed());
    return r;
}

void TrainingView::setDataSource(const QString &path)
{
    m_sourceEdit->setText(QDir::toNativeSeparators(path));
    QSettings().setValue("training/lastSource", path);
    updateOutputSuggestion();
    startScan();
}

QString TrainingView::dataSource() const
{
    return m_sourceEdit->text().trimmed();
}

void TrainingView::setOutputPath(const QString &path)
{
    m_outputEdit->setText(path);
    m_outputEdited = !path.isEmpty();
    updateButtons();
}

QString TrainingView::outputPath() const
{
    return m_outputEdit->text().trimmed();
}

bool TrainingView::selectModel(const QString &name)
{
    const int i = m_modelCombo->findData(name);
    if (i < 0)
        return false;
    m_modelCombo->setCurrentIndex(i);
    return true;
}

QString TrainingView::logText() const
{
    return m_log->toPlainText();
}

bool TrainingView::isRunning() const
{
    return m_job->isRunning();
}

void TrainingView::updateOutputSuggestion()
{
    if (m_outputEdited || m_sourceEdit->text().trimmed().isEmpty())
        return;
    QString folder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QFileInfo source(m_sourceEdit->text().trimmed());
    const QString name = m_modelCombo->currentData().toString() + QLatin1Char('-') +
                         (source.isDir() ? source.fileName() : source.completeBaseName()) + QStringLiteral(".gsm");
    m_outputEdit->setText(QDir(folder).filePath(QStringLiteral("models/") + name));
}

void TrainingView::updateButtons()
{
    if (!m_startButton)
        return;
    const bool running = m_job->isRunning();
    const bool ready = !m_sourceEdit->text().trimmed().isEmpty() && !m_outputEdit->text().trimmed().isEmpty();
    m_startButton->setEnabled(!running && ready);
    m_cancelButton->setEnabled(running);
    bool resumable = false;
    if (!running && ready) {
        const auto r = request();
        std::error_code ec;
        resumable = fs::exists(training::checkpointPathFor(r, 0, r.folds > 0 ? r.folds : 1), ec);
    }
    m_resumeButton->setEnabled(resumable);
    m_resumeFromButton->setEnabled(!running && !m_sourceEdit->text().trimmed().isEmpty() &&
                                   !m_outputEdit->text().trimmed().isEmpty());
}

void TrainingView::startScan()
{
    const QString path = m_sourceEdit->text().trimmed();
    m_scanCancel.cancel();
    m_scanCancel = base::CancelToken();
    ++m_scanGeneration;
    m_scan.reset();
    m_classTable->setRowCount(0);
    m_skippedTable->setRowCount(0);
    updateButtons();
    if (path.isEmpty()) {
        m_scanSummary->setText(tr("No dataset chosen."));
        return;
    }
    m_scanSummary->setText(tr("Scanning %1…").arg(QFileInfo(path).fileName()));
    m_scanWatcher->setFuture(QtConcurrent::run(QThreadPool::globalInstance(), &runScan, m_scanGeneration, path,
                                               m_scanCancel));
}

void TrainingView::showScan(const SourceScanOutcome &outcome)
{
    if (outcome.generation != m_scanGeneration)
        return;
    if (!outcome.scan) {
        if (!outcome.error.isCancelled()) {
            m_scanSummary->setText(errorSentence(outcome.error));
            log(tr("Scan of %1 failed: %2").arg(m_sourceEdit->text(), errorSentence(outcome.error)) +
                QLatin1Char(' ') + tr("Details: %1").arg(qs(outcome.error.toString())));
        }
        Q_EMIT scanFinished();
        return;
    }
    m_scan = outcome.scan;
    const auto &s = *m_scan;
    const int leftOut = int(s.problems.size());
    QString summary;
    if (s.kind == training::SourceScan::Kind::FeatureTable)
        summary = tr("Feature table: %n row(s)", nullptr, int(s.items)) + QStringLiteral(", ") +
                  tr("%n class(es)", nullptr, int(s.labels.size())) + QStringLiteral(", ") +
                  tr("%n feature column(s)", nullptr, int(s.columns)) + QLatin1Char('.');
    else
        summary = tr("%n audio file(s)", nullptr, int(s.items)) + QStringLiteral(", ") +
                  tr("%n class(es)", nullptr, int(s.labels.size())) + QStringLiteral(", ") +
                  tr("%n left out", nullptr, leftOut) + QLatin1Char('.');
    m_scanSummary->setText(summary);

    m_classTable->setRowCount(int(s.classCounts.size()));
    int row = 0;
    for (const auto &[label, count] : s.classCounts) {
        m_classTable->setItem(row, 0, new QTableWidgetItem(qs(label)));
        auto *n = new QTableWidgetItem(QString::number(count));
        n->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_classTable->setItem(row, 1, n);
        ++row;
    }
    m_skippedTable->setRowCount(leftOut);
    for (int i = 0; i < leftOut; ++i) {
        const auto &p = s.problems[std::size_t(i)];
        QString why;
        switch (p.reason) {
        case data::SkipReason::Unreadable: why = tr("unreadable"); break;
        case data::SkipReason::Duplicate: why = tr("duplicate"); break;
        case data::SkipReason::TooShort: why = tr("too short"); break;
        case data::SkipReason::NotAudio: why = tr("not audio"); break;
        case data::SkipReason::Hidden: why = tr("hidden file"); break;
        case data::SkipReason::NotInGenreFolder: why = tr("not in a genre folder"); break;
        }
        auto *file = new QTableWidgetItem(QFileInfo(fromLocal(p.path)).fileName());
        file->setToolTip(fromLocal(p.path));
        m_skippedTable->setItem(i, 0, file);
        auto *reason = new QTableWidgetItem(why);
        reason->setToolTip(qs(p.detail));
        m_skippedTable->setItem(i, 1, reason);
    }
    m_skippedTable->resizeColumnToContents(0);
    updateButtons();
    Q_EMIT scanFinished();
}

void TrainingView::start()
{
    auto r = request();
    r.resume = false;
    launch(std::move(r), false);
}

void TrainingView::resume()
{
    auto r = request();
    r.resume = true;
    launch(std::move(r), true);
}

void TrainingView::resumeFrom(const QString &checkpoint)
{
    auto r = request();
    r.resumeFrom = localPath(checkpoint);
    r.architecture.clear();
    r.config = {};
    r.folds = 0;
    launch(std::move(r), true);
}

void TrainingView::launch(training::TrainingRequest request, bool resumed)
{
    if (m_job->isRunning())
        return;
    if (request.source.empty()) {
        log(tr("Choose a dataset first."));
        return;
    }
    if (request.outputPath.empty()) {
        log(tr("Choose where to save the model first."));
        return;
    }
    std::error_code ec;
    fs::create_directories(request.outputPath.parent_path(), ec);
    m_runFolds = request.resumeFrom.empty() && request.folds > 0 ? request.folds : 1;
    m_history.clear();
    m_bestEpochs.clear();
    m_pendingBatch.clear();
    m_runLabels.clear();
    const int epochs = request.options.epochs;
    for (TrainingChart *c : {m_lossChart, m_accuracyChart, m_lrChart})
        c->reset(m_runFolds, epochs);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_timeLeft->clear();
    const QString model = request.resumeFrom.empty() ? qs(request.architecture) : tr("the checkpoint's model");
    if (!request.resumeFrom.empty())
        log(tr("Resuming from %1.").arg(fromLocal(request.resumeFrom)));
    else if (resumed)
        log(tr("Resuming %1 on %2 from its checkpoints.").arg(model, fromLocal(request.source)));
    else
        log(tr("Training %1 on %2.").arg(model, fromLocal(request.source)));
    m_job->start(std::move(request));
}

void TrainingView::cancel()
{
    if (!m_job->isRunning())
        return;
    m_job->cancel();
    m_progress->setFormat(tr("Cancelling…"));
}

void TrainingView::log(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")) + QLatin1Char(' ') + line);
}

QString TrainingView::errorSentence(const base::Error &error) const
{
    using base::ErrorCode;
    switch (error.code) {
    case ErrorCode::Cancelled: return tr("Cancelled.");
    case ErrorCode::InvalidArgument: return tr("The settings do not fit this model or dataset.");
    case ErrorCode::FileNotFound: return tr("A file or folder does not exist. Check the paths.");
    case ErrorCode::PermissionDenied: return tr("You do not have permission to read or write a file.");
    case ErrorCode::EmptyFile: return tr("The file is empty.");
    case ErrorCode::BadFormat: return tr("A file is not in the format expected (dataset CSV or checkpoint).");
    case ErrorCode::VersionTooNew: return tr("The file was written by a newer Genrescope.");
    case ErrorCode::Mismatch: return tr("The data, checkpoint and model do not fit together.");
    case ErrorCode::Unavailable: return tr("This model cannot be trained in this build.");
    case ErrorCode::DiskFull: return tr("The disk is full.");
    case ErrorCode::Io: return tr("Reading or writing a file failed.");
    default: return tr("Something went wrong.");
    }
}

void TrainingView::onDataPrepared(const training::PreparedSummary &s)
{
    m_runLabels = s.labels;
    QString line = tr("Features ready: %n song(s)", nullptr, int(s.songs)) + QStringLiteral(", ") +
                   tr("%n class(es)", nullptr, int(s.labels.size()));
    if (!s.featureTable)
        line += QStringLiteral(", ") + tr("%1 from the cache, %2 computed").arg(s.cacheHits).arg(s.cacheMisses);
    log(line + QLatin1Char('.'));
    for (const auto &f : s.failed)
        log(tr("Left out %1: %2").arg(QFileInfo(fromLocal(f.path)).fileName(), qs(f.error.toString())));
}

void TrainingView::onFoldStarted(int fold, int folds, const std::vector<training::EpochRecord> &resumedHistory)
{
    flushBatchPoints();
    m_batchFold = fold;
    if (folds > 1)
        log(tr("Fold %1 of %2.").arg(fold + 1).arg(folds));
    if (!resumedHistory.empty()) {
        log(tr("Continuing after epoch %1.").arg(resumedHistory.back().epoch));
        m_history[fold] = resumedHistory;
        const int best = bestEpochOf(resumedHistory);
        m_bestEpochs[fold] = best;
        for (TrainingChart *c : {m_lossChart, m_accuracyChart, m_lrChart}) {
            c->setHistory(fold, resumedHistory);
            c->setBestEpoch(fold, best);
        }
    }
}

void TrainingView::onProgress(int fold, const training::TrainProgress &p)
{
    const double foldFraction =
        (double(p.epoch - 1) + double(p.batch) / std::max(p.batches, 1)) / std::max(p.epochs, 1);
    const double overall = (fold + std::clamp(foldFraction, 0.0, 1.0)) / std::max(m_runFolds, 1);
    m_progress->setValue(int(overall * 1000));
    if (m_runFolds > 1)
        m_progress->setFormat(tr("Fold %1/%2, epoch %3/%4").arg(fold + 1).arg(m_runFolds).arg(p.epoch).arg(p.epochs));
    else
        m_progress->setFormat(tr("Epoch %1/%2").arg(p.epoch).arg(p.epochs));
    const double left = p.etaSeconds + (m_runFolds - fold - 1) * (p.elapsedSeconds + p.etaSeconds);
    m_timeLeft->setText(tr("%1 left").arg(formatDuration(left)));

    if (p.kind == training::TrainProgress::Kind::Batch) {
        if (fold != m_batchFold)
            flushBatchPoints();
        m_batchFold = fold;
        m_pendingBatch.append(QPointF(p.epoch - 1 + double(p.batch) / std::max(p.batches, 1), p.loss));
        if (!m_batchTimer->isActive())
            m_batchTimer->start();
        return;
    }
    flushBatchPoints();
    if (!p.record)
        return;
    auto &h = m_history[fold];
    h.push_back(*p.record);
    const int best = bestEpochOf(h);
    m_bestEpochs[fold] = best;
    for (TrainingChart *c : {m_lossChart, m_accuracyChart, m_lrChart}) {
        c->addEpoch(fold, *p.record);
        c->setBestEpoch(fold, best);
    }
}

void TrainingView::flushBatchPoints()
{
    m_batchTimer->stop();
    if (m_pendingBatch.isEmpty())
        return;
    m_lossChart->addBatchPoints(m_batchFold, m_pendingBatch);
    m_pendingBatch.clear();
}

void TrainingView::onFoldFinished(const training::FoldOutcome &o)
{
    flushBatchPoints();
    m_history[o.fold] = o.history;
    m_bestEpochs[o.fold] = o.bestEpoch;
    for (TrainingChart *c : {m_lossChart, m_accuracyChart, m_lrChart}) {
        c->setHistory(o.fold, o.history);
        c->setBestEpoch(o.fold, o.bestEpoch);
    }
    const QString prefix = m_runFolds > 1 ? tr("Fold %1: ").arg(o.fold + 1) : QString();
    if (o.test)
        log(prefix + tr("test accuracy %1 per song, %2 per segment, macro-F1 %3 (best epoch %4%5).")
                         .arg(percent(o.test->song.accuracy), percent(o.test->segment.accuracy))
                         .arg(o.test->song.macroF1, 0, 'f', 3)
                         .arg(o.bestEpoch)
                         .arg(o.stoppedEarly ? tr(", stopped early") : QString()));
    else
        log(prefix + tr("finished without test songs (best epoch %1).").arg(o.bestEpoch));
}

void TrainingView::onFinished(const training::TrainingRunResult &result)
{
    flushBatchPoints();
    m_progress->setValue(1000);
    m_progress->setFormat(tr("Done"));
    m_timeLeft->clear();
    if (result.summary)
        log(tr("%1 folds: test accuracy %2 ± %3 per song, %4 ± %5 per segment.")
                .arg(result.folds.size())
                .arg(percent(result.summary->songAccuracyMean), percent(result.summary->songAccuracyStd),
                     percent(result.summary->segmentAccuracyMean), percent(result.summary->segmentAccuracyStd)));
    const QString path = fromLocal(result.bundlePath);
    log(tr("Saved the model to %1.").arg(path));
    updateButtons();
    Q_EMIT bundleSaved(path);
}

void TrainingView::onFailed(const base::Error &error)
{
    flushBatchPoints();
    m_timeLeft->clear();
    if (error.isCancelled()) {
        m_progress->setFormat(tr("Cancelled"));
        log(tr("Training cancelled. The checkpoint of the last finished epoch is kept; Resume continues from it."));
    } else {
        m_progress->setFormat(tr("Failed"));
        log(tr("Training failed: %1").arg(errorSentence(error)) + QLatin1Char(' ') +
            tr("Details: %1").arg(qs(error.toString())));
    }
    updateButtons();
}

bool TrainingView::exportCharts(const QString &path)
{
    const QSize size = m_chartPanel->size();
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(tr("Training curves"));
        QPainter painter;
        if (!painter.begin(&svg))
            return false;
        m_chartPanel->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.end();
        return file.commit();
    }
    const qreal dpr = 2.0;
    QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(palette().base().color());
    {
        QPainter painter(&image);
        m_chartPanel->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    if (!image.save(&file, format.isEmpty() ? "png" : format.constData()))
        return false;
    return file.commit();
}

bool TrainingView::exportHistoryCsv(const QString &path)
{
    QByteArray csv = "fold,epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,best\n";
    for (const auto &[fold, records] : m_history) {
        const auto best = m_bestEpochs.find(fold);
        for (const auto &r : records) {
            csv += QByteArray::number(fold) + ',' + QByteArray::number(r.epoch) + ',' +
                   QByteArray::number(r.trainLoss, 'g', 9) + ',' + QByteArray::number(r.trainAccuracy, 'g', 9) + ',' +
                   (r.hasValidation ? QByteArray::number(r.validationLoss, 'g', 9) : QByteArray()) + ',' +
                   (r.hasValidation ? QByteArray::number(r.validationAccuracy, 'g', 9) : QByteArray()) + ',' +
                   QByteArray::number(r.learningRate, 'g', 9) + ',' + QByteArray::number(r.seconds, 'g', 6) + ',' +
                   (best != m_bestEpochs.end() && best->second == r.epoch ? "1" : "0") + '\n';
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(csv);
    return file.commit();
}

} // namespace genrescope::ui
