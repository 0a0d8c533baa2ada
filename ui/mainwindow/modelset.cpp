#include "modelset.h"

#include "inference/defaultmodel.h"
#include "models/loadedmodel.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

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

QString modelCardHtml(const ModelEntry &entry)
{
    const auto &m = *entry.model;
    QStringList labels;
    for (const auto &l : m.labels())
        labels << QString::fromStdString(l);
    const QJsonObject card = m.card();
    QString html = QStringLiteral("<h3>%1</h3>").arg(entry.displayName.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(modelSummary(m).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>").arg(QCoreApplication::translate("ModelSet", "Labels:"), labels.join(", ").toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>").arg(QCoreApplication::translate("ModelSet", "File:"), entry.path.toHtmlEscaped());
    for (const char *key : {"notes", "licence", "license"}) {
        const QString v = card.value(key).toString();
        if (!v.isEmpty())
            html += QStringLiteral("<p>%1</p>").arg(v.toHtmlEscaped());
    }
    const QJsonObject provenance = card.value("provenance").toObject();
    if (!provenance.isEmpty())
        html += QStringLiteral("<p><b>%1</b><br><tt>%2</tt></p>")
                    .arg(QCoreApplication::translate("ModelSet", "How it was trained:"),
                         QString::fromUtf8(QJsonDocument(provenance).toJson(QJsonDocument::Indented))
                             .toHtmlEscaped()
                             .replace("\n", "<br>"));
    const QJsonObject evaluation = card.value("evaluation").toObject();
    if (!evaluation.isEmpty())
        html += QStringLiteral("<p><b>%1</b><br><tt>%2</tt></p>")
                    .arg(QCoreApplication::translate("ModelSet", "Evaluation:"),
                         QString::fromUtf8(QJsonDocument(evaluation).toJson(QJsonDocument::Compact))
                             .left(2000)
                             .toHtmlEscaped());
    return html;
}

} // namespace genrescope::ui
