#include "modelset.h"

#include "genrenames.h"

#include "inference/defaultmodel.h"
#include "models/loadedmodel.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QDateTime>
#include <QColor>

#include <algorithm>
#include <cmath>

namespace genrescope::ui {

ModelSet::ModelSet(QObject *parent) : QObject(parent) {}

base::Status ModelSet::load(const QString &path, bool isDefault)
{
    auto loaded = models::loadModel(std::filesystem::path(path.toStdString()));
    if (!loaded)
        return loaded.error();
    ModelEntry e;
    e.model = std::shared_ptr<models::LoadedModel>(std::move(loaded).value());
    e.path = path;
    e.isDefault = isDefault;
    const QString title = e.model->card().value("title").toString();
    e.displayName = isDefault ? QCoreApplication::translate("ModelSet", "Default model")
                              : (!title.isEmpty() ? title : QFileInfo(path).completeBaseName());
    if (isDefault)
        m_entries.insert(m_entries.begin(), std::move(e));
    else
        m_entries.push_back(std::move(e));
    Q_EMIT changed();
    return {};
}

bool ModelSet::loadDefault(QString *reason)
{
    const auto path = inference::defaultModelPath();
    if (!path) {
        if (reason)
            *reason = QCoreApplication::translate("ModelSet", "No default model is installed.");
        return false;
    }
    auto s = load(QString::fromStdString(path->string()), true);
    if (!s.ok() && reason)
        *reason = QString::fromStdString(s.error().toString());
    return s.ok();
}

void ModelSet::remove(int index)
{
    if (index < 0 || index >= count())
        return;
    m_entries.erase(m_entries.begin() + index);
    Q_EMIT changed();
}

void ModelSet::setEnabled(int index, bool enabled)
{
    if (index < 0 || index >= count() || m_entries[std::size_t(index)].enabled == enabled)
        return;
    m_entries[std::size_t(index)].enabled = enabled;
    Q_EMIT changed();
}

std::vector<ModelEntry> ModelSet::enabledEntries() const
{
    std::vector<ModelEntry> out;
    for (const auto &e : m_entries)
        if (e.enabled)
            out.push_back(e);
    return out;
}

QString modelSummary(const models::LoadedModel &model)
{
    return QCoreApplication::translate("ModelSet", "%1 (%2), %3 parameters")
        .arg(QString::fromStdString(model.name()), QString::fromStdString(model.featureRecipe()),
             QLocale().toString(qlonglong(model.parameterCount())));
}

namespace {

/** Translation context of the model card's words. */
class ModelCard
{
    Q_DECLARE_TR_FUNCTIONS(ModelCard)
};

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString percentText(double fraction)
{
    return QLocale().toString(100.0 * fraction, 'f', 1) + QStringLiteral("%");
}

/** A JSON value as readable text: no braces or quotes; objects become "key: value, ..." lists. */
QString plainValue(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? ModelCard::tr("yes") : ModelCard::tr("no");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == std::floor(d) && std::abs(d) < 1e15 ? QLocale().toString(qlonglong(d)) : QLocale().toString(d, 'g', 4);
    }
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts << plainValue(e);
        return parts.join(QStringLiteral(", "));
    }
    if (v.isObject()) {
        QStringList parts;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            parts << QStringLiteral("%1: %2").arg(it.key(), plainValue(it.value()));
        return parts.join(QStringLiteral("; "));
    }
    return {};
}

/**
 * Free-form card text with any JSON object inside it (a tool may embed a config) written out as
 * "key: value; ..." so the card never shows raw braces and quotes.
 */
QString withoutJson(const QString &text)
{
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf(u'{', i);
        if (open < 0)
            break;
        int depth = 0;
        qsizetype close = -1;
        for (qsizetype j = open; j < text.size(); ++j) {
            if (text[j] == u'{')
                ++depth;
            else if (text[j] == u'}' && --depth == 0) {
                close = j;
                break;
            }
        }
        if (close < 0)
            break;
        const QJsonDocument doc = QJsonDocument::fromJson(text.mid(open, close - open + 1).toUtf8());
        out += text.mid(i, open - i);
        out += doc.isObject() ? QStringLiteral("(%1)").arg(plainValue(doc.object())) : text.mid(open, close - open + 1);
        i = close + 1;
    }
    return out + text.mid(i);
}

/** "Licence", "Notes", "Training Data" for a card key ("licence", "trainingData"); unknown keys in words. */
QString fieldTitle(const QString &key)
{
    if (key == "notes")
        return ModelCard::tr("Notes");
    if (key == "licence" || key == "license")
        return ModelCard::tr("Licence");
    if (key == "trainingData")
        return ModelCard::tr("Training data");
    if (key == "recipe")
        return ModelCard::tr("Training recipe");
    if (key == "author" || key == "authors")
        return ModelCard::tr("Author");
    // camelCase or snake_case -> "Camel case"
    QString words;
    for (int i = 0; i < key.size(); ++i) {
        const QChar c = key[i];
        if (c == u'_' || c == u'-')
            words += u' ';
        else if (c.isUpper() && i > 0)
            words += u' ' + c.toLower();
        else
            words += c;
    }
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

/** One fact of the card: its name as a small heading with the value under it (the dock is narrow). */
QString row(const QString &name, const QString &value)
{
    return QStringLiteral("<p style=\"margin-top:4px; margin-bottom:0px\"><b>%1</b><br>%2</p>").arg(esc(name), value);
}

/** The input recipe: "stats57: 57 clip statistics at 22,050 Hz" or "log-mel, 128 bands, FFT 2048 / hop 512, ...". */
QString recipeText(const QJsonObject &fc, const std::string &recipeName, const std::vector<std::int64_t> &shape)
{
    QStringList parts;
    const QString recipe = fc.value("recipe").toString(QString::fromStdString(recipeName));
    if (fc.isEmpty())
        return recipe.isEmpty() ? ModelCard::tr("not recorded") : esc(recipe);
    const QString frontEnd = fc.value("frontEnd").toString();
    const QJsonObject stft = fc.value("stft").toObject();
    const int sr = fc.value("sampleRate").toInt();
    if (sr > 0)
        parts << ModelCard::tr("%1 Hz").arg(QLocale().toString(sr));
    if (frontEnd == "statistics") {
        parts << ModelCard::tr("%1 statistics of the frames").arg(fc.value("nStatistics").toInt());
    } else if (frontEnd == "multires-mel") {
        parts << ModelCard::tr("multi-resolution mel, %1 bands, %2 resolutions")
                     .arg(fc.value("nMels").toInt())
                     .arg(fc.value("resolutions").toArray().size());
    } else {
        if (frontEnd == "mel")
            parts << ModelCard::tr("mel, %1 bands").arg(fc.value("nMels").toInt());
        else if (frontEnd == "mfcc")
            parts << ModelCard::tr("MFCC, %1 coefficients").arg(fc.value("nMfcc").toInt());
        else if (frontEnd == "chroma")
            parts << ModelCard::tr("chroma, %1 pitch classes").arg(fc.value("nChroma").toInt());
        else if (!frontEnd.isEmpty())
            parts << frontEnd;
    }
    if (!stft.isEmpty() && frontEnd != "multires-mel")
        parts << ModelCard::tr("FFT %1, hop %2").arg(stft.value("nFft").toInt()).arg(stft.value("hop").toInt());
    const QString log = fc.value("log").toString();
    if (!log.isEmpty() && log != "none")
        parts << ModelCard::tr("log: %1").arg(log);
    const double segment = fc.value("segmentLength").toDouble();
    if (fc.value("pieceCount").toInt() > 0)
        parts << ModelCard::tr("%n pieces of %1 frames", nullptr, fc.value("pieceCount").toInt())
                     .arg(fc.value("pieceFrames").toInt());
    if (segment > 0 && sr > 0) {
        const double hop = fc.value("segmentHop").toDouble();
        QString seg = ModelCard::tr("segments of %1 s").arg(QLocale().toString(segment / sr, 'f', 2));
        if (hop > 0 && hop != segment)
            seg += ModelCard::tr(" every %1 s").arg(QLocale().toString(hop / sr, 'f', 2));
        parts << seg;
    } else {
        parts << ModelCard::tr("the whole song as one item");
    }
    QStringList dims;
    for (auto d : shape)
        dims << QString::number(d);
    if (!dims.isEmpty())
        parts << ModelCard::tr("input %1").arg(dims.join(QStringLiteral(" × ")));
    return QStringLiteral("<i>%1</i>: %2").arg(esc(recipe), esc(parts.join(QStringLiteral(", "))));
}

/** Song-level counts summed over the folds (or the single evaluation), rows = true genre. */
std::vector<std::vector<double>> confusionCounts(const QJsonObject &card, const std::vector<std::string> &modelLabels,
                                                 QStringList *labels)
{
    std::vector<std::vector<double>> counts;
    auto add = [&](const QJsonArray &rows) {
        if (counts.empty())
            counts.assign(std::size_t(rows.size()), std::vector<double>(std::size_t(rows.size()), 0.0));
        if (std::size_t(rows.size()) != counts.size())
            return false;
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const QJsonArray row = rows[r].toArray();
            if (std::size_t(row.size()) != counts.size())
                return false;
            for (qsizetype c = 0; c < row.size(); ++c)
                counts[std::size_t(r)][std::size_t(c)] += row[c].toDouble();
        }
        return true;
    };
    const QJsonObject stored = card.value("confusionMatrix").toObject();
    if (!stored.isEmpty()) {
        for (const QJsonValue &l : stored.value("labels").toArray())
            *labels << l.toString();
        if (!add(stored.value("counts").toArray()) || counts.size() != std::size_t(labels->size()))
            counts.clear();
        return counts;
    }
    const QJsonObject evaluation = card.value("evaluation").toObject();
    const QJsonArray perFold = evaluation.value("perFold").toArray();
    for (const QJsonValue &f : perFold) {
        if (!add(f.toObject().value("song").toObject().value("confusion").toArray()))
            return {};
        if (labels->isEmpty())
            for (const QJsonValue &l : f.toObject().value("labels").toArray())
                *labels << l.toString();
    }
    if (perFold.isEmpty() && !add(evaluation.value("song").toObject().value("confusion").toArray()))
        return {};
    if (labels->isEmpty())
        for (const auto &l : modelLabels)
            *labels << QString::fromStdString(l);
    return counts;
}

QString confusionTable(const std::vector<std::vector<double>> &counts, const QStringList &labels)
{
    // Narrow enough for the model dock: columns are numbered, rows carry the number and the name.
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\" border=\"1\" "
                                  "style=\"border-collapse: collapse; font-size: 7pt; white-space: nowrap\">");
    html += QStringLiteral("<tr><td></td>");
    for (int c = 0; c < labels.size(); ++c)
        html += QStringLiteral("<td align=\"center\">%1</td>").arg(c + 1);
    html += QStringLiteral("</tr>");
    for (std::size_t r = 0; r < counts.size(); ++r) {
        double total = 0;
        for (double v : counts[r])
            total += v;
        html += QStringLiteral("<tr><td>%1&nbsp;%2</td>").arg(r + 1).arg(esc(genreDisplayName(labels.value(int(r)))));
        for (std::size_t c = 0; c < counts[r].size(); ++c) {
            const double share = total > 0 ? counts[r][c] / total : 0.0;
            // Correct answers shaded green, confusions red, by their share of the true genre's songs.
            const QColor tint = r == c ? QColor(40, 160, 70) : QColor(210, 60, 50);
            const QColor bg = share > 0 ? QColor::fromRgbF(1.0 - share * (1.0 - tint.redF()) * 0.8,
                                                           1.0 - share * (1.0 - tint.greenF()) * 0.8,
                                                           1.0 - share * (1.0 - tint.blueF()) * 0.8)
                                        : QColor(Qt::white);
            html += QStringLiteral("<td align=\"right\" bgcolor=\"%1\"><font color=\"#000000\">%2</font></td>")
                        .arg(bg.name(), QLocale().toString(qlonglong(std::llround(counts[r][c]))));
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

} // namespace

QString modelCardHtml(const ModelEntry &entry)
{
    const auto &m = *entry.model;
    const QJsonObject card = m.card();
    const QJsonObject provenance = card.value("provenance").toObject();
    const QJsonObject evaluation = card.value("evaluation").toObject();
    const QJsonObject trainer = provenance.value("trainer").toObject();

    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(entry.displayName));
    const QString title = card.value("title").toString();
    if (!title.isEmpty() && title != entry.displayName)
        html += QStringLiteral("<p><i>%1</i></p>").arg(esc(title));

    // Architecture and its switches.
    QString arch = QStringLiteral("<b>%1</b>").arg(esc(QString::fromStdString(m.name())));
    const QJsonObject config = card.value("config").toObject();
    if (!config.isEmpty())
        arch += QStringLiteral(" (%1)").arg(esc(plainValue(config)));
    if (m.kind() == "torchscript")
        arch += QStringLiteral(" — %1").arg(esc(ModelCard::tr("TorchScript")));
    html += row(ModelCard::tr("Architecture"), arch);
    html += row(ModelCard::tr("Parameters"), esc(QLocale().toString(qlonglong(m.parameterCount()))));
    html += row(ModelCard::tr("Input"), recipeText(m.featureConfig(), m.featureRecipe(), m.inputShape()));
    if (!m.auxInputShape().empty())
        html += row(ModelCard::tr("Second input"), recipeText(m.auxFeatureConfig(), {}, m.auxInputShape()));
    html += row(ModelCard::tr("Labels"), esc(genreDisplayNames(m.labels()).join(QStringLiteral(", "))));

    // Where it was trained: the dataset.
    const QJsonObject dataset = provenance.value("dataset").toObject();
    if (!dataset.isEmpty()) {
        const QString path = dataset.value("path").toString();
        QString data = esc(QFileInfo(path).fileName());
        QStringList facts;
        if (dataset.contains("kind"))
            facts << dataset.value("kind").toString();
        if (dataset.value("songs").toInt() > 0)
            facts << ModelCard::tr("%n songs", nullptr, dataset.value("songs").toInt());
        const int failed = dataset.value("failed").toArray().size();
        if (failed > 0)
            facts << ModelCard::tr("%n unreadable files left out", nullptr, failed);
        if (!facts.isEmpty())
            data += QStringLiteral(" (%1)").arg(esc(facts.join(QStringLiteral(", "))));
        html += row(ModelCard::tr("Trained on"), data);
    }

    // How it was trained.
    if (!trainer.isEmpty()) {
        QStringList how;
        if (trainer.contains("optimizer"))
            how << ModelCard::tr("optimiser %1").arg(trainer.value("optimizer").toString());
        const double lr = trainer.value("readable").toObject().value("learningRate").toDouble();
        if (lr > 0)
            how << ModelCard::tr("learning rate %1").arg(QLocale().toString(lr, 'g', 3));
        if (trainer.value("batchSize").toInt() > 0)
            how << ModelCard::tr("batch %1").arg(trainer.value("batchSize").toInt());
        const int epochs = card.value("history").toArray().size();
        if (epochs > 0)
            how << ModelCard::tr("%n epochs", nullptr, epochs) +
                       (trainer.value("epochs").toInt() > epochs ? ModelCard::tr(" of at most %1").arg(trainer.value("epochs").toInt())
                                                                  : QString());
        if (provenance.value("stoppedEarly").toBool())
            how << ModelCard::tr("stopped early, best epoch %1 kept").arg(provenance.value("bestEpoch").toInt());
        const QJsonValue seed = trainer.contains("seed") ? trainer.value("seed") : provenance.value("seed");
        if (!seed.isUndefined())
            how << ModelCard::tr("seed %1").arg(seed.toVariant().toString());
        const QJsonObject split = provenance.value("split").toObject();
        if (split.value("method").toString() == "kfold")
            how << ModelCard::tr("fold %1 of %2, split by song").arg(split.value("fold").toInt() + 1).arg(split.value("folds").toInt());
        html += row(ModelCard::tr("Training"), esc(how.join(QStringLiteral(", "))));
        QStringList when;
        // Reproducible bundles store the epoch (1970) instead of the real time: show real dates only.
        const QDateTime trained = QDateTime::fromString(provenance.value("trainedAt").toString(), Qt::ISODate);
        if (trained.isValid() && trained.date().year() >= 2000)
            when << QLocale().toString(trained, QLocale::ShortFormat);
        if (provenance.contains("appVersion"))
            when << ModelCard::tr("Genrescope %1").arg(provenance.value("appVersion").toString());
        if (provenance.contains("libtorchVersion"))
            when << ModelCard::tr("libtorch %1").arg(provenance.value("libtorchVersion").toString());
        if (!when.isEmpty())
            html += row(ModelCard::tr("Saved"), esc(when.join(QStringLiteral(", "))));
    }

    // How well it does.
    const QJsonObject cv = card.value("crossValidation").toObject();
    const int folds = evaluation.value("folds").toInt(evaluation.value("perFold").toArray().size());
    if (evaluation.value("kind").toString() == "kfold" || !cv.isEmpty()) {
        const double songMean = evaluation.contains("songAccuracyMean") ? evaluation.value("songAccuracyMean").toDouble()
                                                                        : cv.value("songAccuracyMean").toDouble();
        const double songStd = evaluation.contains("songAccuracyStd") ? evaluation.value("songAccuracyStd").toDouble()
                                                                      : cv.value("songAccuracyStd").toDouble();
        QString acc = ModelCard::tr("<b>%1 ± %2</b> per song").arg(percentText(songMean), percentText(songStd));
        if (evaluation.contains("segmentAccuracyMean"))
            acc += ModelCard::tr(", %1 ± %2 per segment")
                       .arg(percentText(evaluation.value("segmentAccuracyMean").toDouble()),
                            percentText(evaluation.value("segmentAccuracyStd").toDouble()));
        const int n = folds > 0 ? folds : cv.value("folds").toInt();
        acc += QStringLiteral("<br><small>%1</small>")
                   .arg(esc(ModelCard::tr("mean ± standard deviation over %n test folds", nullptr, n)));
        if (cv.contains("songAccuracyMin"))
            acc += QStringLiteral("<small>%1</small>")
                       .arg(esc(ModelCard::tr(", range %1 to %2")
                                    .arg(percentText(cv.value("songAccuracyMin").toDouble()),
                                         percentText(cv.value("songAccuracyMax").toDouble()))));
        if (evaluation.contains("macroF1Mean"))
            acc += QStringLiteral("<br><small>%1</small>")
                       .arg(esc(ModelCard::tr("macro F1 %1 ± %2")
                                    .arg(QLocale().toString(evaluation.value("macroF1Mean").toDouble(), 'f', 3),
                                         QLocale().toString(evaluation.value("macroF1Std").toDouble(), 'f', 3))));
        html += row(ModelCard::tr("Cross-validated accuracy"), acc);
    } else if (evaluation.value("song").toObject().contains("accuracy")) {
        html += row(ModelCard::tr("Test accuracy"),
                    ModelCard::tr("<b>%1</b> per song").arg(percentText(evaluation.value("song").toObject().value("accuracy").toDouble())));
    }
    html += row(ModelCard::tr("File"), esc(entry.isDefault ? ModelCard::tr("embedded default model") : entry.path));

    QStringList cmLabels;
    const auto counts = confusionCounts(card, m.labels(), &cmLabels);
    if (!counts.empty() && std::size_t(cmLabels.size()) == counts.size())
        html += QStringLiteral("<p><b>%1</b><br><small>%2</small></p>")
                    .arg(esc(ModelCard::tr("Song-level confusion matrix")),
                         esc(ModelCard::tr("rows: true genre, columns: predicted genre; every test fold pooled"))) +
                confusionTable(counts, cmLabels);

    // Free-form card fields (notes, licence, and whatever a tool added), each under its own heading.
    static const QStringList shown = {"title", "config", "architecture", "provenance", "evaluation", "history",
                                      "crossValidation", "confusionMatrix"};
    QStringList keys = card.keys();
    // Notes first, the licence last: a reader meets the summary first and the caveat at the end.
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        auto rank = [](const QString &k) { return k == "notes" ? 0 : (k == "licence" || k == "license") ? 2 : 1; };
        return rank(a) < rank(b);
    });
    for (const QString &key : keys) {
        if (shown.contains(key))
            continue;
        const QString text = withoutJson(plainValue(card.value(key)));
        if (text.isEmpty())
            continue;
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(esc(fieldTitle(key)), esc(text));
    }
    return html;
}

} // namespace genrescope::ui
