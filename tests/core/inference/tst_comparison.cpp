// Model comparison: McNemar's test against reference values, the table equals evaluateSongs on the same
// predictions, discordant counts and disagreements of two models with known behaviour, label mapping by
// name (other order, extra labels, a missing label refused), corrupt files reported and skipped, key
// filters, cancel.
#include "support/audiogen.h"
#include "base/parallel.h"
#include "data/dataset.h"
#include "features/featureconfig.h"
#include "features/recipes.h"
#include "inference/classify.h"
#include "inference/comparison.h"
#include "models/bundle.h"
#include "models/loadedmodel.h"
#include "models/registry.h"

#include <ATen/ATen.h>
#include <torch/torch.h>

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace genrescope;
using inference::McNemarMethod;

namespace {

constexpr int kRate = 22050;
constexpr long long kSegment = 166 * 256; // one [1, 33, 166] item per 1.93-s segment

/** seed004-f6 with short segments and one piece each. */
features::FeatureConfig shortConfig()
{
    features::FeatureConfig c = features::recipe("seed004-f6").value();
    c.recipe = "test-short-f6";
    c.segmentLength = kSegment;
    c.pieceCount = 1;
    return c;
}

/**
 * A model that hears which third of the 33 mel bands is loudest (low < ~1 kHz, mid, high > ~3.5 kHz)
 * and answers the label it maps that third to: deterministic, so every count below is known.
 */
class BandModel final : public models::LoadedModel
{
public:
    /** labels: the model's outputs; bandLabel[t]: the output index answered for third t (low, mid, high). */
    BandModel(std::string name, std::vector<std::string> labels, std::vector<int> bandLabel)
        : m_name(std::move(name)), m_labels(std::move(labels)), m_band(std::move(bandLabel))
    {}
    std::string kind() const override { return "scripted"; }
    std::string name() const override { return m_name; }
    const std::vector<std::string> &labels() const override { return m_labels; }
    std::string featureRecipe() const override { return "test-short-f6"; }
    QJsonObject featureConfig() const override { return shortConfig().toJson(); }
    std::vector<std::int64_t> inputShape() const override { return {1, 33, 166}; }
    std::int64_t parameterCount() const override { return 3; }
    QJsonObject card() const override { return m_card; }
    c10::Device device() const override { return c10::Device(c10::DeviceType::CPU); }
    base::Status setDevice(const c10::Device &) override { return {}; }
    using LoadedModel::predictProbabilities;
    base::Result<at::Tensor> predictProbabilities(const at::Tensor &batch, const at::Tensor &) override
    {
        GS_TRY(models::detail::checkBatch(batch, inputShape(), "band input"));
        const at::Tensor bands = batch.reshape({batch.size(0), 33, 166}).mean(2); // [B, 33]
        at::Tensor out = at::full({batch.size(0), std::int64_t(m_labels.size())}, 0.05f, at::kFloat);
        for (std::int64_t i = 0; i < batch.size(0); ++i) {
            const at::Tensor thirds = at::stack({bands[i].slice(0, 0, 11).mean(), bands[i].slice(0, 11, 22).mean(),
                                                 bands[i].slice(0, 22, 33).mean()});
            const int third = int(thirds.argmax().item<std::int64_t>());
            out[i][m_band[std::size_t(third)]] = 1.0f;
        }
        return out / out.sum(1, true);
    }
    QJsonObject m_card;

private:
    std::string m_name;
    std::vector<std::string> m_labels;
    std::vector<int> m_band;
};

std::filesystem::path writeTone(const std::filesystem::path &path, double hz, double seconds = 4.0)
{
    std::filesystem::create_directories(path.parent_path());
    const base::Status st = test::writeAudioFile(path, test::sine(hz, kRate, seconds, 1, 0.5f), kRate, 1,
                                                 test::AudioFormat::WavS16);
    if (!st.ok())
        qFatal("writeAudioFile: %s", st.error().toString().c_str());
    return path;
}

QByteArray err(const base::Error &e)
{
    return QByteArray::fromStdString(e.toString());
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = std::filesystem::path(m_dir.path().toStdString()) / "set";
        // Two songs per genre; "low" is a 300 Hz tone, "mid" 2 kHz, "high" 7 kHz.
        for (int i = 0; i < 2; ++i) {
            writeTone(m_root / "low" / ("low" + std::to_string(i) + ".wav"), 300 + 20 * i);
            writeTone(m_root / "mid" / ("mid" + std::to_string(i) + ".wav"), 2000 + 100 * i);
            writeTone(m_root / "high" / ("high" + std::to_string(i) + ".wav"), 7000 + 200 * i);
        }
    }

    void mcnemarMatchesReferenceValues()
    {
        // Reference: /usr/bin/python3, math.comb for the exact test, math.erfc(sqrt(x / 2)) for chi-square.
        auto r = inference::mcnemar(10, 2);
        QCOMPARE(r.method, McNemarMethod::ExactBinomial);
        QVERIFY(std::abs(r.pValue - 0.03857421875) < 1e-12); // 2 * (1 + 12 + 66) / 4096
        QCOMPARE(r.statistic, 2.0);
        QVERIFY(r.significant());
        r = inference::mcnemar(25, 10);
        QCOMPARE(r.method, McNemarMethod::ChiSquareCorrected);
        QVERIFY(std::abs(r.statistic - 5.6) < 1e-12);
        QVERIFY(std::abs(r.pValue - 0.017960477526078766) < 1e-12);
        r = inference::mcnemar(20, 5); // b + c = 25: the first count that uses chi-square
        QCOMPARE(r.method, McNemarMethod::ChiSquareCorrected);
        QVERIFY(std::abs(r.statistic - 7.84) < 1e-12);
        QVERIFY(std::abs(r.pValue - 0.005110260660855864) < 1e-12);
        r = inference::mcnemar(3, 9);
        QVERIFY(std::abs(r.pValue - 0.14599609375) < 1e-12);
        QVERIFY(!r.significant());
        QVERIFY(std::abs(inference::mcnemar(24, 0).pValue - 1.1920928955078125e-07) < 1e-18);
        QCOMPARE(inference::mcnemar(12, 12).pValue, 1.0); // 2 * P(X <= 12) > 1 is capped
        QCOMPARE(inference::mcnemar(2, 0).pValue, 0.5);
        r = inference::mcnemar(0, 0);
        QCOMPARE(r.pValue, 1.0);
        QCOMPARE(r.statistic, 0.0);
        // Symmetric in b and c.
        QCOMPARE(inference::mcnemar(9, 3).pValue, inference::mcnemar(3, 9).pValue);
        QCOMPARE(inference::mcnemar(10, 25).statistic, inference::mcnemar(25, 10).statistic);
    }

    void tableEqualsEvaluateSongsOnTheSamePredictions()
    {
        // A knows the thirds; B (labels in another order, plus one the dataset lacks) hears "mid" as "high".
        BandModel a("bands", {"high", "low", "mid"}, {1, 2, 0});
        BandModel b("bands", {"mid", "pop", "low", "high"}, {2, 3, 3});
        inference::ComparisonOptions options;
        auto r = inference::runComparison({&a, &b}, m_root, options, base::threadedFor(2));
        QVERIFY2(r.ok(), r.ok() ? "" : err(r.error()).constData());
        QCOMPARE(r->songs, std::size_t(6));
        QVERIFY(r->skipped.empty());
        QCOMPARE(r->labels, (std::vector<std::string>{"high", "low", "mid", "pop"}));
        QCOMPARE(r->datasetLabels, std::size_t(3));
        QCOMPARE(r->models.size(), std::size_t(2));
        QCOMPARE(r->models[0].name, std::string("bands"));
        QCOMPARE(r->models[1].name, std::string("bands (2)"));
        QCOMPARE(r->models[0].parameters, std::int64_t(3));
        QVERIFY(r->models[0].modelMsPerSong > 0);
        QVERIFY(r->models[0].totalMsPerSong >= r->models[0].modelMsPerSong);
        QCOMPARE(r->models[0].evaluation.song.accuracy, 1.0);
        QVERIFY(std::abs(r->models[1].evaluation.song.accuracy - 4.0 / 6.0) < 1e-12);
        QVERIFY(std::abs(r->models[1].evaluation.segment.accuracy - 4.0 / 6.0) < 1e-12);
        // B: F1 high = 2 * (0.5 * 1) / 1.5, low = 1, mid = 0; macro over the three dataset classes.
        QVERIFY(std::abs(r->models[1].evaluation.song.macroF1 - (2.0 / 3.0 + 1.0) / 3.0) < 1e-12);

        // The same figures from classify() + evaluateSongs(), file by file on this thread.
        auto ds = data::scanDataset(m_root);
        QVERIFY(ds.ok());
        BandModel *ms[] = {&a, &b};
        for (int m = 0; m < 2; ++m) {
            std::vector<std::string> keys, paths;
            std::vector<int> truth;
            std::vector<std::vector<float>> probs;
            for (const auto &item : ds->items) {
                auto c = inference::classify(inference::AudioSource::file(item.path), {ms[m]});
                QVERIFY(c.ok());
                std::vector<float> rows;
                for (const auto &seg : c->models[0].segments)
                    for (const auto &l : r->labels) {
                        const auto &ml = ms[m]->labels();
                        const auto it = std::find(ml.begin(), ml.end(), l);
                        rows.push_back(it == ml.end() ? 0.0f : seg.probabilities[std::size_t(it - ml.begin())]);
                    }
                keys.push_back(item.key);
                paths.push_back(item.path.string());
                truth.push_back(ds->labelIndex(item.label));
                probs.push_back(rows);
            }
            auto ev = training::evaluateSongs(r->labels, keys, paths, truth, probs,
                                              training::AggregationRule::MeanProbability);
            QVERIFY(ev.ok());
            const auto &got = r->models[std::size_t(m)].evaluation;
            QCOMPARE(got.song.accuracy, ev->song.accuracy);
            QCOMPARE(got.segment.accuracy, ev->segment.accuracy);
            QCOMPARE(got.song.macroF1, ev->song.macroF1);
            QCOMPARE(got.song.confusion, ev->song.confusion);
            QCOMPARE(got.segment.confusion, ev->segment.confusion);
            QCOMPARE(got.files.size(), ev->files.size());
            for (std::size_t s = 0; s < got.files.size(); ++s) {
                QCOMPARE(got.files[s].key, ev->files[s].key);
                QCOMPARE(got.files[s].predicted, ev->files[s].predicted);
            }
        }
        // B's song-level confusion: both mid songs land in the "high" column.
        QCOMPARE(r->models[1].evaluation.song.confusion[2][0], std::int64_t(2));

        // McNemar: A right and B wrong on the two mid songs, never the other way round.
        QCOMPARE(r->pairs.size(), std::size_t(1));
        QCOMPARE(r->pairs[0].test.b, std::int64_t(2));
        QCOMPARE(r->pairs[0].test.c, std::int64_t(0));
        QCOMPARE(r->pairs[0].bothRight, std::int64_t(4));
        QCOMPARE(r->pairs[0].bothWrong, std::int64_t(0));
        QCOMPARE(r->pairs[0].test.method, McNemarMethod::ExactBinomial);
        QCOMPARE(r->pairs[0].test.pValue, 0.5);

        // The disagreements are the mid songs, with each model's prediction and its probability.
        QCOMPARE(r->disagreements.size(), std::size_t(2));
        QCOMPARE(r->disagreements[0].key, std::string("mid/mid0.wav"));
        QCOMPARE(r->disagreements[1].key, std::string("mid/mid1.wav"));
        QCOMPARE(r->disagreements[0].trueLabel, 2);
        QCOMPARE(r->disagreements[0].predicted, (std::vector<int>{2, 0}));
        QVERIFY(std::abs(r->disagreements[0].probability[0] - 1.0f / 1.1f) < 1e-5f);
        QVERIFY(std::abs(r->disagreements[0].probability[1] - 1.0f / 1.15f) < 1e-5f);

        // The exports carry the same figures.
        QVERIFY(QString::fromStdString(r->mcnemarCsv()).contains("bands,bands (2),2,0,4,0,0,0.5,exact-binomial,0"));
        QVERIFY(QString::fromStdString(r->disagreementsCsv()).contains("mid/mid0.wav,"));
        const QJsonObject j = r->toJson();
        QCOMPARE(j.value("songs").toInt(), 6);
        QCOMPARE(j.value("models").toArray().size(), 2);
        QCOMPARE(j.value("disagreements").toArray().size(), 2);
    }

    void aModelLackingADatasetLabelIsRefused()
    {
        BandModel a("bands", {"high", "low", "mid"}, {1, 2, 0});
        BandModel noMid("two-genres", {"high", "low"}, {1, 0, 0});
        auto r = inference::runComparison({&a, &noMid}, m_root, {}, base::serialFor);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::Mismatch);
        QVERIFY(r.error().detail.find("two-genres") != std::string::npos);
        QVERIFY(r.error().detail.find("mid") != std::string::npos);
    }

    void corruptFilesAreReportedAndSkipped()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = std::filesystem::path(dir.path().toStdString());
        std::filesystem::copy(m_root, root / "set", std::filesystem::copy_options::recursive);
        {
            std::ofstream bad(root / "set" / "mid" / "broken.wav", std::ios::binary);
            bad << "RIFF\x10\x00\x00\x00WAVEnot really audio at all";
        }
        BandModel a("a", {"high", "low", "mid"}, {1, 2, 0});
        BandModel b("b", {"high", "low", "mid"}, {1, 0, 0});
        auto r = inference::runComparison({&a, &b}, root / "set", {}, base::threadedFor(2));
        QVERIFY2(r.ok(), r.ok() ? "" : err(r.error()).constData());
        QCOMPARE(r->songs, std::size_t(6));
        QCOMPARE(r->skipped.size(), std::size_t(1));
        QVERIFY(r->skipped[0].path.find("broken.wav") != std::string::npos);
        QVERIFY(!r->skipped[0].reason.empty());
        QVERIFY(QString::fromStdString(r->skippedCsv()).contains("broken.wav"));

        // A file that passes the scan but does not decode (a hand-made dataset) is skipped the same way.
        auto ds = data::scanDataset(m_root);
        QVERIFY(ds.ok());
        data::Item ghost = ds->items.front();
        ghost.key = "low/ghost.wav";
        ghost.path = root / "set" / "mid" / "broken.wav";
        ds->items.push_back(ghost);
        auto r2 = inference::runComparison({&a, &b}, *ds, {}, base::threadedFor(2));
        QVERIFY2(r2.ok(), r2.ok() ? "" : err(r2.error()).constData());
        QCOMPARE(r2->songs, std::size_t(6));
        QCOMPARE(r2->skipped.size(), std::size_t(1));
        QVERIFY(r2->skipped[0].path.find("broken.wav") != std::string::npos);
        for (const auto &m : r2->models)
            QCOMPARE(m.evaluation.files.size(), std::size_t(6));
    }

    void onlyTheRequestedKeysAreCompared()
    {
        BandModel a("a", {"high", "low", "mid"}, {1, 2, 0});
        BandModel b("b", {"high", "low", "mid"}, {1, 0, 0});
        QJsonObject split{{"test", QJsonArray{"mid/mid1.wav", "low/low0.wav", "gone/missing.wav"}}};
        a.m_card = QJsonObject{{"provenance", QJsonObject{{"split", split}}}};
        auto keys = inference::storedTestKeys(a);
        QVERIFY(keys.ok());
        QCOMPARE(keys->size(), std::size_t(3));
        QVERIFY(!inference::storedTestKeys(b).ok());
        inference::ComparisonOptions options;
        options.onlyKeys = *keys;
        options.modelNames = {"first", "second"};
        auto r = inference::runComparison({&a, &b}, m_root, options, base::serialFor);
        QVERIFY2(r.ok(), r.ok() ? "" : err(r.error()).constData());
        QCOMPARE(r->songs, std::size_t(2));
        QCOMPARE(r->models[1].name, std::string("second"));
        QCOMPARE(r->skipped.size(), std::size_t(1));
        QCOMPARE(r->skipped[0].reason, std::string("not-in-dataset"));
        QCOMPARE(r->pairs[0].test.b, std::int64_t(1)); // mid1 only
        options.onlyKeys = {"nowhere.wav"};
        QCOMPARE(inference::runComparison({&a, &b}, m_root, options, base::serialFor).error().code,
                 base::ErrorCode::InvalidArgument);
    }

    void songsSeenInTrainingAreCountedByFileName()
    {
        QCOMPARE(inference::songStem("blues/blues.00000.flac"), std::string("blues.00000"));
        QCOMPARE(inference::songStem("/data/gtzan/blues.00000.au"), std::string("blues.00000"));
        QCOMPARE(inference::songStem("blues.00000"), std::string("blues.00000"));
        QCOMPARE(inference::songStem("a\\b\\c.wav"), std::string("c"));
        QCOMPARE(inference::songStem(".hidden"), std::string(".hidden"));
        QCOMPARE(inference::songStem("take.2.mp3"), std::string("take.2"));

        // "a" was trained on low0 and validated on mid1 (stored under other folders and extensions, as a
        // features table names them); "b" carries no split.
        BandModel a("a", {"high", "low", "mid"}, {1, 2, 0});
        BandModel b("b", {"high", "low", "mid"}, {1, 0, 0});
        QJsonObject split{{"train", QJsonArray{"elsewhere/low0.au", "unrelated.wav"}},
                          {"validation", QJsonArray{"mid1.au"}},
                          {"test", QJsonArray{"high0.au"}}};
        a.m_card = QJsonObject{{"provenance", QJsonObject{{"split", split}}}};
        auto r = inference::runComparison({&a, &b}, m_root, {}, base::serialFor);
        QVERIFY2(r.ok(), r.ok() ? "" : err(r.error()).constData());
        QCOMPARE(r->models[0].seenInTraining, std::size_t(2)); // low0, mid1; the test song high0 is not counted
        QCOMPARE(r->models[1].seenInTraining, std::size_t(0));
        QCOMPARE(r->toJson()["models"].toArray()[0].toObject()["seenInTraining"].toInt(), 2);
    }

    void aRealBundleComparesWithTheOthers()
    {
        torch::manual_seed(7);
        models::ModelBundle bundle;
        bundle.architecture = "seed004-simple-cnn";
        bundle.config = models::normalizedConfig(bundle.architecture, {}).value();
        bundle.featureConfig = shortConfig().toJson();
        bundle.labels = {"low", "mid", "high"};
        bundle.net = models::createModel(bundle.architecture, bundle.config, 3).value();
        const auto path = std::filesystem::path(m_dir.path().toStdString()) / "cnn.gsm";
        QVERIFY(models::saveBundle(bundle, path).ok());
        auto cnn = models::loadModel(path);
        QVERIFY(cnn.ok());
        BandModel a("bands", {"high", "low", "mid"}, {1, 2, 0});
        auto r = inference::runComparison({&a, cnn->get()}, m_root, {}, base::threadedFor(2));
        QVERIFY2(r.ok(), r.ok() ? "" : err(r.error()).constData());
        QCOMPARE(r->models[1].kind, std::string("bundle"));
        QVERIFY(r->models[1].parameters > 1000);
        QCOMPARE(r->models[1].evaluation.files.size(), std::size_t(6));
        const auto &p = r->pairs[0];
        // A is always right, so every discordant song is one the CNN got wrong.
        QCOMPARE(p.test.c, std::int64_t(0));
        QCOMPARE(p.test.b + p.bothRight, std::int64_t(6));
        QCOMPARE(std::size_t(p.test.b), r->disagreements.size());
    }

    void cancelStops()
    {
        BandModel a("a", {"high", "low", "mid"}, {1, 2, 0});
        BandModel b("b", {"high", "low", "mid"}, {1, 0, 0});
        base::CancelToken token;
        token.cancel();
        auto r = inference::runComparison({&a, &b}, m_root, {}, base::serialFor, {}, token);
        QVERIFY(!r.ok());
        QVERIFY(r.error().isCancelled());
        QCOMPARE(inference::runComparison({}, m_root, {}, base::serialFor).error().code,
                 base::ErrorCode::InvalidArgument);
    }

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_root;
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
