// The model bundle: save -> load gives bitwise-identical outputs, and every damaged, foreign or
// mismatched file comes back as the right error instead of a crash.
#include "models/bundle.h"
#include "models/bundlemodel.h"
#include "models/genrenet.h"
#include "models/registry.h"

#include "base/atomicfile.h"
#include "features/recipes.h"
#include "base/version.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <cstring>

using namespace genrescope;
using namespace genrescope::models;
using base::ErrorCode;

namespace {

/** A tiny single-input network: conv + BatchNorm (buffers, an int64 counter) + linear. Input [B, 1, 8, 6]. */
struct TinyNetImpl : GenreNetImpl
{
    TinyNetImpl(int channels, int classes)
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, channels, 3).padding(1)));
        bn = register_module("bn", torch::nn::BatchNorm2d(channels));
        fc = register_module("fc", torch::nn::Linear(channels, classes));
    }
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &) override
    {
        return fc(torch::relu(bn(conv(x))).mean({2, 3}));
    }
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    torch::nn::Linear fc{nullptr};
};

/** A tiny two-input network: [B, 1, 8, 6] spectrogram + [B, 5] statistics. */
struct TinyTwoInputImpl : GenreNetImpl
{
    explicit TinyTwoInputImpl(int classes)
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 3, 3).padding(1)));
        fc = register_module("fc", torch::nn::Linear(3 + 5, classes));
    }
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &aux) override
    {
        return fc(torch::cat({torch::relu(conv(x)).mean({2, 3}), aux}, 1));
    }
    torch::nn::Conv2d conv{nullptr};
    torch::nn::Linear fc{nullptr};
};

base::Result<GenreNet> tinyFactory(const std::string &name, const QJsonObject &config, int classes)
{
    if (name == "tiny") {
        const int channels = config.value("channels").toInt(4);
        if (channels < 1)
            return base::makeError(ErrorCode::InvalidArgument, "channels must be >= 1");
        return GenreNet(std::make_shared<TinyNetImpl>(channels, classes));
    }
    if (name == "tiny2")
        return GenreNet(std::make_shared<TinyTwoInputImpl>(classes));
    return base::makeError(ErrorCode::InvalidArgument, "unknown model " + name);
}

QJsonObject recipeJson(const std::string &name)
{
    auto r = features::recipe(name);
    if (!r)
        qFatal("no feature recipe %s", name.c_str());
    return r->toJson();
}

const std::vector<std::string> kGenres = {"blues", "classical", "country", "disco", "hiphop",
                                          "jazz",  "metal",     "pop",     "reggae", "rock"};

/** Random weights everywhere, including BatchNorm statistics, so that dropping any tensor changes outputs. */
void randomise(GenreNetImpl &net)
{
    torch::NoGradGuard g;
    for (auto &p : net.parameters())
        p.uniform_(-0.5, 0.5);
    for (auto &b : net.buffers()) {
        if (b.is_floating_point())
            b.uniform_(0.5, 1.5);
        else
            b.fill_(17);
    }
    net.eval();
}

ModelBundle tinyBundle(int channels = 4)
{
    torch::manual_seed(1);
    ModelBundle b;
    b.architecture = "tiny";
    b.config = QJsonObject{{"channels", channels}};
    b.featureConfig = recipeJson("logmel128");
    b.labels = kGenres;
    b.normalization.axis = 2;
    b.normalization.axisName = "mel";
    b.normalization.mean = {1, 2, 3, 4, 5, 6};
    b.normalization.std = {1, 2, 1, 2, 1, 2};
    b.history = QJsonArray{QJsonObject{{"epoch", 1}, {"trainLoss", 2.1}, {"valAcc", 0.3}, {"lr", 1e-3}}};
    b.evaluation = QJsonObject{{"accuracy", 0.5}};
    b.provenance = QJsonObject{{"dataset", "synthetic"}, {"split", "none"}, {"seed", 1}};
    b.card = QJsonObject{{"title", "Tiny"}, {"notes", "test"}, {"licence", "none"}};
    auto net = tinyFactory("tiny", b.config, int(kGenres.size()));
    b.net = *net;
    randomise(*b.net);
    return b;
}

std::string serialize(const ModelBundle &b)
{
    auto bytes = serializeBundle(b, tinyFactory);
    if (!bytes)
        qFatal("serializeBundle failed: %s", bytes.error().toString().c_str());
    return *bytes;
}

/** Re-pack a bundle with an edited manifest and a fresh, valid checksum (the layout of docs/models-bundle.md). */
std::string withManifest(const std::string &bytes, const std::function<void(QJsonObject &)> &edit)
{
    auto u64 = [&](std::size_t at) {
        std::uint64_t v = 0;
        std::memcpy(&v, bytes.data() + at, 8);
        return v;
    };
    const std::uint64_t manifestSize = u64(16), weightsSize = u64(24);
    QJsonObject m = QJsonDocument::fromJson(QByteArray::fromStdString(bytes.substr(64, manifestSize))).object();
    edit(m);
    const QByteArray manifest = QJsonDocument(m).toJson(QJsonDocument::Compact);
    const std::string weights = bytes.substr(64 + manifestSize, weightsSize);
    std::string out = bytes.substr(0, 64);
    const std::uint64_t newSize = std::uint64_t(manifest.size());
    std::memcpy(out.data() + 16, &newSize, 8);
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView(out.data(), 32));
    h.addData(manifest);
    h.addData(QByteArrayView(weights.data(), qsizetype(weights.size())));
    std::memcpy(out.data() + 32, h.result().constData(), 32);
    return out + manifest.toStdString() + weights;
}

QJsonObject tensorEntry(const QJsonObject &m, const QString &name)
{
    for (const QJsonValue &v : m.value("tensors").toArray())
        if (v.toObject().value("name").toString() == name)
            return v.toObject();
    return {};
}

void replaceTensorEntry(QJsonObject &m, const QString &name, const std::function<void(QJsonArray &, int)> &edit)
{
    QJsonArray t = m.value("tensors").toArray();
    for (int i = 0; i < t.size(); ++i)
        if (t[i].toObject().value("name").toString() == name)
            edit(t, i);
    m.insert("tensors", t);
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void saveThenLoadGivesBitwiseIdenticalOutputs()
    {
        ModelBundle b = tinyBundle();
        QTemporaryDir dir;
        const auto path = std::filesystem::path(dir.path().toStdString()) / "tiny.gsmodel";
        const auto saved = saveBundle(b, path, tinyFactory);
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().toString().c_str());
        auto loaded = loadBundle(path, tinyFactory);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().toString().c_str());
        QVERIFY(!loaded->net->is_training());

        torch::manual_seed(2);
        const auto x = torch::randn({3, 1, 8, 6});
        torch::NoGradGuard g;
        const auto before = b.net->forward(x);
        const auto after = loaded->net->forward(x);
        QVERIFY(torch::equal(before, after));
        // And every tensor, parameters and buffers, came back bit for bit.
        const auto a = b.net->named_buffers();
        const auto c = loaded->net->named_buffers();
        QCOMPARE(a.size(), c.size());
        for (const auto &item : a)
            QVERIFY2(torch::equal(item.value(), c[item.key()]), item.key().c_str());
    }

    void metadataSurvivesTheRoundTrip()
    {
        ModelBundle b = tinyBundle();
        auto loaded = loadBundleFromBytes(serialize(b), tinyFactory);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->architecture, b.architecture);
        QCOMPARE(loaded->config, b.config);
        QCOMPARE(loaded->featureConfig, b.featureConfig);
        QVERIFY(loaded->auxFeatureConfig.isEmpty());
        QVERIFY(loaded->labels == b.labels);
        QCOMPARE(loaded->normalization.axis, 2);
        QCOMPARE(loaded->normalization.axisName, std::string("mel"));
        QVERIFY(loaded->normalization.mean == b.normalization.mean);
        QVERIFY(loaded->normalization.std == b.normalization.std);
        QVERIFY(loaded->auxNormalization.isIdentity());
        QCOMPARE(loaded->history, b.history);
        QCOMPARE(loaded->evaluation, b.evaluation);
        QCOMPARE(loaded->card, b.card);
        QCOMPARE(loaded->provenance.value("dataset").toString(), QString("synthetic"));
        QCOMPARE(loaded->provenance.value("seed").toInt(), 1);
        QCOMPARE(loaded->provenance.value("appVersion").toString(), QString(base::kAppVersion));
        QVERIFY(!loaded->provenance.value("libtorchVersion").toString().isEmpty());
        QVERIFY(!loaded->provenance.value("savedAt").toString().isEmpty());
    }

    void twoInputModelRoundTripsWithAuxNormalization()
    {
        torch::manual_seed(3);
        ModelBundle b;
        b.architecture = "tiny2";
        b.labels = {"a", "b", "c"};
        b.featureConfig = recipeJson("logmel128");
        b.auxFeatureConfig = recipeJson("mfcc");
        b.auxNormalization.axis = 0;
        b.auxNormalization.mean = {0, 1, 2, 3, 4};
        b.auxNormalization.std = {1, 1, 2, 2, 3};
        b.net = *tinyFactory("tiny2", {}, 3);
        randomise(*b.net);
        auto loaded = loadBundleFromBytes(serialize(b), tinyFactory);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->auxFeatureConfig, b.auxFeatureConfig);
        QVERIFY(loaded->auxNormalization.std == b.auxNormalization.std);

        BundleModel model(std::move(*loaded), "tiny-f", {1, 8, 6}, {5});
        const auto x = torch::randn({2, 1, 8, 6});
        const auto aux = torch::randn({2, 5});
        auto p = model.predictProbabilities(x, aux);
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().toString().c_str());
        torch::NoGradGuard g;
        const auto expected = torch::softmax(b.net->forward(x, b.auxNormalization.apply(aux)), 1);
        QVERIFY(torch::equal(*p, expected));
        QCOMPARE(model.predictProbabilities(x).error().code, ErrorCode::Mismatch);
    }

    void bundleModelAppliesNormalizationAndChecksShapes()
    {
        ModelBundle b = tinyBundle();
        const GenreNet original = b.net;
        BundleModel model(std::move(b), "tiny-f", {1, 8, 6});
        QCOMPARE(model.kind(), std::string("bundle"));
        QCOMPARE(model.labels().size(), kGenres.size());
        QCOMPARE(model.parameterCount(), countParameters(*original));
        const auto x = torch::randn({4, 1, 8, 6}) * 3 + 2;
        auto p = model.predictProbabilities(x);
        QVERIFY(p.ok());
        QCOMPARE(p->sizes().vec(), (std::vector<std::int64_t>{4, 10}));
        QVERIFY(torch::allclose(p->sum(1), torch::ones({4})));
        torch::NoGradGuard g;
        const auto mean = torch::tensor({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}).view({1, 1, 1, 6});
        const auto sd = torch::tensor({1.f, 2.f, 1.f, 2.f, 1.f, 2.f}).view({1, 1, 1, 6});
        QVERIFY(torch::equal(*p, torch::softmax(original->forward((x - mean) / sd), 1)));

        auto wrong = model.predictProbabilities(torch::zeros({4, 1, 6, 8}));
        QCOMPARE(wrong.error().code, ErrorCode::Mismatch);
        QVERIFY(QString::fromStdString(wrong.error().detail).contains("[B, 1, 8, 6]"));
        QCOMPARE(model.predictProbabilities(torch::Tensor()).error().code, ErrorCode::Mismatch);
        QCOMPARE(model.predictProbabilities(x, torch::zeros({4, 5})).error().code, ErrorCode::Mismatch);
    }

    void truncationAtEveryOffsetIsBadFormatTruncated()
    {
        const std::string bytes = serialize(tinyBundle());
        QVERIFY(loadBundleFromBytes(bytes, tinyFactory).ok());
        for (std::size_t n = 1; n < bytes.size(); n += (n < 200 ? 1 : 37)) {
            auto r = loadBundleFromBytes(std::string_view(bytes).substr(0, n), tinyFactory);
            QVERIFY2(!r.ok(), std::to_string(n).c_str());
            QCOMPARE(r.error().code, ErrorCode::BadFormat);
            QVERIFY2(QString::fromStdString(r.error().detail).contains("truncated"), r.error().detail.c_str());
        }
    }

    void flippedBytesAreDetectedBeforeParsing()
    {
        const std::string bytes = serialize(tinyBundle());
        int checked = 0;
        for (std::size_t at = 0; at < bytes.size(); at += (at < 64 ? 1 : 13)) {
            std::string damaged = bytes;
            damaged[at] = char(damaged[at] ^ 0x5a);
            auto r = loadBundleFromBytes(damaged, tinyFactory);
            QVERIFY2(!r.ok(), std::to_string(at).c_str());
            QVERIFY2(r.error().code == ErrorCode::BadFormat || r.error().code == ErrorCode::VersionTooNew,
                     r.error().toString().c_str());
            if (at >= 32)   // past the version and sizes: only the checksum can tell
                QVERIFY2(QString::fromStdString(r.error().detail).contains("corrupt"), r.error().detail.c_str());
            ++checked;
        }
        QVERIFY(checked > 100);
        std::string tail = bytes;
        tail.back() = char(tail.back() ^ 1);
        QVERIFY(QString::fromStdString(loadBundleFromBytes(tail, tinyFactory).error().detail).contains("corrupt"));
        QCOMPARE(loadBundleFromBytes(bytes + "x", tinyFactory).error().code, ErrorCode::BadFormat);
    }

    void newerFormatVersionIsVersionTooNew()
    {
        std::string bytes = serialize(tinyBundle());
        const std::uint32_t newer = kBundleFormatVersion + 1;
        std::memcpy(bytes.data() + 8, &newer, 4);
        auto r = loadBundleFromBytes(bytes, tinyFactory);
        QCOMPARE(r.error().code, ErrorCode::VersionTooNew);
        QVERIFY(readBundleManifest(bytes).error().code == ErrorCode::VersionTooNew);
    }

    void foreignFilesAreBadFormat()
    {
        const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
        const char mp3[] = "ID3\x04\0\0\0\0\0\x21TIT2\0\0\0\x05\0\0\x03" "abc\xff\xfb\x90\x64";
        for (const std::string &bytes : {std::string(png, sizeof png - 1), std::string(mp3, sizeof mp3 - 1),
                                         std::string("{\"architecture\": \"bbnn\"}\n"), std::string(),
                                         std::string(1000, '\0')}) {
            auto r = loadBundleFromBytes(bytes, tinyFactory);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::BadFormat);
        }
        QVERIFY(QString::fromStdString(loadBundleFromBytes("", tinyFactory).error().detail).contains("empty"));
    }

    void filesystemProblemsKeepTheirCodes()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        QCOMPARE(loadBundle(root, tinyFactory).error().code, ErrorCode::IsDirectory);
        QCOMPARE(loadBundle(root / "absent.gsmodel", tinyFactory).error().code, ErrorCode::FileNotFound);
        QVERIFY(base::writeFileAtomically(root / "empty.gsmodel", "").ok());
        auto empty = loadBundle(root / "empty.gsmodel", tinyFactory);
        QCOMPARE(empty.error().code, ErrorCode::BadFormat);
        QVERIFY(QString::fromStdString(empty.error().detail).contains("empty.gsmodel"));
    }

    void configThatBuildsOtherShapesIsMismatchNamingTheTensor()
    {
        const std::string bytes = serialize(tinyBundle(4));
        auto r = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) { m.insert("config", QJsonObject{{"channels", 5}}); }),
                                     tinyFactory);
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
        QVERIFY2(QString::fromStdString(r.error().detail).contains("conv.weight"), r.error().detail.c_str());

        // A label list of another length changes the classifier's shape.
        auto labels = loadBundleFromBytes(
            withManifest(bytes, [](QJsonObject &m) { m.insert("labels", QJsonArray{"x", "y"}); }), tinyFactory);
        QCOMPARE(labels.error().code, ErrorCode::Mismatch);
        QVERIFY(QString::fromStdString(labels.error().detail).contains("fc."));

        // A config the factory refuses.
        auto refused = loadBundleFromBytes(
            withManifest(bytes, [](QJsonObject &m) { m.insert("config", QJsonObject{{"channels", 0}}); }), tinyFactory);
        QCOMPARE(refused.error().code, ErrorCode::Mismatch);
    }

    void missingExtraAndRetypedTensorsAreMismatch()
    {
        const std::string bytes = serialize(tinyBundle());
        auto missing = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) {
                                               replaceTensorEntry(m, "bn.running_var", [](QJsonArray &t, int i) { t.removeAt(i); });
                                           }),
                                           tinyFactory);
        QCOMPARE(missing.error().code, ErrorCode::Mismatch);
        QVERIFY2(QString::fromStdString(missing.error().detail).contains("bn.running_var"), missing.error().detail.c_str());

        auto extra = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) {
                                             QJsonObject e = tensorEntry(m, "fc.bias");
                                             e.insert("name", "fc.extra");
                                             QJsonArray t = m.value("tensors").toArray();
                                             t.append(e);
                                             m.insert("tensors", t);
                                         }),
                                         tinyFactory);
        QCOMPARE(extra.error().code, ErrorCode::Mismatch);
        QVERIFY2(QString::fromStdString(extra.error().detail).contains("fc.extra"), extra.error().detail.c_str());

        auto reshaped = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) {
                                                replaceTensorEntry(m, "fc.bias", [](QJsonArray &t, int i) {
                                                    QJsonObject e = t[i].toObject();
                                                    e.insert("shape", QJsonArray{5, 2});
                                                    t[i] = e;
                                                });
                                            }),
                                            tinyFactory);
        QCOMPARE(reshaped.error().code, ErrorCode::Mismatch);
        QVERIFY(QString::fromStdString(reshaped.error().detail).contains("fc.bias"));

        auto outside = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) {
                                               replaceTensorEntry(m, "fc.bias", [](QJsonArray &t, int i) {
                                                   QJsonObject e = t[i].toObject();
                                                   e.insert("offset", 1e9);
                                                   t[i] = e;
                                               });
                                           }),
                                           tinyFactory);
        QCOMPARE(outside.error().code, ErrorCode::BadFormat);
    }

    void unknownArchitectureIsMismatch()
    {
        const std::string bytes = serialize(tinyBundle());
        auto r = loadBundleFromBytes(
            withManifest(bytes, [](QJsonObject &m) { m.insert("architecture", "no-such-net"); }), tinyFactory);
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
        // With the registry as the factory too.
        auto viaRegistry = loadBundleFromBytes(bytes);
        QCOMPARE(viaRegistry.error().code, ErrorCode::Mismatch);
        QVERIFY(QString::fromStdString(viaRegistry.error().detail).contains("tiny"));
    }

    void missingOrMistypedManifestFieldsAreBadFormat()
    {
        const std::string bytes = serialize(tinyBundle());
        for (const char *key : {"architecture", "config", "featureConfig", "labels", "tensors"}) {
            auto r = loadBundleFromBytes(withManifest(bytes, [key](QJsonObject &m) { m.remove(key); }), tinyFactory);
            QCOMPARE(r.error().code, ErrorCode::BadFormat);
            QVERIFY2(QString::fromStdString(r.error().detail).contains(key), r.error().detail.c_str());
        }
        auto typed = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) { m.insert("labels", "blues"); }),
                                         tinyFactory);
        QCOMPARE(typed.error().code, ErrorCode::BadFormat);
        auto norm = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) {
                                            m.insert("normalization", QJsonObject{{"mean", QJsonArray{1}}, {"std", QJsonArray{0}}});
                                        }),
                                        tinyFactory);
        QCOMPARE(norm.error().code, ErrorCode::BadFormat);
    }

    void savingANetThatDoesNotMatchItsConfigIsRefused()
    {
        ModelBundle b = tinyBundle(4);
        b.config = QJsonObject{{"channels", 6}};
        auto r = serializeBundle(b, tinyFactory);
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
        ModelBundle none = tinyBundle();
        none.net = nullptr;
        QCOMPARE(serializeBundle(none, tinyFactory).error().code, ErrorCode::InvalidArgument);
        ModelBundle noLabels = tinyBundle();
        noLabels.labels.clear();
        QCOMPARE(serializeBundle(noLabels, tinyFactory).error().code, ErrorCode::InvalidArgument);
    }

    void featureConfigMustBeValid()
    {
        ModelBundle none = tinyBundle();
        none.featureConfig = {};
        QCOMPARE(serializeBundle(none, tinyFactory).error().code, ErrorCode::InvalidArgument);
        ModelBundle invalid = tinyBundle();
        invalid.featureConfig.insert("nMels", "many");
        QCOMPARE(serializeBundle(invalid, tinyFactory).error().code, ErrorCode::InvalidArgument);

        const std::string bytes = serialize(tinyBundle());
        auto r = loadBundleFromBytes(withManifest(bytes, [](QJsonObject &m) {
                                         QJsonObject f = m.value("featureConfig").toObject();
                                         f.insert("sampleRate", "fast");
                                         m.insert("featureConfig", f);
                                     }),
                                     tinyFactory);
        QCOMPARE(r.error().code, ErrorCode::BadFormat);
        QVERIFY2(QString::fromStdString(r.error().detail).contains("featureConfig"), r.error().detail.c_str());

        auto loaded = loadBundleFromBytes(bytes, tinyFactory);
        QVERIFY(loaded.ok());
        auto parsed = featureConfigOf(*loaded);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->recipe, std::string("logmel128"));
        QCOMPARE(parsed->nMels, 128);
        QCOMPARE(auxFeatureConfigOf(*loaded).error().code, ErrorCode::InvalidArgument);
    }

    void failedSaveLeavesTheOldFile()
    {
        QTemporaryDir dir;
        const auto path = std::filesystem::path(dir.path().toStdString()) / "m.gsmodel";
        QVERIFY(saveBundle(tinyBundle(), path, tinyFactory).ok());
        const auto before = base::readFile(path);
        ModelBundle broken = tinyBundle();
        broken.config = QJsonObject{{"channels", 9}};
        QVERIFY(!saveBundle(broken, path, tinyFactory).ok());
        QCOMPARE(*base::readFile(path), *before);
    }

    void registryArchitecturesRoundTripBitwise_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QJsonObject>("config");
        QTest::newRow("mlp") << "mlp" << QJsonObject();
        QTest::newRow("seed004-lstm") << "seed004-lstm" << QJsonObject();
        QTest::newRow("mlfi two-way") << "mlfi" << QJsonObject{{"mode", "two-way"}};
        QTest::newRow("choi-crnn") << "choi-crnn" << QJsonObject();
    }
    void registryArchitecturesRoundTripBitwise()
    {
        QFETCH(QString, name);
        QFETCH(QJsonObject, config);
        const std::string arch = name.toStdString();
        const ModelSpec *spec = findModelSpec(arch);
        QVERIFY2(spec, arch.c_str());
        torch::manual_seed(11);
        auto net = createModel(arch, config, 10);
        QVERIFY2(net.ok(), net.ok() ? "" : net.error().toString().c_str());
        ModelBundle b;
        b.architecture = arch;
        b.config = config;
        b.featureConfig = recipeJson(features::recipe(spec->recipe).ok() ? spec->recipe : "logmel128");
        b.labels = kGenres;
        b.net = *net;
        randomise(*b.net);
        auto bytes = serializeBundle(b);
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : bytes.error().toString().c_str());
        auto loaded = loadBundleFromBytes(*bytes);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().toString().c_str());
        // The stored config is the normalised one (every switch explicit).
        QCOMPARE(loaded->config, *normalizedConfig(arch, config));

        auto shape = inputShapeFor(arch, config);
        QVERIFY(shape.ok());
        std::vector<std::int64_t> full{1};
        full.insert(full.end(), shape->begin(), shape->end());
        torch::manual_seed(12);
        const auto x = torch::randn(full);
        const auto aux = spec->auxSize > 0 ? torch::randn({1, spec->auxSize}) : torch::Tensor();
        torch::NoGradGuard g;
        QVERIFY(torch::equal(b.net->forward(x, aux), loaded->net->forward(x, aux)));

        auto model = BundleModel::fromBundle(std::move(*loaded));
        QVERIFY(model.ok());
        QCOMPARE((*model)->featureRecipe(), spec->recipe);
        QVERIFY((*model)->inputShape() == *shape);
        QVERIFY((*model)->predictProbabilities(x, aux).ok());
    }

    void registrySwitchThatChangesShapesIsMismatch_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QJsonObject>("saved");
        QTest::addColumn<QJsonObject>("claimed");
        QTest::newRow("mlp hidden1 64 -> 32") << "mlp" << QJsonObject{{"hidden1", 64}} << QJsonObject{{"hidden1", 32}};
        QTest::newRow("bbnn 3 -> 4 blocks") << "bbnn" << QJsonObject{{"n_blocks", 3}} << QJsonObject{{"n_blocks", 4}};
        QTest::newRow("bbnn 3 -> 2 blocks") << "bbnn" << QJsonObject{{"n_blocks", 3}} << QJsonObject{{"n_blocks", 2}};
        QTest::newRow("bbnn replace5x5") << "bbnn" << QJsonObject() << QJsonObject{{"replace5x5", true}};
    }
    void registrySwitchThatChangesShapesIsMismatch()
    {
        QFETCH(QString, name);
        QFETCH(QJsonObject, saved);
        QFETCH(QJsonObject, claimed);
        torch::manual_seed(13);
        ModelBundle b;
        b.architecture = name.toStdString();
        b.config = saved;
        b.featureConfig = recipeJson("bbnn-f2");
        b.labels = kGenres;
        auto net = createModel(b.architecture, saved, 10);
        QVERIFY2(net.ok(), net.ok() ? "" : net.error().toString().c_str());
        b.net = *net;
        auto bytes = serializeBundle(b);
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : bytes.error().toString().c_str());
        QVERIFY(loadBundleFromBytes(*bytes).ok());
        const QJsonObject claimedFull = *normalizedConfig(b.architecture, claimed);
        auto r = loadBundleFromBytes(withManifest(*bytes, [&](QJsonObject &m) { m.insert("config", claimedFull); }));
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
        QVERIFY2(QString::fromStdString(r.error().detail).contains("tensor '"), r.error().detail.c_str());
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
