#include "base/parallel.h"
#include "data/split.h"
#include "features/recipes.h"
#include "inference/classify.h"
#include "models/bundle.h"
#include "models/loadedmodel.h"
#include "support/audiogen.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace genrescope;
using namespace genrescope::training;
using base::ErrorCode;

/**
 * Two-input training (MLFI: a 3-s log-mel segment plus its 55 F4 statistics) on a dataset the test
 * writes: three classes that differ in pitch and timbre (220 Hz tone, 2 kHz tone, white noise), six
 * 6.2-s WAV files each (two 3-s segments per file).
 */
class TestMlfiTraining : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        at::set_num_threads(2);
        QVERIFY(m_dir.isValid());
        m_dataset.root = m_dir.path().toStdString();
        m_dataset.labels = {"high", "low", "noise"};
        for (int i = 0; i < 6; ++i) {
            const float amp = 0.2f + 0.1f * float(i % 4);
            addFile("low", i, test::sine(220.0 + 11.0 * i, 22050, 6.2, 1, amp));
            addFile("high", i, test::sine(2000.0 + 60.0 * i, 22050, 6.2, 1, amp));
            addFile("noise", i, test::noise(22050, 6.2, 1, amp, unsigned(i + 1)));
        }
        auto f3 = features::recipe("mlfi-f3");
        QVERIFY(f3.ok());
        m_f3 = *f3;
    }

    void secondInputIsPreparedPerSegmentAndCachedUnderItsOwnHash()
    {
        const auto expected = models::auxFeatureConfigFor("mlfi", m_f3);
        QVERIFY(expected.ok());
        QCOMPARE(expected->recipe, std::string("stats55"));
        QVERIFY(expected->hash() != m_f3.hash());
        QVERIFY(auxConfigFor(m_f3).has_value());
        QVERIFY(*auxConfigFor(m_f3) == *expected);
        QVERIFY(!auxConfigFor(*features::recipe("bbnn-f2")).has_value()); // single-input recipe: no second input

        PrepareOptions opt;
        opt.cache = data::FeatureCache(m_dir.path().toStdString() + "/cache");
        opt.parallelFor = base::threadedFor(2);
        auto first = prepareAudio(m_dataset, m_f3, opt);
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().toString().c_str());
        QCOMPARE(first->songs.size(), std::size_t(18));
        QVERIFY(first->failed.empty());
        QCOMPARE(first->itemShape, (std::vector<std::int64_t>{1, 128, 130}));
        QVERIFY(first->hasAux());
        QCOMPARE(first->auxItemShape, (std::vector<std::int64_t>{55}));
        QCOMPARE(first->auxFeatureConfig, expected->toJson());
        for (const auto &s : first->songs) {
            QCOMPARE(s.items, std::int64_t(2));
            QCOMPARE(s.aux.size(), std::size_t(2 * 55));
            for (float v : s.aux)
                QVERIFY(std::isfinite(v));
        }
        QCOMPARE(first->cacheMisses, std::uint64_t(18));

        // Second run: both inputs come from the cache, nothing is decoded.
        auto second = prepareAudio(m_dataset, m_f3, opt);
        QVERIFY(second.ok());
        QCOMPARE(second->cacheMisses, std::uint64_t(0));
        QCOMPARE(second->songs[5].aux, first->songs[5].aux);
        QCOMPARE(second->songs[5].data, first->songs[5].data);

        // The second input has its own cache entry: a cache holding only the first input decodes again
        // and yields the same values.
        const auto auxKey = data::CacheKey{*data::FileIdentity::of(m_dataset.items[0].path), expected->hash()};
        QVERIFY(std::filesystem::remove(opt.cache->entryPath(auxKey)));
        auto third = prepareAudio(m_dataset, m_f3, opt);
        QVERIFY(third.ok());
        QCOMPARE(third->cacheMisses, std::uint64_t(1));
        QCOMPARE(third->songs[0].aux, first->songs[0].aux);

        PrepareOptions none = opt;
        none.noAux = true;
        auto without = prepareAudio(m_dataset, m_f3, none);
        QVERIFY(without.ok());
        QVERIFY(!without->hasAux());
        QVERIFY(without->songs[0].aux.empty());
        m_withoutAux = std::make_shared<PreparedData>(std::move(*without));
        m_prepared = std::make_shared<PreparedData>(std::move(*second));
    }

    void mlfiLearnsPitchAndTimbreFromBothInputs()
    {
        QVERIFY(m_prepared);
        TrainingJob job = mlfiJob(m_prepared);
        TrainerOptions o;
        o.epochs = 8;
        o.batchSize = 8;
        o.learningRate = 1e-3;
        o.seed = 3;
        o.earlyStopping = false;
        o.checkpointPath = m_dir.path().toStdString() + "/mlfi.ckpt";
        auto r = train(job, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QVERIFY2(r->history.back().trainLoss < 0.7 * r->history.front().trainLoss,
                 (std::to_string(r->history.front().trainLoss) + " -> " + std::to_string(r->history.back().trainLoss))
                     .c_str());
        QVERIFY2(r->history.back().trainAccuracy > 0.8, std::to_string(r->history.back().trainAccuracy).c_str());
        QVERIFY(r->test.has_value());
        // Chance is 1/3.
        QVERIFY2(r->test->segment.accuracy > 0.66, std::to_string(r->test->segment.accuracy).c_str());

        const auto &b = r->bundle;
        QCOMPARE(b.auxFeatureConfig, models::auxFeatureConfigFor("mlfi", m_f3)->toJson());
        QCOMPARE(b.auxNormalization.axis, 0);
        QCOMPARE(int(b.auxNormalization.mean.size()), 55);
        QCOMPARE(int(b.auxNormalization.std.size()), 55);
        QCOMPARE(int(b.normalization.mean.size()), 128); // per mel band of [1, 128, 130]
        QCOMPARE(readCheckpointHeader(o.checkpointPath)->value("auxFeatureConfig").toObject(), b.auxFeatureConfig);
        m_bundle = b;
    }

    void bundleRoundTripsAndClassifyFeedsTheSecondInput()
    {
        QVERIFY(m_bundle.net);
        const std::filesystem::path path = m_dir.path().toStdString() + "/mlfi.gsm";
        auto saved = models::saveBundle(m_bundle, path);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().toString().c_str());
        auto loaded = models::loadBundle(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().toString().c_str());
        QCOMPARE(loaded->auxFeatureConfig, m_bundle.auxFeatureConfig);
        QVERIFY(loaded->auxNormalization.mean == m_bundle.auxNormalization.mean);
        QVERIFY(loaded->auxNormalization.std == m_bundle.auxNormalization.std);

        // The loaded bundle predicts what the trained one predicted.
        const std::vector<std::size_t> songs{0, 7, 14};
        auto before = predictSongs(m_bundle.net, m_bundle.normalization, m_bundle.auxNormalization, *m_prepared, songs);
        auto after = predictSongs(loaded->net, loaded->normalization, loaded->auxNormalization, *m_prepared, songs);
        QVERIFY(before.ok() && after.ok());
        QCOMPARE(*after, *before);

        // Inference on a file: classify() computes both inputs itself; its per-segment probabilities
        // match the trainer's for the same file.
        auto model = models::loadModel(path);
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QCOMPARE((*model)->auxInputShape(), (std::vector<std::int64_t>{55}));
        const std::size_t song = 7;
        auto res = inference::classify(inference::AudioSource::file(m_prepared->songs[song].path), {model->get()});
        QVERIFY2(res.ok(), res.ok() ? "" : res.error().toString().c_str());
        const auto &segs = res->models[0].segments;
        QCOMPARE(segs.size(), std::size_t(2));
        const auto &expected = (*before)[1];
        for (std::size_t i = 0; i < segs.size(); ++i)
            for (std::size_t c = 0; c < 3; ++c)
                QVERIFY2(std::abs(segs[i].probabilities[c] - expected[i * 3 + c]) < 1e-3,
                         (std::to_string(segs[i].probabilities[c]) + " vs " + std::to_string(expected[i * 3 + c])).c_str());
        std::size_t best = 0;
        for (std::size_t c = 1; c < 3; ++c)
            if (expected[c] + expected[3 + c] > expected[best] + expected[3 + best])
                best = c;
        QCOMPARE(res->models[0].label(AggregationRule::MeanProbability), m_prepared->labels[best]);
    }

    void mismatchedSecondInputIsRefused()
    {
        QVERIFY(m_prepared && m_withoutAux && m_bundle.net);
        TrainerOptions o;
        o.epochs = 1;
        o.batchSize = 8;

        // No second input at all.
        auto r = train(mlfiJob(m_withoutAux), o);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Mismatch);

        // Statistics of other segments than the log-mel's.
        auto other = std::make_shared<PreparedData>(*m_prepared);
        auto shifted = models::auxFeatureConfigFor("mlfi", m_f3);
        shifted->segmentLength = 44100;
        other->auxFeatureConfig = shifted->toJson();
        r = train(mlfiJob(other), o);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Mismatch);

        // A job that declares another second input than the one inference computes.
        TrainingJob job = mlfiJob(m_prepared);
        job.auxFeatureConfig = shifted->toJson();
        r = train(job, o);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Mismatch);

        // A bundle describing another second input is never written.
        models::ModelBundle b = m_bundle;
        b.auxFeatureConfig = shifted->toJson();
        auto bytes = models::serializeBundle(b);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, ErrorCode::Mismatch);
        // Nor a single-input model that claims a second input.
        b = m_bundle;
        auto f2 = features::recipe("bbnn-f2");
        b.architecture = "broadcast";
        b.featureConfig = f2->toJson();
        b.config = QJsonObject();
        b.net = *models::createModel("broadcast", {}, 3);
        bytes = models::serializeBundle(b);
        QVERIFY(!bytes.ok());
        QCOMPARE(bytes.error().code, ErrorCode::Mismatch);
    }

    void evaluationUsesTheBundlesTestSongs()
    {
        PreparedData data;
        data.labels = {"a", "b"};
        data.itemShape = {1};
        for (int i = 0; i < 10; ++i) {
            SongSamples s;
            s.key = "s" + std::to_string(i);
            s.label = i % 2;
            s.items = 1;
            s.data = {float(i)};
            data.songs.push_back(s);
        }
        auto folds = data::kFoldSplits(splitEntries(data), 5, 7);
        QVERIFY(folds.ok());
        const data::DataSplit &fold0 = (*folds)[0];
        QJsonObject prov{{"split", fold0.toJson()}};

        auto keysOf = [&](const EvaluationSongs &e) {
            std::vector<std::string> k;
            for (auto i : e.songs)
                k.push_back(data.songs[i].key);
            std::sort(k.begin(), k.end());
            return k;
        };
        const auto test = evaluationSongs(prov, data, false);
        QCOMPARE(test.kind, EvaluationSongs::Kind::TestSplit);
        QCOMPARE(keysOf(test), fold0.test);
        QCOMPARE(test.seenInTraining, std::size_t(0));
        QVERIFY(test.description.find("kfold fold 0 of 5") != std::string::npos);

        const auto all = evaluationSongs(prov, data, true);
        QCOMPARE(all.kind, EvaluationSongs::Kind::All);
        QCOMPARE(all.songs.size(), std::size_t(10));
        QCOMPARE(all.seenInTraining, fold0.train.size() + fold0.validation.size());
        QVERIFY(all.description.find("NOT a generalisation estimate") != std::string::npos);

        // Another dataset (a test song is missing): every song.
        PreparedData other = data;
        other.songs.erase(std::find_if(other.songs.begin(), other.songs.end(),
                                       [&](const SongSamples &s) { return s.key == fold0.test.front(); }));
        const auto elsewhere = evaluationSongs(prov, other, false);
        QCOMPARE(elsewhere.kind, EvaluationSongs::Kind::All);
        QCOMPARE(elsewhere.songs.size(), std::size_t(9));
        QCOMPARE(elsewhere.missingTestSongs, std::size_t(1));

        // No stored split: every song.
        const auto noSplit = evaluationSongs(QJsonObject{}, data, false);
        QCOMPARE(noSplit.kind, EvaluationSongs::Kind::All);
        QCOMPARE(noSplit.songs.size(), std::size_t(10));
    }

private:
    TrainingJob mlfiJob(std::shared_ptr<PreparedData> data)
    {
        TrainingJob job;
        job.architecture = "mlfi";
        job.featureConfig = m_f3.toJson();
        job.data = data;
        auto split = data::stratifiedSplit(splitEntries(*data), 0.6, 0.2, 0.2, 1);
        if (split.ok())
            job.split = *split;
        return job;
    }

    void addFile(const std::string &label, int i, const std::vector<float> &samples)
    {
        const std::string key = label + "/" + std::to_string(i) + ".wav";
        const std::filesystem::path path = m_dir.path().toStdString() + "/" + key;
        std::filesystem::create_directories(path.parent_path());
        QVERIFY(test::writeAudioFile(path, samples, 22050, 1, test::AudioFormat::WavS16).ok());
        data::Item it;
        it.path = path;
        it.key = key;
        it.label = label;
        it.group = key;
        m_dataset.items.push_back(it);
    }

    QTemporaryDir m_dir;
    data::Dataset m_dataset;
    features::FeatureConfig m_f3;
    std::shared_ptr<PreparedData> m_prepared, m_withoutAux;
    models::ModelBundle m_bundle;
};

QTEST_GUILESS_MAIN(TestMlfiTraining)
#include "tst_mlfitraining.moc"
