#include "audio/decoder.h"
#include "features/featureconfig.h"
#include "inference/classify.h"
#include "models/loadedmodel.h"
#include "support/audiogen.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <numeric>

using namespace genrescope;

/** The model shipped in resources/models/default.gsm loads and classifies real audio. */
class TestDefaultModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsWithItsCard()
    {
        auto model = models::loadModel(GS_DEFAULT_MODEL);
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QCOMPARE((*model)->labels().size(), std::size_t(10));
        QCOMPARE(QString::fromStdString((*model)->labels().front()), QString("blues"));
        auto fc = features::FeatureConfig::fromJson((*model)->featureConfig());
        QVERIFY(fc.ok());
        QCOMPARE(QString::fromStdString(fc->recipe), QString("stats57"));
        // The card carries the cross-validated accuracy it was selected by.
        const QString notes = (*model)->card().value("notes").toString();
        QVERIFY2(notes.contains("cross-validation"), qPrintable(notes));
    }

    /** Issue #10: the card shows its data, recipe, cross-validated accuracy with spread, confusion matrix, licence. */
    void cardShowsAccuracyConfusionMatrixAndLicence()
    {
        auto model = models::loadModel(GS_DEFAULT_MODEL);
        QVERIFY(model.ok());
        const QJsonObject card = (*model)->card();

        const QString licence = card.value("licence").toString();
        QVERIFY2(licence.contains("GTZAN") && licence.contains("no licence") && licence.contains("copyright") &&
                     licence.contains("research"),
                 qPrintable(licence));
        QVERIFY(card.value("trainingData").toString().contains("features_30_sec.csv"));
        QVERIFY(card.value("recipe").toString().startsWith("mlp"));

        const QJsonObject cv = card.value("crossValidation").toObject();
        const QJsonArray perFold = cv.value("perFold").toArray();
        QCOMPARE(cv.value("folds").toInt(), 10);
        QCOMPARE(perFold.size(), 10);
        double sum = 0;
        for (const QJsonValue &v : perFold)
            sum += v.toDouble();
        const double mean = cv.value("songAccuracyMean").toDouble(), sd = cv.value("songAccuracyStd").toDouble();
        QVERIFY(std::abs(sum / 10 - mean) < 1e-9);
        QVERIFY(sd > 0 && sd < 0.2);
        QVERIFY2(mean > 0.5, "the default model should be far above chance (10 %)");

        // The confusion matrix pools the ten test folds: every one of the 965 songs exactly once.
        const QJsonObject cm = card.value("confusionMatrix").toObject();
        const QJsonArray labels = cm.value("labels").toArray(), rows = cm.value("counts").toArray();
        QCOMPARE(labels.size(), 10);
        for (qsizetype i = 0; i < labels.size(); ++i)
            QCOMPARE(labels[i].toString().toStdString(), (*model)->labels()[std::size_t(i)]);
        QCOMPARE(rows.size(), 10);
        qint64 total = 0, correct = 0;
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const QJsonArray row = rows[r].toArray();
            QCOMPARE(row.size(), 10);
            for (qsizetype c = 0; c < row.size(); ++c) {
                total += row[c].toInteger();
                if (r == c)
                    correct += row[c].toInteger();
            }
        }
        QCOMPARE(total, qint64(965));
        QCOMPARE(cm.value("total").toInteger(), total);
        // Pooled accuracy and the mean of the fold accuracies differ only by the unequal fold sizes.
        QVERIFY(std::abs(double(correct) / double(total) - mean) < 0.01);
    }

    void classifiesASyntheticClip()
    {
        auto model = models::loadModel(GS_DEFAULT_MODEL);
        QVERIFY(model.ok());
        // 10 s of a chord over a click track, written as an mp3 like a user's file.
        const int rate = 44100;
        std::vector<float> x = test::sine(220, rate, 10, 2, 0.3f);
        const auto fifth = test::sine(330, rate, 10, 2, 0.2f);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] += fifth[i] + (((i / 2) % (rate / 2)) < 200 ? 0.4f : 0.0f);
        QTemporaryDir dir;
        const auto path = std::filesystem::path(dir.path().toStdString()) / "clip.mp3";
        QVERIFY(test::writeAudioFile(path, x, rate, 2, test::AudioFormat::Mp3).ok());
        auto result = inference::classify(inference::AudioSource::file(path), {model->get()});
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
        const auto &m = result->models.front();
        QCOMPARE(m.segments.size(), std::size_t(1));
        const auto &p = m.segments.front().probabilities;
        QCOMPARE(p.size(), std::size_t(10));
        QVERIFY(std::abs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-4);
        QVERIFY(!m.label(training::AggregationRule::MeanProbability).empty());
    }
};

QTEST_GUILESS_MAIN(TestDefaultModel)
#include "tst_defaultmodel.moc"
