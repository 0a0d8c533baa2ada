#include "evaluationview.h"
#include "mainwindow/genrenames.h"
#include "base/csv.h"

#include "confusionmatrixview.h"
#include "metricstable.h"

#include "base/atomicfile.h"
#include "models/bundle.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>
#include <sstream>

namespace genrescope::ui {

using training::AggregationRule;
using training::EvaluationResult;
using training::FilePrediction;

namespace {

enum ExportKind { kMatrixPng, kMatrixSvg, kConfusionCsv, kMetricsCsv, kSongsCsv };

QString ruleName(AggregationRule rule)
{
    switch (rule) {
    case AggregationRule::MeanProbability: return EvaluationView::tr("mean probability");
    case AggregationRule::MajorityVote: return EvaluationView::tr("majority vote");
    case AggregationRule::VoteWithThreshold: return EvaluationView::tr("vote with threshold");
    case AggregationRule::GeometricMean: return EvaluationView::tr("geometric mean");
    case AggregationRule::Max: return EvaluationView::tr("maximum");
    }
    return {};
}

QString percent(double v)
{
    return QString::number(100.0 * v, 'f', 1);
}

std::string num(double v)
{
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

QString errorSentence(const base::Error &e)
{
    switch (e.code) {
    case base::ErrorCode::FileNotFound: return EvaluationView::tr("The file does not exist.");
    case base::ErrorCode::IsDirectory: return EvaluationView::tr("This is a folder, not a model file.");
    case base::ErrorCode::PermissionDenied: return EvaluationView::tr("You are not allowed to read or write this file.");
    case base::ErrorCode::DiskFull: return EvaluationView::tr("The disk is full.");
    case base::ErrorCode::VersionTooNew:
        return EvaluationView::tr("The model was saved by a newer Genrescope; update the app to open it.");
    case base::ErrorCode::BadFormat:
    case base::ErrorCode::EmptyFile:
    case base::ErrorCode::CorruptData:
        return EvaluationView::tr("The file is not a valid Genrescope model or its evaluation is damaged.");
    default: return EvaluationView::tr("The file could not be read or written.");
    }
}

} // namespace

EvaluationView::EvaluationView(QWidget *parent) : QWidget(parent)
{
    buildUi();
    clear();
}

EvaluationView::~EvaluationView() = default;

void EvaluationView::buildUi()
{
    m_titleLabel = new QLabel(this);
    QFont tf = m_titleLabel->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    m_titleLabel->setFont(tf);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_foldLabel = new QLabel(tr("Fold:"), this);
    m_foldCombo = new QComboBox(this);
    m_foldCombo->setToolTip(tr("One test fold, or every test fold pooled (each song is tested in exactly one fold)"));
    m_levelCombo = new QComboBox(this);
    m_levelCombo->addItem(tr("Song level"), int(Level::Song));
    m_levelCombo->addItem(tr("Segment level"), int(Level::Segment));
    m_ruleCombo = new QComboBox(this);
    for (AggregationRule r : training::allAggregationRules())
        m_ruleCombo->addItem(ruleName(r), int(r));
    m_thresholdLabel = new QLabel(tr("Min. votes:"), this);
    m_thresholdSpin = new QSpinBox(this);
    m_thresholdSpin->setRange(0, 1000);
    m_thresholdSpin->setSpecialValueText(tr("none"));
    m_thresholdSpin->setToolTip(tr("A song is rejected when its winning genre has fewer segment votes than this"));
    m_modeCombo = new QComboBox(this);
    m_modeCombo->addItem(tr("Counts"));
    m_modeCombo->addItem(tr("Row %"));
    m_modeCombo->setToolTip(tr("Colour and main figure: counts, or each true genre's row as percentages"));
    m_exportButton = new QToolButton(this);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_exportButton);
    const std::pair<ExportKind, QString> exports[] = {
        {kMatrixPng, tr("Confusion matrix as PNG...")},   {kMatrixSvg, tr("Confusion matrix as SVG...")},
        {kConfusionCsv, tr("Confusion matrix as CSV...")}, {kMetricsCsv, tr("Per-class metrics as CSV...")},
        {kSongsCsv, tr("Song list as CSV...")},
    };
    for (const auto &[kind, text] : exports) {
        const int k = kind;
        connect(menu->addAction(text), &QAction::triggered, this, [this, k] { exportWithDialog(k); });
    }
    m_exportButton->setMenu(menu);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_foldLabel);
    controls->addWidget(m_foldCombo);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Level:"), this));
    controls->addWidget(m_levelCombo);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Song rule:"), this));
    controls->addWidget(m_ruleCombo);
    controls->addWidget(m_thresholdLabel);
    controls->addWidget(m_thresholdSpin);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("Show:"), this));
    controls->addWidget(m_modeCombo);
    controls->addStretch(1);
    controls->addWidget(m_exportButton);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_matrix = new ConfusionMatrixView(this);
    m_metrics = new MetricsTable(this);

    m_songsLabel = new QLabel(this);
    m_songsLabel->setWordWrap(true);
    m_songs = new QTableWidget(this);
    m_songs->setColumnCount(5);
    m_songs->setHorizontalHeaderLabels(
        {tr("Song"), tr("True"), tr("Predicted"), tr("Segments in cell"), tr("Top genres (song scores)")});
    m_songs->verticalHeader()->setVisible(false);
    m_songs->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_songs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_songs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_songs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_songs->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_songs->horizontalHeader()->setStretchLastSection(true);
    m_songs->setWordWrap(false);
    m_songs->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_songs->setMinimumWidth(360);
    m_songs->setAccessibleName(tr("Songs in the selected cell"));
    m_openButton = new QPushButton(tr("Open in Analysis"), this);
    m_openButton->setToolTip(tr("Show the selected song with its segment timeline in the analysis view"));
    m_openButton->setEnabled(false);

    auto *songsBox = new QWidget(this);
    auto *songsLayout = new QVBoxLayout(songsBox);
    songsLayout->setContentsMargins(0, 0, 0, 0);
    auto *songsHeader = new QHBoxLayout;
    songsHeader->addWidget(m_songsLabel, 1);
    songsHeader->addWidget(m_openButton);
    songsLayout->addLayout(songsHeader);
    songsLayout->addWidget(m_songs, 1);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_metrics);
    right->addWidget(songsBox);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_matrix);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titleLabel);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_foldCombo, &QComboBox::activated, this, [this](int index) {
        setFold(m_foldCombo->itemData(index).toInt());
    });
    connect(m_levelCombo, &QComboBox::activated, this, [this](int index) {
        setLevel(Level(m_levelCombo->itemData(index).toInt()));
    });
    connect(m_ruleCombo, &QComboBox::activated, this, [this](int index) {
        setRule(AggregationRule(m_ruleCombo->itemData(index).toInt()), m_thresholdSpin->value());
    });
    connect(m_thresholdSpin, &QSpinBox::valueChanged, this, [this](int value) {
        if (rule() == AggregationRule::VoteWithThreshold)
            setRule(AggregationRule::VoteWithThreshold, value);
    });
    connect(m_modeCombo, &QComboBox::activated, this, [this](int index) { setNormalised(index == 1); });
    connect(m_matrix, &ConfusionMatrixView::cellClicked, this, &EvaluationView::selectCell);
    connect(m_songs, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_songs->selectionModel()->selectedRows();
        const QString path = rows.isEmpty() ? QString() : m_songs->item(rows.first().row(), 0)->data(Qt::UserRole).toString();
        m_openButton->setEnabled(!path.isEmpty());
    });
    // Double-click or Enter on a song.
    connect(m_songs, &QTableWidget::activated, this, [this](const QModelIndex &) { openSelectedSong(); });
    // Enter on a cell (or a double-click) moves on to its first song.
    connect(m_matrix, &ConfusionMatrixView::cellDoubleClicked, this, [this](int t, int p) {
        selectCell(t, p);
        if (m_songs->rowCount() > 0) {
            m_songs->selectRow(0);
            m_songs->setFocus();
        }
    });
    connect(m_openButton, &QPushButton::clicked, this, &EvaluationView::openSelectedSong);
}

void EvaluationView::clear()
{
    m_title.clear();
    m_folds.clear();
    m_currentFolds.clear();
    m_current.reset();
    m_isKFold = false;
    m_fold = -1;
    m_cellTrue = m_cellPred = -2;
    m_titleLabel->setText(tr("No evaluation loaded: open a model with a stored evaluation or finish a training run."));
    m_matrix->clear();
    m_metrics->clearMetrics();
    m_summary->clear();
    refreshSongs();
    updateControls();
}

bool EvaluationView::showBundle(const QString &bundlePath, QString *error)
{
    const QString name = QFileInfo(bundlePath).fileName();
    auto fail = [&](const QString &why) {
        if (error)
            *error = tr("The evaluation of %1 cannot be shown. %2").arg(name, why);
        return false;
    };
    const auto bytes = base::readFile(bundlePath.toStdString());
    if (!bytes.ok())
        return fail(errorSentence(bytes.error()));
    const auto manifest = models::readBundleManifest(*bytes);
    if (!manifest.ok())
        return fail(errorSentence(manifest.error()));
    const QJsonObject ev = manifest->value(QStringLiteral("evaluation")).toObject();
    if (ev.isEmpty())
        return fail(tr("The model has no stored evaluation; evaluate it on a labelled dataset instead."));
    const QJsonObject card = manifest->value(QStringLiteral("card")).toObject();
    const QString cardTitle = card.value(QStringLiteral("title")).toString();
    const QString title = cardTitle.isEmpty() ? name : tr("%1 (%2)").arg(cardTitle, name);
    if (ev.value(QStringLiteral("kind")).toString() == QLatin1String("kfold")) {
        auto folds = training::FoldSummary::fromJson(ev);
        if (!folds.ok())
            return fail(errorSentence(folds.error()));
        showFolds(title, *folds);
        return true;
    }
    auto single = EvaluationResult::fromJson(ev);
    if (!single.ok())
        return fail(errorSentence(single.error()));
    showEvaluation(title, *single);
    return true;
}

void EvaluationView::showEvaluation(const QString &title, const EvaluationResult &result)
{
    m_isKFold = false;
    setResults(title, {result});
}

void EvaluationView::showFolds(const QString &title, const training::FoldSummary &folds)
{
    m_isKFold = !folds.folds.empty();
    setResults(title, folds.folds);
}

void EvaluationView::setResults(const QString &title, std::vector<EvaluationResult> folds)
{
    m_title = title;
    m_folds = std::move(folds);
    m_fold = -1;
    m_cellTrue = m_cellPred = -2;
    m_titleLabel->setText(title);
    m_foldCombo->clear();
    if (m_isKFold) {
        m_foldCombo->addItem(tr("All folds pooled"), -1);
        for (int i = 0; i < int(m_folds.size()); ++i)
            m_foldCombo->addItem(tr("Fold %1").arg(i + 1), i);
    }
    if (!m_folds.empty()) {
        const auto &first = m_folds.front();
        m_ruleCombo->setCurrentIndex(std::max(0, m_ruleCombo->findData(int(first.rule))));
        const QSignalBlocker block(m_thresholdSpin);
        m_thresholdSpin->setValue(first.threshold);
    }
    recompute();
}

bool EvaluationView::canReaggregate() const
{
    return !m_folds.empty() && std::all_of(m_folds.begin(), m_folds.end(),
                                           [](const EvaluationResult &e) { return e.hasSegmentProbabilities(); });
}

void EvaluationView::updateControls()
{
    const bool any = !m_folds.empty();
    m_foldLabel->setVisible(m_isKFold);
    m_foldCombo->setVisible(m_isKFold);
    m_foldCombo->setCurrentIndex(std::max(0, m_foldCombo->findData(m_fold)));
    m_levelCombo->setEnabled(any);
    m_modeCombo->setEnabled(any);
    m_exportButton->setEnabled(any);
    const bool songLevel = level() == Level::Song;
    const bool reagg = canReaggregate();
    m_ruleCombo->setEnabled(any && reagg && songLevel);
    m_thresholdSpin->setEnabled(any && reagg && songLevel && rule() == AggregationRule::VoteWithThreshold);
    m_thresholdLabel->setEnabled(m_thresholdSpin->isEnabled());
    QString tip;
    if (any && !reagg)
        tip = tr("This evaluation was saved without segment probabilities, so only its own rule (%1) can be shown.")
                  .arg(ruleName(m_folds.front().rule));
    else if (any && !songLevel)
        tip = tr("The rule decides the song level; the segment level does not depend on it.");
    else
        tip = tr("How a song's segment probabilities become one genre");
    m_ruleCombo->setToolTip(tip);
    m_modeCombo->setCurrentIndex(m_matrix->isNormalised() ? 1 : 0);
}

void EvaluationView::setLevel(Level level)
{
    m_levelCombo->setCurrentIndex(std::max(0, m_levelCombo->findData(int(level))));
    recompute();
}

EvaluationView::Level EvaluationView::level() const
{
    return Level(m_levelCombo->currentData().toInt());
}

AggregationRule EvaluationView::rule() const
{
    return AggregationRule(m_ruleCombo->currentData().toInt());
}

int EvaluationView::threshold() const
{
    return m_thresholdSpin->value();
}

bool EvaluationView::setRule(AggregationRule rule, int threshold)
{
    if (m_folds.empty() || !canReaggregate()) {
        updateControls();
        return false;
    }
    m_ruleCombo->setCurrentIndex(std::max(0, m_ruleCombo->findData(int(rule))));
    {
        const QSignalBlocker block(m_thresholdSpin);
        m_thresholdSpin->setValue(threshold);
    }
    recompute();
    return true;
}

void EvaluationView::setFold(int fold)
{
    m_fold = (m_isKFold && fold >= 0 && fold < int(m_folds.size())) ? fold : -1;
    recompute();
}

void EvaluationView::setNormalised(bool normalised)
{
    m_matrix->setNormalised(normalised);
    updateControls();
}

const EvaluationResult *EvaluationView::currentResult() const
{
    return m_current ? &*m_current : nullptr;
}

const training::Metrics &EvaluationView::currentMetrics() const
{
    return level() == Level::Song ? m_current->song : m_current->segment;
}

void EvaluationView::recompute()
{
    m_currentFolds.clear();
    m_current.reset();
    if (m_folds.empty()) {
        m_matrix->clear();
        m_metrics->clearMetrics();
        m_summary->clear();
        refreshSongs();
        updateControls();
        return;
    }
    const AggregationRule r = rule();
    const int t = r == AggregationRule::VoteWithThreshold ? threshold() : 0;
    for (const auto &f : m_folds) {
        const bool same = f.rule == r && (r != AggregationRule::VoteWithThreshold || f.threshold == t);
        if (!same && f.hasSegmentProbabilities()) {
            auto re = training::reaggregate(f, r, t);
            m_currentFolds.push_back(re.ok() ? std::move(*re) : f);
        } else {
            m_currentFolds.push_back(f);
        }
    }
    if (!m_isKFold) {
        m_current = m_currentFolds.front();
    } else if (m_fold >= 0) {
        m_current = m_currentFolds[std::size_t(m_fold)];
    } else {
        auto pooled = training::poolEvaluations(m_currentFolds);
        m_current = pooled.ok() ? std::move(*pooled) : m_currentFolds.front();
    }

    const auto &metrics = currentMetrics();
    const int n = int(m_current->labels.size());
    m_matrix->setMatrix(m_current->labels, metrics.confusion);
    if (level() == Level::Song && metrics.rejected > 0) {
        std::vector<std::int64_t> rejected(std::size_t(n), 0);
        for (const auto &f : m_current->files)
            if (f.predicted < 0 && f.trueLabel >= 0 && f.trueLabel < n)
                ++rejected[std::size_t(f.trueLabel)];
        m_matrix->setRejected(rejected);
    }
    m_matrix->setTitle(m_isKFold && m_fold < 0 ? tr("%1, all folds pooled").arg(level() == Level::Song ? tr("Songs") : tr("Segments"))
                       : m_isKFold         ? tr("%1, fold %2").arg(level() == Level::Song ? tr("Songs") : tr("Segments")).arg(m_fold + 1)
                                           : (level() == Level::Song ? tr("Songs") : tr("Segments")));
    m_metrics->setMetrics(m_current->labels, metrics);
    // The table is narrow by nature: keep every column readable instead of letting the matrix take it.
    m_metrics->setMinimumWidth(m_metrics->horizontalHeader()->length() + m_metrics->verticalScrollBar()->sizeHint().width() +
                               2 * m_metrics->frameWidth() + 4);
    m_summary->setText(summaryText());
    // Keep the selected cell when it still exists.
    if (m_cellTrue >= 0 && m_matrix->cellRect(m_cellTrue, m_cellPred).isValid())
        m_matrix->setSelectedCell(m_cellTrue, m_cellPred);
    else
        m_cellTrue = m_cellPred = -2;
    refreshSongs();
    updateControls();
}

QString EvaluationView::summaryText() const
{
    if (!m_current)
        return {};
    const auto &song = m_current->song;
    const auto &seg = m_current->segment;
    QString text = tr("Songs: accuracy %1% (%2 of %3), macro-F1 %4, rule: %5.")
                       .arg(percent(song.accuracy))
                       .arg(song.correct)
                       .arg(song.total)
                       .arg(song.macroF1, 0, 'f', 3)
                       .arg(ruleName(m_current->rule));
    if (song.rejected > 0)
        text += QLatin1Char(' ') + tr("Rejected (too few votes): %1.").arg(song.rejected);
    text += QLatin1Char(' ') + tr("Segments: accuracy %1% (%2 of %3).").arg(percent(seg.accuracy)).arg(seg.correct).arg(seg.total);
    if (m_isKFold) {
        const auto s = training::summariseFolds(m_currentFolds);
        text += QLatin1Char('\n') +
                tr("%1 test folds, mean \u00b1 standard deviation: song accuracy %2% \u00b1 %3, segment accuracy %4% \u00b1 %5, macro-F1 %6 \u00b1 %7.")
                    .arg(m_currentFolds.size())
                    .arg(percent(s.songAccuracyMean), percent(s.songAccuracyStd), percent(s.segmentAccuracyMean),
                         percent(s.segmentAccuracyStd))
                    .arg(s.macroF1Mean, 0, 'f', 3)
                    .arg(s.macroF1Std, 0, 'f', 3);
    }
    if (!canReaggregate())
        text += QLatin1Char('\n') + tr("Stored without segment probabilities: the song rule cannot be changed.");
    return text;
}

std::vector<FilePrediction> EvaluationView::listedSongs() const
{
    std::vector<FilePrediction> out;
    if (!m_current || m_cellTrue < 0)
        return out;
    for (const auto &f : m_current->files) {
        if (f.trueLabel != m_cellTrue)
            continue;
        if (level() == Level::Song) {
            if (f.predicted == m_cellPred)
                out.push_back(f);
        } else if (std::count(f.segmentPredictions.begin(), f.segmentPredictions.end(), m_cellPred) > 0) {
            out.push_back(f);
        }
    }
    const int p = m_cellPred;
    if (level() == Level::Segment) {
        std::stable_sort(out.begin(), out.end(), [p](const FilePrediction &a, const FilePrediction &b) {
            return std::count(a.segmentPredictions.begin(), a.segmentPredictions.end(), p) >
                   std::count(b.segmentPredictions.begin(), b.segmentPredictions.end(), p);
        });
    } else if (p >= 0) {
        // Most confident first.
        auto score = [p](const FilePrediction &f) { return std::size_t(p) < f.scores.size() ? f.scores[std::size_t(p)] : 0.0f; };
        std::stable_sort(out.begin(), out.end(), [&](const FilePrediction &a, const FilePrediction &b) { return score(a) > score(b); });
    }
    return out;
}

void EvaluationView::selectCell(int trueLabel, int predictedLabel)
{
    if (!m_current || !m_matrix->cellRect(trueLabel, predictedLabel).isValid())
        return;
    m_cellTrue = trueLabel;
    m_cellPred = predictedLabel;
    m_matrix->setSelectedCell(trueLabel, predictedLabel);
    refreshSongs();
}

void EvaluationView::refreshSongs()
{
    m_songs->setRowCount(0);
    m_openButton->setEnabled(false);
    const bool segmentLevel = level() == Level::Segment;
    m_songs->setColumnHidden(3, !segmentLevel);
    if (!m_current || m_cellTrue < 0) {
        m_songsLabel->setText(m_current ? tr("Click a cell of the matrix to list its songs.") : QString());
        return;
    }
    const auto &labels = m_current->labels;
    auto name = [&](int i) {
        return i >= 0 && std::size_t(i) < labels.size() ? genreDisplayName(labels[std::size_t(i)]) : tr("rejected");
    };
    const auto songs = listedSongs();
    const QString cellName = tr("true %1, predicted %2").arg(name(m_cellTrue), name(m_cellPred));
    m_songsLabel->setText(segmentLevel ? tr("Songs with segments in the cell %1: %2").arg(cellName).arg(songs.size())
                                       : tr("Songs in the cell %1: %2").arg(cellName).arg(songs.size()));
    m_songs->setRowCount(int(songs.size()));
    for (int row = 0; row < int(songs.size()); ++row) {
        const auto &f = songs[std::size_t(row)];
        const QString path = QString::fromStdString(f.path);
        const QString shown = path.isEmpty() ? QString::fromStdString(f.key) : QFileInfo(path).fileName();
        auto *songItem = new QTableWidgetItem(shown);
        songItem->setData(Qt::UserRole, path);
        songItem->setToolTip(path.isEmpty() ? QString::fromStdString(f.key) : path);
        m_songs->setItem(row, 0, songItem);
        m_songs->setItem(row, 1, new QTableWidgetItem(name(f.trueLabel)));
        m_songs->setItem(row, 2, new QTableWidgetItem(name(f.predicted)));
        const auto inCell = std::count(f.segmentPredictions.begin(), f.segmentPredictions.end(), m_cellPred);
        auto *segItem = new QTableWidgetItem(tr("%1 of %2").arg(inCell).arg(f.segmentPredictions.size()));
        segItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_songs->setItem(row, 3, segItem);
        std::vector<int> order(f.scores.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) { return f.scores[std::size_t(a)] > f.scores[std::size_t(b)]; });
        QStringList top;
        for (int k = 0; k < std::min<int>(3, int(order.size())); ++k)
            top << QStringLiteral("%1 %2").arg(name(order[std::size_t(k)])).arg(double(f.scores[std::size_t(order[std::size_t(k)])]), 0, 'f', 2);
        m_songs->setItem(row, 4, new QTableWidgetItem(top.join(QStringLiteral(", "))));
    }
}

void EvaluationView::openSelectedSong()
{
    const auto rows = m_songs->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString path = m_songs->item(rows.first().row(), 0)->data(Qt::UserRole).toString();
    if (!path.isEmpty())
        Q_EMIT openSongRequested(path);
}

std::string EvaluationView::confusionCsv() const
{
    if (!m_current)
        return {};
    const int n = m_matrix->classCount();
    const bool rejected = m_matrix->cellRect(0, -1).isValid();
    const bool norm = m_matrix->isNormalised();
    std::string out = "true\\predicted";
    for (const auto &l : m_current->labels)
        out += "," + base::csvField(l);
    if (rejected)
        out += ",rejected";
    out += "\n";
    for (int t = 0; t < n; ++t) {
        out += base::csvField(m_current->labels[std::size_t(t)]);
        for (int p = 0; p < n; ++p)
            out += "," + (norm ? num(m_matrix->rowFraction(t, p)) : std::to_string(m_matrix->count(t, p)));
        if (rejected)
            out += "," + (norm ? num(m_matrix->rowFraction(t, -1)) : std::to_string(m_matrix->count(t, -1)));
        out += "\n";
    }
    return out;
}

std::string EvaluationView::songsCsv() const
{
    if (!m_current)
        return {};
    const auto &labels = m_current->labels;
    auto name = [&](int i) { return i >= 0 && std::size_t(i) < labels.size() ? labels[std::size_t(i)] : std::string(); };
    std::string out = "key,path,true,predicted,segments_in_cell,segments";
    for (const auto &l : labels)
        out += ",p_" + base::csvField(l);
    out += "\n";
    for (const auto &f : listedSongs()) {
        const auto inCell = std::count(f.segmentPredictions.begin(), f.segmentPredictions.end(), m_cellPred);
        out += base::csvField(f.key) + "," + base::csvField(f.path) + "," + base::csvField(name(f.trueLabel)) + "," +
               base::csvField(name(f.predicted)) + "," + std::to_string(inCell) + "," +
               std::to_string(f.segmentPredictions.size());
        for (std::size_t c = 0; c < labels.size(); ++c)
            out += "," + (c < f.scores.size() ? num(f.scores[c]) : std::string());
        out += "\n";
    }
    return out;
}

bool EvaluationView::writeText(const QString &path, const std::string &text, QString *error) const
{
    if (text.empty()) {
        if (error)
            *error = tr("There is nothing to export yet.");
        return false;
    }
    const auto st = base::writeFileAtomically(path.toStdString(), text);
    if (!st) {
        if (error)
            *error = tr("%1 could not be written. %2").arg(QFileInfo(path).fileName(), errorSentence(st.error()));
        return false;
    }
    return true;
}

bool EvaluationView::exportMatrixPng(const QString &path, QString *error) const
{
    if (!m_current)
        return writeText(path, {}, error);
    QString detail;
    if (m_matrix->savePng(path, &detail))
        return true;
    if (error)
        *error = tr("%1 could not be written. %2").arg(QFileInfo(path).fileName(), detail);
    return false;
}

bool EvaluationView::exportMatrixSvg(const QString &path, QString *error) const
{
    if (!m_current)
        return writeText(path, {}, error);
    QString detail;
    if (m_matrix->saveSvg(path, &detail))
        return true;
    if (error)
        *error = tr("%1 could not be written. %2").arg(QFileInfo(path).fileName(), detail);
    return false;
}

bool EvaluationView::exportConfusionCsv(const QString &path, QString *error) const
{
    return writeText(path, confusionCsv(), error);
}

bool EvaluationView::exportMetricsCsv(const QString &path, QString *error) const
{
    return writeText(path, m_metrics->csv(), error);
}

bool EvaluationView::exportSongsCsv(const QString &path, QString *error) const
{
    if (m_cellTrue < 0) {
        if (error)
            *error = tr("Click a cell of the matrix first: the song list is empty.");
        return false;
    }
    return writeText(path, songsCsv(), error);
}

void EvaluationView::exportWithDialog(int what)
{
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("lastExportFolder"), settings.value(QStringLiteral("lastFolder"))).toString();
    QString suggested, filter;
    switch (what) {
    case kMatrixPng: suggested = QStringLiteral("confusion.png"); filter = tr("PNG image (*.png)"); break;
    case kMatrixSvg: suggested = QStringLiteral("confusion.svg"); filter = tr("SVG drawing (*.svg)"); break;
    case kConfusionCsv: suggested = QStringLiteral("confusion.csv"); filter = tr("CSV table (*.csv)"); break;
    case kMetricsCsv: suggested = QStringLiteral("metrics.csv"); filter = tr("CSV table (*.csv)"); break;
    default: suggested = QStringLiteral("songs.csv"); filter = tr("CSV table (*.csv)"); break;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"), QDir(folder).filePath(suggested), filter);
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastExportFolder"), QFileInfo(path).absolutePath());
    QString error;
    bool ok = false;
    switch (what) {
    case kMatrixPng: ok = exportMatrixPng(path, &error); break;
    case kMatrixSvg: ok = exportMatrixSvg(path, &error); break;
    case kConfusionCsv: ok = exportConfusionCsv(path, &error); break;
    case kMetricsCsv: ok = exportMetricsCsv(path, &error); break;
    default: ok = exportSongsCsv(path, &error); break;
    }
    if (!ok)
        QMessageBox::warning(this, tr("Export"), error);
}

} // namespace genrescope::ui
