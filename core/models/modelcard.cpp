#include "modelcard.h"

#include "models/bundlemodel.h"
#include "models/torchscriptmodel.h"

#include <QJsonArray>
#include <QJsonDocument>

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
    for (const char *key : {"notes", "licence"})
        if (card.contains(key))
            out << QString(key).leftJustified(13).toStdString() << " " << valueText(card.value(key)) << "\n";
    for (auto it = card.begin(); it != card.end(); ++it) {
        static const QStringList shown = {"title", "notes", "licence", "config", "architecture",
                                          "provenance", "evaluation", "history"};
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

} // namespace genrescope::models
