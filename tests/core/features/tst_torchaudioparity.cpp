// Oracle 1: torchaudio 0.13. tools/make_torchaudio_refs.py synthesised the signals and computed the
// references (in float64) that tests/fixtures/torchaudio holds; this test recomputes them with the
// project's code in float32 and reports the largest differences.
#include "features/extractor.h"
#include "features/recipes.h"

#include "core/dsp/torchaudiofixtures.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace genrescope;
using namespace genrescope::features;

namespace {

/** Largest |a - b| over entries where the reference lies above its top_db floor (min + 1e-3 dB). */
float maxDiffAboveFloor(const std::vector<float> &a, const std::vector<float> &ref)
{
    const float floorDb = *std::min_element(ref.begin(), ref.end());
    float d = 0;
    for (std::size_t i = 0; i < ref.size(); ++i)
        if (ref[i] > floorDb + 1e-3f)
            d = std::max(d, std::abs(a[i] - ref[i]));
    return d;
}

std::vector<float> run(const FeatureConfig &c, const base::Matrix &signal, std::vector<std::int64_t> *shape = nullptr)
{
    auto t = extract(c, signal.data);
    if (!t.ok()) {
        QTest::qFail(t.error().toString().c_str(), __FILE__, __LINE__);
        return {};
    }
    if (shape)
        *shape = t->shape;
    return t->data;
}

} // namespace

class TestTorchaudioParity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logMelSlaneyWithinAHundredthOfADb_data()
    {
        QTest::addColumn<QString>("signal");
        for (const char *s : {"sine440", "chirp", "noise", "music"})
            QTest::newRow(s) << s;
    }
    void logMelSlaneyWithinAHundredthOfADb()
    {
        QFETCH(QString, signal);
        const auto x = test::torchaudioFixture("sig_" + signal.toStdString());
        const auto ref = test::torchaudioFixture("logmel_" + signal.toStdString());
        const auto ours = run(recipe("logmel128").value(), x);
        QCOMPARE(ours.size(), ref.data.size());
        const float d = maxDiffAboveFloor(ours, ref.data);
        qInfo("log-mel 128 Slaney vs torchaudio, %s: max abs diff above the top_db floor %.5f dB", qPrintable(signal),
              double(d));
        QVERIFY(d < 0.01f);
    }

    void htkMelPowerMatches()
    {
        const auto x = test::torchaudioFixture("sig_music");
        const auto ref = test::torchaudioFixture("melhtk_music");
        FeatureConfig c = recipe("logmel128").value();
        c.melScale = dsp::MelScale::Htk;
        c.melNorm = dsp::MelNorm::None;
        c.log = LogType::None;
        const auto ours = run(c, x);
        QCOMPARE(ours.size(), ref.data.size());
        double worst = 0;
        const float peak = *std::max_element(ref.data.begin(), ref.data.end());
        for (std::size_t i = 0; i < ours.size(); ++i)
            if (ref.data[i] > peak * 1e-8f)
                worst = std::max(worst, std::abs(10.0 * std::log10(double(ours[i]) / ref.data[i])));
        qInfo("mel HTK (no norm) power vs torchaudio: max diff %.5f dB (bins within 80 dB of the peak)", worst);
        QVERIFY(worst < 0.01);
    }

    void mfccMatches()
    {
        const auto x = test::torchaudioFixture("sig_music");
        const auto ref = test::torchaudioFixture("mfcc_music");
        const auto ours = run(recipe("mfcc").value(), x);
        QCOMPARE(ours.size(), ref.data.size());
        float d = 0;
        for (std::size_t i = 0; i < ours.size(); ++i)
            d = std::max(d, std::abs(ours[i] - ref.data[i]));
        qInfo("MFCC vs torchaudio: max abs diff %.5f", double(d));
        QVERIFY(d < 0.02f);
    }

    void choiF1FrontEndMatches()
    {
        const auto x = test::torchaudioFixture("sig_music12k");
        const auto ref = test::torchaudioFixture("f1_music12k");
        FeatureConfig c = recipe("choi-f1").value();
        c.segmentLength = 0; // the fixture is 1 s; the crop to 29.12 s is tested with the recipe shapes
        std::vector<std::int64_t> shape;
        const auto ours = run(c, x, &shape);
        QCOMPARE(shape, (std::vector<std::int64_t>{1, 1, 96, std::int64_t(ref.cols)}));
        const float d = maxDiffAboveFloor(ours, ref.data);
        qInfo("F1 (Choi) vs torchaudio: max abs diff above the floor %.5f dB", double(d));
        QVERIFY(d < 0.02f); // dB of squared power doubles the error of the power
    }

    void bbnnF2FrontEndMatches()
    {
        const auto x = test::torchaudioFixture("sig_music");
        const auto ref = test::torchaudioFixture("f2_music"); // frames x mels
        FeatureConfig c = recipe("bbnn-f2").value();
        c.segmentLength = 0;
        std::vector<std::int64_t> shape;
        const auto ours = run(c, x, &shape);
        QCOMPARE(shape, (std::vector<std::int64_t>{1, 1, std::int64_t(ref.rows), 128}));
        const float d = maxDiffAboveFloor(ours, ref.data);
        qInfo("F2 (BBNN) vs torchaudio: max abs diff above the floor %.5f dB", double(d));
        QVERIFY(d < 0.01f);
    }

    void bcnnF5FrontEndMatches()
    {
        const auto x = test::torchaudioFixture("sig_music");
        const auto ref = test::torchaudioFixture("f5_music"); // (3*128) x 64
        FeatureConfig c = recipe("bcnn-f5").value();
        c.segmentLength = 0;
        c.resizeCols = 64;
        std::vector<std::int64_t> shape;
        const auto ours = run(c, x, &shape);
        QCOMPARE(shape, (std::vector<std::int64_t>{1, 3, 128, 64}));
        float d = 0;
        for (std::size_t i = 0; i < ours.size(); ++i)
            d = std::max(d, std::abs(ours[i] - ref.data[i]));
        qInfo("F5 (BCNN, ln mel + PIL resize) vs torchaudio/PIL: max abs diff %.5f (natural log units)", double(d));
        QVERIFY(d < 0.01f);
    }
};

QTEST_GUILESS_MAIN(TestTorchaudioParity)
#include "tst_torchaudioparity.moc"
