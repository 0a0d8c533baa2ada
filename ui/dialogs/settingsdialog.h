#pragma once

#include "mainwindow/appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace genrescope::ui {

/**
 * Edit > Preferences: colour map, dB range, display FFT size and hop, the device and libtorch
 * threads models run with, and the language. Shows `current` and returns the edited copy through
 * settings(); it does not save or apply anything itself (MainWindow::applySettings does). The CUDA
 * choice is offered only when the linked libtorch has CUDA and sees a device. A note says when a
 * change (the language) needs a restart.
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const AppSettings &current, QWidget *parent = nullptr);

    AppSettings settings() const;
    /** Whether the chosen language differs from the one the window runs in (restart note shown). */
    bool needsRestart() const;

private:
    void updateEnabled();

    AppSettings m_initial;
    QComboBox *m_colorMap;
    QCheckBox *m_dbAuto;
    QDoubleSpinBox *m_dbLow;
    QDoubleSpinBox *m_dbHigh;
    QComboBox *m_fft;
    QComboBox *m_hop;
    QComboBox *m_device;
    QSpinBox *m_threads;
    QComboBox *m_language;
    QLabel *m_restartNote;
};

} // namespace genrescope::ui
