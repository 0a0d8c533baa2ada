#include "dialogs/aboutdialog.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QtEndian>
#include <cmath>

using namespace genrescope::ui;

namespace {

/** A 0.5 s 440 Hz 16-bit mono WAV written by hand, so the test needs no fixture file. */
QString writeSineWav(const QString &path)
{
    const int rate = 22050, n = rate / 2;
    QByteArray pcm(n * 2, 0);
    for (int i = 0; i < n; ++i) {
        const qint16 v = qint16(10000 * std::sin(2 * M_PI * 440 * i / rate));
        qToLittleEndian(v, pcm.data() + 2 * i);
    }
    QByteArray h;
    auto u32 = [&](quint32 v) { char b[4]; qToLittleEndian(v, b); h.append(b, 4); };
    auto u16 = [&](quint16 v) { char b[2]; qToLittleEndian(v, b); h.append(b, 2); };
    h += "RIFF"; u32(36 + pcm.size()); h += "WAVEfmt "; u32(16); u16(1); u16(1); u32(rate); u32(rate * 2);
    u16(2); u16(16); h += "data"; u32(pcm.size());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(h + pcm);
    return path;
}

void dropFiles(QWidget *target, const QStringList &paths)
{
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const auto &p : paths)
        urls << QUrl::fromLocalFile(p);
    mime->setUrls(urls);
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
    delete mime;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setOrganizationName("GenrescopeTest");
        QApplication::setApplicationName("tst_mainwindow");
        QSettings().clear();
    }

    void showsMenus()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QStringList titles;
        for (QAction *a : w.menuBar()->actions())
            titles << a->text().remove('&');
        QVERIFY(titles.contains("File"));
        QVERIFY(titles.contains("Help"));
        QVERIFY(w.findChild<QAction *>("actionOpen"));
        QCOMPARE(w.findChild<QAction *>("actionOpen")->shortcut(), QKeySequence(QKeySequence::Open));
    }

    void dropShowsNameAndSize()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("first song.wav"));
        const QString b = writeSineWav(dir.filePath("second.wav"));
        MainWindow w;
        w.show();
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        dropFiles(&w, {a, b});
        QCOMPARE(opened.count(), 1);
        QCOMPARE(w.currentFile(), QFileInfo(a).absoluteFilePath());
        QCOMPARE(w.queuedFiles(), QStringList{b});
        auto *label = w.findChild<QLabel *>("fileLabel");
        QVERIFY(label);
        QVERIFY(label->text().contains("first song.wav"));
        QVERIFY2(label->text().contains("KB") || label->text().contains("kB") || label->text().contains("KiB"),
                 qPrintable(label->text()));
        QVERIFY(w.windowTitle().contains("first song.wav"));
    }

    void dropOfNothingIsIgnored()
    {
        MainWindow w;
        auto *mime = new QMimeData;
        mime->setText("not a file");
        QDragEnterEvent enter(QPoint(1, 1), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(!enter.isAccepted());
        delete mime;
        QVERIFY(w.currentFile().isEmpty());
    }

    void openRecentListsOpenedFiles()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("recent.wav"));
        MainWindow w;
        w.openFile(a);
        auto *menu = w.findChild<QMenu *>("menuRecent");
        QVERIFY(menu);
        bool found = false;
        for (QAction *act : menu->actions())
            found |= act->data().toString() == QFileInfo(a).absoluteFilePath();
        QVERIFY(found);
    }

    void aboutShowsVersions()
    {
        MainWindow w;
        w.show();
        QTimer::singleShot(0, [&] {
            auto *dlg = w.findChild<AboutDialog *>();
            QVERIFY(dlg);
            auto *label = dlg->findChild<QLabel *>("versionsLabel");
            QVERIFY(label);
            for (const char *name : {"Qt", "libtorch", "FFmpeg", "FFTW"})
                QVERIFY2(label->text().contains(name), name);
            QVERIFY(label->text().contains(QString(qVersion())));
            dlg->reject();
        });
        w.showAbout();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
