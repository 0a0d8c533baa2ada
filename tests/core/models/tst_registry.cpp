// The model registry: names, recipes, shapes, switch validation and defaults.
#include "models/registry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <set>

using namespace genrescope;
using base::ErrorCode;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}
} // namespace

class TestRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsEveryModelOfModelsMdOnce();
    void everySpecNamesARecipeAndAShape();
    void everyDefaultIsOfItsDeclaredType();
    void missingKeysTakeDefaults();
    void xceptionDefaultsToFourBlocks();
    void labelSmoothingIsKeptInTheConfig();
    void invalidConfigsAreRejected_data();
    void invalidConfigsAreRejected();
    void unknownModelIsAnError();
    void inputShapeFollowsTheSpec();
    void parsesCommandLineValuesByType();
    void modelSizeCountsBuffersWithoutBatchCounters();
};

void TestRegistry::listsEveryModelOfModelsMdOnce()
{
    const std::set<std::string> expected{"bbnn",          "broadcast",     "choi-fcn",   "choi-crnn",
                                         "mlfi",          "bcnn-r50-d201", "bcnn-r18-d121", "bcnn-small",
                                         "seed004-lstm",  "seed004-cnn",   "seed004-simple-cnn",
                                         "seed004-rcnn",  "mlp"};
    std::set<std::string> names;
    for (const auto &s : models::modelSpecs())
        QVERIFY2(names.insert(s.name).second, s.name.c_str());
    QCOMPARE(names, expected);
    for (const auto &n : expected)
        QCOMPARE(models::findModelSpec(n)->name, n);
}

void TestRegistry::everySpecNamesARecipeAndAShape()
{
    for (const auto &s : models::modelSpecs()) {
        QVERIFY2(!s.family.empty() && !s.recipe.empty() && !s.description.empty(), s.name.c_str());
        QVERIFY2(!s.inputShape.empty(), s.name.c_str());
        QCOMPARE(s.auxSize > 0, !s.auxRecipe.empty());
    }
    QCOMPARE(models::findModelSpec("mlfi")->auxRecipe, std::string("stats55"));
    QCOMPARE(models::findModelSpec("mlfi")->auxSize, std::int64_t(55));
    QCOMPARE(models::findModelSpec("bbnn")->recipe, std::string("bbnn-f2"));
    QCOMPARE(models::findModelSpec("choi-crnn")->recipe, std::string("choi-f1"));
    QCOMPARE(models::findModelSpec("seed004-lstm")->recipe, std::string("seed004-f7"));
    QCOMPARE(models::findModelSpec("seed004-rcnn")->recipe, std::string("seed004-f6"));
    QCOMPARE(models::findModelSpec("bcnn-small")->recipe, std::string("bcnn-small-f5"));
    QCOMPARE(models::findModelSpec("mlp")->recipe, std::string("stats57"));
}

void TestRegistry::everyDefaultIsOfItsDeclaredType()
{
    for (const auto &s : models::modelSpecs()) {
        for (const auto &sw : s.switches) {
            const QByteArray what = QByteArray::fromStdString(s.name + "." + sw.key);
            if (sw.type == "bool")
                QVERIFY2(sw.defaultValue.isBool(), what);
            else if (sw.type == "int" || sw.type == "double")
                QVERIFY2(sw.defaultValue.isDouble(), what);
            else {
                QCOMPARE(sw.type, std::string("enum"));
                QVERIFY2(std::find(sw.choices.begin(), sw.choices.end(), sw.defaultValue.toString().toStdString())
                             != sw.choices.end(),
                         what);
            }
            QVERIFY2(!sw.help.empty(), what);
        }
        // The defaults alone form a valid configuration.
        QVERIFY2(models::normalizedConfig(s.name, {}).ok(), s.name.c_str());
    }
}

void TestRegistry::missingKeysTakeDefaults()
{
    auto c = models::normalizedConfig("bbnn", json(R"({"se":true})"));
    QVERIFY(c.ok());
    QCOMPARE(c->value("se").toBool(), true);
    QCOMPARE(c->value("n_blocks").toInt(), 3);
    QCOMPARE(c->value("block_type").toString(), QString("inception"));
    QCOMPARE(c->value("global_pool").toString(), QString("avg"));
    QCOMPARE(c->size(), qsizetype(models::findModelSpec("bbnn")->switches.size()));
}

void TestRegistry::xceptionDefaultsToFourBlocks()
{
    auto c = models::normalizedConfig("bbnn", json(R"({"block_type":"xception"})"));
    QVERIFY(c.ok());
    QCOMPARE(c->value("n_blocks").toInt(), 4);
    auto explicitThree = models::normalizedConfig("bbnn", json(R"({"block_type":"xception","n_blocks":3})"));
    QCOMPARE(explicitThree->value("n_blocks").toInt(), 3);
}

void TestRegistry::labelSmoothingIsKeptInTheConfig()
{
    auto c = models::normalizedConfig("bbnn", json(R"({"label_smoothing":0.1})"));
    QVERIFY(c.ok());
    QCOMPARE(c->value("label_smoothing").toDouble(), 0.1);
    QCOMPARE(models::normalizedConfig("broadcast", {})->value("label_smoothing").toDouble(), 0.0);
}

void TestRegistry::invalidConfigsAreRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown key") << "bbnn" << R"({"n_block":2})" << "n_block";
    QTest::newRow("bool as string") << "bbnn" << R"({"se":"yes"})" << "se";
    QTest::newRow("int not integral") << "bbnn" << R"({"n_blocks":2.5})" << "n_blocks";
    QTest::newRow("int as string") << "mlfi" << R"({"audio_path":"2"})" << "audio_path";
    QTest::newRow("double as bool") << "bbnn" << R"({"dropout_p":true})" << "dropout_p";
    QTest::newRow("bad choice") << "bbnn" << R"({"act":"gelu"})" << "act";
    QTest::newRow("choice wrong case") << "mlfi" << R"({"submode":"a"})" << "submode";
    QTest::newRow("too many blocks") << "bbnn" << R"({"n_blocks":6})" << "n_blocks";
    QTest::newRow("zero blocks") << "bbnn" << R"({"n_blocks":0})" << "n_blocks";
    QTest::newRow("dropout of one") << "bbnn" << R"({"dropout_p":1.0})" << "dropout_p";
    QTest::newRow("negative smoothing") << "broadcast" << R"({"label_smoothing":-0.1})" << "label_smoothing";
    QTest::newRow("se on xception") << "bbnn" << R"({"block_type":"xception","se":true})" << "se";
    QTest::newRow("audio path 5") << "mlfi" << R"({"mode":"audio","audio_path":5})" << "audio_path";
    QTest::newRow("mlp width") << "mlp" << R"({"hidden1":0})" << "hidden1";
    QTest::newRow("switch of another model") << "broadcast" << R"({"se":true})" << "se";
    QTest::newRow("switch on a model without any") << "bcnn-small" << R"({"dropout":0.1})" << "dropout";
}

void TestRegistry::invalidConfigsAreRejected()
{
    QFETCH(QString, name);
    QFETCH(QString, config);
    QFETCH(QString, mentions);
    auto c = models::normalizedConfig(name.toStdString(), json(config.toUtf8()));
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(QString::fromStdString(c.error().detail).contains(mentions), c.error().detail.c_str());
    auto net = models::createModel(name.toStdString(), json(config.toUtf8()));
    QVERIFY(!net.ok());
    QCOMPARE(net.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!models::inputShapeFor(name.toStdString(), json(config.toUtf8())).ok());
}

void TestRegistry::unknownModelIsAnError()
{
    QVERIFY(models::findModelSpec("resnet") == nullptr);
    auto net = models::createModel("resnet", {});
    QVERIFY(!net.ok());
    QCOMPARE(net.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!models::normalizedConfig("", {}).ok());
}

void TestRegistry::inputShapeFollowsTheSpec()
{
    QCOMPARE(*models::inputShapeFor("bbnn", {}), (std::vector<std::int64_t>{1, 646, 128}));
    QCOMPARE(*models::inputShapeFor("choi-fcn", {}), (std::vector<std::int64_t>{1, 96, 1366}));
    QCOMPARE(*models::inputShapeFor("mlfi", json(R"({"mode":"vision","vision_path":"e"})")),
             (std::vector<std::int64_t>{1, 128, 130}));
    QCOMPARE(*models::inputShapeFor("bcnn-small", {}), (std::vector<std::int64_t>{3, 128, 600}));
    QCOMPARE(*models::inputShapeFor("seed004-lstm", {}), (std::vector<std::int64_t>{20, 72}));
    QCOMPARE(*models::inputShapeFor("mlp", {}), (std::vector<std::int64_t>{57}));
}

void TestRegistry::parsesCommandLineValuesByType()
{
    const auto &sw = models::findModelSpec("bbnn")->switches;
    auto find = [&](const std::string &key) {
        return *std::find_if(sw.begin(), sw.end(), [&](const auto &s) { return s.key == key; });
    };
    QCOMPARE(*models::parseSwitchValue(find("se"), "true"), QJsonValue(true));
    QCOMPARE(*models::parseSwitchValue(find("se"), "off"), QJsonValue(false));
    QVERIFY(!models::parseSwitchValue(find("se"), "maybe").ok());
    QCOMPARE(*models::parseSwitchValue(find("n_blocks"), "5"), QJsonValue(5));
    QVERIFY(!models::parseSwitchValue(find("n_blocks"), "five").ok());
    QCOMPARE(*models::parseSwitchValue(find("dropout_p"), "0.4"), QJsonValue(0.4));
    QVERIFY(!models::parseSwitchValue(find("dropout_p"), "nan").ok());
    QCOMPARE(*models::parseSwitchValue(find("act"), "selu"), QJsonValue("selu"));
}

void TestRegistry::modelSizeCountsBuffersWithoutBatchCounters()
{
    auto size = models::modelSize("seed004-rcnn", {});
    QVERIFY(size.ok());
    QCOMPARE(size->parameters, std::int64_t(300106));
    QCOMPARE(size->buffers, std::int64_t(1920));
    QVERIFY(!models::modelSize("bbnn", json(R"({"n_blocks":9})")).ok());
}

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
