#include "settingsdialog.h"

#include "mainwindow/language.h"
#include "models/device.h"
#include "views/colormap.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace genrescope::ui {

namespace {

QComboBox *intCombo(const QList<int> &values, int current, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    for (int v : values)
        combo->addItem(QString::number(v), v);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
    return combo;
}

} // namespace

SettingsDialog::SettingsDialog(const AppSettings &current, QWidget *parent) : QDialog(parent), m_initial(current)
{
    setObjectName("settingsDialog");
    setWindowTitle(tr("Preferences"));

    // Display
    auto *display = new QGroupBox(tr("Display"), this);
    auto *displayForm = new QFormLayout(display);
    m_colorMap = new QComboBox(display);
    m_colorMap->setObjectName("settingsColorMap");
    for (const QString &id : ColorMap::kindIds())
        m_colorMap->addItem(ColorMap::displayName(ColorMap::kindFromId(id)), id);
    m_colorMap->setCurrentIndex(std::max(0, m_colorMap->findData(current.colorMap)));
    displayForm->addRow(tr("Colour map:"), m_colorMap);

    m_dbAuto = new QCheckBox(tr("Fit to the loudest part of each song (80 dB below it)"), display);
    m_dbAuto->setObjectName("settingsDbAuto");
    m_dbAuto->setChecked(current.autoDbRange);
    m_dbLow = new QDoubleSpinBox(display);
    m_dbLow->setObjectName("settingsDbLow");
    m_dbHigh = new QDoubleSpinBox(display);
    m_dbHigh->setObjectName("settingsDbHigh");
    for (auto *spin : {m_dbLow, m_dbHigh}) {
        spin->setRange(-200, 200);
        spin->setDecimals(1);
        spin->setSingleStep(5);
        spin->setSuffix(tr(" dB"));
    }
    m_dbLow->setValue(current.dbLow);
    m_dbHigh->setValue(current.dbHigh);
    auto *range = new QHBoxLayout;
    range->addWidget(m_dbLow);
    range->addWidget(new QLabel(tr("to"), display));
    range->addWidget(m_dbHigh);
    range->addStretch(1);
    displayForm->addRow(tr("dB range:"), m_dbAuto);
    displayForm->addRow(QString(), range);

    m_fft = intCombo(AppSettings::fftSizes(), current.nFft, display);
    m_fft->setObjectName("settingsFft");
    m_hop = intCombo(AppSettings::hops(), current.hop, display);
    m_hop->setObjectName("settingsHop");
    auto *fftRow = new QHBoxLayout;
    fftRow->addWidget(m_fft);
    fftRow->addWidget(new QLabel(tr("hop"), display));
    fftRow->addWidget(m_hop);
    fftRow->addStretch(1);
    displayForm->addRow(tr("FFT size (samples):"), fftRow);

    // Models
    auto *compute = new QGroupBox(tr("Models"), this);
    auto *computeForm = new QFormLayout(compute);
    m_device = new QComboBox(compute);
    m_device->setObjectName("settingsDevice");
    m_device->addItem(tr("CPU"), "cpu");
    m_device->addItem(tr("CUDA (graphics card)"), "cuda");
    if (!models::cudaAvailable()) {
        // Shown but not selectable, so the user learns why it is not there.
        if (auto *model = qobject_cast<QStandardItemModel *>(m_device->model()))
            model->item(1)->setEnabled(false);
        m_device->setItemData(1, tr("This libtorch has no CUDA support, or no CUDA device is present."), Qt::ToolTipRole);
        m_device->setCurrentIndex(0);
    } else {
        m_device->setCurrentIndex(current.allowCuda ? 1 : 0);
    }
    computeForm->addRow(tr("Device:"), m_device);
    m_threads = new QSpinBox(compute);
    m_threads->setObjectName("settingsThreads");
    m_threads->setRange(0, AppSettings::maxTorchThreads());
    m_threads->setSpecialValueText(tr("Every core (%1)").arg(AppSettings::maxTorchThreads()));
    m_threads->setValue(current.torchThreads);
    m_threads->setToolTip(tr("Threads libtorch uses for one model; a change applies from the next song classified."));
    computeForm->addRow(tr("Threads:"), m_threads);

    // Language
    auto *languageBox = new QGroupBox(tr("Language"), this);
    auto *languageForm = new QFormLayout(languageBox);
    m_language = new QComboBox(languageBox);
    m_language->setObjectName("settingsLanguage");
    m_language->addItem(tr("System"), QString());
    for (const QString &code : availableLanguages())
        m_language->addItem(languageName(code), code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(current.language)));
    languageForm->addRow(tr("Language:"), m_language);
    m_restartNote = new QLabel(tr("The new language is used when Genrescope is started again."), languageBox);
    m_restartNote->setObjectName("restartNote");
    m_restartNote->setWordWrap(true);
    languageForm->addRow(m_restartNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(display);
    layout->addWidget(compute);
    layout->addWidget(languageBox);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_dbAuto, &QCheckBox::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_fft, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    connect(m_dbLow, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (m_dbHigh->value() <= v)
            m_dbHigh->setValue(v + 1);
    });
    connect(m_dbHigh, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (m_dbLow->value() >= v)
            m_dbLow->setValue(v - 1);
    });
    updateEnabled();
}

void SettingsDialog::updateEnabled()
{
    m_dbLow->setEnabled(!m_dbAuto->isChecked());
    m_dbHigh->setEnabled(!m_dbAuto->isChecked());
    // A hop longer than the FFT would skip samples: offer only hops up to the FFT size.
    const int nFft = m_fft->currentData().toInt();
    auto *model = qobject_cast<QStandardItemModel *>(m_hop->model());
    for (int i = 0; i < m_hop->count(); ++i)
        if (model)
            model->item(i)->setEnabled(m_hop->itemData(i).toInt() <= nFft);
    if (m_hop->currentData().toInt() > nFft)
        m_hop->setCurrentIndex(std::max(0, m_hop->findData(nFft)));
    m_restartNote->setVisible(needsRestart());
}

bool SettingsDialog::needsRestart() const
{
    return m_language->currentData().toString() != m_initial.language;
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_initial;
    s.colorMap = m_colorMap->currentData().toString();
    s.autoDbRange = m_dbAuto->isChecked();
    s.dbLow = float(m_dbLow->value());
    s.dbHigh = float(m_dbHigh->value());
    s.nFft = m_fft->currentData().toInt();
    s.hop = std::min(m_hop->currentData().toInt(), s.nFft);
    s.allowCuda = m_device->currentData().toString() == "cuda";
    s.torchThreads = m_threads->value();
    s.language = m_language->currentData().toString();
    return s;
}

} // namespace genrescope::ui
