#include "models/loadedmodel.h"
#include "training/trainingchart.h"
#include "training/trainingview.h"

#include "support/testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <random>

using namespace genrescope;
using namespace genrescope::ui;

namespace {

/** A feature table in the features_30_sec.csv layout (filename, length, 57 features, label), 3 classes. */
QString writeTable(const QString &dir, int perClass)
{
    const QString path = dir + "/features.csv";
    std::ofstream out(path.toStdString());
    out << "filename,length";
    for (int f = 0; f < 57; ++f)
        out << ",f" << f;
    out << ",label\n";
    std::mt19937_64 rng(3);
    std::normal_distribution<double> g(0.0, 1.0);
    const char *labels[] = {"alpha", "beta", "gamma"};
    for (int c = 0; c < 3; ++c)
        for (int s = 0; s < perClass; ++s) {
            out << labels[c] << '.' << s << ".wav,661794";
            for (int f = 0; f < 57; ++f)
                out << ',' << (3.0 + g(rng) + ((f / 3) == c ? 2.5 : 0.0));
            out << ',' << labels[c] << '\n';
        }
    return path;
}

template <typename T>
T *child(QWidget &w, const char *name)
{
    T *c = w.findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

/** Settings for a quick run of the MLP on the generated table. */
void setUpQuickRun(TrainingView &view, const QString &table, const QString &out, int epochs, int batch)
{
    QSignalSpy scanned(&view, &TrainingView::scanFinished);
    view.setDataSource(table);
    QVERIFY(scanned.wait(30000));
    QVERIFY(view.selectModel("mlp"));
    child<QSpinBox>(view, "switch_hidden1")->setValue(64);
    child<QSpinBox>(view, "switch_hidden2")->setValue(32);
    child<QSpinBox>(view, "epochsSpin")->setValue(epochs);
    child<QSpinBox>(view, "batchSpin")->setValue(batch);
    child<QSpinBox>(view, "patienceSpin")->setValue(0);
    child<QSpinBox>(view, "threadsSpin")->setValue(1);
    child<QCheckBox>(view, "cacheCheck")->setChecked(false);
    view.setOutputPath(out);
}

} // namespace

class TestTrainingView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void switchEditorsFollowTheModel()
    {
        TrainingView view;
        QVERIFY(view.selectModel("broadcast"));
        auto *factorize = child<QCheckBox>(view, "switch_factorize");
        auto *transition = child<QComboBox>(view, "switch_transition");
        auto *smoothing = child<QDoubleSpinBox>(view, "switch_label_smoothing");
        QCOMPARE(transition->count(), 2);
        factorize->setChecked(true);
        transition->setCurrentIndex(transition->findText("figure"));
        smoothing->setValue(0.1);
        QJsonObject c = view.switchValues();
        QCOMPARE(c.value("factorize").toBool(), true);
        QCOMPARE(c.value("transition").toString(), QString("figure"));
        QCOMPARE(c.value("label_smoothing").toDouble(), 0.1);
        QCOMPARE(view.request().architecture, std::string("broadcast"));

        QVERIFY(view.selectModel("mlfi"));
        QVERIFY(!view.findChild<QCheckBox *>("switch_factorize"));
        auto *mode = child<QComboBox>(view, "switch_mode");
        QCOMPARE(mode->count(), 4);
        mode->setCurrentIndex(mode->findText("two-way"));
        child<QSpinBox>(view, "switch_audio_path")->setValue(3);
        c = view.switchValues();
        QCOMPARE(c.value("mode").toString(), QString("two-way"));
        QCOMPARE(c.value("audio_path").toInt(), 3);
        QVERIFY(!view.selectModel("no-such-model"));
    }

    void scanShowsClassCountsAndLeftOutFiles()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("low"));
        QVERIFY(QDir(dir.path()).mkpath("high"));
        test::writeSineWav(dir.filePath("low/a.wav"), 0.3, 220);
        test::writeSineWav(dir.filePath("low/b.wav"), 0.3, 330);
        test::writeSineWav(dir.filePath("high/c.wav"), 0.3, 1760);
        {
            QFile broken(dir.filePath("high/broken.wav"));
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write("RIFF, but no audio");
        }
        TrainingView view;
        QSignalSpy scanned(&view, &TrainingView::scanFinished);
        view.setDataSource(dir.path());
        QVERIFY(scanned.wait(30000));
        auto *classes = child<QTableWidget>(view, "classTable");
        auto *skipped = child<QTableWidget>(view, "skippedTable");
        QCOMPARE(classes->rowCount(), 2);
        QCOMPARE(classes->item(0, 0)->text(), QString("high"));
        QCOMPARE(classes->item(0, 1)->text(), QString("1"));
        QCOMPARE(classes->item(1, 1)->text(), QString("2"));
        QCOMPARE(skipped->rowCount(), 1);
        QCOMPARE(skipped->item(0, 0)->text(), QString("broken.wav"));
        QCOMPARE(skipped->item(0, 1)->text(), QString("unreadable"));
        QVERIFY(child<QLabel>(view, "scanSummary")->text().contains("3"));
        // The output file is suggested from the model and the dataset.
        QVERIFY(view.outputPath().endsWith(QFileInfo(dir.path()).fileName() + ".gsm"));
    }

    void trainsLiveCancelsResumesAndSavesALoadableModel()
    {
        QTemporaryDir dir;
        const QString table = writeTable(dir.path(), 80);
        const QString out = dir.filePath("run.gsm");
        TrainingView view;
        view.resize(1200, 800);
        setUpQuickRun(view, table, out, 60, 4);
        QSignalSpy running(&view, &TrainingView::runningChanged);
        QSignalSpy saved(&view, &TrainingView::bundleSaved);
        auto *start = child<QPushButton>(view, "startButton");
        auto *cancel = child<QPushButton>(view, "cancelButton");
        auto *resume = child<QPushButton>(view, "resumeButton");
        QVERIFY(start->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!resume->isEnabled()); // no checkpoint yet

        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(view.isRunning());
        QCOMPARE(running.count(), 1);
        QVERIFY(!start->isEnabled());
        QVERIFY(cancel->isEnabled());

        // The curves grow point by point while the run goes on.
        TrainingChart *loss = view.lossChart();
        QTRY_VERIFY_WITH_TIMEOUT(loss->epochPointCount(0) >= 1, 60000);
        const int first = loss->epochPointCount(0);
        QTRY_VERIFY_WITH_TIMEOUT(loss->epochPointCount(0) > first, 60000);
        QVERIFY(view.isRunning());
        QVERIFY(loss->validationPointCount(0) >= 1);
        QTRY_VERIFY(loss->batchPointCount(0) > 0);
        QVERIFY(view.accuracyChart()->epochPointCount(0) >= 1);
        QVERIFY(view.learningRateChart()->epochPointCount(0) >= 1);
        QVERIFY(loss->bestEpoch(0) >= 1);

        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isRunning(), 60000);
        QCOMPARE(saved.count(), 0);
        QVERIFY2(view.logText().contains("cancelled"), qPrintable(view.logText()));
        const int atCancel = loss->epochPointCount(0);
        QVERIFY2(atCancel < 60, "the run ended before it could be cancelled");
        QVERIFY(QFile::exists(out + ".ckpt"));
        QVERIFY(!QFile::exists(out));
        QVERIFY(resume->isEnabled());

        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(view.isRunning());
        QVERIFY(saved.wait(240000));
        QTRY_VERIFY(!view.isRunning());
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), out);
        QCOMPARE(loss->epochPointCount(0), 60); // the resumed epochs and the new ones
        QCOMPARE(view.accuracyChart()->validationPointCount(0), 60);
        QCOMPARE(view.learningRateChart()->epochPointCount(0), 60);
        QCOMPARE(int(view.history().at(0).size()), 60);
        QVERIFY(view.logText().contains("Continuing after epoch"));
        QVERIFY(view.logText().contains("Saved the model"));

        auto model = models::loadModel(out.toStdString());
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QCOMPARE((*model)->labels().size(), std::size_t(3));
    }

    void kFoldRunsAreDrawnTogetherAndExport()
    {
        QTemporaryDir dir;
        const QString table = writeTable(dir.path(), 12);
        const QString out = dir.filePath("folds.gsm");
        TrainingView view;
        view.resize(1200, 800);
        view.show();
        setUpQuickRun(view, table, out, 3, 8);
        child<QRadioButton>(view, "foldsRadio")->setChecked(true);
        child<QSpinBox>(view, "foldsSpin")->setValue(3);
        QCOMPARE(view.request().folds, 3);
        QSignalSpy saved(&view, &TrainingView::bundleSaved);
        view.start();
        QVERIFY(saved.wait(120000));
        for (TrainingChart *c : {view.lossChart(), view.accuracyChart(), view.learningRateChart()}) {
            QCOMPARE(c->foldCount(), 3);
            for (int f = 0; f < 3; ++f)
                QCOMPARE(c->epochPointCount(f), 3);
        }
        QVERIFY(view.logText().contains("3 folds"));
        // One colour per fold: the training curves of the folds differ in colour.
        QList<QColor> colours;
        for (QAbstractSeries *s : view.lossChart()->chart()->series())
            if (auto *line = qobject_cast<QLineSeries *>(s); line && line->name().startsWith("Fold"))
                colours << line->pen().color();
        QCOMPARE(colours.size(), 3);
        QVERIFY(colours[0] != colours[1] && colours[1] != colours[2] && colours[0] != colours[2]);

        const QString png = dir.filePath("curves.png"), svg = dir.filePath("curves.svg"), csv = dir.filePath("h.csv");
        QVERIFY(view.exportCharts(png));
        QVERIFY(view.exportCharts(svg));
        QVERIFY(view.exportHistoryCsv(csv));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 200);
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(svgFile.readAll().contains("<svg"));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 3 * 3);
        QVERIFY(lines[0].startsWith("fold,epoch,train_loss"));
        int bestRows = 0;
        for (int i = 1; i < lines.size(); ++i)
            bestRows += lines[i].endsWith(",1");
        QCOMPARE(bestRows, 3); // one best epoch per fold
    }

    void aFailedRunSaysWhyInTheLog()
    {
        QTemporaryDir dir;
        const QString table = writeTable(dir.path(), 6);
        TrainingView view;
        setUpQuickRun(view, table, dir.filePath("x.gsm"), 2, 8);
        QVERIFY(view.selectModel("broadcast")); // reads spectrograms, not a feature table
        QSignalSpy running(&view, &TrainingView::runningChanged);
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(running.count() == 2, 60000);
        QVERIFY2(view.logText().contains("Training failed"), qPrintable(view.logText()));
        QVERIFY(view.logText().contains("Details:"));
        QVERIFY(!QFile::exists(dir.filePath("x.gsm")));
    }

    void destroyingTheViewWhileTrainingCancelsAndWaits()
    {
        QTemporaryDir dir;
        const QString table = writeTable(dir.path(), 80);
        const QString out = dir.filePath("gone.gsm");
        auto *view = new TrainingView;
        setUpQuickRun(*view, table, out, 500, 4);
        view->start();
        QTRY_VERIFY_WITH_TIMEOUT(view->lossChart()->epochPointCount(0) >= 1, 60000);
        QVERIFY(view->isRunning());
        delete view; // must cancel the run and wait for its thread
        QVERIFY(QFile::exists(out + ".ckpt"));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_MAIN(TestTrainingView)
#include "tst_trainingview.moc"
