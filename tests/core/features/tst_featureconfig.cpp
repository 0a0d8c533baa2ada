#include "features/featureconfig.h"
#include "features/recipes.h"

#include <QJsonDocument>
#include <QTest>

using namespace genrescope;
using namespace genrescope::features;

class TestFeatureConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonRoundTripKeepsEveryRecipe()
    {
        for (const auto &name : recipeNames()) {
            const FeatureConfig c = recipe(name).value();
            const QByteArray text = QJsonDocument(c.toJson()).toJson();
            const auto back = FeatureConfig::fromJson(QJsonDocument::fromJson(text).object());
            QVERIFY2(back.ok(), name.c_str());
            QVERIFY2(*back == c, name.c_str());
            QCOMPARE(back->hash(), c.hash());
        }
    }

    void hashIsStableAndFollowsEveryChange()
    {
        const FeatureConfig a = recipe("logmel128").value();
        QCOMPARE(a.hash().size(), std::size_t(64));
        QCOMPARE(a.hash(), recipe("logmel128").value().hash());
        FeatureConfig b = a;
        b.stft.hop = 256;
        QVERIFY(b.hash() != a.hash());
        b = a;
        b.dbTopDb = 79.0f;
        QVERIFY(b.hash() != a.hash());
        b = a;
        b.melScale = dsp::MelScale::Htk;
        QVERIFY(b.hash() != a.hash());
        QVERIFY(!(b == a));
        // Regression value: SHA-256 of logmel128's canonical JSON as of format 1. It changes only
        // when a field or a default changes, which must invalidate every feature cache.
        QCOMPARE(QString::fromStdString(a.hash()), QStringLiteral("a6be54a994c37520b959f6f5513c2f9fb7a19ccd84dcaab8f871388452a3abf6"));
    }

    void missingKeysTakeDefaults()
    {
        const auto c = FeatureConfig::fromJson(QJsonObject{{"recipe", "x"}, {"nMels", 40}});
        QVERIFY(c.ok());
        QCOMPARE(c->nMels, 40);
        QCOMPARE(c->stft.nFft, 2048);
    }

    void invalidValuesReturnErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("code");
        const int bad = int(base::ErrorCode::InvalidArgument), fmt = int(base::ErrorCode::BadFormat);
        QTest::newRow("hop 0") << QByteArray(R"({"stft": {"hop": 0}})") << bad;
        QTest::newRow("nFft 1") << QByteArray(R"({"stft": {"nFft": 1}})") << bad;
        QTest::newRow("win > nFft") << QByteArray(R"({"stft": {"nFft": 512, "winLength": 1024}})") << bad;
        QTest::newRow("nMels 0") << QByteArray(R"({"nMels": 0})") << bad;
        QTest::newRow("fmin > fmax") << QByteArray(R"({"fmin": 8000, "fmax": 4000})") << bad;
        QTest::newRow("rate 0") << QByteArray(R"({"sampleRate": 0})") << bad;
        QTest::newRow("mfcc > mels") << QByteArray(R"({"frontEnd": "mfcc", "nMels": 10, "nMfcc": 20})") << bad;
        QTest::newRow("multires without resize") << QByteArray(R"({"frontEnd": "multires-mel", "resolutions": [{"winLength": 512, "hop": 256}]})") << bad;
        QTest::newRow("half resize") << QByteArray(R"({"resizeRows": 10})") << bad;
        QTest::newRow("half pieces") << QByteArray(R"({"pieceCount": 3})") << bad;
        QTest::newRow("empty recipe") << QByteArray(R"({"recipe": ""})") << bad;
        QTest::newRow("unknown enum") << QByteArray(R"({"frontEnd": "wavelet"})") << fmt;
        QTest::newRow("string for number") << QByteArray(R"({"nMels": "128"})") << fmt;
        QTest::newRow("fractional int") << QByteArray(R"({"nMels": 12.5})") << fmt;
        QTest::newRow("stft not object") << QByteArray(R"({"stft": 5})") << fmt;
        QTest::newRow("newer format") << QByteArray(R"({"formatVersion": 99})") << int(base::ErrorCode::VersionTooNew);
    }
    void invalidValuesReturnErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, code);
        const auto c = FeatureConfig::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!c.ok());
        QCOMPARE(int(c.error().code), code);
    }

    void bandsFollowTheFrontEnd()
    {
        QCOMPARE(recipe("display-stft")->bands(), 1025);
        QCOMPARE(recipe("logmel96")->bands(), 96);
        QCOMPARE(recipe("mfcc")->bands(), 20);
        QCOMPARE(recipe("chroma")->bands(), 12);
        QCOMPARE(recipe("seed004-f7")->bands(), 72);
    }
};

QTEST_GUILESS_MAIN(TestFeatureConfig)
#include "tst_featureconfig.moc"
