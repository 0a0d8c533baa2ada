// The inference-only fused broadcast network (fusedbroadcast.h): BatchNorm folding, channels-last and
// the reused max pool give the module's own logits and probabilities to float rounding, for every
// covered variant; variants it does not cover are left alone.
#include "support/torchsupport.h"
#include "models/bundle.h"
#include "models/bundlemodel.h"
#include "models/fusedbroadcast.h"
#include "models/genrenet.h"
#include "models/registry.h"

#include "features/recipes.h"

#include <QJsonObject>
#include <QTest>

#include <torch/torch.h>

using namespace genrescope;
using namespace genrescope::models;

namespace {

/**
 * Random BatchNorm statistics and affine parameters, so that folding has something to fold (a fresh
 * BatchNorm is the identity up to eps).
 */
void randomizeBatchNorms(torch::nn::Module &net)
{
    test::randomizeBatchNorms(net, -0.5, 0.5, 0.3, 2.0);
}

GenreNet makeNet(const QJsonObject &config, const std::string &model = "broadcast")
{
    torch::manual_seed(7);
    auto net = createModel(model, config, 10);
    if (!net.ok())
        qFatal("createModel: %s", net.error().toString().c_str());
    randomizeBatchNorms(*net.value());
    net.value()->eval();
    return net.value();
}

double maxAbsDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>();
}

} // namespace

class TestFused : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void matchesTheModule_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QJsonObject>("config");
        QTest::addColumn<int>("frames");
        QTest::newRow("heakl-proposed") << "broadcast" << QJsonObject{} << 64;
        QTest::newRow("bbnn (3x3 and 5x5 convolutions)") << "bbnn" << QJsonObject{} << 48;
        QTest::newRow("factorised, figure transition")
            << "broadcast" << QJsonObject{{"factorize", true}, {"transition", "figure"}} << 40;
        QTest::newRow("one block, max global pool, dropout, odd frame count")
            << "bbnn" << QJsonObject{{"n_blocks", 1}, {"global_pool", "max"}, {"dropout_p", 0.4}} << 37;
    }

    void matchesTheModule()
    {
        QFETCH(QString, model);
        QFETCH(QJsonObject, config);
        QFETCH(int, frames);
        auto normalized = normalizedConfig(model.toStdString(), config);
        QVERIFY2(normalized.ok(), normalized.ok() ? "" : normalized.error().toString().c_str());
        GenreNet net = makeNet(normalized.value(), model.toStdString());
        auto fused = fuseForInference(net);
        QVERIFY2(fused.ok(), fused.ok() ? "" : fused.error().toString().c_str());
        QVERIFY(fused.value() != nullptr);

        torch::manual_seed(3);
        const torch::Tensor x = torch::randn({3, 1, frames, 128}) * 4.0;
        torch::NoGradGuard noGrad;
        const torch::Tensor want = net->forward(x);
        const torch::Tensor got = fused.value()->forward(x);
        QCOMPARE(got.sizes().vec(), want.sizes().vec());
        const double scale = std::max(1.0, want.abs().max().item<double>());
        QVERIFY2(maxAbsDiff(got, want) <= 1e-4 * scale,
                 qPrintable(QString("logits differ by %1 (scale %2)").arg(maxAbsDiff(got, want)).arg(scale)));
        const double probs = maxAbsDiff(torch::softmax(got, 1), torch::softmax(want, 1));
        QVERIFY2(probs <= 1e-4, qPrintable(QString("probabilities differ by %1").arg(probs)));
        // The examples are independent: a batch gives the rows of single-example calls.
        const torch::Tensor one = fused.value()->forward(x.narrow(0, 1, 1));
        QVERIFY(maxAbsDiff(one, got.narrow(0, 1, 1)) <= 1e-5 * scale);
    }

    void foldingIsNotTheIdentity()
    {
        // With the BatchNorms randomised the network is far from its fresh state: a fused network that
        // ignored them would be caught by matchesTheModule (guard against a vacuous comparison).
        GenreNet net = makeNet(normalizedConfig("broadcast", {}).value());
        torch::manual_seed(7);
        GenreNet fresh = createModel("broadcast", normalizedConfig("broadcast", {}).value(), 10).value();
        fresh->eval();
        const torch::Tensor x = torch::randn({1, 1, 32, 128});
        torch::NoGradGuard noGrad;
        QVERIFY(maxAbsDiff(net->forward(x), fresh->forward(x)) > 1e-2);
    }

    void uncoveredVariantsAreLeftAlone_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QJsonObject>("config");
        QTest::newRow("selu") << "bbnn" << QJsonObject{{"act", "selu"}};
        QTest::newRow("group norm") << "bbnn" << QJsonObject{{"norm", "group"}};
        QTest::newRow("squeeze-excitation") << "bbnn" << QJsonObject{{"se", true}};
        QTest::newRow("lstm branch") << "bbnn" << QJsonObject{{"lstm_branch", true}};
        QTest::newRow("xception") << "bbnn" << QJsonObject{{"block_type", "xception"}};
        QTest::newRow("another family") << "choi-crnn" << QJsonObject{};
    }

    void uncoveredVariantsAreLeftAlone()
    {
        QFETCH(QString, model);
        QFETCH(QJsonObject, config);
        auto normalized = normalizedConfig(model.toStdString(), config);
        QVERIFY2(normalized.ok(), normalized.ok() ? "" : normalized.error().toString().c_str());
        auto net = createModel(model.toStdString(), normalized.value(), 10);
        QVERIFY2(net.ok(), net.ok() ? "" : net.error().toString().c_str());
        auto fused = fuseForInference(net.value());
        QVERIFY(fused.ok());
        QVERIFY(fused.value() == nullptr);
    }

    void bundleModelUsesItAndGivesTheSameProbabilities()
    {
        ModelBundle b;
        b.architecture = "broadcast";
        b.config = normalizedConfig("broadcast", {}).value();
        b.featureConfig = features::recipe("bbnn-f2").value().toJson();
        b.labels = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
        b.net = makeNet(b.config);
        auto model = BundleModel::fromBundle(std::move(b));
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QVERIFY(model.value()->fusedInference());
        torch::manual_seed(5);
        const torch::Tensor x = torch::randn({2, 1, 646, 128}) * 10.0 - 30.0;
        auto fused = model.value()->predictProbabilities(x);
        QVERIFY(fused.ok());
        model.value()->setFusedInference(false);
        QVERIFY(!model.value()->fusedInference());
        auto plain = model.value()->predictProbabilities(x);
        QVERIFY(plain.ok());
        const double d = maxAbsDiff(fused.value(), plain.value());
        QVERIFY2(d <= 1e-4, qPrintable(QString("probabilities differ by %1").arg(d)));
        QVERIFY(torch::equal(fused.value().argmax(1), plain.value().argmax(1)));
    }
};

QTEST_GUILESS_MAIN(TestFused)
#include "tst_fused.moc"
