#include "mainwindow.h"

#include "dialogs/aboutdialog.h"
#include "recentfiles.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>
#include <QVBoxLayout>

namespace genrescope::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName("mainWindow");
    setWindowTitle(tr("Genrescope"));
    setAcceptDrops(true);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_fileLabel = new QLabel(tr("Drop an audio file here, or use File > Open."), central);
    m_fileLabel->setObjectName("fileLabel");
    m_fileLabel->setAlignment(Qt::AlignCenter);
    m_fileLabel->setWordWrap(true);
    layout->addWidget(m_fileLabel);
    setCentralWidget(central);

    m_statusLabel = new QLabel(tr("Ready"), this);
    statusBar()->addWidget(m_statusLabel, 1);

    createActions();

    QSettings settings;
    if (!restoreGeometry(settings.value("mainWindow/geometry").toByteArray()))
        resize(1280, 800);
}

QStringList MainWindow::audioExtensions()
{
    return {"mp3", "wav", "au", "flac", "ogg", "oga", "opus", "m4a", "aac", "aif", "aiff", "wma", "mp4", "mkv", "webm"};
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open..."), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName("actionOpen");
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName("menuRecent");
    rebuildRecentMenu();
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName("actionQuit");

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Genrescope"), this, &MainWindow::showAbout);
    about->setObjectName("actionAbout");
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentFiles::load();
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("(no recent files)"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            RecentFiles::clear();
            rebuildRecentMenu();
        });
    }
}

void MainWindow::showOpenDialog()
{
    QSettings settings;
    QStringList patterns;
    for (const QString &ext : audioExtensions())
        patterns << "*." + ext;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Audio File"), settings.value("lastFolder").toString(),
        tr("Audio files (%1);;All files (*)").arg(patterns.join(' ')));
    if (path.isEmpty())
        return;
    settings.setValue("lastFolder", QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        m_statusLabel->setText(tr("Cannot open %1: the file does not exist.").arg(path));
        return;
    }
    m_currentFile = info.absoluteFilePath();
    m_fileLabel->setText(tr("%1\n%2").arg(info.fileName(), QLocale().formattedDataSize(info.size())));
    m_statusLabel->setText(tr("Opened %1").arg(info.fileName()));
    setWindowTitle(tr("%1 - Genrescope").arg(info.fileName()));
    RecentFiles::add(m_currentFile);
    rebuildRecentMenu();
    Q_EMIT fileOpened(m_currentFile);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

QStringList MainWindow::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    }
    return files;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    m_queue = files.mid(1);
    openFile(files.first());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue("mainWindow/geometry", saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace genrescope::ui
