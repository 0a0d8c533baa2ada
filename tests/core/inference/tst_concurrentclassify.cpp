// classifyFiles() with several forward passes of the read-only fused broadcast network at once (each with
// its own libtorch thread count) gives the same per-segment probabilities as one file after the other,
// and leaves the thread counts of the process as they were.
#include "support/torchsupport.h"
#include "base/parallel.h"
#include "features/extractor.h"
#include "features/recipes.h"
#include "inference/classifyfiles.h"
#include "inference/torchthreads.h"
#include "models/bundle.h"
#include "models/bundlemodel.h"
#include "models/genrenet.h"
#include "models/registry.h"
#include "support/audiogen.h"

#include <QTemporaryDir>
#include <QTest>

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <map>
#include <mutex>
#include <thread>

using namespace genrescope;

namespace {

constexpr int kRate = 22050;

using Probabilities = std::map<std::string, std::vector<std::vector<float>>>; // file -> segment -> class

} // namespace

class TestConcurrentClassify : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<std::filesystem::path> m_files;
    std::unique_ptr<models::BundleModel> m_model;
    int m_outerThreads = 0;

    /** Per-file, per-segment probabilities of a batch; fails the test on any error. */
    Probabilities run(models::LoadedModel &model, unsigned jobs, int concurrentForwards, int threadsPerForward = 0)
    {
        inference::ForwardSharing sharing;
        sharing.concurrentForwards = concurrentForwards;
        sharing.threadsPerForward = threadsPerForward;
        inference::ClassifyOptions options;
        options.batchSize = 1;
        std::mutex mutex;
        Probabilities out;
        auto summary = inference::classifyFiles(m_files, {&model}, options, base::threadedFor(jobs), {},
                                                base::CancelToken::none(), [&](const inference::FileOutcome &o) {
                                                    std::lock_guard lock(mutex);
                                                    auto &segs = out[o.path.string()];
                                                    if (o.result.ok())
                                                        for (const auto &s : o.result->models[0].segments)
                                                            segs.push_back(s.probabilities);
                                                }, sharing);
        if (!summary.ok() || summary->failed != 0)
            qWarning("batch failed: %s", summary.ok() ? "a file failed" : summary.error().toString().c_str());
        return summary.ok() && summary->failed == 0 ? out : Probabilities{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        at::set_num_threads(2);
        m_outerThreads = at::get_num_threads();
        torch::manual_seed(5);
        models::ModelBundle b;
        b.architecture = "broadcast";
        b.config = models::normalizedConfig("broadcast", {}).value();
        // bbnn-f2 with 1-s segments: the same network and features as the real model, ~30x less work.
        features::FeatureConfig fc = features::recipe("bbnn-f2").value();
        fc.segmentLength = kRate;
        fc.segmentHop = 0;
        b.featureConfig = fc.toJson();
        b.labels = {"blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"};
        b.net = models::createModel("broadcast", b.config, 10).value();
        // Trained-looking BatchNorm statistics, so that the probabilities are far from uniform.
        test::randomizeBatchNorms(*b.net, -20, 0, 1, 50);
        auto ex = features::Extractor::create(fc);
        QVERIFY(ex.ok());
        const std::vector<std::int64_t> shape = ex->itemShape(std::size_t(fc.segmentLength));
        m_model = std::make_unique<models::BundleModel>(std::move(b), "bbnn-f2", shape);
        QVERIFY(m_model->fusedInference());
        QVERIFY(inference::allowsConcurrentPasses(*m_model));

        for (int i = 0; i < 6; ++i) {
            std::vector<float> x = test::chirp(100 + 150 * i, 3000 + 500 * i, kRate, 2.5 + 0.5 * i, 1, 0.4f);
            const auto n = test::noise(kRate, 2.5 + 0.5 * i, 1, 0.05f, unsigned(i + 1));
            for (std::size_t k = 0; k < x.size() && k < n.size(); ++k)
                x[k] += n[k];
            const auto p = std::filesystem::path(m_dir.path().toStdString()) / ("song" + std::to_string(i) + ".wav");
            const base::Status st = test::writeAudioFile(p, x, kRate, 1, test::AudioFormat::WavF32);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().toString().c_str());
            m_files.push_back(p);
        }
    }

    void concurrentPassesMatchTheSequentialPath()
    {
        const Probabilities serial = run(*m_model, 1, 1);
        const Probabilities parallel = run(*m_model, 2, 2);
        QCOMPARE(serial.size(), m_files.size());
        QCOMPARE(parallel.size(), m_files.size());
        std::size_t compared = 0;
        for (const auto &[file, segs] : serial) {
            const auto &other = parallel.at(file);
            QVERIFY(segs.size() >= 2);
            QCOMPARE(other.size(), segs.size());
            for (std::size_t s = 0; s < segs.size(); ++s)
                for (std::size_t k = 0; k < segs[s].size(); ++k) {
                    QVERIFY2(std::abs(segs[s][k] - other[s][k]) <= 1e-5,
                             qPrintable(QString("%1 segment %2 class %3: %4 vs %5")
                                            .arg(QString::fromStdString(file))
                                            .arg(s)
                                            .arg(k)
                                            .arg(segs[s][k])
                                            .arg(other[s][k])));
                    ++compared;
                }
        }
        QVERIFY(compared >= 6 * 2 * 10);
        // The probabilities are not all alike (a test that compared constants could not fail).
        const auto &a = serial.begin()->second.front(), &b = serial.rbegin()->second.back();
        float diff = 0;
        for (std::size_t k = 0; k < a.size(); ++k)
            diff = std::max(diff, std::abs(a[k] - b[k]));
        QVERIFY(diff > 1e-3f);
    }

    void threadCountsAreRestored()
    {
        QCOMPARE(at::get_num_threads(), m_outerThreads);
        int fresh = 0;
        std::thread([&] { fresh = at::get_num_threads(); }).join();
        QCOMPARE(fresh, m_outerThreads); // the process-wide default was not changed either

        if (!inference::ScopedTorchThreads::available())
            QSKIP("libtorch without OpenMP: per-thread counts cannot be set");
        int inside = 0, other = 0;
        std::thread([&] {
            inference::ScopedTorchThreads guard(1);
            inside = at::get_num_threads();
            std::thread([&] { other = at::get_num_threads(); }).join(); // started while the guard is active
        }).join();
        QCOMPARE(inside, 1);
        QCOMPARE(other, m_outerThreads);
        QCOMPARE(at::get_num_threads(), m_outerThreads);
    }

    void invalidOptionsAreRefused()
    {
        inference::ForwardSharing sharing;
        sharing.concurrentForwards = 0;
        auto r = inference::classifyFiles(m_files, {m_model.get()}, {}, base::threadedFor(2), {},
                                          base::CancelToken::none(), {}, sharing);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::InvalidArgument);
        sharing.concurrentForwards = 2;
        sharing.threadsPerForward = -1;
        r = inference::classifyFiles(m_files, {m_model.get()}, {}, base::threadedFor(2), {}, base::CancelToken::none(),
                                     {}, sharing);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::InvalidArgument);
    }

    void onlyTheFusedNetworkRunsConcurrently()
    {
        QVERIFY(inference::allowsConcurrentPasses(*m_model));
        m_model->setFusedInference(false);
        const bool plain = inference::allowsConcurrentPasses(*m_model);
        m_model->setFusedInference(true);
        QVERIFY(!plain); // the plain module is not claimed to be read-only
    }
};

QTEST_GUILESS_MAIN(TestConcurrentClassify)
#include "tst_concurrentclassify.moc"
