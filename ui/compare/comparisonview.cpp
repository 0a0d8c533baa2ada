#include "comparisonview.h"
#include "mainwindow/genrenames.h"

#include "base/atomicfile.h"
#include "evaluation/confusionmatrixview.h"
#include "training/aggregation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include <algorithm>

namespace genrescope::ui {

namespace {

constexpr int kPathRole = Qt::UserRole + 1;

QString percent(double fraction)
{
    return QStringLiteral("%1 %").arg(fraction * 100.0, 0, 'f', 1);
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(QWidget *parent, const QString &objectName)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(objectName);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

void fitColumns(QTableWidget *t)
{
    t->resizeColumnsToContents();
    t->horizontalHeader()->setStretchLastSection(true);
}

/** A short table as tall as its rows (at least `minRows`, at most `maxRows`), so results need no scrolling. */
void fitHeight(QTableWidget *t, int minRows, int maxRows)
{
    const int rows = std::clamp(t->rowCount(), minRows, maxRows);
    const int rowHeight = t->verticalHeader()->defaultSectionSize();
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setVerticalScrollBarPolicy(t->rowCount() > maxRows ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    t->setFixedHeight(t->horizontalHeader()->sizeHint().height() + rows * rowHeight + 2 * t->frameWidth());
}

QString labelText(const inference::ComparisonResult &r, int i)
{
    if (i < 0 || std::size_t(i) >= r.labels.size())
        return ComparisonView::tr("(rejected)");
    return genreDisplayName(r.labels[std::size_t(i)]);
}

} // namespace

ComparisonView::ComparisonView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("comparisonView"));
    m_pool = new QThreadPool(this);
    m_pool->setMaxThreadCount(1);
    m_workers = new QThreadPool(this);
    m_workers->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));

    // Set-up: models, dataset, rule, songs, run.
    auto *setup = new QWidget(this);
    auto *setupLayout = new QHBoxLayout(setup);
    setupLayout->setContentsMargins(0, 0, 0, 0);

    auto *modelsBox = new QGroupBox(tr("Models"), setup);
    auto *modelsLayout = new QVBoxLayout(modelsBox);
    m_models = new QListWidget(modelsBox);
    m_models->setObjectName(QStringLiteral("compareModelList"));
    m_models->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_models->setToolTip(tr("Tick the models to compare (at least two)."));
    m_models->setMaximumHeight(m_models->fontMetrics().height() * 6);
    modelsLayout->addWidget(m_models);
    auto *modelButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add models…"), modelsBox);
    add->setObjectName(QStringLiteral("addModelsButton"));
    auto *remove = new QPushButton(tr("Remove"), modelsBox);
    remove->setObjectName(QStringLiteral("removeModelsButton"));
    modelButtons->addWidget(add);
    modelButtons->addWidget(remove);
    modelButtons->addStretch(1);
    modelsLayout->addLayout(modelButtons);
    setupLayout->addWidget(modelsBox, 3);

    auto *dataBox = new QGroupBox(tr("Test set"), setup);
    auto *form = new QFormLayout(dataBox);
    auto *datasetRow = new QHBoxLayout;
    m_dataset = new QLineEdit(dataBox);
    m_dataset->setObjectName(QStringLiteral("datasetEdit"));
    m_dataset->setPlaceholderText(tr("Folder with one sub-folder per genre, or a CSV manifest"));
    auto *folder = new QPushButton(tr("Folder…"), dataBox);
    auto *csv = new QPushButton(tr("CSV…"), dataBox);
    datasetRow->addWidget(m_dataset, 1);
    datasetRow->addWidget(folder);
    datasetRow->addWidget(csv);
    form->addRow(tr("Dataset:"), datasetRow);
    m_songs = new QComboBox(dataBox);
    m_songs->setObjectName(QStringLiteral("songsCombo"));
    m_songs->setToolTip(tr("Judge the models only on the test songs of a bundle's training split, so no "
                           "model is scored on songs it was trained on."));
    form->addRow(tr("Songs:"), m_songs);
    m_rule = new QComboBox(dataBox);
    m_rule->setObjectName(QStringLiteral("ruleCombo"));
    const std::pair<training::AggregationRule, QString> rules[] = {
        {training::AggregationRule::MeanProbability, tr("Mean probability")},
        {training::AggregationRule::MajorityVote, tr("Majority vote")},
        {training::AggregationRule::VoteWithThreshold, tr("Vote with threshold")},
        {training::AggregationRule::GeometricMean, tr("Geometric mean")},
        {training::AggregationRule::Max, tr("Maximum")},
    };
    for (const auto &[rule, name] : rules)
        m_rule->addItem(name, int(rule));
    form->addRow(tr("Song rule:"), m_rule);
    m_minVotes = new QSpinBox(dataBox);
    m_minVotes->setObjectName(QStringLiteral("minVotesSpin"));
    m_minVotes->setRange(0, 1000);
    m_minVotes->setSpecialValueText(tr("none"));
    m_minVotes->setToolTip(tr("A song is rejected when its winning genre has fewer segment votes than this"));
    m_minVotes->setEnabled(false);
    form->addRow(tr("Min. votes:"), m_minVotes);
    connect(m_rule, &QComboBox::currentIndexChanged, this, [this] {
        m_minVotes->setEnabled(training::AggregationRule(m_rule->currentData().toInt()) ==
                               training::AggregationRule::VoteWithThreshold);
    });
    auto *runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("Run comparison"), dataBox);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(tr("Cancel"), dataBox);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_progress = new QProgressBar(dataBox);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);
    form->addRow(runRow);
    m_status = new QLabel(dataBox);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);
    setupLayout->addWidget(dataBox, 4);

    // Results: summary and McNemar on top, matrices / disagreements / skipped files below.
    auto *results = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(results);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *summaryBox = new QGroupBox(tr("Summary"), top);
    auto *summaryLayout = new QVBoxLayout(summaryBox);
    m_summary = makeTable(summaryBox, QStringLiteral("summaryTable"));
    m_summary->setColumnCount(9);
    m_summary->setHorizontalHeaderLabels({tr("Model"), tr("Kind"), tr("Songs"), tr("Segment accuracy"),
                                          tr("Song accuracy"), tr("Macro-F1"), tr("Parameters"),
                                          tr("Model ms/song"), tr("Total ms/song")});
    m_summary->horizontalHeaderItem(7)->setToolTip(tr("Mean time of the model's forward pass per song."));
    m_summary->horizontalHeaderItem(8)->setToolTip(
        tr("Mean time per song of decoding, features and the model; files run in parallel, so the times "
           "include waiting for the cores."));
    fitColumns(m_summary);
    fitHeight(m_summary, 2, 6);
    summaryLayout->addWidget(m_summary);
    topLayout->addWidget(summaryBox);
    auto *mcnemarBox = new QGroupBox(tr("McNemar's test (song level)"), top);
    auto *mcnemarLayout = new QVBoxLayout(mcnemarBox);
    m_mcnemar = makeTable(mcnemarBox, QStringLiteral("mcnemarTable"));
    m_mcnemar->setColumnCount(8);
    m_mcnemar->setHorizontalHeaderLabels({tr("Model A"), tr("Model B"), tr("b: A right, B wrong"),
                                          tr("c: A wrong, B right"), tr("Statistic"), tr("p"), tr("Method"),
                                          tr("Significant at 0.05")});
    fitColumns(m_mcnemar);
    fitHeight(m_mcnemar, 1, 6);
    mcnemarLayout->addWidget(m_mcnemar);
    auto *mcnemarNote = new QLabel(tr("Exact binomial test when b + c < 25, otherwise chi-square with continuity "
                                      "correction. A p below 0.05 means the difference in accuracy is unlikely "
                                      "to be noise."),
                                   mcnemarBox);
    mcnemarNote->setWordWrap(true);
    mcnemarLayout->addWidget(mcnemarNote);
    topLayout->addWidget(mcnemarBox);
    results->addWidget(top);

    m_tabs = new QTabWidget(results);
    m_tabs->setObjectName(QStringLiteral("resultTabs"));
    auto *matrixTab = new QWidget(m_tabs);
    auto *matrixTabLayout = new QVBoxLayout(matrixTab);
    m_rowPercent = new QCheckBox(tr("Row percentages"), matrixTab);
    m_rowPercent->setObjectName(QStringLiteral("rowPercentCheck"));
    matrixTabLayout->addWidget(m_rowPercent);
    auto *scroll = new QScrollArea(matrixTab);
    scroll->setWidgetResizable(true);
    m_matrixPanel = new QWidget(scroll);
    m_matrixPanel->setObjectName(QStringLiteral("matrixPanel"));
    m_matrixLayout = new QHBoxLayout(m_matrixPanel);
    scroll->setWidget(m_matrixPanel);
    matrixTabLayout->addWidget(scroll, 1);
    m_tabs->addTab(matrixTab, tr("Confusion matrices"));
    m_disagreements = makeTable(m_tabs, QStringLiteral("disagreementTable"));
    m_disagreements->setToolTip(tr("Double-click a song to open it in the analysis view."));
    m_tabs->addTab(m_disagreements, tr("Disagreements"));
    m_skipped = makeTable(m_tabs, QStringLiteral("skippedTable"));
    m_skipped->setColumnCount(3);
    m_skipped->setHorizontalHeaderLabels({tr("File"), tr("Reason"), tr("Detail")});
    m_tabs->addTab(m_skipped, tr("Skipped files"));
    results->addWidget(m_tabs);
    results->setStretchFactor(0, 0);
    results->setStretchFactor(1, 1);

    auto *exportRow = new QHBoxLayout;
    m_exportTables = new QPushButton(tr("Export tables as CSV…"), this);
    m_exportTables->setObjectName(QStringLiteral("exportTablesButton"));
    m_exportMatrices = new QPushButton(tr("Export matrices as PNG or SVG…"), this);
    m_exportMatrices->setObjectName(QStringLiteral("exportMatricesButton"));
    exportRow->addStretch(1);
    exportRow->addWidget(m_exportTables);
    exportRow->addWidget(m_exportMatrices);

    auto *layout = new QVBoxLayout(this);
    setup->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(setup);
    layout->addWidget(results, 1);
    layout->addLayout(exportRow);

    connect(add, &QPushButton::clicked, this, &ComparisonView::addModelFiles);
    connect(remove, &QPushButton::clicked, this, &ComparisonView::removeSelectedModels);
    connect(folder, &QPushButton::clicked, this, &ComparisonView::chooseDatasetFolder);
    connect(csv, &QPushButton::clicked, this, &ComparisonView::chooseDatasetCsv);
    connect(m_models, &QListWidget::itemChanged, this, [this] {
        refreshSongChoices();
        updateButtons();
    });
    connect(m_dataset, &QLineEdit::textChanged, this, &ComparisonView::updateButtons);
    connect(m_run, &QPushButton::clicked, this, &ComparisonView::run);
    connect(m_cancel, &QPushButton::clicked, this, &ComparisonView::cancel);
    connect(&m_watcher, &QFutureWatcher<ComparisonOutcome>::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcher<ComparisonOutcome>::finished, this, &ComparisonView::onFinished);
    connect(m_rowPercent, &QCheckBox::toggled, this, [this](bool on) {
        for (auto *v : m_matrixViews)
            v->setNormalised(on);
    });
    connect(m_disagreements, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (auto *item = m_disagreements->item(row, 0))
            Q_EMIT openSongRequested(item->data(kPathRole).toString());
    });
    connect(m_exportTables, &QPushButton::clicked, this, &ComparisonView::exportTablesInteractive);
    connect(m_exportMatrices, &QPushButton::clicked, this, &ComparisonView::exportMatricesInteractive);

    refreshSongChoices();
    updateButtons();
}

ComparisonView::~ComparisonView()
{
    // The job holds no pointer to this view, but its pools are children: stop and wait before they go.
    m_cancelToken.cancel();
    m_watcher.future().cancel();
    m_pool->waitForDone();
    m_workers->waitForDone();
}

void ComparisonView::setAvailableModels(const QStringList &paths)
{
    for (const QString &path : paths) {
        bool present = false;
        for (int i = 0; i < m_models->count(); ++i)
            present = present || m_models->item(i)->data(kPathRole).toString() == path;
        if (present || path.isEmpty())
            continue;
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_models);
        item->setData(kPathRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    refreshSongChoices();
    updateButtons();
}

QStringList ComparisonView::selectedModels() const
{
    QStringList out;
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked)
            out << m_models->item(i)->data(kPathRole).toString();
    return out;
}

void ComparisonView::setDatasetPath(const QString &path)
{
    m_dataset->setText(path);
}

QString ComparisonView::datasetPath() const
{
    return m_dataset->text().trimmed();
}

bool ComparisonView::isRunning() const
{
    return m_watcher.isRunning();
}

void ComparisonView::addModelFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add models"), m_lastDir,
        tr("Models (*.gsm *.pt *.pth *.ts);;All files (*)"));
    if (files.isEmpty())
        return;
    m_lastDir = QFileInfo(files.front()).absolutePath();
    setAvailableModels(files);
}

void ComparisonView::removeSelectedModels()
{
    qDeleteAll(m_models->selectedItems());
    refreshSongChoices();
    updateButtons();
}

void ComparisonView::chooseDatasetFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder (one sub-folder per genre)"),
                                                          m_lastDir);
    if (!dir.isEmpty()) {
        m_lastDir = dir;
        m_dataset->setText(dir);
    }
}

void ComparisonView::chooseDatasetCsv()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Dataset manifest"), m_lastDir,
                                                      tr("CSV manifests (*.csv);;All files (*)"));
    if (!file.isEmpty()) {
        m_lastDir = QFileInfo(file).absolutePath();
        m_dataset->setText(file);
    }
}

void ComparisonView::refreshSongChoices()
{
    const QString current = m_songs->currentData().toString();
    m_songs->clear();
    m_songs->addItem(tr("All songs of the dataset"), QString());
    for (const QString &path : selectedModels())
        m_songs->addItem(tr("Test songs of %1's training split").arg(QFileInfo(path).fileName()), path);
    const int index = m_songs->findData(current);
    m_songs->setCurrentIndex(index >= 0 ? index : 0);
}

void ComparisonView::updateButtons()
{
    const bool running = isRunning();
    m_run->setEnabled(!running && selectedModels().size() >= 2 && !datasetPath().isEmpty());
    m_cancel->setEnabled(running);
    const bool have = m_result.has_value() && !running;
    m_exportTables->setEnabled(have);
    m_exportMatrices->setEnabled(have);
}

void ComparisonView::run()
{
    if (isRunning())
        return;
    ComparisonRequest request;
    request.modelPaths = selectedModels();
    request.dataset = datasetPath();
    if (request.modelPaths.size() < 2 || request.dataset.isEmpty()) {
        m_status->setText(tr("Tick at least two models and choose a dataset."));
        return;
    }
    request.options.rule = training::AggregationRule(m_rule->currentData().toInt());
    if (request.options.rule == training::AggregationRule::VoteWithThreshold)
        request.options.voteThreshold = m_minVotes->value();
    const QString splitOf = m_songs->currentData().toString();
    request.testSplitOf = splitOf.isEmpty() ? -1 : int(request.modelPaths.indexOf(splitOf));
    m_cancelToken = base::CancelToken();
    m_progress->setValue(0);
    m_status->setText(tr("Classifying every song with every model…"));
    m_watcher.setFuture(startComparison(m_pool, m_workers, std::move(request), m_cancelToken));
    updateButtons();
}

void ComparisonView::cancel()
{
    if (!isRunning())
        return;
    m_cancelToken.cancel();
    m_status->setText(tr("Cancelling…"));
}

QString ComparisonView::errorSentence(const ComparisonOutcome &o) const
{
    const QString detail = QString::fromStdString(o.error.detail);
    if (!o.failedFile.isEmpty()) {
        const QString name = QFileInfo(o.failedFile).fileName();
        if (o.error.code == base::ErrorCode::InvalidArgument)
            return tr("%1 carries no training split with test songs; compare on all songs instead.").arg(name);
        return tr("The model %1 could not be loaded: %2").arg(name, detail);
    }
    switch (o.error.code) {
    case base::ErrorCode::Mismatch:
        return tr("The models do not fit the dataset: %1").arg(detail);
    case base::ErrorCode::FileNotFound:
        return tr("The dataset was not found: %1").arg(detail);
    default:
        return tr("The comparison failed: %1").arg(detail);
    }
}

void ComparisonView::onFinished()
{
    ComparisonOutcome o;
    if (m_watcher.future().resultCount() > 0)
        o = m_watcher.result();
    else
        o.error = base::makeError(base::ErrorCode::Cancelled, "comparison cancelled");
    if (o.ok) {
        m_result = std::move(o.result);
        showResult(*m_result);
        m_progress->setValue(1000);
        QString status = tr("%n song(s) compared", nullptr, int(m_result->songs)) +
                         (m_result->skipped.empty()
                              ? QString()
                              : QStringLiteral("; ") + tr("%n file(s) skipped", nullptr, int(m_result->skipped.size()))) +
                         QStringLiteral(".");
        for (const auto &m : m_result->models)
            if (m.seenInTraining > 0)
                status += QStringLiteral("\n") +
                          tr("Warning: %1 was trained or validated on %2 of these songs (matched by file name): its "
                             "figures are not test figures.")
                              .arg(QString::fromStdString(m.name))
                              .arg(m.seenInTraining);
        m_status->setText(status);
    } else if (o.error.isCancelled()) {
        m_progress->setValue(0);
        m_status->setText(tr("Comparison cancelled."));
    } else {
        m_progress->setValue(0);
        m_status->setText(errorSentence(o));
    }
    updateButtons();
    Q_EMIT comparisonFinished(o.ok);
}

void ComparisonView::showResult(const inference::ComparisonResult &r)
{
    m_summary->setRowCount(int(r.models.size()));
    for (int i = 0; i < int(r.models.size()); ++i) {
        const auto &m = r.models[std::size_t(i)];
        m_summary->setItem(i, 0, cell(QString::fromStdString(m.name)));
        m_summary->setItem(i, 1, cell(m.kind == "torchscript" ? tr("TorchScript") : tr("Bundle")));
        m_summary->setItem(i, 2, cell(QString::number(r.songs), true));
        m_summary->setItem(i, 3, cell(percent(m.evaluation.segment.accuracy), true));
        m_summary->setItem(i, 4, cell(percent(m.evaluation.song.accuracy), true));
        m_summary->setItem(i, 5, cell(QString::number(m.evaluation.song.macroF1, 'f', 3), true));
        m_summary->setItem(i, 6, cell(QLocale().toString(qlonglong(m.parameters)), true));
        m_summary->setItem(i, 7, cell(QString::number(m.modelMsPerSong, 'f', 1), true));
        m_summary->setItem(i, 8, cell(QString::number(m.totalMsPerSong, 'f', 1), true));
    }
    fitColumns(m_summary);
    fitHeight(m_summary, 2, 6);

    m_mcnemar->setRowCount(int(r.pairs.size()));
    for (int i = 0; i < int(r.pairs.size()); ++i) {
        const auto &p = r.pairs[std::size_t(i)];
        m_mcnemar->setItem(i, 0, cell(QString::fromStdString(r.models[std::size_t(p.first)].name)));
        m_mcnemar->setItem(i, 1, cell(QString::fromStdString(r.models[std::size_t(p.second)].name)));
        m_mcnemar->setItem(i, 2, cell(QString::number(p.test.b), true));
        m_mcnemar->setItem(i, 3, cell(QString::number(p.test.c), true));
        m_mcnemar->setItem(i, 4, cell(QString::number(p.test.statistic, 'f', 2), true));
        m_mcnemar->setItem(i, 5, cell(QString::number(p.test.pValue, 'g', 3), true));
        m_mcnemar->setItem(i, 6, cell(p.test.method == inference::McNemarMethod::ExactBinomial
                                          ? tr("exact binomial")
                                          : tr("chi-square, corrected")));
        auto *sig = cell(p.test.significant(0.05) ? tr("yes ✱") : tr("no"));
        if (p.test.significant(0.05)) {
            QFont f = sig->font();
            f.setBold(true);
            sig->setFont(f);
        }
        m_mcnemar->setItem(i, 7, sig);
    }
    fitColumns(m_mcnemar);
    fitHeight(m_mcnemar, 1, 6);

    // Matrices side by side, one per model, in the comparison's label space.
    for (auto *v : m_matrixViews)
        v->parentWidget()->deleteLater();
    m_matrixViews.clear();
    while (auto *item = m_matrixLayout->takeAt(0))
        delete item;
    for (const auto &m : r.models) {
        auto *box = new QWidget(m_matrixPanel);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        auto *view = new ConfusionMatrixView(box);
        view->setObjectName(QStringLiteral("matrix_") + QString::fromStdString(m.name));
        view->setTitle(tr("%1: song accuracy %2").arg(QString::fromStdString(m.name), percent(m.evaluation.song.accuracy)));
        view->setMatrix(r.labels, m.evaluation.song.confusion);
        if (m.evaluation.song.rejected > 0) {
            std::vector<std::int64_t> rejected(r.labels.size(), 0);
            for (const auto &f : m.evaluation.files)
                if (f.predicted < 0 && f.trueLabel >= 0 && std::size_t(f.trueLabel) < rejected.size())
                    ++rejected[std::size_t(f.trueLabel)];
            view->setRejected(rejected);
        }
        view->setNormalised(m_rowPercent->isChecked());
        boxLayout->addWidget(view, 1);
        m_matrixLayout->addWidget(box, 1);
        m_matrixViews.push_back(view);
    }

    showDisagreements(r);

    m_skipped->setRowCount(int(r.skipped.size()));
    for (int i = 0; i < int(r.skipped.size()); ++i) {
        const auto &s = r.skipped[std::size_t(i)];
        m_skipped->setItem(i, 0, cell(QDir::toNativeSeparators(QString::fromStdString(s.path))));
        m_skipped->setItem(i, 1, cell(QString::fromStdString(s.reason)));
        m_skipped->setItem(i, 2, cell(QString::fromStdString(s.detail)));
    }
    fitColumns(m_skipped);
    m_tabs->setTabText(1, tr("Disagreements (%1)").arg(r.disagreements.size()));
    m_tabs->setTabText(2, tr("Skipped files (%1)").arg(r.skipped.size()));
}

void ComparisonView::showDisagreements(const inference::ComparisonResult &r)
{
    QStringList headers{tr("Song"), tr("True genre")};
    for (const auto &m : r.models)
        headers << QString::fromStdString(m.name);
    m_disagreements->clear();
    m_disagreements->setColumnCount(int(headers.size()));
    m_disagreements->setHorizontalHeaderLabels(headers);
    m_disagreements->setRowCount(int(r.disagreements.size()));
    for (int i = 0; i < int(r.disagreements.size()); ++i) {
        const auto &d = r.disagreements[std::size_t(i)];
        auto *song = cell(QString::fromStdString(d.key));
        song->setData(kPathRole, QString::fromStdString(d.path));
        song->setToolTip(QDir::toNativeSeparators(QString::fromStdString(d.path)));
        m_disagreements->setItem(i, 0, song);
        m_disagreements->setItem(i, 1, cell(labelText(r, d.trueLabel)));
        for (std::size_t m = 0; m < d.predicted.size(); ++m) {
            const bool right = d.predicted[m] == d.trueLabel;
            // Right answers are marked by a sign and bold type, not by colour alone.
            auto *c = cell((right ? QStringLiteral("✓ ") : QString()) + labelText(r, d.predicted[m]) +
                           QStringLiteral(" (%1)").arg(double(d.probability[m]), 0, 'f', 2));
            if (right) {
                QFont f = c->font();
                f.setBold(true);
                c->setFont(f);
            }
            m_disagreements->setItem(i, int(m) + 2, c);
        }
    }
    fitColumns(m_disagreements);
}

bool ComparisonView::exportTables(const QString &dir, QString *error) const
{
    if (!m_result) {
        if (error)
            *error = tr("There is no comparison to export yet.");
        return false;
    }
    const auto &r = *m_result;
    const std::filesystem::path base(QFile::encodeName(dir).toStdString());
    std::vector<std::pair<std::string, std::string>> files = {{"summary.csv", r.summaryCsv()},
                                                              {"mcnemar.csv", r.mcnemarCsv()},
                                                              {"disagreements.csv", r.disagreementsCsv()},
                                                              {"skipped.csv", r.skippedCsv()}};
    for (std::size_t m = 0; m < r.models.size(); ++m) {
        const std::string n = "model" + std::to_string(m + 1);
        files.push_back({n + "_confusion.csv", r.models[m].evaluation.confusionCsv(false)});
        files.push_back({n + "_predictions.csv", r.models[m].evaluation.predictionsCsv()});
    }
    for (const auto &[name, text] : files) {
        const base::Status s = base::writeFileAtomically(base / name, text);
        if (!s) {
            if (error)
                *error = tr("Could not write %1: %2").arg(QString::fromStdString(name),
                                                          QString::fromStdString(s.error().detail));
            return false;
        }
    }
    return true;
}

QStringList ComparisonView::exportMatrices(const QString &file, QString *error) const
{
    QStringList written;
    const QFileInfo info(file);
    const bool svg = info.suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0;
    for (std::size_t i = 0; i < m_matrixViews.size(); ++i) {
        const QString out = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
                            QStringLiteral("_%1.").arg(i + 1) + (svg ? QStringLiteral("svg") : QStringLiteral("png"));
        const bool ok = svg ? m_matrixViews[i]->saveSvg(out, error) : m_matrixViews[i]->savePng(out, error);
        if (!ok)
            return {};
        written << out;
    }
    if (written.isEmpty() && error)
        *error = tr("There is no comparison to export yet.");
    return written;
}

void ComparisonView::exportTablesInteractive()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the CSV tables"), m_lastDir);
    if (dir.isEmpty())
        return;
    m_lastDir = dir;
    QString error;
    if (exportTables(dir, &error))
        m_status->setText(tr("Tables written to %1.").arg(QDir::toNativeSeparators(dir)));
    else
        QMessageBox::warning(this, tr("Export failed"), error);
}

void ComparisonView::exportMatricesInteractive()
{
    QString filter;
    const QString file = QFileDialog::getSaveFileName(this, tr("Export matrices"), m_lastDir + QStringLiteral("/matrices.png"),
                                                      tr("PNG images (*.png);;SVG drawings (*.svg)"), &filter);
    if (file.isEmpty())
        return;
    m_lastDir = QFileInfo(file).absolutePath();
    QString target = file;
    if (QFileInfo(file).suffix().isEmpty())
        target += filter.contains(QStringLiteral("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    QString error;
    const QStringList written = exportMatrices(target, &error);
    if (!written.isEmpty())
        m_status->setText(tr("%n matrix file(s) written next to %1.", nullptr, int(written.size()))
                              .arg(QDir::toNativeSeparators(target)));
    else
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace genrescope::ui
