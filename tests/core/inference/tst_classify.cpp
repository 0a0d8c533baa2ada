// Inference engine: spans, aggregation through classify(), streaming = one-shot, cancel, batches with a
// corrupt file, refusal of mismatched features, shared decode/feature work, the default model lookup.
#include "support/audiogen.h"
#include "base/parallel.h"
#include "features/featureconfig.h"
#include "features/recipes.h"
#include "inference/classify.h"
#include "inference/classifyfiles.h"
#include "inference/defaultmodel.h"
#include "models/bundle.h"
#include "models/loadedmodel.h"
#include "models/registry.h"

#include <ATen/ATen.h>
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <fstream>
#include <mutex>

using namespace genrescope;
using training::AggregationRule;

namespace {

constexpr int kRate = 22050;
constexpr long long kSegment = 166 * 256; // one 166-frame piece of the seed004 CNN per segment (1.93 s)

const std::vector<std::string> kLabels = {"blues", "jazz", "rock"};

/** seed004-f6 with short segments: every segment gives exactly one [1, 33, 166] item. */
features::FeatureConfig shortConfig(int nMels = 33, int rate = kRate)
{
    features::FeatureConfig c = features::recipe("seed004-f6").value();
    c.recipe = "test-short-f6";
    c.sampleRate = rate;
    c.segmentLength = kSegment;
    c.pieceCount = 1;
    c.nMels = nMels;
    c.fmax = rate / 2.0;
    return c;
}

/** A real seed004-simple-cnn bundle with random weights, saved and loaded back like any model file. */
std::unique_ptr<models::LoadedModel> realModel(const QTemporaryDir &dir, const std::string &file,
                                               const features::FeatureConfig &config, int seed = 1)
{
    torch::manual_seed(seed);
    models::ModelBundle b;
    b.architecture = "seed004-simple-cnn";
    b.config = models::normalizedConfig(b.architecture, {}).value();
    b.featureConfig = config.toJson();
    b.labels = kLabels;
    b.net = models::createModel(b.architecture, b.config, int(kLabels.size())).value();
    const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / file;
    const base::Status saved = models::saveBundle(b, path);
    if (!saved.ok())
        qFatal("saveBundle: %s", saved.error().toString().c_str());
    auto loaded = models::loadModel(path);
    if (!loaded.ok())
        qFatal("loadModel: %s", loaded.error().toString().c_str());
    return std::move(loaded.value());
}

/** A model that returns given probability rows in turn, to check the song-level rules by hand. */
class ScriptedModel final : public models::LoadedModel
{
public:
    ScriptedModel(std::vector<std::vector<float>> rows, QJsonObject config, std::vector<std::int64_t> shape)
        : m_rows(std::move(rows)), m_config(std::move(config)), m_shape(std::move(shape))
    {}
    std::string kind() const override { return "scripted"; }
    std::string name() const override { return "scripted"; }
    const std::vector<std::string> &labels() const override { return kLabels; }
    std::string featureRecipe() const override { return "test-short-f6"; }
    QJsonObject featureConfig() const override { return m_config; }
    std::vector<std::int64_t> inputShape() const override { return m_shape; }
    std::int64_t parameterCount() const override { return 0; }
    QJsonObject card() const override { return {}; }
    c10::Device device() const override { return c10::Device(c10::DeviceType::CPU); }
    base::Status setDevice(const c10::Device &) override { return {}; }
    using LoadedModel::predictProbabilities;
    base::Result<at::Tensor> predictProbabilities(const at::Tensor &batch, const at::Tensor &) override
    {
        GS_TRY(models::detail::checkBatch(batch, m_shape, "scripted input"));
        at::Tensor out = at::empty({batch.size(0), std::int64_t(kLabels.size())}, at::kFloat);
        for (std::int64_t i = 0; i < batch.size(0); ++i, ++m_next)
            for (std::size_t c = 0; c < kLabels.size(); ++c)
                out[i][std::int64_t(c)] = m_rows[m_next % m_rows.size()][c];
        ++calls;
        return out;
    }
    int calls = 0;

private:
    std::vector<std::vector<float>> m_rows;
    QJsonObject m_config;
    std::vector<std::int64_t> m_shape;
    std::size_t m_next = 0;
};

std::vector<float> song(double seconds, unsigned seed = 3)
{
    std::vector<float> s = test::chirp(100, 4000, kRate, seconds, 1, 0.4f);
    const std::vector<float> n = test::noise(kRate, seconds, 1, 0.1f, seed);
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] += n[i];
    return s;
}

std::filesystem::path writeSong(const QTemporaryDir &dir, const std::string &name, double seconds, unsigned seed = 3)
{
    const std::filesystem::path p = std::filesystem::path(dir.path().toStdString()) / name;
    const base::Status st = test::writeAudioFile(p, song(seconds, seed), kRate, 1, test::AudioFormat::WavS16);
    if (!st.ok())
        qFatal("writeAudioFile: %s", st.error().toString().c_str());
    return p;
}

} // namespace

class TestClassify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = realModel(m_dir, "a.gsm", shortConfig());
        m_song = writeSong(m_dir, "song.wav", 10.0);
    }

    void spansTileTheSong()
    {
        auto r = inference::classify(inference::AudioSource::file(m_song), {m_model.get()});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(r->models.size(), std::size_t(1));
        const inference::ModelResult &m = r->models[0];
        // 10 s at 22050 Hz = 220500 samples: five whole segments of 42496; the tail is not a segment.
        QCOMPARE(m.segments.size(), std::size_t(5));
        QCOMPARE(m.segments.front().startSeconds, 0.0);
        for (std::size_t i = 0; i < m.segments.size(); ++i) {
            const inference::SegmentResult &s = m.segments[i];
            QCOMPARE(s.item, int(i));
            QCOMPARE(s.segment, int(i));
            QVERIFY(s.endSeconds > s.startSeconds);
            QVERIFY(std::abs((s.endSeconds - s.startSeconds) - double(kSegment) / kRate) < 1e-9);
            if (i > 0)
                QVERIFY(std::abs(s.startSeconds - m.segments[i - 1].endSeconds) < 1e-9);
            QVERIFY(s.endSeconds <= r->durationSeconds + 1e-9);
            QCOMPARE(s.probabilities.size(), kLabels.size());
            float sum = 0;
            for (float p : s.probabilities) {
                QVERIFY(p >= 0.0f && p <= 1.0f);
                sum += p;
            }
            QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
        }
        QVERIFY(std::abs(r->durationSeconds - 10.0) < 1e-3);
        QCOMPARE(m.decisions.size(), training::allAggregationRules().size());
        QVERIFY(m.decision(AggregationRule::MeanProbability).label >= 0);
        QVERIFY(r->timings.decodeMs > 0 && r->timings.featuresMs > 0 && r->timings.modelMs > 0);
        QVERIFY(r->timings.totalMs >= r->timings.decodeMs + r->timings.featuresMs + r->timings.modelMs - 1e-6);
    }

    void everyRuleDecidesAsComputedByHand()
    {
        // Five segments with these rows (classes blues, jazz, rock).
        const std::vector<std::vector<float>> rows = {
            {0.6f, 0.3f, 0.1f}, {0.1f, 0.5f, 0.4f}, {0.2f, 0.45f, 0.35f}, {0.05f, 0.05f, 0.9f}, {0.7f, 0.2f, 0.1f}};
        ScriptedModel model(rows, shortConfig().toJson(), {1, 33, 166});
        inference::ClassifyOptions options;
        options.voteThreshold = 3;
        options.batchSize = 2; // three batches: 2 + 2 + 1
        auto r = inference::classify(inference::AudioSource::file(m_song), {&model}, options);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(model.calls, 3);
        const inference::ModelResult &m = r->models[0];
        QCOMPARE(m.segments.size(), std::size_t(5));
        // Mean: blues 1.65/5 = 0.33, jazz 1.5/5 = 0.30, rock 1.85/5 = 0.37 -> rock.
        const auto &mean = m.decision(AggregationRule::MeanProbability);
        QCOMPARE(m.label(AggregationRule::MeanProbability), std::string("rock"));
        QVERIFY(std::abs(mean.scores[0] - 0.33f) < 1e-5f && std::abs(mean.scores[2] - 0.37f) < 1e-5f);
        // Votes: blues 2 (rows 0, 4), jazz 2 (rows 1, 2), rock 1 (row 3): a tie between blues and jazz,
        // broken by the summed probabilities 1.65 > 1.5 -> blues.
        const auto &vote = m.decision(AggregationRule::MajorityVote);
        QCOMPARE(m.label(AggregationRule::MajorityVote), std::string("blues"));
        QVERIFY(std::abs(vote.scores[0] - 0.4f) < 1e-6f && std::abs(vote.scores[2] - 0.2f) < 1e-6f);
        // With T = 3 the winner's 2 votes are not enough: rejected.
        QCOMPARE(m.decision(AggregationRule::VoteWithThreshold).label, -1);
        QCOMPARE(m.label(AggregationRule::VoteWithThreshold), std::string());
        // Geometric mean: products blues 0.6*0.1*0.2*0.05*0.7 = 4.2e-4, jazz 0.3*0.5*0.45*0.05*0.2 = 6.75e-4,
        // rock 0.1*0.4*0.35*0.9*0.1 = 1.26e-3 -> rock.
        QCOMPARE(m.label(AggregationRule::GeometricMean), std::string("rock"));
        // Max: blues 0.7, jazz 0.5, rock 0.9 -> rock, scores normalised: 0.9 / 2.1.
        const auto &mx = m.decision(AggregationRule::Max);
        QCOMPARE(m.label(AggregationRule::Max), std::string("rock"));
        QVERIFY(std::abs(mx.scores[2] - 0.9f / 2.1f) < 1e-5f);
    }

    void streamingEqualsOneShot()
    {
        auto once = inference::classify(inference::AudioSource::file(m_song), {m_model.get()});
        QVERIFY2(once.ok(), once.ok() ? "" : once.error().toString().c_str());
        inference::ClassifyOptions options;
        options.streaming = true;
        options.chunkSeconds = 0.5;
        std::vector<inference::SegmentResult> arrived;
        std::vector<double> fractionAtArrival;
        double lastProgress = 0;
        auto streamed = inference::classify(
            inference::AudioSource::file(m_song), {m_model.get()}, options,
            [&](const inference::SegmentResult &s) {
                arrived.push_back(s);
                fractionAtArrival.push_back(lastProgress);
            },
            base::CancelToken::none(), [&](double f) { lastProgress = f; });
        QVERIFY2(streamed.ok(), streamed.ok() ? "" : streamed.error().toString().c_str());
        const auto &a = once->models[0].segments;
        const auto &b = streamed->models[0].segments;
        QCOMPARE(b.size(), a.size());
        QCOMPARE(arrived.size(), a.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].startSeconds, a[i].startSeconds);
            QCOMPARE(b[i].endSeconds, a[i].endSeconds);
            QCOMPARE(arrived[i].item, int(i));
            for (std::size_t c = 0; c < kLabels.size(); ++c)
                QVERIFY2(std::abs(a[i].probabilities[c] - b[i].probabilities[c]) < 1e-5f,
                         qPrintable(QString("segment %1 class %2: %3 vs %4")
                                        .arg(i).arg(c).arg(a[i].probabilities[c]).arg(b[i].probabilities[c])));
        }
        for (AggregationRule rule : training::allAggregationRules())
            QCOMPARE(streamed->models[0].decision(rule).label, once->models[0].decision(rule).label);
        // Results arrive while decoding is under way: the first one before the decoder was half done.
        QVERIFY(fractionAtArrival.front() < 0.5);
    }

    void decodedSamplesGiveTheFileResult()
    {
        auto fromFile = inference::classify(inference::AudioSource::file(m_song), {m_model.get()});
        QVERIFY(fromFile.ok());
        // The WAV holds s16 PCM: decoded at its own rate it comes back as PCM / 32768 exactly.
        std::vector<float> s = song(10.0);
        for (float &x : s)
            x = std::round(std::clamp(x, -1.0f, 1.0f) * 32767.0f) / 32768.0f;
        auto fromSamples = inference::classify(inference::AudioSource::decoded(s, kRate), {m_model.get()});
        QVERIFY2(fromSamples.ok(), fromSamples.ok() ? "" : fromSamples.error().toString().c_str());
        QCOMPARE(fromSamples->decodes, 0);
        QCOMPARE(fromSamples->models[0].segments.size(), fromFile->models[0].segments.size());
        // Samples at another rate than the model's are refused rather than misread.
        auto wrongRate = inference::classify(inference::AudioSource::decoded(s, 16000), {m_model.get()});
        QVERIFY(!wrongRate.ok());
        QCOMPARE(wrongRate.error().code, base::ErrorCode::InvalidArgument);
    }

    void cancelStopsPromptly()
    {
        const std::filesystem::path longSong = writeSong(m_dir, "long.wav", 60.0, 5);
        base::CancelToken cancel;
        inference::ClassifyOptions options;
        options.streaming = true;
        options.batchSize = 1;
        int seen = 0;
        auto r = inference::classify(
            inference::AudioSource::file(longSong), {m_model.get()}, options,
            [&](const inference::SegmentResult &) {
                ++seen;
                cancel.cancel();
            },
            cancel);
        QVERIFY(!r.ok());
        QVERIFY(r.error().isCancelled());
        // 60 s hold 31 segments; the token set on the first result stops everything after it.
        QCOMPARE(seen, 1);

        base::CancelToken early;
        early.cancel();
        auto before = inference::classify(inference::AudioSource::file(longSong), {m_model.get()}, {}, {}, early);
        QVERIFY(!before.ok());
        QVERIFY(before.error().isCancelled());
    }

    void corruptFileDoesNotStopTheBatch()
    {
        const std::filesystem::path good2 = writeSong(m_dir, "good2.wav", 4.0, 9);
        const std::filesystem::path bad = std::filesystem::path(m_dir.path().toStdString()) / "broken.mp3";
        {
            std::ofstream f(bad, std::ios::binary);
            for (int i = 0; i < 4096; ++i)
                f.put(char((i * 7919) & 0xff));
        }
        const std::filesystem::path missing = std::filesystem::path(m_dir.path().toStdString()) / "missing.flac";
        const std::vector<std::filesystem::path> paths{m_song, bad, good2, missing};
        std::mutex mutex;
        std::vector<inference::FileOutcome> outcomes;
        std::vector<double> progress;
        auto summary = inference::classifyFiles(
            paths, {m_model.get()}, {}, base::threadedFor(2),
            [&](double f) {
                std::lock_guard lock(mutex);
                progress.push_back(f);
            },
            base::CancelToken::none(),
            [&](const inference::FileOutcome &o) {
                std::lock_guard lock(mutex);
                outcomes.push_back(o);
            });
        QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().toString().c_str());
        QCOMPARE(summary->files, std::size_t(4));
        QCOMPARE(summary->ok, std::size_t(2));
        QCOMPARE(summary->failed, std::size_t(2));
        QCOMPARE(outcomes.size(), std::size_t(4));
        for (const inference::FileOutcome &o : outcomes) {
            if (o.path == bad || o.path == missing) {
                QVERIFY(!o.result.ok());
                if (o.path == missing)
                    QCOMPARE(o.result.error().code, base::ErrorCode::FileNotFound);
            } else {
                QVERIFY2(o.result.ok(), o.result.ok() ? "" : o.result.error().toString().c_str());
                QVERIFY(!o.result->models[0].segments.empty());
            }
        }
        QCOMPARE(progress.size(), std::size_t(4));
        QCOMPARE(*std::max_element(progress.begin(), progress.end()), 1.0);
    }

    void mismatchedFeaturesAreRefused()
    {
        // A bundle whose FeatureConfig gives 40 mel bands cannot feed a network built for 33.
        const features::FeatureConfig wide = shortConfig(40);
        ScriptedModel wrongShape({{1, 0, 0}}, wide.toJson(), {1, 33, 166});
        auto r = inference::classify(inference::AudioSource::file(m_song), {m_model.get(), &wrongShape});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::Mismatch);
        QVERIFY2(r.error().detail.find("[1, 33, 166]") != std::string::npos, r.error().detail.c_str());
        QVERIFY2(r.error().detail.find("[1, 40, 166]") != std::string::npos, r.error().detail.c_str());
        QCOMPARE(wrongShape.calls, 0);

        ScriptedModel unparsable({{1, 0, 0}}, QJsonObject{{"sampleRate", "fast"}}, {1, 33, 166});
        auto u = inference::classify(inference::AudioSource::file(m_song), {&unparsable});
        QVERIFY(!u.ok());
        QCOMPARE(u.error().code, base::ErrorCode::Mismatch);
        QVERIFY2(u.error().detail.find("scripted") != std::string::npos, u.error().detail.c_str());

        ScriptedModel none({{1, 0, 0}}, QJsonObject{}, {1, 33, 166});
        auto n = inference::classify(inference::AudioSource::file(m_song), {&none});
        QVERIFY(!n.ok());
        QCOMPARE(n.error().code, base::ErrorCode::Mismatch);
    }

    void modelsSharingFeaturesDecodeOnce()
    {
        auto second = realModel(m_dir, "b.gsm", shortConfig(), 2);
        auto r = inference::classify(inference::AudioSource::file(m_song), {m_model.get(), second.get()});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(r->decodes, 1);
        QCOMPARE(r->featureComputations, 1);
        QCOMPARE(r->models[0].featureKey, r->models[1].featureKey);
        QCOMPARE(r->models[0].segments.size(), r->models[1].segments.size());
        // Different weights, different answers: each model got its own forward pass.
        QVERIFY(r->models[0].segments[0].probabilities != r->models[1].segments[0].probabilities);

        // A model at 16 kHz needs its own decode; one at 22050 Hz with other features only its own features.
        auto slow = realModel(m_dir, "c.gsm", shortConfig(33, 16000), 3);
        features::FeatureConfig otherHop = shortConfig();
        otherHop.segmentHop = kSegment / 2;
        auto overlapping = realModel(m_dir, "d.gsm", otherHop, 4);
        auto three = inference::classify(inference::AudioSource::file(m_song),
                                         {m_model.get(), slow.get(), second.get(), overlapping.get()});
        QVERIFY2(three.ok(), three.ok() ? "" : three.error().toString().c_str());
        QCOMPARE(three->decodes, 2);
        QCOMPARE(three->featureComputations, 3);
        QCOMPARE(three->models[1].sampleRate, 16000);
        QCOMPARE(three->models[3].segments.size(), std::size_t(9)); // 1 + (220500 - 42496) / 21248
    }

    void statisticsModelReadsTheWholeClip()
    {
        torch::manual_seed(5);
        models::ModelBundle b;
        b.architecture = "mlp";
        b.config = models::normalizedConfig("mlp", {}).value();
        b.featureConfig = features::recipe("logmel128").value().toJson();
        b.labels = kLabels;
        b.net = models::createModel("mlp", b.config, int(kLabels.size())).value();
        const std::filesystem::path path = std::filesystem::path(m_dir.path().toStdString()) / "mlp.gsm";
        QVERIFY(models::saveBundle(b, path).ok());
        auto mlp = models::loadModel(path);
        QVERIFY2(mlp.ok(), mlp.ok() ? "" : mlp.error().toString().c_str());
        QCOMPARE(mlp.value()->featureRecipe(), std::string("stats57"));
        const std::filesystem::path shortSong = writeSong(m_dir, "short.wav", 3.0, 11);
        auto r = inference::classify(inference::AudioSource::file(shortSong), {mlp.value().get()});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(r->models[0].segments.size(), std::size_t(1));
        QCOMPARE(r->models[0].segments[0].startSeconds, 0.0);
        QVERIFY(std::abs(r->models[0].segments[0].endSeconds - 3.0) < 1e-3);
    }

    void defaultModelPathFollowsTheEnvironment()
    {
        const std::filesystem::path fake = std::filesystem::path(m_dir.path().toStdString()) / "default.gsm";
        std::ofstream(fake) << "x";
        qputenv("GENRESCOPE_DEFAULT_MODEL", QByteArray::fromStdString(fake.string()));
        const auto candidates = inference::defaultModelCandidates();
        QCOMPARE(candidates.size(), std::size_t(3));
        QCOMPARE(candidates.front(), fake);
        QCOMPARE(inference::defaultModelPath().value(), fake.lexically_normal());
        qunsetenv("GENRESCOPE_DEFAULT_MODEL");
        QCOMPARE(inference::defaultModelCandidates().size(), std::size_t(2));
        QVERIFY(inference::defaultModelCandidates().back().string().find("resources/models/default.gsm") !=
                std::string::npos);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<models::LoadedModel> m_model;
    std::filesystem::path m_song;
};

QTEST_GUILESS_MAIN(TestClassify)
#include "tst_classify.moc"
