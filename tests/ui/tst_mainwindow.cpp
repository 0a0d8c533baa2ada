#include "dialogs/aboutdialog.h"
#include "dialogs/modelinputdialog.h"
#include "mainwindow/audioplayer.h"
#include "mainwindow/language.h"
#include "compare/comparisonview.h"
#include "evaluation/evaluationview.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/modelset.h"
#include "mainwindow/predictionpanel.h"
#include "views/analysisview.h"
#include "views/spectrogramview.h"
#include "views/timeviewport.h"
#include "views/waveformview.h"

#include <QComboBox>
#include <QImage>
#include <QMessageBox>

#include "support/testsupport.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QPainter>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QTranslator>
#include <QUrl>
#include <QtEndian>
#include <cmath>
#include <functional>

using namespace genrescope::ui;

namespace {

using genrescope::test::writeSineWav;

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

    void workTabsSwitchByMenuAndASongFromEvaluateOpensInAnalysis()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.trainingView() && w.evaluationView() && w.comparisonView());
        QCOMPARE(w.currentTab(), MainWindow::WorkTab::Analysis);
        QAction *toCompare = w.findChild<QAction *>("actionTab3");
        QVERIFY(toCompare);
        QCOMPARE(toCompare->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_4));
        toCompare->trigger();
        QCOMPARE(w.currentTab(), MainWindow::WorkTab::Compare);
        QVERIFY(w.comparisonView()->isVisible());
        QVERIFY(!w.analysisView()->isVisible());
        // A song picked in the Evaluate (or Compare) tab opens in the analysis view.
        QTemporaryDir dir;
        const QString song = writeSineWav(dir.filePath("misclassified.wav"), 1.0);
        QSignalSpy opened(&w, &MainWindow::fileOpened);
        w.showTab(MainWindow::WorkTab::Evaluate);
        Q_EMIT w.evaluationView()->openSongRequested(song);
        QCOMPARE(w.currentTab(), MainWindow::WorkTab::Analysis);
        QCOMPARE(w.currentFile(), song);
        QCOMPARE(opened.count(), 1);
        Q_EMIT w.comparisonView()->openSongRequested(song);
        QCOMPARE(opened.count(), 2);
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

    void analysisShowsWaveformAndSpectrogram()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("a440.wav"), 4.0, 440);
        MainWindow w;
        w.resize(1000, 700);
        w.show();
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        dropFiles(&w, {a});
        QVERIFY(finished.wait(30000));
        auto *spec = w.analysisView()->spectrogram();
        // 4 s at hop 512 with centred frames: 1 + 88200 / 512 = 173 columns of 128 mel bands.
        QCOMPARE(spec->axis().rows(), 128);
        QCOMPARE(spec->columnCount(), std::size_t(173));
        QCOMPARE(w.analysisView()->waveform()->sampleCount(), std::size_t(88200));
        QVERIFY(std::abs(w.analysisView()->viewport()->duration() - 4.0) < 1e-3);
        // The 440 Hz tone is the loudest band, in every column.
        int loudest = 0;
        float best = -1e9f;
        for (int r = 0; r < 128; ++r) {
            const float v = spec->valueAt(2.0, r);
            if (v > best) {
                best = v;
                loudest = r;
            }
        }
        const double hz = spec->axis().rowHz[std::size_t(loudest)];
        QVERIFY2(hz > 380 && hz < 510, qPrintable(QString::number(hz)));
        QCOMPARE(noteName(440.0), QString("A4"));

        // Hovering the spectrogram shows time, frequency, note and value in the status bar.
        const QPoint at(spec->width() / 2 + SpectrogramView::kAxisWidth / 2, spec->height() / 2);
        QTest::mouseMove(spec, at);
        QMouseEvent move(QEvent::MouseMove, QPointF(at), spec->mapToGlobal(QPointF(at)), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(spec, &move);
        auto *hover = w.findChild<QLabel *>("hoverLabel");
        QVERIFY(hover->text().contains("Hz"));
        QVERIFY(hover->text().contains("dB"));
    }

    void switchingViewsRecomputesTheLayer()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("tone.wav"), 3.0, 262);
        MainWindow w;
        w.show();
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(a);
        QVERIFY(finished.wait(30000));
        auto *spec = w.analysisView()->spectrogram();
        auto *combo = w.findChild<QComboBox *>("viewCombo");
        QVERIFY(combo);

        combo->setCurrentIndex(combo->findData("chroma"));
        QTRY_COMPARE_WITH_TIMEOUT(spec->axis().rows(), 12, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(spec->columnCount() == std::size_t(1 + 66150 / 512), 20000);
        // Middle C (262 Hz) lights up pitch class C.
        float best = -1;
        int bestRow = -1;
        for (int r = 0; r < 12; ++r) {
            if (spec->valueAt(1.5, r) > best) {
                best = spec->valueAt(1.5, r);
                bestRow = r;
            }
        }
        QCOMPARE(spec->axis().rowLabels.value(bestRow), QString("C"));

        combo->setCurrentIndex(combo->findData("mfcc"));
        QTRY_COMPARE_WITH_TIMEOUT(spec->axis().rows(), 20, 20000);
        combo->setCurrentIndex(combo->findData("multires-rgb"));
        QTRY_VERIFY_WITH_TIMEOUT(spec->axis().rgb && spec->columnCount() > 0, 20000);
        combo->setCurrentIndex(combo->findData("stft"));
        QTRY_COMPARE_WITH_TIMEOUT(spec->axis().rows(), 1025, 20000);
    }

    void zoomAndScrollMoveTheSharedAxis()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("z.wav"), 6.0);
        MainWindow w;
        w.show();
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(a);
        QVERIFY(finished.wait(30000));
        auto *vp = w.analysisView()->viewport();
        QCOMPARE(vp->visibleLength(), 6.0);
        w.findChild<QAction *>("actionZoomIn")->trigger();
        QCOMPARE(vp->visibleLength(), 3.0);
        vp->scrollBy(1.0);
        QCOMPARE(vp->visibleStart(), 3.0);
        vp->scrollBy(1.0); // clamped at the end
        QCOMPARE(vp->visibleEnd(), 6.0);
        // Ctrl+wheel over the spectrogram zooms in around the mouse.
        auto *spec = w.analysisView()->spectrogram();
        const QPointF pos(spec->width() * 0.75, spec->height() / 2.0);
        QWheelEvent wheel(pos, spec->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(spec, &wheel);
        QVERIFY(vp->visibleLength() < 3.0);
    }

    void aLongSongOpensOnItsFirstScreenAndFillsInProgressively()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("long.wav"), 75.0, 330);
        MainWindow w;
        w.show();
        auto *vp = w.analysisView()->viewport();
        auto *spec = w.analysisView()->spectrogram();
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(a);
        // The first screen is there before the song is decoded: the first tile arrives while the job runs.
        QTRY_VERIFY_WITH_TIMEOUT(spec->tileCount() > 0 || finished.count() > 0, 30000);
        QCOMPARE(vp->visibleStart(), 0.0);
        QCOMPARE(vp->visibleLength(), AnalysisView::kFirstScreenSeconds);
        QVERIFY(finished.count() > 0 || finished.wait(30000));
        QVERIFY(spec->tileCount() > 1); // delivered in pieces, not at the end
        QCOMPARE(vp->duration(), 75.0);
        QCOMPARE(vp->visibleLength(), AnalysisView::kFirstScreenSeconds); // the end of decoding keeps the view
        w.findChild<QAction *>("actionShowAll")->trigger();
        QCOMPARE(vp->visibleLength(), 75.0);
    }

    void exportsPngAndSvg()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("e.wav"), 2.0);
        MainWindow w;
        w.resize(900, 600);
        w.show();
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(a);
        QVERIFY(finished.wait(30000));
        const QString png = dir.filePath("view.png"), svg = dir.filePath("view.svg");
        QVERIFY(w.exportView(png));
        QVERIFY(w.exportView(svg));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), w.analysisView()->size() * w.analysisView()->devicePixelRatioF());
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("<image")); // the spectrogram tiles
    }

    void aNewDropCancelsTheOldAnalysis()
    {
        QTemporaryDir dir;
        const QString longFile = writeSineWav(dir.filePath("long.wav"), 120.0);
        const QString shortFile = writeSineWav(dir.filePath("short.wav"), 1.0);
        MainWindow w;
        w.show();
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(longFile);
        w.openFile(shortFile);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toString(), QFileInfo(shortFile).absoluteFilePath());
        QTest::qWait(200); // give a wrongly surviving first job the chance to report
        QCOMPARE(finished.count(), 1);
        QCOMPARE(w.analysisView()->waveform()->sampleCount(), std::size_t(22050));
    }

    void corruptFileShowsAnErrorAndTheWindowStays()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath("not audio.mp3");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("This is a text file that somebody renamed to .mp3, not audio at all.\n");
        f.close();
        MainWindow w;
        w.show();
        QSignalSpy failed(w.analysisView(), &AnalysisView::analysisFailed);
        w.openFile(bad);
        QVERIFY(failed.wait(30000));
        QTRY_VERIFY(w.findChild<QMessageBox *>("errorBox"));
        auto *box = w.findChild<QMessageBox *>("errorBox");
        QVERIFY(box->text().contains("not audio.mp3"));
        QVERIFY(!box->detailedText().isEmpty());
        QVERIFY(w.isVisible());
        // The window still works: the next file opens.
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(writeSineWav(dir.filePath("ok.wav"), 1.0));
        QVERIFY(finished.wait(30000));
    }

    void modelInputShowsTheRecipesTensor()
    {
        QTemporaryDir dir;
        const QString a = writeSineWav(dir.filePath("m.wav"), 30.0, 220);
        MainWindow w;
        w.show();
        QVERIFY(!w.findChild<QAction *>("actionModelInput")->isEnabled());
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(a);
        QVERIFY(finished.wait(30000));
        QVERIFY(w.findChild<QAction *>("actionModelInput")->isEnabled());
        ModelInputDialog *dlg = w.showModelInput();
        QVERIFY(dlg);
        QSignalSpy ready(dlg, &ModelInputDialog::tensorReady);
        dlg->setRecipe("bbnn-f2");
        QTRY_VERIFY_WITH_TIMEOUT(dlg->recipe() == "bbnn-f2" && !dlg->isComputing() && ready.count() > 0, 30000);
        QCOMPARE(dlg->shapeText(), QString("[1, 1, 646, 128]"));
        ready.clear();
        dlg->setRecipe("mlfi-f3"); // ten 3-s segments of 128 x 130
        QVERIFY(ready.wait(30000));
        QCOMPARE(dlg->shapeText(), QString("[10, 1, 128, 130]"));
        QVERIFY(dlg->findChild<QLabel *>("inputInfo")->text().contains("3.00 s"));
    }

    void withoutAnAudioDeviceTheWindowSaysSoAndWorks()
    {
        MainWindow w;
        if (w.player()->available())
            QSKIP("this machine has an audio output; playbackMovesThePlayhead covers it");
        w.show();
        auto *play = w.findChild<QAction *>("actionPlay");
        QVERIFY(!play->isEnabled());
        QVERIFY(play->toolTip().contains("audio output"));
        auto *notice = w.findChild<QLabel *>("noAudioLabel");
        QVERIFY(notice);
        QVERIFY(notice->isVisibleTo(&w));
        QVERIFY(!notice->text().isEmpty());
        // Everything else works: a song analyses, play and seek are harmless.
        QTemporaryDir dir;
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(writeSineWav(dir.filePath("quiet.wav"), 1.0));
        QVERIFY(finished.wait(30000));
        w.player()->play();
        QVERIFY(!w.player()->isPlaying());
        w.player()->seek(0.5);
        QCOMPARE(w.player()->position(), 0.5);
    }

    /**
     * With an audio output (here: a PulseAudio null sink, see docs/benchmarks/ui.md), space plays and
     * pauses, the playhead moves over the views, and a click on the spectrogram seeks.
     */
    void playbackMovesThePlayhead()
    {
        MainWindow w;
        if (!w.player()->available())
            QSKIP("no audio output device (start a PulseAudio null sink to run this test)");
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(!w.findChild<QLabel *>("noAudioLabel") || !w.findChild<QLabel *>("noAudioLabel")->isVisibleTo(&w));
        QTemporaryDir dir;
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(writeSineWav(dir.filePath("play.wav"), 4.0, 440));
        QVERIFY(finished.wait(30000));
        auto *vp = w.analysisView()->viewport();
        auto *play = w.findChild<QAction *>("actionPlay");
        QVERIFY(play->isEnabled());
        w.analysisView()->setFocus();

        QTest::keyClick(w.analysisView(), Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(w.player()->isPlaying(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(vp->playheadTime() > 0.3, 10000);
        QTest::keyClick(w.analysisView(), Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!w.player()->isPlaying(), 5000);
        const double pausedAt = vp->playheadTime();
        QVERIFY(pausedAt > 0.3 && pausedAt < 4.0);
        QCOMPARE(w.player()->position(), pausedAt);

        // A click three quarters into the spectrogram seeks there.
        auto *spec = w.analysisView()->spectrogram();
        const int plotLeft = SpectrogramView::kAxisWidth;
        const int x = plotLeft + (spec->width() - plotLeft) * 3 / 4;
        QTest::mouseClick(spec, Qt::LeftButton, Qt::NoModifier, QPoint(x, spec->height() / 2));
        const double target = vp->playheadTime();
        QVERIFY2(std::abs(target - 3.0) < 0.3, qPrintable(QString::number(target)));
        QCOMPARE(w.player()->position(), target);
        QTest::keyClick(w.analysisView(), Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(vp->playheadTime() > target + 0.2, 10000);
        // Playing to the end stops by itself.
        QTRY_VERIFY_WITH_TIMEOUT(!w.player()->isPlaying(), 10000);
    }

    /**
     * The first screen of a long mp3 (docs/benchmarks/ui.md): opt-in, as it needs a long file. Make one
     * with ffmpeg (the command is in the benchmark notes) and run
     * GS_LONG_MP3=/tmp/long.mp3 build/tests/ui/tst_ui_mainwindow firstScreenOfALongSong
     */
    void firstScreenOfALongSong()
    {
        const QString path = qEnvironmentVariable("GS_LONG_MP3");
        if (path.isEmpty())
            QSKIP("set GS_LONG_MP3 to a long mp3 to measure its first screen (docs/benchmarks/ui.md)");
        QVERIFY(QFileInfo::exists(path));
        const int runs = std::max(1, qEnvironmentVariableIntValue("GS_RUNS"));
        for (int run = 0; run < runs; ++run) {
            MainWindow w;
            w.resize(1400, 900);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            while (w.models()->count() > 0) // the view alone, not the classifier sharing the cores
                w.models()->remove(0);
            auto *spec = w.analysisView()->spectrogram();
            auto *vp = w.analysisView()->viewport();
            QElapsedTimer clock;
            qint64 firstPaint = -1, screenFull = -1;
            // First paint with a tile, and the first paint whose tiles cover the visible window.
            struct PaintWatch : QObject
            {
                std::function<void()> onPaint;
                bool eventFilter(QObject *, QEvent *e) override
                {
                    if (e->type() == QEvent::Paint)
                        onPaint();
                    return false;
                }
            } watch;
            watch.onPaint = [&] {
                if (spec->tileCount() == 0)
                    return;
                if (firstPaint < 0)
                    firstPaint = clock.elapsed();
                const double covered = double(spec->columnCount()) * spec->axis().secondsPerColumn;
                if (screenFull < 0 && covered >= vp->visibleEnd() - 0.1)
                    screenFull = clock.elapsed();
            };
            spec->installEventFilter(&watch);
            QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
            clock.start();
            w.openFile(path);
            QVERIFY(finished.wait(120000));
            const qint64 full = clock.elapsed();
            QTRY_VERIFY_WITH_TIMEOUT(screenFull >= 0, 10000);
            spec->removeEventFilter(&watch);
            qInfo("run %d: first tile painted %lld ms, first screen (%.0f s shown) complete %lld ms, whole "
                  "%.0f s analysed %lld ms",
                  run + 1, firstPaint, vp->visibleLength(), screenFull, vp->duration(), full);
            QVERIFY(firstPaint >= 0);
            QVERIFY(firstPaint < full); // progressive: something shows before the whole song is done
        }
    }

    /**
     * A screenshot of the window with a song loaded, for the docs (opt-in, run under xvfb-run):
     * GS_SHOT_FILE=<song> GS_SHOT_OUT=<png> [GS_SHOT_LANG=de|zh_CN] [GS_SHOT_QM=<extra .qm>]
     * tst_ui_mainwindow screenshot. Waits for the views and the predictions, then grabs the window.
     */
    void screenshot()
    {
        const QString file = qEnvironmentVariable("GS_SHOT_FILE"), out = qEnvironmentVariable("GS_SHOT_OUT");
        if (file.isEmpty() || out.isEmpty())
            QSKIP("set GS_SHOT_FILE and GS_SHOT_OUT to take a screenshot (docs/benchmarks/ui.md)");
        const QString language = qEnvironmentVariable("GS_SHOT_LANG"), qm = qEnvironmentVariable("GS_SHOT_QM");
        if (!language.isEmpty())
            installTranslators(qApp, language);
        QTranslator extra;
        if (!qm.isEmpty()) {
            QVERIFY(extra.load(qm));
            QApplication::installTranslator(&extra);
        }
        {
            MainWindow w;
            w.resize(1600, 1000);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
            w.openFile(file);
            QVERIFY(finished.wait(60000));
            if (w.models()->count() > 0)
                QTRY_VERIFY_WITH_TIMEOUT(w.predictionPanel()->hasResult(), 60000);
            const QString view = qEnvironmentVariable("GS_SHOT_VIEW");
            if (!view.isEmpty()) {
                auto *combo = w.findChild<QComboBox *>("viewCombo");
                combo->setCurrentIndex(combo->findData(view));
                QTRY_VERIFY_WITH_TIMEOUT(!w.analysisView()->isBusy(), 30000);
            }
            QApplication::processEvents();
            QVERIFY(w.grab().save(out));
            // The whole model card at the dock's width, as one tall image.
            const QString cardOut = qEnvironmentVariable("GS_SHOT_CARD_OUT");
            if (!cardOut.isEmpty()) {
                auto *card = w.findChild<QTextBrowser *>("modelCard");
                QVERIFY(card);
                QTextDocument *doc = card->document()->clone(&w);
                doc->setTextWidth(card->viewport()->width());
                QImage image(doc->size().toSize(), QImage::Format_RGB32);
                image.fill(card->palette().base().color());
                QPainter painter(&image);
                doc->drawContents(&painter);
                painter.end();
                QVERIFY(image.save(cardOut));
            }
        }
        QApplication::removeTranslator(&extra);
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
