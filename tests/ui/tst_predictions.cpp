#include "charts/probabilitychart.h"
#include "features/recipes.h"
#include "mainwindow/genrenames.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/modelset.h"
#include "mainwindow/predictionpanel.h"
#include "models/bundle.h"
#include "models/loadedmodel.h"
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
#include <QTextDocument>
#include <QRegularExpression>
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
        // Genres are shown by their display names; the exports below keep the model's ids.
        QCOMPARE(w.predictionPanel()->chart()->labels().at(4), QString("Hip-hop"));
        QCOMPARE(w.predictionPanel()->chart()->labels().at(1), QString("Classical"));
        QVERIFY(w.predictionPanel()->guessText().at(0).isUpper());
        const QString hover = timeline->describe(0, 5.0);
        QVERIFY2(hover.contains(QRegularExpression("[A-Z][a-z-]+ 0\\.\\d\\d")), qPrintable(hover));
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

    void genreIdsAreShownAsNames()
    {
        QCOMPARE(genreDisplayName(std::string("hiphop")), QString("Hip-hop"));
        QCOMPARE(genreDisplayName(QString("Hip_Hop")), QString("Hip-hop"));
        QCOMPARE(genreDisplayName(std::string("classical")), QString("Classical"));
        QCOMPARE(genreDisplayName(std::string("rock")), QString("Rock"));
        // Labels of other datasets are shown as they are.
        QCOMPARE(genreDisplayName(std::string("drum-and-bass")), QString("drum-and-bass"));
        QCOMPARE(genreDisplayName(QString()), QString());
        const QStringList all = genreDisplayNames(kGenres);
        QCOMPARE(all.size(), 10);
        QCOMPARE(all.join(','), QString("Blues,Classical,Country,Disco,Hip-hop,Jazz,Metal,Pop,Reggae,Rock"));
    }

    void theModelCardIsReadable()
    {
        QTemporaryDir dir;
        models::ModelBundle b;
        b.architecture = "seed004-simple-cnn";
        b.config = *models::normalizedConfig(b.architecture, {});
        b.featureConfig = features::recipe("seed004-f6")->toJson();
        b.labels = kGenres;
        b.net = *models::createModel(b.architecture, b.config, 10);
        b.card["title"] = "Card test";
        b.card["notes"] = "Trained for the card test.";
        b.card["licence"] = "CC0 for the test weights";
        b.card["homepage"] = "https://example.org/model";
        b.card["recipe"] = R"(seed004-simple-cnn {"dropout":0.5,"width":{"a":1}}; optimiser adamw)";
        b.provenance = QJsonObject{
            {"dataset", QJsonObject{{"path", "/data/sets/gtzan-mini.csv"}, {"kind", "manifest"}, {"songs", 120}}},
            {"trainer", QJsonObject{{"optimizer", "adamw"}, {"epochs", 40}, {"seed", "7"}, {"batchSize", 16},
                                    {"readable", QJsonObject{{"learningRate", 0.0005}}}}},
            {"split", QJsonObject{{"method", "kfold"}, {"fold", 0}, {"folds", 2}}},
            {"stoppedEarly", true},
            {"bestEpoch", 9}};
        QJsonArray history;
        for (int e = 1; e <= 12; ++e)
            history.append(QJsonObject{{"epoch", e}, {"trainLoss", 1.0 / e}});
        b.history = history;
        // Two folds whose song-level confusion matrices sum to 3 correct blues and 1 blues taken for rock.
        auto confusion = [](int bluesRight, int bluesAsRock) {
            QJsonArray rows;
            for (int r = 0; r < 10; ++r) {
                QJsonArray row;
                for (int c = 0; c < 10; ++c)
                    row.append(r == 0 ? (c == 0 ? bluesRight : c == 9 ? bluesAsRock : 0) : (r == c ? 2 : 0));
                rows.append(row);
            }
            return rows;
        };
        QJsonArray perFold;
        perFold.append(QJsonObject{{"song", QJsonObject{{"accuracy", 0.85}, {"confusion", confusion(2, 0)}}}});
        perFold.append(QJsonObject{{"song", QJsonObject{{"accuracy", 0.80}, {"confusion", confusion(1, 1)}}}});
        b.evaluation = QJsonObject{{"kind", "kfold"},           {"folds", 2},
                                   {"songAccuracyMean", 0.825}, {"songAccuracyStd", 0.0354},
                                   {"segmentAccuracyMean", 0.7}, {"segmentAccuracyStd", 0.05},
                                   {"perFold", perFold}};
        const QString path = dir.filePath("card.gsm");
        QVERIFY(models::saveBundle(b, path.toStdString()).ok());

        ModelSet set;
        QVERIFY(set.load(path).ok());
        const QString html = modelCardHtml(set.at(0));
        QTextDocument doc;
        doc.setHtml(html);
        const QString text = doc.toPlainText();
        for (const char *expected :
             {"Card test", "seed004-simple-cnn", "Hip-hop, Jazz", "mel, 33 bands", "FFT 1024, hop 256", "15 pieces",
              "gtzan-mini.csv", "manifest", "120 songs", "adamw", "12 epochs of at most 40", "best epoch 9", "seed 7",
              "2 test folds", "Trained for the card test.", "CC0 for the test weights", "Homepage",
              "https://example.org/model", "Song-level confusion matrix", "Training recipe",
              "seed004-simple-cnn (dropout: 0.5; width: a: 1); optimiser adamw"})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), qPrintable(QString("%1 missing in:\n%2").arg(expected, text)));
        const QLocale l;
        for (const QString &expected : QStringList{
                 l.toString(qlonglong(set.at(0).model->parameterCount())), l.toString(22050) + " Hz",
              l.toString(82.5, 'f', 1) + "% ± " + l.toString(3.5, 'f', 1) + "%",
              l.toString(70.0, 'f', 1) + "% ± " + l.toString(5.0, 'f', 1) + "%"})
            QVERIFY2(text.contains(expected), qPrintable(QString("%1 missing in:\n%2").arg(expected, text)));
        // Readable, not raw JSON: no braces, no quoted keys.
        QVERIFY2(!text.contains('{') && !text.contains('}') && !text.contains("\":"), qPrintable(text));
        // The pooled confusion matrix: blues row 3 right, 1 taken for rock.
        QVERIFY(html.contains(">3</font>"));
        QVERIFY(html.contains(">1</font>"));
        // The licence comes after the notes.
        QVERIFY(text.indexOf("CC0") > text.indexOf("Trained for the card test."));
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
