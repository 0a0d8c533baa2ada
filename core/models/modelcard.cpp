#include "modelcard.h"

#include "models/bundlemodel.h"
#include "models/torchscriptmodel.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace genrescope::models {

namespace {

std::string shapeText(const std::vector<std::int64_t> &s)
{
    std::string t = "[";
    for (std::size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + "]";
}

QJsonArray shapeJson(const std::vector<std::int64_t> &s)
{
    QJsonArray a;
    for (auto d : s)
        a.append(qint64(d));
    return a;
}

std::string compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

std::string valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().toStdString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 10).toStdString();
    if (v.isBool())
        return v.toBool() ? "true" : "false";
    if (v.isObject())
        return compactJson(v.toObject());
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact).toStdString();
    return "null";
}

std::string normalizationText(const Normalization &n)
{
    if (n.isIdentity())
        return "none";
    std::string t = std::to_string(n.mean.size()) + " mean/std value" + (n.mean.size() == 1 ? "" : "s") + " along axis "
                    + std::to_string(n.axis);
    if (!n.axisName.empty())
        t += " (" + n.axisName + ")";
    return t;
}

const Normalization *mainNormalization(const LoadedModel &model, bool aux)
{
    if (const auto *b = dynamic_cast<const BundleModel *>(&model))
        return aux ? &b->bundle().auxNormalization : &b->bundle().normalization;
    if (const auto *t = dynamic_cast<const TorchScriptModel *>(&model))
        return aux ? &t->sidecar().auxNormalization : &t->sidecar().normalization;
    return nullptr;
}

} // namespace

QJsonObject modelCardJson(const LoadedModel &model)
{
    QJsonObject o;
    o.insert("kind", QString::fromStdString(model.kind()));
    o.insert("name", QString::fromStdString(model.name()));
    QJsonArray labels;
    for (const auto &l : model.labels())
        labels.append(QString::fromStdString(l));
    o.insert("labels", labels);
    o.insert("featureRecipe", QString::fromStdString(model.featureRecipe()));
    o.insert("featureConfig", model.featureConfig());
    o.insert("inputShape", shapeJson(model.inputShape()));
    if (!model.auxInputShape().empty()) {
        o.insert("auxInputShape", shapeJson(model.auxInputShape()));
        o.insert("auxFeatureConfig", model.auxFeatureConfig());
    }
    o.insert("parameters", qint64(model.parameterCount()));
    if (const Normalization *n = mainNormalization(model, false))
        o.insert("normalization", n->toJson());
    if (const Normalization *n = mainNormalization(model, true); n && !model.auxInputShape().empty())
        o.insert("auxNormalization", n->toJson());
    o.insert("card", model.card());
    return o;
}

std::string modelCardText(const LoadedModel &model)
{
    std::ostringstream out;
    const QJsonObject card = model.card();
    out << "Model:        " << model.name() << " (" << (model.kind() == "bundle" ? "Genrescope bundle" : "TorchScript")
        << ")\n";
    if (card.contains("title"))
        out << "Title:        " << card.value("title").toString().toStdString() << "\n";
    out << "Parameters:   " << model.parameterCount() << "\n";
    out << "Input:        " << shapeText(model.inputShape()) << " per example, batch first\n";
    if (!model.auxInputShape().empty())
        out << "Second input: " << shapeText(model.auxInputShape()) << "\n";
    out << "Features:     "
        << (model.featureRecipe().empty() ? std::string("(recipe not named)") : model.featureRecipe()) << "\n";
    if (!model.featureConfig().isEmpty())
        out << "FeatureConfig: " << compactJson(model.featureConfig()) << "\n";
    if (!model.auxFeatureConfig().isEmpty())
        out << "Aux features: " << compactJson(model.auxFeatureConfig()) << "\n";
    if (const Normalization *n = mainNormalization(model, false))
        out << "Normalisation: " << normalizationText(*n) << "\n";
    if (const Normalization *n = mainNormalization(model, true); n && !model.auxInputShape().empty())
        out << "Aux normalisation: " << normalizationText(*n) << "\n";
    out << "Labels (" << model.labels().size() << "):";
    for (const auto &l : model.labels())
        out << " " << l;
    out << "\n";
    if (card.contains("config") && !card.value("config").toObject().isEmpty())
        out << "Config:       " << compactJson(card.value("config").toObject()) << "\n";
    for (const char *key : {"notes", "trainingData", "recipe", "licence"})
        if (card.contains(key))
            out << QString(key).leftJustified(13).toStdString() << " " << valueText(card.value(key)) << "\n";
    if (card.contains("crossValidation"))
        out << "Cross-validation: " << card.value("crossValidation").toObject().value("summary").toString().toStdString()
            << "\n";
    if (card.contains("confusionMatrix")) {
        const QJsonObject cm = card.value("confusionMatrix").toObject();
        const QJsonArray labels = cm.value("labels").toArray(), rows = cm.value("counts").toArray();
        out << "Confusion matrix (rows: true genre, columns: predicted; " << cm.value("note").toString().toStdString()
            << "):\n" << QString().leftJustified(12).toStdString();
        for (const QJsonValue &l : labels)
            out << " " << l.toString().left(5).rightJustified(5).toStdString();
        out << "\n";
        for (qsizetype r = 0; r < rows.size() && r < labels.size(); ++r) {
            out << labels[r].toString().leftJustified(12).toStdString();
            for (const QJsonValue &v : rows[r].toArray())
                out << " " << QString::number(v.toInteger()).rightJustified(5).toStdString();
            out << "\n";
        }
    }
    for (auto it = card.begin(); it != card.end(); ++it) {
        static const QStringList shown = {"title", "notes", "licence", "config", "architecture", "provenance",
                                          "evaluation", "history", "trainingData", "recipe", "crossValidation",
                                          "confusionMatrix"};
        if (!shown.contains(it.key()))
            out << it.key().toStdString() << ": " << valueText(it.value()) << "\n";
    }
    const QJsonObject provenance = card.value("provenance").toObject();
    if (!provenance.isEmpty()) {
        out << "Provenance:\n";
        for (auto it = provenance.begin(); it != provenance.end(); ++it)
            out << "  " << it.key().toStdString() << ": " << valueText(it.value()) << "\n";
    }
    const QJsonObject evaluation = card.value("evaluation").toObject();
    if (!evaluation.isEmpty()) {
        out << "Evaluation:\n";
        for (auto it = evaluation.begin(); it != evaluation.end(); ++it)
            out << "  " << it.key().toStdString() << ": " << valueText(it.value()) << "\n";
    }
    const QJsonArray history = card.value("history").toArray();
    if (!history.isEmpty())
        out << "History:      " << history.size() << " epoch record" << (history.size() == 1 ? "" : "s")
            << "; last: " << valueText(history.last()) << "\n";
    return out.str();
}

QString gtzanLicenceCaveat()
{
    return QStringLiteral(
        "Derived from GTZAN. GTZAN has no licence and its author granted no copyright permission; its audio is not "
        "shipped with Genrescope. These weights were trained on features computed from GTZAN clips: use them for "
        "research and evaluation only, not as a licensed component of a product. GTZAN's known faults (repeated, "
        "distorted and mislabelled clips, Sturm 2013) are in the training data, and the accuracy above is measured "
        "on GTZAN itself, so it overstates the accuracy on other music.");
}

namespace {

QString percent(double v)
{
    return QString::number(100.0 * v, 'f', 1) + " %";
}

} // namespace

base::Status completeCrossValidationCard(ModelBundle &bundle)
{
    const QJsonObject &ev = bundle.evaluation;
    const QJsonArray perFold = ev.value("perFold").toArray();
    if (ev.value("kind").toString() != "kfold" || perFold.isEmpty())
        return base::makeError(base::ErrorCode::Mismatch,
                               "the bundle's evaluation is not a k-fold cross-validation with per-fold results");
    const std::size_t classes = bundle.labels.size();
    std::vector<std::vector<qint64>> counts(classes, std::vector<qint64>(classes, 0));
    QJsonArray foldAccuracies;
    double lo = 1.0, hi = 0.0;
    qint64 total = 0;
    for (const QJsonValue &fv : perFold) {
        const QJsonObject song = fv.toObject().value("song").toObject();
        const QJsonArray rows = song.value("confusion").toArray();
        if (rows.size() != qsizetype(classes))
            return base::makeError(base::ErrorCode::Mismatch,
                                   "a fold's song confusion matrix does not have one row per label");
        for (std::size_t r = 0; r < classes; ++r) {
            const QJsonArray row = rows[qsizetype(r)].toArray();
            if (row.size() != qsizetype(classes))
                return base::makeError(base::ErrorCode::Mismatch,
                                       "a fold's song confusion matrix does not have one column per label");
            for (std::size_t c = 0; c < classes; ++c) {
                counts[r][c] += qint64(row[qsizetype(c)].toDouble());
                total += qint64(row[qsizetype(c)].toDouble());
            }
        }
        const double acc = song.value("accuracy").toDouble();
        foldAccuracies.append(acc);
        lo = std::min(lo, acc);
        hi = std::max(hi, acc);
    }
    QJsonArray labels, countRows;
    for (std::size_t r = 0; r < classes; ++r) {
        labels.append(QString::fromStdString(bundle.labels[r]));
        QJsonArray row;
        for (std::size_t c = 0; c < classes; ++c)
            row.append(counts[r][c]);
        countRows.append(row);
    }
    bundle.card["confusionMatrix"] = QJsonObject{
        {"labels", labels},
        {"rows", "true genre"},
        {"columns", "predicted genre"},
        {"counts", countRows},
        {"total", total},
        {"note", "song level, every test fold of the cross-validation pooled (each song is tested once)"}};
    const double mean = ev.value("songAccuracyMean").toDouble(), sd = ev.value("songAccuracyStd").toDouble();
    bundle.card["crossValidation"] = QJsonObject{{"folds", perFold.size()},
                                                 {"songAccuracyMean", mean},
                                                 {"songAccuracyStd", sd},
                                                 {"songAccuracyMin", lo},
                                                 {"songAccuracyMax", hi},
                                                 {"macroF1Mean", ev.value("macroF1Mean").toDouble()},
                                                 {"macroF1Std", ev.value("macroF1Std").toDouble()},
                                                 {"perFold", foldAccuracies},
                                                 {"summary", QString("song-level accuracy %1 +- %2 (mean +- sample "
                                                                     "standard deviation over %3 test folds; range "
                                                                     "%4 to %5)")
                                                                 .arg(percent(mean), percent(sd))
                                                                 .arg(perFold.size())
                                                                 .arg(percent(lo), percent(hi))}};

    const QJsonObject prov = bundle.provenance;
    const QJsonObject dataset = prov.value("dataset").toObject();
    const QJsonObject split = prov.value("split").toObject();
    const QString file = QString::fromStdString(
        std::filesystem::path(dataset.value("path").toString().toStdString()).filename().string());
    bundle.card["trainingData"] =
        QString("%1 (%2, %3 songs): every song is in the test fold of exactly one of the %4 cross-validation folds, "
                "split by song with seed %5. No other data.")
            .arg(file, dataset.value("kind").toString())
            .arg(dataset.value("songs").toInt())
            .arg(perFold.size())
            .arg(split.value("seed").toVariant().toString());

    const QJsonObject trainer = prov.value("trainer").toObject();
    const QJsonObject readable = trainer.value("readable").toObject();
    QStringList recipe;
    recipe << QString("%1 %2").arg(QString::fromStdString(bundle.architecture),
                                   QString::fromUtf8(QJsonDocument(bundle.config).toJson(QJsonDocument::Compact)));
    recipe << QString("optimiser %1, learning rate %2, weight decay %3, batch %4, at most %5 epochs")
                  .arg(trainer.value("optimizer").toString())
                  .arg(readable.value("learningRate").toDouble())
                  .arg(readable.value("weightDecay").toDouble())
                  .arg(trainer.value("batchSize").toInt())
                  .arg(trainer.value("epochs").toInt());
    if (trainer.value("plateau").toBool())
        recipe << QString("learning rate halved after %1 epochs without improvement of the %2 loss")
                      .arg(trainer.value("plateauPatience").toInt())
                      .arg(trainer.value("plateauOnValidation").toBool() ? "validation" : "training");
    if (trainer.value("earlyStopping").toBool())
        recipe << QString("early stopping after %1 epochs without improvement, best validation epoch kept")
                      .arg(trainer.value("earlyStoppingPatience").toInt());
    recipe << QString("seed %1, %2 libtorch thread(s)")
                  .arg(trainer.value("seed").toVariant().toString())
                  .arg(prov.value("torchThreads").toInt());
    recipe << QString("the shipped weights are the model of fold %1 (trained on the folds that are neither its "
                      "test nor its validation fold)")
                  .arg(split.value("fold").toInt());
    bundle.card["recipe"] = recipe.join("; ");
    bundle.card["licence"] = gtzanLicenceCaveat();
    return {};
}

void makeReproducible(ModelBundle &bundle, const QString &timestamp, const std::filesystem::path &base)
{
    bundle.provenance["trainedAt"] = timestamp;
    bundle.provenance["savedAt"] = timestamp;
    QJsonObject dataset = bundle.provenance.value("dataset").toObject();
    if (dataset.contains("path")) {
        const std::filesystem::path p = std::filesystem::path(dataset.value("path").toString().toStdString());
        std::error_code ec;
        const std::filesystem::path rel = std::filesystem::weakly_canonical(p, ec).lexically_relative(
            std::filesystem::weakly_canonical(base, ec));
        if (!ec && !rel.empty())
            dataset["path"] = QString::fromStdString(rel.generic_string());
        bundle.provenance["dataset"] = dataset;
    }
    QJsonArray history;
    for (const QJsonValue &v : bundle.history) {
        QJsonObject o = v.toObject();
        if (o.contains("seconds"))
            o["seconds"] = 0;
        history.append(o);
    }
    bundle.history = history;
}

} // namespace genrescope::models
