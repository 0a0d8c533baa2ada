// TorchScript import: the committed example (tools/export_torchscript_example.py, PyTorch 1.13) runs in
// Genrescope with PyTorch's outputs within 1e-5, and a wrong sidecar is answered with a clear error.
#include "models/loadedmodel.h"
#include "models/torchscriptmodel.h"

#include "base/atomicfile.h"
#include "features/featureconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <cstring>

using namespace genrescope;
using namespace genrescope::models;
using base::ErrorCode;

namespace {

const std::filesystem::path kFixtures = GS_TORCHSCRIPT_FIXTURES;

torch::Tensor readFloats(const std::string &file, std::vector<std::int64_t> shape)
{
    auto bytes = base::readFile(kFixtures / file);
    if (!bytes)
        qFatal("cannot read fixture %s", file.c_str());
    auto t = torch::empty(shape, torch::kFloat32);
    if (std::size_t(t.numel()) * 4 != bytes->size())
        qFatal("fixture %s has the wrong size", file.c_str());
    std::memcpy(t.data_ptr(), bytes->data(), bytes->size());
    return t;
}

QJsonObject fixtureSidecar()
{
    auto bytes = base::readFile(kFixtures / "example_cnn.pt.json");
    return QJsonDocument::fromJson(QByteArray::fromStdString(*bytes)).object();
}

base::Error sidecarError(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject o = fixtureSidecar();
    edit(o);
    auto r = TorchScriptSidecar::fromJson(o);
    if (r.ok())
        return base::makeError(ErrorCode::Internal, "accepted");
    return r.error();
}

/** Copy the traced module into a temp dir beside a sidecar edited by `edit`, then load it. */
base::Result<std::unique_ptr<TorchScriptModel>> loadWithSidecar(QTemporaryDir &dir, const QJsonObject &sidecar)
{
    const std::filesystem::path root = dir.path().toStdString();
    std::filesystem::copy_file(kFixtures / "example_cnn.pt", root / "m.pt",
                               std::filesystem::copy_options::overwrite_existing);
    if (!base::writeFileAtomically(root / "m.pt.json", QJsonDocument(sidecar).toJson().toStdString()).ok())
        qFatal("cannot write the sidecar");
    return TorchScriptModel::load(root / "m.pt");
}

} // namespace

class TestTorchScript : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tracedModuleMatchesPyTorchWithin1e5()
    {
        auto model = TorchScriptModel::load(kFixtures / "example_cnn.pt");
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QCOMPARE((*model)->kind(), std::string("torchscript"));
        QCOMPARE((*model)->name(), std::string("example-cnn-traced"));
        QCOMPARE((*model)->labels().size(), std::size_t(10));
        QCOMPARE((*model)->labels().front(), std::string("blues"));
        QVERIFY(((*model)->inputShape() == std::vector<std::int64_t>{1, 96, 64}));
        QCOMPARE((*model)->parameterCount(), std::int64_t(6330));   // printed by the export script
        QVERIFY((*model)->featureRecipe().empty());
        auto fc = features::FeatureConfig::fromJson((*model)->featureConfig());
        QVERIFY(fc.ok());
        QCOMPARE(fc->nMels, 96);
        QCOMPARE(fc->segmentLength, 63LL * 512);
        QCOMPARE((*model)->card().value("title").toString(), QString("Example CNN (random weights)"));

        const auto input = readFloats("example_input.f32", {2, 1, 96, 64});
        const auto expected = readFloats("example_probabilities.f32", {2, 10});
        auto p = (*model)->predictProbabilities(input);
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().toString().c_str());
        const double diff = (*p - expected).abs().max().item<double>();
        QVERIFY2(diff <= 1e-5, std::to_string(diff).c_str());
        // The probabilities are not flat: a model that ignored its weights would not pass.
        QVERIFY(expected.max().item<float>() > 0.2f);
    }

    void scriptedModuleWithProbabilityOutputMatchesToo()
    {
        auto model = TorchScriptModel::load(kFixtures / "example_cnn_scripted.pt");   // finds example_cnn_scripted.json
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QCOMPARE((*model)->featureConfig().value("nMels").toInt(), 96);
        QVERIFY((*model)->sidecar().output == TorchScriptSidecar::Output::Probabilities);
        const auto input = readFloats("example_input.f32", {2, 1, 96, 64});
        const auto expected = readFloats("example_probabilities.f32", {2, 10});
        auto p = (*model)->predictProbabilities(input);
        QVERIFY(p.ok());
        QVERIFY((*p - expected).abs().max().item<double>() <= 1e-5);
    }

    void loadModelDispatchesOnTheFileType()
    {
        auto model = loadModel(kFixtures / "example_cnn.pt");
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().toString().c_str());
        QCOMPARE((*model)->kind(), std::string("torchscript"));
        auto notModel = loadModel(kFixtures / "example_input.f32");
        QCOMPARE(notModel.error().code, ErrorCode::BadFormat);
        QCOMPARE(loadModel(kFixtures).error().code, ErrorCode::IsDirectory);
        QCOMPARE(loadModel(kFixtures / "absent.pt").error().code, ErrorCode::FileNotFound);
    }

    void wrongBatchShapeIsMismatch()
    {
        auto model = TorchScriptModel::load(kFixtures / "example_cnn.pt");
        QVERIFY(model.ok());
        auto r = (*model)->predictProbabilities(torch::zeros({2, 1, 64, 96}));
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
        QVERIFY(QString::fromStdString(r.error().detail).contains("[B, 1, 96, 64]"));
        QCOMPARE((*model)->predictProbabilities(torch::zeros({2, 1, 96, 64}), torch::zeros({2, 5})).error().code,
                 ErrorCode::Mismatch);
    }

    void sidecarValidationNamesTheProblem()
    {
        QVERIFY(TorchScriptSidecar::fromJson(fixtureSidecar()).ok());
        struct Case
        {
            const char *what;
            std::function<void(QJsonObject &)> edit;
            ErrorCode code;
            const char *mention;
        };
        const std::vector<Case> cases = {
            {"no labels", [](QJsonObject &o) { o.remove("labels"); }, ErrorCode::BadFormat, "labels"},
            {"labels not strings", [](QJsonObject &o) { o.insert("labels", QJsonArray{1, 2}); }, ErrorCode::BadFormat, "labels"},
            {"duplicate label", [](QJsonObject &o) { o.insert("labels", QJsonArray{"a", "a"}); }, ErrorCode::BadFormat, "twice"},
            {"no features", [](QJsonObject &o) { o.remove("features"); }, ErrorCode::BadFormat, "features"},
            {"features a number", [](QJsonObject &o) { o.insert("features", 3); }, ErrorCode::BadFormat, "features"},
            {"no input shape", [](QJsonObject &o) { o.remove("inputShape"); }, ErrorCode::BadFormat, "inputShape"},
            {"shape a string", [](QJsonObject &o) { o.insert("inputShape", "1x96x64"); }, ErrorCode::BadFormat, "inputShape"},
            {"zero dimension", [](QJsonObject &o) { o.insert("inputShape", QJsonArray{1, 0, 64}); }, ErrorCode::BadFormat, "inputShape"},
            {"no output", [](QJsonObject &o) { o.remove("output"); }, ErrorCode::BadFormat, "output"},
            {"bad output", [](QJsonObject &o) { o.insert("output", "scores"); }, ErrorCode::BadFormat, "output"},
            {"typo key", [](QJsonObject &o) { o.insert("normalisation", o.value("normalization")); }, ErrorCode::BadFormat, "normalisation"},
            {"newer version", [](QJsonObject &o) { o.insert("formatVersion", 2); }, ErrorCode::VersionTooNew, "version"},
            {"norm length", [](QJsonObject &o) { o.insert("normalization", QJsonObject{{"axis", 1}, {"mean", QJsonArray{0, 0}}, {"std", QJsonArray{1, 1}}}); }, ErrorCode::Mismatch, "normalization"},
            {"norm std zero", [](QJsonObject &o) { o.insert("normalization", QJsonObject{{"mean", QJsonArray{0}}, {"std", QJsonArray{0}}}); }, ErrorCode::BadFormat, "std"},
            {"aux half given", [](QJsonObject &o) { o.insert("auxInputShape", QJsonArray{55}); }, ErrorCode::BadFormat, "auxFeatures"},
        };
        for (const auto &c : cases) {
            const base::Error e = sidecarError(c.edit);
            QVERIFY2(e.code == c.code, (std::string(c.what) + ": " + e.toString()).c_str());
            QVERIFY2(QString::fromStdString(e.detail).contains(c.mention), (std::string(c.what) + ": " + e.detail).c_str());
        }
    }

    void featuresAreARecipeNameOrAValidFeatureConfig()
    {
        QJsonObject o = fixtureSidecar();
        o.insert("features", "bbnn-f2");
        auto named = TorchScriptSidecar::fromJson(o);
        QVERIFY2(named.ok(), named.ok() ? "" : named.error().toString().c_str());
        QCOMPARE(named->featureRecipe, std::string("bbnn-f2"));
        QCOMPARE(named->featureConfig.value("recipe").toString(), QString("bbnn-f2"));
        QCOMPARE(named->toJson().value("features").toString(), QString("bbnn-f2"));

        const base::Error unknown = sidecarError([](QJsonObject &s) { s.insert("features", "no-such-recipe"); });
        QCOMPARE(unknown.code, ErrorCode::BadFormat);
        QVERIFY2(QString::fromStdString(unknown.detail).contains("no-such-recipe"), unknown.detail.c_str());
        const base::Error invalid = sidecarError([](QJsonObject &s) { s.insert("features", QJsonObject{{"nMels", "many"}}); });
        QCOMPARE(invalid.code, ErrorCode::BadFormat);
        QVERIFY2(QString::fromStdString(invalid.detail).contains("FeatureConfig"), invalid.detail.c_str());
    }

    void labelCountDifferentFromOutputSizeIsMismatch()
    {
        QTemporaryDir dir;
        QJsonObject o = fixtureSidecar();
        o.insert("labels", QJsonArray{"a", "b", "c"});
        auto r = loadWithSidecar(dir, o);
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
        QVERIFY2(QString::fromStdString(r.error().detail).contains("[1, 10]"), r.error().detail.c_str());
    }

    void inputShapeTheModuleRejectsIsMismatch()
    {
        QTemporaryDir dir;
        QJsonObject o = fixtureSidecar();
        o.insert("inputShape", QJsonArray{2, 96, 64});   // two channels into a one-channel conv
        o.remove("normalization");
        auto r = loadWithSidecar(dir, o);
        QCOMPARE(r.error().code, ErrorCode::Mismatch);
    }

    void missingSidecarOrBrokenModuleIsAnError()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        std::filesystem::copy_file(kFixtures / "example_cnn.pt", root / "alone.pt");
        auto alone = TorchScriptModel::load(root / "alone.pt");
        QCOMPARE(alone.error().code, ErrorCode::FileNotFound);
        QVERIFY(QString::fromStdString(alone.error().detail).contains("alone.pt.json"));

        // A zip that is not a TorchScript archive, and a truncated module.
        auto bytes = base::readFile(kFixtures / "example_cnn.pt");
        QVERIFY(base::writeFileAtomically(root / "cut.pt", bytes->substr(0, bytes->size() / 2)).ok());
        std::filesystem::copy_file(kFixtures / "example_cnn.pt.json", root / "cut.pt.json");
        auto cut = TorchScriptModel::load(root / "cut.pt");
        QCOMPARE(cut.error().code, ErrorCode::BadFormat);
        QVERIFY(base::writeFileAtomically(root / "text.pt", "not a module\n").ok());
        std::filesystem::copy_file(kFixtures / "example_cnn.pt.json", root / "text.pt.json");
        QCOMPARE(TorchScriptModel::load(root / "text.pt").error().code, ErrorCode::BadFormat);
        QVERIFY(base::writeFileAtomically(root / "bad.pt.json", "{ not json").ok());
        std::filesystem::copy_file(kFixtures / "example_cnn.pt", root / "bad.pt");
        QCOMPARE(TorchScriptModel::load(root / "bad.pt").error().code, ErrorCode::BadFormat);
    }

    void sidecarRoundTripsThroughJson()
    {
        auto s = TorchScriptSidecar::fromJson(fixtureSidecar());
        QVERIFY(s.ok());
        auto again = TorchScriptSidecar::fromJson(s->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), s->toJson());
        QVERIFY(again->normalization.mean == s->normalization.mean);
    }
};

QTEST_GUILESS_MAIN(TestTorchScript)
#include "tst_torchscript.moc"
