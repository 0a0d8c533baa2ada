// classify() with the broadcast network gives the same per-segment probabilities and song decisions
// whether the bundle runs the load-time fused network (models/fusedbroadcast.h) or the plain module.
#include "support/torchsupport.h"
#include "features/recipes.h"
#include "inference/classify.h"
#include "models/bundle.h"
#include "models/bundlemodel.h"
#include "models/genrenet.h"
#include "models/registry.h"
#include "support/audiogen.h"

#include <QTest>

#include <torch/torch.h>

#include <cmath>

using namespace genrescope;

class TestFusedClassify : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fusedAndPlainAgree()
    {
        torch::set_num_threads(2);
        torch::manual_seed(11);
        models::ModelBundle b;
        b.architecture = "broadcast";
        b.config = models::normalizedConfig("broadcast", {}).value();
        b.featureConfig = features::recipe("bbnn-f2").value().toJson();
        b.labels = {"blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"};
        b.net = models::createModel("broadcast", b.config, 10).value();
        // Trained-looking BatchNorm statistics (a fresh BatchNorm folds to almost nothing).
        test::randomizeBatchNorms(*b.net, -20, 0, 1, 50);
        auto wrapped = models::BundleModel::fromBundle(std::move(b));
        QVERIFY(wrapped.ok());
        models::BundleModel &model = *wrapped.value();
        QVERIFY(model.fusedInference());

        // 65 s: two whole 30-s segments and a padded tail, so there are several items to compare.
        std::vector<float> x = test::chirp(100, 4000, 22050, 65.0, 1, 0.4f);
        const auto noise = test::noise(22050, 65.0, 1, 0.05f, 3);
        for (std::size_t i = 0; i < x.size() && i < noise.size(); ++i)
            x[i] += noise[i];
        const auto source = inference::AudioSource::decoded(x, 22050);
        auto fused = inference::classify(source, {&model});
        QVERIFY2(fused.ok(), fused.ok() ? "" : fused.error().toString().c_str());
        model.setFusedInference(false);
        auto plain = inference::classify(source, {&model});
        QVERIFY2(plain.ok(), plain.ok() ? "" : plain.error().toString().c_str());

        const auto &f = fused->models.front(), &p = plain->models.front();
        QVERIFY(f.segments.size() >= 2);
        QCOMPARE(f.segments.size(), p.segments.size());
        for (std::size_t s = 0; s < f.segments.size(); ++s)
            for (std::size_t k = 0; k < 10; ++k)
                QVERIFY2(std::abs(f.segments[s].probabilities[k] - p.segments[s].probabilities[k]) <= 1e-4,
                         qPrintable(QString("segment %1 class %2: %3 vs %4")
                                        .arg(s)
                                        .arg(k)
                                        .arg(f.segments[s].probabilities[k])
                                        .arg(p.segments[s].probabilities[k])));
        for (training::AggregationRule rule : training::allAggregationRules())
            QCOMPARE(f.label(rule), p.label(rule));
    }
};

QTEST_GUILESS_MAIN(TestFusedClassify)
#include "tst_fusedclassify.moc"
