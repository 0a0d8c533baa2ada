#pragma once

#include <QDialog>

class QLabel;

namespace genrescope::ui {

/** Help > About: the app and the versions of Qt, libtorch, FFmpeg and FFTW it runs on. */
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /** The versions as shown, one "name version" per line (for tests and "copy"). */
    QString versionsText() const;

private:
    QLabel *m_versions = nullptr;
};

} // namespace genrescope::ui
