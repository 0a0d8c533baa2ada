#pragma once

#include "features/featuretensor.h"
#include "features/extractor.h"

#include <QDialog>
#include <QFutureWatcher>
#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace genrescope::ui {

/**
 * "What the model sees": the exact input tensor a feature recipe (the one a model reads) makes of the
 * current song, item by item (segments, pieces) and channel by channel, with its shape and its full
 * FeatureConfig, next to the display version in the main window. Computed off the GUI thread.
 */
class ModelInputDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ModelInputDialog(QWidget *parent = nullptr);

    /** The song to show (decoded again at the recipe's sample rate when it differs). */
    void setSource(const QString &path, std::shared_ptr<const std::vector<float>> signal, int sampleRate);
    /** Select a recipe by name ("bbnn-f2", ...). */
    void setRecipe(const QString &name);
    QString recipe() const;

    /** The tensor shown, once computed (empty before). */
    const features::FeatureTensor &tensor() const { return m_tensor; }
    QString shapeText() const;
    bool isComputing() const;

Q_SIGNALS:
    void tensorReady();

private:
    struct Computed
    {
        features::FeatureTensor tensor;
        std::vector<features::ItemSpan> spans;
        QString configJson;
        QString error;
        int layout = 0; ///< features::Layout
    };
    void recompute();
    void showSlice();

    QComboBox *m_recipeCombo;
    QSpinBox *m_itemSpin;
    QSpinBox *m_channelSpin;
    QLabel *m_image;
    QLabel *m_info;
    QPlainTextEdit *m_config;
    QFutureWatcher<Computed> m_watcher;
    QString m_path;
    std::shared_ptr<const std::vector<float>> m_signal;
    int m_sampleRate = 22050;
    features::FeatureTensor m_tensor;
    std::vector<features::ItemSpan> m_spans;
    int m_layout = 0;
};

} // namespace genrescope::ui
