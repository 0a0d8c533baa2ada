#pragma once

#include "base/result.h"

#include <QObject>
#include <QString>
#include <memory>
#include <mutex>
#include <vector>

namespace genrescope::models {
class LoadedModel;
}

namespace genrescope::ui {

/** One loaded model as the window knows it: the model, its file, whether it takes part, its lock. */
struct ModelEntry
{
    std::shared_ptr<models::LoadedModel> model;
    QString path;
    QString displayName;
    bool enabled = true;
    bool isDefault = false;
    /** predictProbabilities is single-threaded: jobs lock this while they run the model. */
    std::shared_ptr<std::mutex> guard = std::make_shared<std::mutex>();
};

/**
 * The models loaded in the window (the embedded default first). Loading happens on the caller's
 * thread (small files) and reports errors as values; jobs receive shared copies of the entries.
 */
class ModelSet : public QObject
{
    Q_OBJECT
public:
    explicit ModelSet(QObject *parent = nullptr);

    base::Status load(const QString &path, bool isDefault = false);
    /** Load the embedded default model if one is installed or built; false (and a reason) if not. */
    bool loadDefault(QString *reason = nullptr);
    void remove(int index);
    void setEnabled(int index, bool enabled);

    int count() const { return int(m_entries.size()); }
    const ModelEntry &at(int index) const { return m_entries[std::size_t(index)]; }
    /** Copies of the enabled entries, for a job. */
    std::vector<ModelEntry> enabledEntries() const;

Q_SIGNALS:
    void changed();

private:
    std::vector<ModelEntry> m_entries;
};

/** "BBNN (bbnn-f2), 184,874 parameters" style one-liner and a rich-text card for a model. */
QString modelSummary(const models::LoadedModel &model);
QString modelCardHtml(const ModelEntry &entry);

} // namespace genrescope::ui
