#include "modelinputdialog.h"

#include "audio/decoder.h"
#include "features/recipes.h"
#include "views/colormap.h"
#include "views/spectrogramview.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>

namespace genrescope::ui {

ModelInputDialog::ModelInputDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("What the Model Sees"));
    setObjectName("modelInputDialog");
    resize(900, 600);

    m_recipeCombo = new QComboBox(this);
    m_recipeCombo->setObjectName("recipeCombo");
    for (const std::string &name : features::recipeNames()) {
        const QString summary = QString::fromStdString(features::recipeSummary(name));
        m_recipeCombo->addItem(QString::fromStdString(name), QString::fromStdString(name));
        m_recipeCombo->setItemData(m_recipeCombo->count() - 1, summary, Qt::ToolTipRole);
    }
    m_itemSpin = new QSpinBox(this);
    m_itemSpin->setObjectName("itemSpin");
    m_channelSpin = new QSpinBox(this);
    m_channelSpin->setObjectName("channelSpin");
    m_image = new QLabel(this);
    m_image->setMinimumSize(400, 200);
    m_image->setScaledContents(true);
    m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_info = new QLabel(this);
    m_info->setObjectName("inputInfo");
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_config = new QPlainTextEdit(this);
    m_config->setReadOnly(true);
    m_config->setMaximumWidth(320);

    auto *controls = new QFormLayout;
    controls->addRow(tr("Feature recipe:"), m_recipeCombo);
    controls->addRow(tr("Item (segment, piece):"), m_itemSpin);
    controls->addRow(tr("Channel:"), m_channelSpin);
    auto *left = new QVBoxLayout;
    left->addLayout(controls);
    left->addWidget(m_image, 1);
    left->addWidget(m_info);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("FeatureConfig (stored in every model bundle):"), this));
    right->addWidget(m_config, 1);
    layout->addLayout(right);

    connect(m_recipeCombo, &QComboBox::currentIndexChanged, this, &ModelInputDialog::recompute);
    connect(m_itemSpin, &QSpinBox::valueChanged, this, &ModelInputDialog::showSlice);
    connect(m_channelSpin, &QSpinBox::valueChanged, this, &ModelInputDialog::showSlice);
    connect(&m_watcher, &QFutureWatcher<Computed>::finished, this, [this] {
        if (m_watcher.isCanceled())
            return;
        Computed c = m_watcher.result();
        m_config->setPlainText(c.configJson);
        if (!c.error.isEmpty()) {
            m_tensor = {};
            m_spans.clear();
            m_image->clear();
            m_info->setText(c.error);
            return;
        }
        m_tensor = std::move(c.tensor);
        m_spans = std::move(c.spans);
        m_layout = c.layout;
        const int channels = m_tensor.shape.size() == 4 ? int(m_tensor.shape[1]) : 1;
        {
            const QSignalBlocker a(m_itemSpin), b(m_channelSpin);
            m_itemSpin->setRange(0, std::max(0, int(m_tensor.items()) - 1));
            m_channelSpin->setRange(0, channels - 1);
        }
        showSlice();
        Q_EMIT tensorReady();
    });
}

void ModelInputDialog::setSource(const QString &path, std::shared_ptr<const std::vector<float>> signal, int sampleRate)
{
    m_path = path;
    m_signal = std::move(signal);
    m_sampleRate = sampleRate;
    recompute();
}

void ModelInputDialog::setRecipe(const QString &name)
{
    const int i = m_recipeCombo->findData(name);
    if (i >= 0)
        m_recipeCombo->setCurrentIndex(i);
}

QString ModelInputDialog::recipe() const
{
    return m_recipeCombo->currentData().toString();
}

bool ModelInputDialog::isComputing() const
{
    return m_watcher.isRunning();
}

QString ModelInputDialog::shapeText() const
{
    QStringList dims;
    for (auto d : m_tensor.shape)
        dims << QString::number(d);
    return "[" + dims.join(", ") + "]";
}

void ModelInputDialog::recompute()
{
    if (!m_signal || m_recipeCombo->count() == 0)
        return;
    m_watcher.cancel();
    m_info->setText(tr("Computing..."));
    const std::string name = recipe().toStdString();
    m_watcher.setFuture(QtConcurrent::run([name, path = m_path, signal = m_signal, rate = m_sampleRate] {
        Computed c;
        auto config = features::recipe(name);
        if (!config) {
            c.error = QString::fromStdString(config.error().toString());
            return c;
        }
        c.configJson = QString::fromUtf8(QJsonDocument(config->toJson()).toJson(QJsonDocument::Indented));
        c.layout = int(config->layout);
        std::shared_ptr<const std::vector<float>> samples = signal;
        if (config->sampleRate != rate) {
            audio::DecodeOptions options;
            options.sampleRate = config->sampleRate;
            auto decoded = audio::decodeFile(path.toStdString(), options);
            if (!decoded) {
                c.error = QString::fromStdString(decoded.error().toString());
                return c;
            }
            samples = std::make_shared<const std::vector<float>>(std::move(decoded->samples));
        }
        auto extractor = features::Extractor::create(*config);
        if (!extractor) {
            c.error = QString::fromStdString(extractor.error().toString());
            return c;
        }
        auto tensor = extractor->extract(samples->data(), samples->size());
        if (!tensor) {
            c.error = QString::fromStdString(tensor.error().toString());
            return c;
        }
        c.spans = extractor->itemSpans(samples->size());
        c.tensor = std::move(tensor).value();
        return c;
    }));
}

void ModelInputDialog::showSlice()
{
    if (m_tensor.shape.size() < 3)
        return;
    // Items are [C, H, W] or [H, W]; show one channel as an image with time running left to right.
    const bool hasChannels = m_tensor.shape.size() == 4;
    const auto h = std::size_t(m_tensor.shape[hasChannels ? 2 : 1]);
    const auto w = std::size_t(m_tensor.shape[hasChannels ? 3 : 2]);
    const std::size_t item = std::size_t(m_itemSpin->value());
    const std::size_t channel = std::size_t(m_channelSpin->value());
    const float *src = m_tensor.data.data() + item * m_tensor.itemSize() + channel * h * w;
    const bool framesByBins = m_layout == int(features::Layout::FramesByBins);
    base::Matrix m(framesByBins ? w : h, framesByBins ? h : w);
    for (std::size_t r = 0; r < h; ++r)
        for (std::size_t c = 0; c < w; ++c) {
            if (framesByBins)
                m(c, r) = src[r * w + c];
            else
                m(r, c) = src[r * w + c];
        }
    const auto [mn, mx] = std::minmax_element(m.data.begin(), m.data.end());
    m_image->setPixmap(QPixmap::fromImage(SpectrogramView::renderImage(m, ColorMap(ColorMap::Kind::Magma), *mn,
                                                                       std::max(*mx, *mn + 1e-6f))));
    QString span;
    if (item < m_spans.size())
        span = tr("   item %1 covers %2 s to %3 s")
                   .arg(item)
                   .arg(m_spans[item].startSeconds, 0, 'f', 2)
                   .arg(m_spans[item].endSeconds, 0, 'f', 2);
    m_info->setText(tr("Input tensor %1 (items first)%2. Values from %3 to %4, before the model's own "
                       "normalisation. Rows: %5, columns: time.")
                        .arg(shapeText(), span)
                        .arg(double(*mn), 0, 'g', 4)
                        .arg(double(*mx), 0, 'g', 4)
                        .arg(framesByBins ? tr("bands (the model reads time x bands)") : tr("bands")));
}

} // namespace genrescope::ui
