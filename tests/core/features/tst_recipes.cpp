#include "features/extractor.h"
#include "features/recipes.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace genrescope;
using namespace genrescope::features;

namespace {

/** Deterministic synthetic "music": a few harmonic notes, noise bursts and a low kick. */
std::vector<float> synthMusic(double seconds, int sr)
{
    const std::size_t n = std::size_t(seconds * sr);
    std::vector<float> y(n);
    std::mt19937 rng(11);
    std::normal_distribution<float> g(0.0f, 1.0f);
    const double notes[] = {220.0, 261.63, 329.63, 392.0};
    for (std::size_t i = 0; i < n; ++i) {
        const double t = double(i) / sr;
        const double f = notes[std::size_t(t * 2) % 4];
        const double beat = std::fmod(t, 0.5);
        y[i] = float(0.2 * std::sin(2 * std::numbers::pi * f * t) + 0.1 * std::sin(4 * std::numbers::pi * f * t)
                     + 0.4 * std::exp(-30 * beat) * std::sin(2 * std::numbers::pi * 60 * beat))
               + 0.02f * g(rng);
    }
    return y;
}

} // namespace

class TestRecipes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyRecipeIsValid()
    {
        const auto names = recipeNames();
        QCOMPARE(names.size(), std::size_t(14)); // 12 spectrogram recipes + stats57 + stats55
        for (const auto &name : names) {
            const auto c = recipe(name);
            QVERIFY2(c.ok(), name.c_str());
            QCOMPARE(c->recipe, name);
            QVERIFY2(c->validate().ok(), name.c_str());
            QVERIFY(!recipeSummary(name).empty());
            QVERIFY2(Extractor::create(*c).ok(), name.c_str());
        }
    }

    void unknownRecipeIsAnError()
    {
        QCOMPARE(recipe("logmel1000").error().code, base::ErrorCode::InvalidArgument);
    }

    void modelRecipesHaveTheirShapesOnThirtySeconds_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::vector<std::int64_t>>("shape");
        QTest::newRow("F1") << "choi-f1" << std::vector<std::int64_t>{1, 1, 96, 1366};
        QTest::newRow("F2") << "bbnn-f2" << std::vector<std::int64_t>{1, 1, 646, 128};
        QTest::newRow("F3") << "mlfi-f3" << std::vector<std::int64_t>{10, 1, 128, 130};
        QTest::newRow("F5") << "bcnn-f5" << std::vector<std::int64_t>{1, 3, 128, 1500};
        QTest::newRow("F5 small") << "bcnn-small-f5" << std::vector<std::int64_t>{1, 3, 128, 600};
        QTest::newRow("F6") << "seed004-f6" << std::vector<std::int64_t>{15, 1, 33, 166};
        QTest::newRow("F7") << "seed004-f7" << std::vector<std::int64_t>{30, 20, 72};
    }
    void modelRecipesHaveTheirShapesOnThirtySeconds()
    {
        QFETCH(QString, name);
        QFETCH(std::vector<std::int64_t>, shape);
        const FeatureConfig c = recipe(name.toStdString()).value();
        // A GTZAN-length clip (661,794 samples at 22,050 Hz), at the recipe's rate.
        const auto x = synthMusic(661794.0 / 22050.0, c.sampleRate);
        const auto ex = Extractor::create(c).value();
        const auto t = ex.extract(x.data(), x.size());
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().toString().c_str());
        QCOMPARE(t->shape, shape);
        std::size_t total = 1;
        for (auto d : shape)
            total *= std::size_t(d);
        QCOMPARE(t->data.size(), total);
        for (float v : t->data)
            QVERIFY(std::isfinite(v));
        QCOMPARE(ex.itemSpans(x.size()).size(), std::size_t(shape[0]));
        std::vector<std::int64_t> item(shape.begin() + 1, shape.end());
        QCOMPARE(ex.itemShape(x.size()), item);
    }

    void choiCropsTheCentreAndPadsShortClips()
    {
        const FeatureConfig c = recipe("choi-f1").value();
        const auto ex = Extractor::create(c).value();
        const auto segs = ex.segments(360000);
        QCOMPARE(segs.size(), std::size_t(1));
        QCOMPARE(segs[0].start, (360000LL - 349440) / 2);
        const auto shortSegs = ex.segments(100000);
        QCOMPARE(shortSegs[0].start, 0LL);
        QCOMPARE(shortSegs[0].length, 100000LL);
        const std::vector<float> x(100000, 0.1f);
        QCOMPARE(ex.extract(x.data(), x.size())->shape, (std::vector<std::int64_t>{1, 1, 96, 1366}));
    }

    void mlfiSegmentsAreThreeSecondSpans()
    {
        const auto ex = Extractor::create(recipe("mlfi-f3").value()).value();
        const auto segs = ex.segments(661794);
        QCOMPARE(segs.size(), std::size_t(10));
        for (std::size_t i = 0; i < segs.size(); ++i) {
            QCOMPARE(segs[i].start, 66149LL * (long long)i);
            QVERIFY(std::abs(segs[i].endSeconds - segs[i].startSeconds - 66149.0 / 22050) < 1e-9);
        }
        // Segment 3 alone equals items 3 of the whole extraction.
        const auto x = synthMusic(30.0, 22050);
        const auto all = ex.extract(x.data(), x.size()).value();
        const auto one = ex.extractSegment(x.data(), x.size(), 3).value();
        QCOMPARE(one.shape, (std::vector<std::int64_t>{1, 1, 128, 130}));
        QVERIFY(std::equal(one.data.begin(), one.data.end(), all.data.begin() + 3 * std::ptrdiff_t(one.data.size())));
        QCOMPARE(ex.extractSegment(x.data(), x.size(), 10).error().code, base::ErrorCode::InvalidArgument);
    }

    void seed004PiecesHaveTheirTimeSpans()
    {
        const auto ex = Extractor::create(recipe("seed004-f6").value()).value();
        const auto spans = ex.itemSpans(661500);
        QCOMPARE(spans.size(), std::size_t(15));
        QVERIFY(std::abs(spans[1].startSeconds - 166.0 * 256 / 22050) < 1e-9);
        QCOMPARE(spans[14].piece, 14);
    }

    void emptyInputIsZeroLength()
    {
        for (const auto &name : recipeNames()) {
            const auto t = extract(recipe(name).value(), {});
            QVERIFY(!t.ok());
            QCOMPARE(t.error().code, base::ErrorCode::ZeroLength);
        }
    }

    void silenceSitsOnTheFloor()
    {
        const std::vector<float> x(22050, 0.0f);
        const auto t = extract(recipe("logmel128").value(), x).value();
        for (float v : t.data)
            QVERIFY(std::abs(v + 100.0f) < 1e-4f); // 10 log10(amin = 1e-10)
        const auto chroma = extract(recipe("chroma").value(), x).value();
        for (float v : chroma.data)
            QCOMPARE(v, 0.0f);
    }

    void sineShowsInItsMelBandAndPitchClass()
    {
        std::vector<float> x(22050);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = float(0.5 * std::sin(2 * std::numbers::pi * 440.0 * double(i) / 22050));
        const auto d = display(recipe("logmel128").value(), x).value();
        const std::size_t t = d.values.cols / 2;
        std::size_t best = 0;
        for (std::size_t r = 0; r < d.values.rows; ++r)
            if (d.values(r, t) > d.values(best, t))
                best = r;
        QVERIFY2(std::abs(d.rowHz[best] - 440.0) < 40.0, qPrintable(QString::number(d.rowHz[best])));
        QCOMPARE(d.unit, std::string("dB"));
        QVERIFY(std::abs(d.frameSeconds[1] - 512.0 / 22050) < 1e-12);
        const auto c = display(recipe("chroma").value(), x).value();
        for (std::size_t r = 0; r < 12; ++r)
            QVERIFY(r == 9 ? c.values(r, t) == 1.0f : c.values(r, t) < 1.0f);
    }

    void octaveBandsAverageTheirBins()
    {
        // A constant magnitude spectrum (an impulse) gives equal F7 bands before the log.
        FeatureConfig c = recipe("seed004-f7").value();
        c.segmentLength = 0;
        c.pieceFrames = c.pieceCount = 0;
        c.log = LogType::None;
        c.stft.center = false;
        c.stft.window = dsp::WindowType::Rectangular;
        std::vector<float> x(2048, 0.0f);
        x[0] = 1.0f;
        const auto t = extract(c, x).value();
        QCOMPARE(t.shape, (std::vector<std::int64_t>{1, 1, 72}));
        for (float v : t.data)
            QVERIFY(std::abs(v - 1.0f) < 1e-5f);
    }
};

QTEST_GUILESS_MAIN(TestRecipes)
#include "tst_recipes.moc"
