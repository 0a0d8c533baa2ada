#include "charts/probabilitychart.h"
#include "features/recipes.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/modelset.h"
#include "mainwindow/predictionpanel.h"
#include "models/bundle.h"
#include "models/registry.h"
#include "views/analysisview.h"
#include "views/segmenttimelineview.h"

#include "support/testsupport.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <cmath>

using namespace genrescope;
using namespace genrescope::ui;

namespace {

const std::vector<std::string> kGenres = {"blues", "classical", "country", "disco", "hiphop",
                                          "jazz", "metal", "pop", "reggae", "rock"};

using genrescope::test::writeSineWav;

/** An (untrained) model bundle of the given architecture, as a user would load one. */
QString writeBundle(const QString &path, const std::string &architecture, const std::string &recipe, const QString &title)
{
    models::ModelBundle b;
    b.architecture = architecture;
    auto config = models::normalizedConfig(architecture, {});
    if (!config)
        return {};
    b.config = *config;
    b.featureConfig = features::recipe(recipe)->toJson();
    b.labels = kGenres;
    b.card["title"] = title;
    auto net = models::createModel(architecture, b.config, 10);
    if (!net)
        return {};
    b.net = *net;
    return models::saveBundle(b, path.toStdString()).ok() ? path : QString();
}

/** Start from no models: the embedded default model (when the build has one) is removed. */
void removeAllModels(MainWindow &w)
{
    while (w.models()->count() > 0)
        w.models()->remove(0);
}

} // namespace

class TestPredictions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setOrganizationName("GenrescopeTest");
        QApplication::setApplicationName("tst_predictions");
        QSettings().clear();
    }

    void withoutModelsThePanelSaysSo()
    {
        MainWindow w;
        w.show();
        removeAllModels(w);
        QCOMPARE(w.models()->count(), 0);
        QTemporaryDir dir;
        QSignalSpy finished(w.analysisView(), &AnalysisView::analysisFinished);
        w.openFile(writeSineWav(dir.filePath("a.wav"), 2, 440));
        QVERIFY(finished.wait(30000));
        QVERIFY(!w.predictionPanel()->hasResult());
        QVERIFY(!w.analysisView()->timeline()->isVisible());
    }

    void twoModelsClassifyTheSongSideBySide()
    {
        QTemporaryDir dir;
        const QString mlp = writeBundle(dir.filePath("lstm.gsm"), "seed004-lstm", "seed004-f7", "LSTM");
        const QString cnn = writeBundle(dir.filePath("cnn.gsm"), "seed004-simple-cnn", "seed004-f6", "Simple CNN");
        QVERIFY(!mlp.isEmpty() && !cnn.isEmpty());
        MainWindow w;
        w.resize(1300, 800);
        w.show();
        removeAllModels(w);
        QVERIFY(w.loadModel(mlp));
        QVERIFY(w.loadModel(cnn));
        QCOMPARE(w.findChild<QListWidget *>("modelList")->count(), 2);

        const QString song = writeSineWav(dir.filePath("song.wav"), 30, 330);
        w.openFile(song);
        QTRY_VERIFY_WITH_TIMEOUT(w.predictionPanel()->hasResult(), 60000);
        const auto &result = w.predictionPanel()->result();
        QCOMPARE(result.models.size(), std::size_t(2));
        // The timeline has one strip per model: the LSTM's 30 pieces of 20 frames, the CNN's 15 pieces.
        auto *timeline = w.analysisView()->timeline();
        QCOMPARE(timeline->modelCount(), 2);
        QCOMPARE(timeline->segmentCount(0), 30);
        QCOMPARE(timeline->segmentCount(1), 15);
        QVERIFY(timeline->isVisible());
        QVERIFY(timeline->describe(1, 5.0).contains("segment"));
        // The headline, the bars and the per-model table follow the selected rule.
        QVERIFY(!w.predictionPanel()->guessText().isEmpty());
        QCOMPARE(w.predictionPanel()->chart()->labels().size(), 10);
        double sum = 0;
        for (float v : w.predictionPanel()->chart()->values())
            sum += v;
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        w.predictionPanel()->setRule(training::AggregationRule::MajorityVote);
        sum = 0;
        for (float v : w.predictionPanel()->chart()->values())
            sum += v;
        QVERIFY(std::abs(sum - 1.0) < 1e-4); // vote shares of the LSTM's 30 pieces

        // Export per song and per segment.
        const QString csv = dir.filePath("p.csv"), json = dir.filePath("p.json");
        QVERIFY(w.predictionPanel()->exportPredictions(csv).ok());
        QVERIFY(w.predictionPanel()->exportPredictions(json).ok());
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(c.readAll()).split('\n', Qt::SkipEmptyParts);
        // header + (30 + 5 rules) for the LSTM + (15 + 5 rules) for the CNN
        QCOMPARE(lines.size(), 1 + 35 + 20);
        QVERIFY(lines.first().startsWith("model,level,start,end,label,blues"));
        QFile j(json);
        QVERIFY(j.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(j.readAll()).object();
        QCOMPARE(root["models"].toArray().size(), 2);
        QCOMPARE(root["models"].toArray()[1].toObject()["segments"].toArray().size(), 15);

        // Switching a model off re-runs the predictions with the other one only.
        w.models()->setEnabled(1, false);
        QTRY_VERIFY_WITH_TIMEOUT(w.predictionPanel()->hasResult() && w.predictionPanel()->result().models.size() == 1,
                                 60000);
        QCOMPARE(timeline->modelCount(), 1);
    }

    void theDefaultModelComesFirstWhenInstalled()
    {
        MainWindow w;
        if (w.models()->count() == 0)
            QSKIP("this build has no embedded default model");
        QVERIFY(w.models()->at(0).isDefault);
        QTemporaryDir dir;
        w.show();
        w.openFile(writeSineWav(dir.filePath("d.wav"), 10, 440));
        QTRY_VERIFY_WITH_TIMEOUT(w.predictionPanel()->hasResult(), 60000);
        QVERIFY(!w.predictionPanel()->guessText().isEmpty());
    }

    void aBrokenModelFileIsRefusedWithAMessage()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath("broken.gsm");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a model");
        f.close();
        MainWindow w;
        w.show();
        removeAllModels(w);
        QVERIFY(!w.loadModel(bad));
        QCOMPARE(w.models()->count(), 0);
        QTRY_VERIFY(w.findChild<QWidget *>("errorBox"));
    }
};

QTEST_MAIN(TestPredictions)
#include "tst_predictions.moc"
