#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QMenu;
class QMimeData;

namespace genrescope::ui {

/**
 * The main window: menus, status bar and the central analysis area. Accepts audio files dropped
 * anywhere on it; the first dropped file is opened, the rest are queued.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    /** Open an audio file (from a drop, File > Open, Open Recent or the command line). */
    void openFile(const QString &path);

    /** The file currently shown, or empty. */
    QString currentFile() const { return m_currentFile; }
    /** Files dropped together with the current one, waiting to be opened. */
    QStringList queuedFiles() const { return m_queue; }

    /** File extensions (lower case, no dot) offered in the Open dialog and accepted on drop. */
    static QStringList audioExtensions();

Q_SIGNALS:
    void fileOpened(const QString &path);

public Q_SLOTS:
    void showOpenDialog();
    void showAbout();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void rebuildRecentMenu();
    static QStringList localFiles(const QMimeData *mime);

    QString m_currentFile;
    QStringList m_queue;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace genrescope::ui
