// Every network of MODELS.md: exact parameter counts, forward shapes, backward pass, initialisation.
#include "models/bbnn.h"
#include "models/genrenet.h"
#include "models/init.h"
#include "models/mlfi.h"
#include "models/registry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace genrescope;
using models::GenreNet;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

std::vector<std::int64_t> toShape(const QList<int> &dims)
{
    return std::vector<std::int64_t>(dims.begin(), dims.end());
}

GenreNet create(const std::string &name, const QJsonObject &config = {})
{
    auto net = models::createModel(name, config);
    if (!net)
        qFatal("createModel(%s) failed: %s", name.c_str(), net.error().toString().c_str());
    return *net;
}

std::int64_t bufferCount(const torch::nn::Module &m)
{
    std::int64_t n = 0;
    for (const auto &b : m.named_buffers())
        if (b.key().find("num_batches_tracked") == std::string::npos)
            n += b.value().numel();
    return n;
}

} // namespace

class TestNets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void parameterCountsMatchModelsMd_data();
    void parameterCountsMatchModelsMd();
    void forwardGivesLogitsAndBackwardReachesEveryParameter_data();
    void forwardGivesLogitsAndBackwardReachesEveryParameter();
    void sameSeedGivesSameWeightsAndNames();
    void kerasModelsStartGlorotUniformWithZeroBiases();
    void lecunNormalIsTruncatedAtTwoSigmaWithFanInVariance();
    void heaklProposedUsesLecunNormal();
    void kerasBatchNormParity();
    void evalModeIsDeterministic();
    void mlfiTwoWayPairsTheAudioLayerWithItsVisionLetter();
    void mlfiRefusesAMissingStatisticsInput();
    void choiTimeAxisBatchNormRejectsOtherFrameCounts();
    void numClassesSetsTheHeadWidth();
};

void TestNets::parameterCountsMatchModelsMd_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("config");
    QTest::addColumn<qint64>("params");
    QTest::addColumn<qint64>("buffers"); // -1: MODELS.md gives none

    auto row = [](const char *tag, const char *name, const char *config, qint64 params, qint64 buffers = -1) {
        QTest::newRow(tag) << QString(name) << QString(config) << params << buffers;
    };
    // §2 Choi
    row("choi-fcn code", "choi-fcn", "{}", 445322, 1216);
    row("choi-fcn weights freq", "choi-fcn", R"({"variant":"weights"})", 853130);
    row("choi-fcn weights time", "choi-fcn", R"({"variant":"weights","input_bn_axis":"time"})", 855670);
    row("choi-crnn", "choi-crnn", "{}", 392970, 1088);
    // §3 BBNN and §4.2 Table III
    row("bbnn", "bbnn", "{}", 184874, 4416);
    row("bbnn remove3x3", "bbnn", R"({"remove3x3":true})", 157130);
    row("bbnn replace5x5", "bbnn", R"({"replace5x5":true})", 135722);
    row("bbnn global max", "bbnn", R"({"global_pool":"max"})", 184874);
    row("bbnn dropout", "bbnn", R"({"dropout_p":0.4})", 184874);
    row("bbnn 1 block", "bbnn", R"({"n_blocks":1})", 45482);
    row("bbnn 2 blocks", "bbnn", R"({"n_blocks":2})", 106474);
    row("bbnn 5 blocks", "bbnn", R"({"n_blocks":5})", 393898);
    row("bbnn selu", "bbnn", R"({"act":"selu"})", 184874);
    row("bbnn groupnorm", "bbnn", R"({"norm":"group"})", 184874, 0);
    row("bbnn label smoothing", "bbnn", R"({"label_smoothing":0.1})", 184874);
    row("bbnn se", "bbnn", R"({"se":true})", 197594);
    row("bbnn lstm branch", "bbnn", R"({"lstm_branch":true})", 264941);
    row("bbnn inception-resnet", "bbnn", R"({"block_type":"inception_resnet_v1"})", 137354);
    row("bbnn xception", "bbnn", R"({"block_type":"xception"})", 143338, 1984);
    // §4.1 Heakl proposed
    row("broadcast", "broadcast", "{}", 178154, 7872);
    row("broadcast factorize", "broadcast", R"({"factorize":true})", 165994);
    row("broadcast figure", "broadcast", R"({"transition":"figure"})", 179178);
    row("broadcast factorize figure", "broadcast", R"({"factorize":true,"transition":"figure"})", 167018);
    // §5 MLFI
    row("mlfi benchmark", "mlfi", "{}", 926794);
    const qint64 audioA[] = {992330, 959562, 943178, 934986};
    const qint64 audioB[] = {959562, 943178, 934986, 930890};
    for (int k = 1; k <= 4; ++k) {
        for (const char *mode : {"audio", "two-way"}) {
            for (const char *sub : {"A", "B"}) {
                const QByteArray cfg = QStringLiteral(R"({"mode":"%1","submode":"%2","audio_path":%3})")
                                           .arg(mode, sub)
                                           .arg(k)
                                           .toUtf8();
                const QByteArray tag = QByteArray("mlfi ") + mode + " " + sub + QByteArray::number(k);
                QTest::newRow(tag.constData()) << QString("mlfi") << QString(cfg)
                                               << (sub[0] == 'A' ? audioA[k - 1] : audioB[k - 1]) << qint64(-1);
            }
        }
    }
    for (const char *p : {"a", "b", "c", "d", "e"}) {
        const QByteArray cfg = QByteArray(R"({"mode":"vision","vision_path":")") + p + "\"}";
        QTest::newRow((QByteArray("mlfi vision ") + p).constData())
            << QString("mlfi") << QString(cfg) << qint64(926794) << qint64(-1);
    }
    // §6 BCNN
    row("bcnn r50 d201", "bcnn-r50-d201", "{}", 41640650, 282176);
    row("bcnn r18 d121", "bcnn-r18-d121", "{}", 18145738);
    row("bcnn small", "bcnn-small", "{}", 411594);
    // §7 seed 004
    row("seed004 lstm", "seed004-lstm", "{}", 104770);
    row("seed004 cnn", "seed004-cnn", "{}", 1017674);
    row("seed004 simple cnn", "seed004-simple-cnn", "{}", 217354);
    row("seed004 rcnn", "seed004-rcnn", "{}", 300106, 1920);
    // not in MODELS.md: 57*256+256 + 2*256 + 256*128+128 + 2*128 + 128*10+10
    row("mlp", "mlp", "{}", 49802);
    row("mlp without bn", "mlp", R"({"batch_norm":false})", 49034);
}

void TestNets::parameterCountsMatchModelsMd()
{
    QFETCH(QString, name);
    QFETCH(QString, config);
    QFETCH(qint64, params);
    QFETCH(qint64, buffers);
    auto net = models::createModel(name.toStdString(), json(config.toUtf8()));
    QVERIFY2(net.ok(), net.ok() ? "" : net.error().toString().c_str());
    QCOMPARE(qint64(models::countParameters(**net)), params);
    if (buffers >= 0)
        QCOMPARE(qint64(bufferCount(**net)), buffers);
    auto size = models::modelSize(name.toStdString(), json(config.toUtf8()));
    QVERIFY(size.ok());
    QCOMPARE(qint64(size->parameters), params);
}

void TestNets::forwardGivesLogitsAndBackwardReachesEveryParameter_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QList<int>>("shape"); // empty: the registry's input shape

    auto row = [](const char *tag, const char *name, const char *config, QList<int> shape = {}) {
        QTest::newRow(tag) << QString(name) << QString(config) << shape;
    };
    // Default configs on the registry's full input shape.
    for (const auto &spec : models::modelSpecs()) {
        if (spec.name == "bcnn-r50-d201" || spec.name == "bcnn-r18-d121")
            continue; // 32 / 11 GMAC per clip: on a reduced size below (the nets are size-agnostic)
        QTest::newRow(spec.name.c_str()) << QString::fromStdString(spec.name) << QString("{}") << QList<int>{};
    }
    row("bcnn r50 d201 reduced", "bcnn-r50-d201", "{}", {3, 64, 96});
    row("bcnn r18 d121 reduced", "bcnn-r18-d121", "{}", {3, 64, 96});
    // Switch variants on a shorter clip (the broadcast nets are length-agnostic) to keep the test fast.
    const QList<int> shortClip{1, 64, 128};
    row("choi-fcn weights time", "choi-fcn", R"({"variant":"weights","input_bn_axis":"time"})");
    row("choi-crnn time", "choi-crnn", R"({"input_bn_axis":"time"})");
    for (const char *cfg :
         {R"({"remove3x3":true})", R"({"replace5x5":true})", R"({"global_pool":"max","dropout_p":0.4})",
          R"({"n_blocks":1})", R"({"n_blocks":5})", R"({"act":"selu"})", R"({"norm":"group"})", R"({"se":true})",
          R"({"lstm_branch":true})", R"({"block_type":"inception_resnet_v1"})", R"({"block_type":"xception"})"})
        QTest::newRow((QByteArray("bbnn ") + cfg).constData()) << QString("bbnn") << QString(cfg) << shortClip;
    for (const char *cfg : {R"({"factorize":true})", R"({"transition":"figure","factorize":true})"})
        QTest::newRow((QByteArray("broadcast ") + cfg).constData()) << QString("broadcast") << QString(cfg) << shortClip;
    for (const char *cfg : {R"({"mode":"audio","submode":"A","audio_path":2})", R"({"mode":"audio","audio_path":4})",
                            R"({"mode":"vision","vision_path":"a"})", R"({"mode":"vision","vision_path":"e"})",
                            R"({"mode":"two-way","submode":"A","audio_path":1})",
                            R"({"mode":"two-way","submode":"B","audio_path":2})"})
        QTest::newRow((QByteArray("mlfi ") + cfg).constData()) << QString("mlfi") << QString(cfg) << QList<int>{};
    row("mlp one layer", "mlp", R"({"hidden2":0,"batch_norm":false,"dropout":0})");
}

void TestNets::forwardGivesLogitsAndBackwardReachesEveryParameter()
{
    QFETCH(QString, name);
    QFETCH(QString, config);
    QFETCH(QList<int>, shape);
    torch::manual_seed(1);
    auto net = create(name.toStdString(), json(config.toUtf8()));
    auto registryShape = models::inputShapeFor(name.toStdString(), json(config.toUtf8()));
    QVERIFY(registryShape.ok());
    std::vector<std::int64_t> inputShape = shape.isEmpty() ? *registryShape : toShape(shape);
    inputShape.insert(inputShape.begin(), 2);
    const auto *spec = models::findModelSpec(name.toStdString());
    torch::Tensor aux;
    if (spec->auxSize > 0)
        aux = torch::randn({2, spec->auxSize});

    net->train();
    auto logits = net->forward(torch::randn(inputShape), aux);
    QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{2, 10}));
    QVERIFY(torch::isfinite(logits).all().item<bool>());
    auto loss = torch::nn::functional::cross_entropy(logits, torch::tensor({1, 7}));
    loss.backward();
    for (const auto &p : net->named_parameters()) {
        QVERIFY2(p.value().grad().defined(), ("no gradient reaches " + p.key()).c_str());
        QVERIFY2(torch::isfinite(p.value().grad()).all().item<bool>(), p.key().c_str());
    }
}

void TestNets::sameSeedGivesSameWeightsAndNames()
{
    torch::manual_seed(42);
    auto a = create("broadcast");
    torch::manual_seed(42);
    auto b = create("broadcast");
    torch::manual_seed(43);
    auto c = create("broadcast");
    const auto pa = a->named_parameters(), pb = b->named_parameters(), pc = c->named_parameters();
    QCOMPARE(pa.size(), pb.size());
    bool anyDifferent = false;
    for (size_t i = 0; i < pa.size(); ++i) {
        QCOMPARE(pa[i].key(), pb[i].key());
        QVERIFY2(torch::equal(pa[i].value(), pb[i].value()), pa[i].key().c_str());
        anyDifferent = anyDifferent || !torch::equal(pa[i].value(), pc[i].value());
    }
    QVERIFY(anyDifferent);
    QCOMPARE(QString::fromStdString(pa.keys().front()), QString("stem.0.weight"));
}

void TestNets::kerasModelsStartGlorotUniformWithZeroBiases()
{
    torch::manual_seed(3);
    auto net = create("bbnn");
    int convs = 0;
    for (const auto &m : net->modules(false)) {
        if (auto *c = m->as<torch::nn::Conv2d>()) {
            const auto [fanIn, fanOut] = models::fans(c->weight);
            const double limit = std::sqrt(6.0 / double(fanIn + fanOut));
            QVERIFY(c->weight.abs().max().item<double>() <= limit);
            if (c->weight.numel() > 1000) // a uniform sample fills its interval
                QVERIFY(c->weight.abs().max().item<double>() > 0.9 * limit);
            QCOMPARE(c->bias.abs().max().item<double>(), 0.0);
            ++convs;
        }
    }
    QCOMPARE(convs, 1 + 3 * 6 + 1);
}

void TestNets::lecunNormalIsTruncatedAtTwoSigmaWithFanInVariance()
{
    torch::manual_seed(5);
    auto w = torch::empty({256, 128, 3, 3});
    models::lecunNormal_(w);
    const double fanIn = 128 * 9;
    const double sigma = std::sqrt(1.0 / fanIn) / 0.87962566103423978;
    QVERIFY(w.abs().max().item<double>() <= 2.0 * sigma + 1e-7);
    const double std = w.std().item<double>();
    QVERIFY2(std::abs(std - std::sqrt(1.0 / fanIn)) < 0.01 * std::sqrt(1.0 / fanIn), QByteArray::number(std));
    QVERIFY(std::abs(w.mean().item<double>()) < 0.01 * sigma);
}

void TestNets::heaklProposedUsesLecunNormal()
{
    torch::manual_seed(9);
    auto net = create("broadcast");
    // The 32-map transition conv over 544 channels: a lecun sample stays within 2 sigma.
    bool found = false;
    for (const auto &m : net->modules(false)) {
        if (auto *c = m->as<torch::nn::Conv2d>(); c && c->weight.size(1) == 544) {
            const double sigma = std::sqrt(1.0 / 544.0) / 0.87962566103423978;
            QVERIFY(c->weight.abs().max().item<double>() <= 2.0 * sigma + 1e-7);
            QVERIFY(std::abs(c->weight.std().item<double>() - std::sqrt(1.0 / 544.0)) < 0.05 * std::sqrt(1.0 / 544.0));
            found = true;
        }
    }
    QVERIFY(found);
}

void TestNets::kerasBatchNormParity()
{
    auto net = create("bbnn");
    int bns = 0;
    for (const auto &m : net->modules(false)) {
        if (auto *bn = m->as<torch::nn::BatchNorm2d>()) {
            QCOMPARE(bn->options.momentum().value(), 0.01);
            QCOMPARE(bn->options.eps(), 1e-3);
            ++bns;
        }
    }
    QVERIFY(bns > 10);
}

void TestNets::evalModeIsDeterministic()
{
    torch::manual_seed(11);
    auto net = create("bbnn", json(R"({"dropout_p":0.4})"));
    net->eval();
    torch::InferenceMode guard;
    auto x = torch::randn({1, 1, 64, 128});
    QVERIFY(torch::equal(net->forward(x), net->forward(x)));
}

void TestNets::mlfiTwoWayPairsTheAudioLayerWithItsVisionLetter()
{
    auto net = create("mlfi", json(R"({"mode":"two-way","audio_path":3})"));
    auto *mlfi = dynamic_cast<models::MlfiNetImpl *>(net.get());
    QVERIFY(mlfi);
    QCOMPARE(mlfi->audioLayer(), 3);
    QCOMPARE(mlfi->visionLayer(), 3); // [3] <-> c = D3
    auto vision = create("mlfi", json(R"({"mode":"vision","vision_path":"a"})"));
    QCOMPARE(dynamic_cast<models::MlfiNetImpl *>(vision.get())->visionLayer(), 5); // a = D5
    QCOMPARE(dynamic_cast<models::MlfiNetImpl *>(vision.get())->audioLayer(), 0);
}

void TestNets::mlfiRefusesAMissingStatisticsInput()
{
    auto net = create("mlfi");
    net->eval();
    QVERIFY_THROWS_EXCEPTION(c10::Error, net->forward(torch::randn({1, 1, 128, 130})));
}

void TestNets::choiTimeAxisBatchNormRejectsOtherFrameCounts()
{
    auto net = create("choi-fcn", json(R"({"input_bn_axis":"time"})"));
    net->eval();
    QVERIFY_THROWS_EXCEPTION(c10::Error, net->forward(torch::randn({1, 1, 96, 1000})));
}

void TestNets::numClassesSetsTheHeadWidth()
{
    auto net = models::createModel("seed004-lstm", {}, 4);
    QVERIFY(net.ok());
    (*net)->eval();
    QCOMPARE((*net)->forward(torch::randn({3, 20, 72})).sizes().vec(), (std::vector<std::int64_t>{3, 4}));
    QVERIFY(!models::createModel("seed004-lstm", {}, 1).ok());
}

QTEST_GUILESS_MAIN(TestNets)
#include "tst_nets.moc"
