#include "predictionpanel.h"

#include "base/atomicfile.h"
#include "charts/probabilitychart.h"
#include "mainwindow/genrenames.h"
#include "views/colormap.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

namespace genrescope::ui {

namespace {
QString ruleName(training::AggregationRule rule)
{
    using R = training::AggregationRule;
    switch (rule) {
    case R::MeanProbability: return PredictionPanel::tr("Mean probability");
    case R::MajorityVote: return PredictionPanel::tr("Majority vote");
    case R::VoteWithThreshold: return PredictionPanel::tr("Vote with threshold");
    case R::GeometricMean: return PredictionPanel::tr("Geometric mean");
    case R::Max: return PredictionPanel::tr("Maximum");
    }
    return {};
}

QString csvField(QString s)
{
    if (s.contains(',') || s.contains('"') || s.contains('\n'))
        s = '"' + s.replace('"', "\"\"") + '"';
    return s;
}
} // namespace

PredictionPanel::PredictionPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName("predictionPanel");
    m_guess = new QLabel(this);
    m_guess->setObjectName("guessLabel");
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_guess->setFont(big);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_ruleCombo = new QComboBox(this);
    m_ruleCombo->setObjectName("ruleCombo");
    for (auto r : training::allAggregationRules())
        m_ruleCombo->addItem(ruleName(r), QString::fromUtf8(training::aggregationRuleId(r).data()));
    m_chart = new ProbabilityChart(this);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName("modelTable");
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Genre"), tr("Probability")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMaximumHeight(160);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_guess);
    layout->addWidget(m_status);
    auto *ruleRow = new QHBoxLayout;
    ruleRow->addWidget(new QLabel(tr("Song rule:"), this));
    ruleRow->addWidget(m_ruleCombo, 1);
    layout->addLayout(ruleRow);
    layout->addWidget(m_chart, 1);
    layout->addWidget(new QLabel(tr("Per model:"), this));
    layout->addWidget(m_table);
    connect(m_ruleCombo, &QComboBox::currentIndexChanged, this, [this] {
        refresh();
        Q_EMIT ruleChanged();
    });
    clear(tr("Drop a song to see what the models say."));
}

training::AggregationRule PredictionPanel::rule() const
{
    return training::aggregationRuleFromId(m_ruleCombo->currentData().toString().toStdString())
        .value_or(training::AggregationRule::MeanProbability);
}

void PredictionPanel::setRule(training::AggregationRule rule)
{
    m_ruleCombo->setCurrentIndex(m_ruleCombo->findData(QString::fromUtf8(training::aggregationRuleId(rule).data())));
}

void PredictionPanel::clear(const QString &message)
{
    m_hasResult = false;
    m_result = {};
    m_guess->setText(QStringLiteral("-"));
    m_status->setText(message);
    m_chart->clear();
    m_table->setRowCount(0);
}

void PredictionPanel::setClassifying(int segmentsDone)
{
    m_status->setText(tr("Classifying... %n segments so far", nullptr, segmentsDone));
}

void PredictionPanel::setResult(const inference::ClassifyResult &result)
{
    m_result = result;
    m_hasResult = true;
    refresh();
}

QString PredictionPanel::guessText() const
{
    return m_guess->text();
}

void PredictionPanel::refresh()
{
    if (!m_hasResult || m_result.models.empty())
        return;
    const auto r = rule();
    // Majority over models, for the agreement highlight.
    std::map<std::string, int> votes;
    for (const auto &m : m_result.models)
        ++votes[m.label(r)];
    std::string majority;
    int most = 0;
    for (const auto &[label, n] : votes)
        if (!label.empty() && n > most) {
            most = n;
            majority = label;
        }

    m_table->setRowCount(int(m_result.models.size()));
    for (int i = 0; i < int(m_result.models.size()); ++i) {
        const auto &m = m_result.models[std::size_t(i)];
        const auto &d = m.decision(r);
        const QString label = d.label >= 0 ? genreDisplayName(m.labels[std::size_t(d.label)]) : tr("(rejected)");
        const float p = d.label >= 0 ? d.scores[std::size_t(d.label)] : 0.0f;
        auto *name = new QTableWidgetItem(QString::fromStdString(m.name));
        auto *genre = new QTableWidgetItem(label);
        auto *prob = new QTableWidgetItem(QStringLiteral("%1%").arg(double(p) * 100, 0, 'f', 0));
        if (d.label >= 0) {
            genre->setForeground(genreColor(d.label).darker(110));
            if (m_result.models.size() > 1 && m.label(r) == majority)
                for (auto *it : {name, genre, prob}) {
                    QFont f = it->font();
                    f.setBold(true);
                    it->setFont(f);
                }
        }
        m_table->setItem(i, 0, name);
        m_table->setItem(i, 1, genre);
        m_table->setItem(i, 2, prob);
    }

    const auto &first = m_result.models.front();
    const auto &d = first.decision(r);
    const QStringList labels = genreDisplayNames(first.labels);
    m_chart->setProbabilities(labels, d.scores);
    if (d.label >= 0)
        m_guess->setText(QStringLiteral("%1  %2%").arg(labels.value(d.label)).arg(double(d.scores[std::size_t(d.label)]) * 100, 0, 'f', 0));
    else
        m_guess->setText(tr("no decision"));
    QString status = tr("%1: %n segments, %2 ms", nullptr, int(first.segments.size()))
                         .arg(QString::fromStdString(first.name))
                         .arg(m_result.timings.totalMs, 0, 'f', 0);
    if (m_result.models.size() > 1)
        status += "\n" + tr("%1 of %2 models agree on %3").arg(most).arg(m_result.models.size()).arg(genreDisplayName(majority));
    if (r == training::AggregationRule::MajorityVote || r == training::AggregationRule::VoteWithThreshold)
        status += "\n" + tr("Bars show each genre's share of the segment votes.");
    if (m_result.partial)
        status += "\n" + tr("The file is damaged; these results cover the part that decoded.");
    m_status->setText(status);
}

base::Status PredictionPanel::exportPredictions(const QString &path) const
{
    if (!m_hasResult)
        return base::makeError(base::ErrorCode::InvalidArgument, "no predictions to export");
    QByteArray out;
    if (path.endsWith(".json", Qt::CaseInsensitive)) {
        QJsonObject root;
        root["source"] = QString::fromStdString(m_result.source);
        root["durationSeconds"] = m_result.durationSeconds;
        root["partial"] = m_result.partial;
        QJsonArray models;
        for (const auto &m : m_result.models) {
            QJsonObject jm;
            jm["model"] = QString::fromStdString(m.name);
            QJsonArray labels;
            for (const auto &l : m.labels)
                labels.append(QString::fromStdString(l));
            jm["labels"] = labels;
            QJsonObject song;
            for (const auto &rd : m.decisions) {
                QJsonObject jd;
                jd["label"] = rd.decision.label >= 0 ? QJsonValue(QString::fromStdString(m.labels[std::size_t(rd.decision.label)])) : QJsonValue();
                QJsonArray scores;
                for (float s : rd.decision.scores)
                    scores.append(double(s));
                jd["scores"] = scores;
                song[QString::fromUtf8(training::aggregationRuleId(rd.rule).data())] = jd;
            }
            jm["song"] = song;
            QJsonArray segs;
            for (const auto &s : m.segments) {
                QJsonObject js;
                js["start"] = s.startSeconds;
                js["end"] = s.endSeconds;
                QJsonArray probs;
                for (float p : s.probabilities)
                    probs.append(double(p));
                js["probabilities"] = probs;
                segs.append(js);
            }
            jm["segments"] = segs;
            models.append(jm);
        }
        root["models"] = models;
        out = QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        // One row per (model, segment), then one per (model, song rule): "segment" or the rule's id.
        const auto &labels0 = m_result.models.front().labels;
        QStringList header = {"model", "level", "start", "end", "label"};
        for (const auto &l : labels0)
            header << csvField(QString::fromStdString(l));
        out += header.join(',').toUtf8() + "\n";
        for (const auto &m : m_result.models) {
            for (const auto &s : m.segments) {
                QStringList row = {csvField(QString::fromStdString(m.name)), "segment", QString::number(s.startSeconds, 'f', 3),
                                   QString::number(s.endSeconds, 'f', 3)};
                const auto best = std::max_element(s.probabilities.begin(), s.probabilities.end()) - s.probabilities.begin();
                row << csvField(QString::fromStdString(m.labels[std::size_t(best)]));
                for (float p : s.probabilities)
                    row << QString::number(double(p), 'g', 6);
                out += row.join(',').toUtf8() + "\n";
            }
            for (const auto &rd : m.decisions) {
                QStringList row = {csvField(QString::fromStdString(m.name)),
                                   QString::fromUtf8(training::aggregationRuleId(rd.rule).data()), "0",
                                   QString::number(m_result.durationSeconds, 'f', 3),
                                   rd.decision.label >= 0 ? csvField(QString::fromStdString(m.labels[std::size_t(rd.decision.label)])) : QString()};
                for (float p : rd.decision.scores)
                    row << QString::number(double(p), 'g', 6);
                out += row.join(',').toUtf8() + "\n";
            }
        }
    }
    return base::writeFileAtomically(path.toStdString(), std::string_view(out.constData(), std::size_t(out.size())));
}

} // namespace genrescope::ui
