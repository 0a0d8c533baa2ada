#include "data/split.h"
#include "models/genrenet.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <random>
#include <set>

using namespace genrescope;
using namespace genrescope::training;

namespace {

/**
 * A features-table-like dataset: 3 classes of 57-value rows, 24 songs per class, each song cut
 * into `segments` rows ("cN.000ii.s.wav", one group per song). Class c shifts features 3c..3c+2.
 */
std::shared_ptr<PreparedData> makeTableData(int segments = 1, int songsPerClass = 24)
{
    auto d = std::make_shared<PreparedData>();
    d->labels = {"c0", "c1", "c2"};
    d->itemShape = {57};
    std::mt19937_64 rng(7);
    std::normal_distribution<float> g(0.f, 1.f);
    for (int c = 0; c < 3; ++c)
        for (int s = 0; s < songsPerClass; ++s) {
            char song[32];
            std::snprintf(song, sizeof song, "c%d.%05d", c, s);
            for (int k = 0; k < segments; ++k) {
                SongSamples row;
                row.key = segments > 1 ? std::string(song) + "." + std::to_string(k) + ".wav" : std::string(song) + ".wav";
                row.path = row.key;
                row.group = song;
                row.label = c;
                row.items = 1;
                row.data.resize(57);
                for (int f = 0; f < 57; ++f)
                    row.data[std::size_t(f)] = 5.0f + 2.0f * g(rng) + ((f / 3) == c ? 4.0f : 0.0f);
                d->songs.push_back(std::move(row));
            }
        }
    return d;
}

TrainingJob makeJob(std::shared_ptr<PreparedData> data, std::uint64_t seed = 3)
{
    TrainingJob job;
    job.architecture = "mlp";
    job.config = QJsonObject{{"hidden1", 32}, {"hidden2", 16}};
    job.featureConfig = stats57FeatureConfig();
    job.data = data;
    auto split = data::stratifiedSplit(splitEntries(*data), 0.6, 0.2, 0.2, seed);
    job.split = *split;
    return job;
}

TrainerOptions quickOptions()
{
    TrainerOptions o;
    o.epochs = 6;
    o.batchSize = 16;
    o.learningRate = 3e-3;
    o.seed = 11;
    o.earlyStopping = false;
    return o;
}

bool sameWeights(const models::GenreNet &a, const models::GenreNet &b, double tol)
{
    auto pa = a->named_parameters();
    auto pb = b->named_parameters();
    if (pa.size() != pb.size())
        return false;
    for (const auto &p : pa) {
        const auto *q = pb.find(p.key());
        if (!q || (p.value() - *q).abs().max().item<double>() > tol)
            return false;
    }
    for (const auto &p : a->named_buffers()) {
        const auto *q = b->named_buffers().find(p.key());
        if (!q || (p.value().to(torch::kFloat64) - q->to(torch::kFloat64)).abs().max().item<double>() > tol)
            return false;
    }
    return true;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { at::set_num_threads(1); }

    void fewEpochsTakeTheLossDownAndAccuracyFarAboveChance()
    {
        auto job = makeJob(makeTableData());
        int batchReports = 0, epochReports = 0;
        auto r = train(job, quickOptions(), base::CancelToken::none(), [&](const TrainProgress &p) {
            (p.kind == TrainProgress::Kind::Batch ? batchReports : epochReports)++;
        });
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(int(r->history.size()), 6);
        QVERIFY2(r->history.back().trainLoss < 0.8 * r->history.front().trainLoss,
                 (std::to_string(r->history.front().trainLoss) + " -> " + std::to_string(r->history.back().trainLoss)).c_str());
        QVERIFY(r->test.has_value());
        QVERIFY2(r->test->song.accuracy >= 0.75, std::to_string(r->test->song.accuracy).c_str());
        QCOMPARE(epochReports, 6);
        QVERIFY(batchReports >= 6 * 3);
        QCOMPARE(r->bundle.history.size(), 6);
        QVERIFY(!r->bundle.normalization.isIdentity());
        QCOMPARE(int(r->bundle.normalization.mean.size()), 57);
        QVERIFY(!r->bundle.evaluation.isEmpty());
        // The bundle is complete enough to be written.
        auto bytes = models::serializeBundle(r->bundle);
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : bytes.error().toString().c_str());
    }

    void aLastBatchOfOneExampleTrainsWithBatchNorm()
    {
        // Batch norm cannot train on one value per channel: the trainer merges such a last batch
        // into the one before instead of failing inside libtorch.
        auto job = makeJob(makeTableData());
        job.config[QStringLiteral("batch_norm")] = true;
        const int nTrain = int(job.split.train.size());
        QVERIFY(nTrain > 3);
        TrainerOptions o = quickOptions();
        o.epochs = 2;
        o.batchSize = nTrain - 1; // the last batch would hold exactly one example
        int batchesPerEpoch = 0;
        auto r = train(job, o, base::CancelToken::none(), [&](const TrainProgress &p) {
            if (p.kind == TrainProgress::Kind::Batch)
                batchesPerEpoch = p.batches;
        });
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QCOMPARE(batchesPerEpoch, 1);
        QCOMPARE(int(r->history.size()), 2);
    }

    void splitNeverLeaksASongAndTestIsOnlyTestSongs()
    {
        auto data = makeTableData(4, 10); // 4 segment rows per song
        auto job = makeJob(data, 5);
        std::map<std::string, std::set<int>> sidesOfGroup;
        for (const auto &s : data->songs) {
            const auto side = job.split.sideOf(s.key);
            QVERIFY(side.has_value());
            sidesOfGroup[s.group].insert(int(*side));
        }
        for (const auto &[g, sides] : sidesOfGroup)
            QVERIFY2(sides.size() == 1, g.c_str());
        auto opts = quickOptions();
        opts.epochs = 1;
        auto r = train(job, opts);
        QVERIFY(r.ok());
        for (const auto &f : r->test->files)
            QCOMPARE(*job.split.sideOf(f.key), data::Split::Test);
        QCOMPARE(r->test->files.size(), job.split.test.size());
        // The split is stored in the bundle.
        QCOMPARE(r->bundle.provenance.value("split").toObject().value("test").toArray().size(),
                 qsizetype(job.split.test.size()));
    }

    void resumeAfterAnInterruptionEqualsAnUninterruptedRun()
    {
        QTemporaryDir dir;
        auto data = makeTableData();
        auto job = makeJob(data);
        auto opts = quickOptions();
        opts.plateauPatience = 0; // exercise the scheduler state across the restart
        opts.optimizer = OptimizerKind::AdamW;
        opts.weightDecay = 1e-3;
        opts.checkpointPath = (dir.path() + "/a.ckpt").toStdString();
        auto full = train(job, opts);
        QVERIFY(full.ok());

        auto interrupted = opts;
        interrupted.checkpointPath = (dir.path() + "/b.ckpt").toStdString();
        interrupted.stopAfterEpoch = 3;
        auto first = train(job, interrupted);
        QVERIFY(!first.ok());
        QVERIFY(first.error().isCancelled());
        auto header = readCheckpointHeader(interrupted.checkpointPath);
        QVERIFY(header.ok());
        QCOMPARE(header->value("epoch").toInt(), 3);

        // A new process would know nothing but the checkpoint: another seed in the job is overridden.
        auto job2 = makeJob(data, 999);
        auto resumeOpts = quickOptions();
        resumeOpts.seed = 12345;
        resumeOpts.checkpointPath = interrupted.checkpointPath;
        resumeOpts.resume = true;
        auto second = train(job2, resumeOpts);
        QVERIFY2(second.ok(), second.ok() ? "" : second.error().toString().c_str());
        QVERIFY(second->resumed);
        QCOMPARE(second->history.size(), full->history.size());
        QVERIFY(sameWeights(full->bundle.net, second->bundle.net, 1e-6));
        QCOMPARE(second->history.back().trainLoss, full->history.back().trainLoss);
        QCOMPARE(second->history.back().learningRate, full->history.back().learningRate);
    }

    void sameSeedGivesTheSameModel()
    {
        auto job = makeJob(makeTableData());
        auto opts = quickOptions();
        opts.epochs = 2;
        auto a = train(job, opts);
        auto b = train(job, opts);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(sameWeights(a->bundle.net, b->bundle.net, 0.0));
    }

    void cancelReturnsPromptlyAndKeepsTheLastCheckpoint()
    {
        QTemporaryDir dir;
        auto job = makeJob(makeTableData());
        auto opts = quickOptions();
        opts.epochs = 1000;
        opts.checkpointPath = (dir.path() + "/c.ckpt").toStdString();
        base::CancelToken token;
        int batchesAfterCancel = 0;
        auto r = train(job, opts, token, [&](const TrainProgress &p) {
            if (token.isCancelled())
                ++batchesAfterCancel;
            if (p.kind == TrainProgress::Kind::Epoch && p.epoch == 2)
                token.cancel();
        });
        QVERIFY(!r.ok());
        QVERIFY(r.error().isCancelled());
        QCOMPARE(batchesAfterCancel, 0);
        auto header = readCheckpointHeader(opts.checkpointPath);
        QVERIFY(header.ok());
        QCOMPARE(header->value("epoch").toInt(), 2);
    }

    void earlyStoppingEndsARunThatStopsImproving()
    {
        auto job = makeJob(makeTableData());
        auto opts = quickOptions();
        opts.epochs = 200;
        opts.learningRate = 0.05;
        opts.earlyStopping = true;
        opts.earlyStoppingPatience = 3;
        auto r = train(job, opts);
        QVERIFY(r.ok());
        QVERIFY(r->stoppedEarly);
        QVERIFY(r->history.size() < 200);
        QVERIFY(r->bestEpoch >= 1 && r->bestEpoch <= int(r->history.size()));
    }

    void sgdWithLabelSmoothingTrainsToo()
    {
        auto job = makeJob(makeTableData());
        auto opts = quickOptions();
        opts.optimizer = OptimizerKind::SgdNesterov;
        opts.learningRate = 0.05;
        opts.labelSmoothing = 0.1;
        auto r = train(job, opts);
        QVERIFY(r.ok());
        QVERIFY(r->test->song.accuracy > 0.7);
    }

    void badInputIsRefused()
    {
        auto job = makeJob(makeTableData());
        job.architecture = "seed004-simple-cnn"; // reads 1x33x166, not 57 values
        job.config = {};
        auto r = train(job, quickOptions());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::Mismatch);
        auto opts = quickOptions();
        opts.batchSize = 0;
        QVERIFY(!train(makeJob(makeTableData()), opts).ok());
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
