#include "dialogs/settingsdialog.h"
#include "mainwindow/appsettings.h"
#include "mainwindow/mainwindow.h"
#include "models/device.h"
#include "models/torchinfo.h"
#include "views/analysisview.h"
#include "views/colormap.h"
#include "views/spectrogramview.h"

#include "support/testsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;
using namespace genrescope::ui;
using genrescope::test::writeSineWav;

/**
 * Settings persist: change them in the window or in Edit > Preferences, close the window, make a new
 * one, and they are back and in effect. QSettings writes into a temporary folder, never the user's.
 */
class TestSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_config;
    QTemporaryDir m_files;

    /** Open `path` in `w` and wait until the song is analysed. */
    static bool analyse(MainWindow &w, const QString &path)
    {
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(path);
        return finished.wait(30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
        QApplication::setOrganizationName("GenrescopeTest");
        QApplication::setApplicationName("tst_settings");
        QSettings().clear();
        QVERIFY2(QSettings().fileName().startsWith(m_config.path()), qPrintable(QSettings().fileName()));
    }

    void theDefaultsWhenNothingIsSaved()
    {
        QSettings().clear();
        const AppSettings s = AppSettings::load();
        QCOMPARE(s.colorMap, QString("magma"));
        QVERIFY(s.autoDbRange);
        QCOMPARE(s.nFft, 2048);
        QCOMPARE(s.hop, 512);
        QVERIFY(!s.allowCuda);
        QCOMPARE(s.torchThreads, 0);
        QVERIFY(s.language.isEmpty());
        // Garbage in the file falls back to the defaults.
        QSettings q;
        q.setValue("view/colorMap", "rainbow");
        q.setValue("view/nFft", 1000);
        q.setValue("view/dbLow", 10);
        q.setValue("view/dbHigh", -10);
        q.setValue("view/dbAuto", false);
        q.setValue("language", "xx");
        q.sync();
        const AppSettings bad = AppSettings::load();
        QCOMPARE(bad.colorMap, QString("magma"));
        QCOMPARE(bad.nFft, 2048);
        QVERIFY(bad.autoDbRange);
        QVERIFY(bad.language.isEmpty());
        QSettings().clear();
    }

    void windowChangesComeBackAfterARestart()
    {
        const QString song = writeSineWav(m_files.filePath("tone.wav"), 2.0, 440);
        {
            MainWindow w;
            w.resize(1111, 777);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            auto *colors = w.findChild<QComboBox *>("colorCombo");
            colors->setCurrentIndex(colors->findData("viridis"));
            QCOMPARE(w.analysisView()->spectrogram()->colorMap(), ColorMap::Kind::Viridis);
            QVERIFY(analyse(w, song));
            QCOMPARE(w.analysisView()->spectrogram()->axis().valueUnit, QString("dB"));
            // A dB range typed into the toolbar on a dB view is remembered.
            w.findChild<QDoubleSpinBox *>("rangeLowSpin")->setValue(-55);
            w.findChild<QDoubleSpinBox *>("rangeHighSpin")->setValue(-5);
            QCOMPARE(w.analysisView()->spectrogram()->rangeLow(), -55.0f);
            w.findChild<QDockWidget *>("predictionDock")->hide();
            w.close();
        }
        QCOMPARE(QSettings().value("lastFolder").toString(), QFileInfo(song).absolutePath());

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1111, 777));
        QVERIFY(w.findChild<QDockWidget *>("predictionDock")->isHidden());
        QVERIFY(!w.findChild<QDockWidget *>("modelDock")->isHidden());
        QCOMPARE(w.findChild<QComboBox *>("colorCombo")->currentData().toString(), QString("viridis"));
        QCOMPARE(w.analysisView()->spectrogram()->colorMap(), ColorMap::Kind::Viridis);
        QCOMPARE(w.findChild<QDoubleSpinBox *>("rangeLowSpin")->value(), -55.0);
        QCOMPARE(w.findChild<QDoubleSpinBox *>("rangeHighSpin")->value(), -5.0);
        // In effect: the next song's dB layer opens with the saved range instead of fitting its own.
        QVERIFY(analyse(w, song));
        QCOMPARE(w.analysisView()->spectrogram()->rangeLow(), -55.0f);
        QCOMPARE(w.analysisView()->spectrogram()->rangeHigh(), -5.0f);
        // Views that are not in dB keep their own range.
        auto *view = w.findChild<QComboBox *>("viewCombo");
        view->setCurrentIndex(view->findData("chroma"));
        QTRY_COMPARE_WITH_TIMEOUT(w.analysisView()->spectrogram()->axis().rows(), 12, 20000);
        QCOMPARE(w.analysisView()->spectrogram()->rangeHigh(), 1.0f);
        view->setCurrentIndex(view->findData("logmel128"));
        QTRY_COMPARE_WITH_TIMEOUT(w.analysisView()->spectrogram()->axis().rows(), 128, 20000);
        QCOMPARE(w.analysisView()->spectrogram()->rangeLow(), -55.0f);
        w.findChild<QDockWidget *>("predictionDock")->show();
        w.close();
    }

    void preferencesAreInTheEditMenuWithTheStandardShortcut()
    {
        MainWindow w;
        auto *action = w.findChild<QAction *>("actionPreferences");
        QVERIFY(action);
        QVERIFY(!action->shortcut().isEmpty());
        if (!QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty())
            QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Preferences));
        QCOMPARE(action->menuRole(), QAction::PreferencesRole);
        QStringList menus;
        for (QAction *m : w.menuBar()->actions())
            menus << m->text().remove('&');
        QVERIFY(menus.contains("Edit"));
        QVERIFY(action->associatedObjects().size() >= 1);
    }

    void theDialogAppliesAndPersistsEverySetting()
    {
        QSettings().clear();
        const QString song = writeSineWav(m_files.filePath("dialog.wav"), 2.0, 440);
        {
            MainWindow w;
            w.show();
            QVERIFY(analyse(w, song));
            QCOMPARE(w.analysisView()->displaySettings().nFft, 2048);
            SettingsDialog *dialog = w.showSettings();
            QVERIFY(dialog);
            QVERIFY(dialog->isVisible());
            auto *device = dialog->findChild<QComboBox *>("settingsDevice");
            QCOMPARE(device->currentData().toString(), QString("cpu"));
            auto *items = qobject_cast<QStandardItemModel *>(device->model());
            QCOMPARE(items->item(1)->isEnabled(), models::cudaAvailable());

            auto *colors = dialog->findChild<QComboBox *>("settingsColorMap");
            colors->setCurrentIndex(colors->findData("grey"));
            auto *fft = dialog->findChild<QComboBox *>("settingsFft");
            fft->setCurrentIndex(fft->findData(1024));
            auto *hop = dialog->findChild<QComboBox *>("settingsHop");
            hop->setCurrentIndex(hop->findData(2048));
            QCOMPARE(dialog->settings().hop, 1024); // never longer than the FFT
            hop->setCurrentIndex(hop->findData(256));
            dialog->findChild<QCheckBox *>("settingsDbAuto")->setChecked(false);
            dialog->findChild<QDoubleSpinBox *>("settingsDbLow")->setValue(-70);
            dialog->findChild<QDoubleSpinBox *>("settingsDbHigh")->setValue(-20);
            dialog->findChild<QSpinBox *>("settingsThreads")->setValue(1);
            auto *language = dialog->findChild<QComboBox *>("settingsLanguage");
            QVERIFY(language->findText("Deutsch") >= 0);
            QVERIFY(language->findText(QStringLiteral("中文（简体）")) >= 0);
            QVERIFY(dialog->findChild<QLabel *>("restartNote")->isHidden());
            language->setCurrentIndex(language->findData("de"));
            QVERIFY(!dialog->findChild<QLabel *>("restartNote")->isHidden());
            QVERIFY(dialog->needsRestart());
            dialog->accept();

            // In effect at once: colour map, FFT size and hop, dB range, libtorch threads.
            QCOMPARE(w.analysisView()->spectrogram()->colorMap(), ColorMap::Kind::Grey);
            QCOMPARE(w.findChild<QComboBox *>("colorCombo")->currentData().toString(), QString("grey"));
            QCOMPARE(w.analysisView()->displaySettings().nFft, 1024);
            QCOMPARE(w.analysisView()->displaySettings().hop, 256);
            // 2 s at hop 256 with centred frames: 1 + 44100 / 256 = 173 columns, in the saved dB range.
            QTRY_VERIFY_WITH_TIMEOUT(w.analysisView()->spectrogram()->columnCount() == std::size_t(173), 20000);
            QCOMPARE(w.analysisView()->spectrogram()->rangeLow(), -70.0f);
            QCOMPARE(w.analysisView()->spectrogram()->rangeHigh(), -20.0f);
            QCOMPARE(models::torchThreads(), 1);
            QCOMPARE(w.computeSettings().torchThreads, 1);
            QVERIFY(!w.computeSettings().allowCuda);
            w.close();
        }
        // Persisted, and a new window starts with them.
        QSettings q;
        QCOMPARE(q.value("language").toString(), QString("de"));
        QCOMPARE(q.value("compute/threads").toInt(), 1);
        QCOMPARE(q.value("compute/device").toString(), QString("cpu"));
        MainWindow w;
        w.show();
        QCOMPARE(w.findChild<QComboBox *>("fftCombo")->currentData().toInt(), 1024);
        QCOMPARE(w.findChild<QComboBox *>("hopCombo")->currentData().toInt(), 256);
        QCOMPARE(w.findChild<QComboBox *>("colorCombo")->currentData().toString(), QString("grey"));
        QCOMPARE(w.computeSettings().torchThreads, 1);
        QVERIFY(analyse(w, song));
        QCOMPARE(w.analysisView()->displaySettings().nFft, 1024);
        QCOMPARE(w.analysisView()->spectrogram()->rangeHigh(), -20.0f);
        // The language menu shows the saved choice.
        bool germanChecked = false;
        for (QAction *a : w.findChildren<QAction *>())
            germanChecked |= a->isCheckable() && a->isChecked() && a->data().toString() == "de";
        QVERIFY(germanChecked);

        // Back to automatic: the next layer fits its top to the loudest part again (a 440 Hz sine at
        // a third of full scale peaks well above -20 dB).
        SettingsDialog *dialog = w.showSettings();
        dialog->findChild<QCheckBox *>("settingsDbAuto")->setChecked(true);
        dialog->accept();
        auto *spec = w.analysisView()->spectrogram();
        QTRY_VERIFY_WITH_TIMEOUT(spec->rangeHigh() > -20.0f && spec->rangeHigh() - spec->rangeLow() == 80.0f, 20000);
        QVERIFY(AppSettings::load().autoDbRange);
    }

    void cancellingTheDialogChangesNothing()
    {
        QSettings().clear();
        MainWindow w;
        w.show();
        SettingsDialog *dialog = w.showSettings();
        auto *colors = dialog->findChild<QComboBox *>("settingsColorMap");
        colors->setCurrentIndex(colors->findData("cividis"));
        dialog->reject();
        QCOMPARE(AppSettings::load().colorMap, QString("magma"));
        QCOMPARE(w.analysisView()->spectrogram()->colorMap(), ColorMap::Kind::Magma);
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
