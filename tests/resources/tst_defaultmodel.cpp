#include "audio/decoder.h"
#include "features/featureconfig.h"
#include "inference/classify.h"
#include "models/loadedmodel.h"
#include "support/audiogen.h"

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
