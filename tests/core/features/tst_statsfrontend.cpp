#include "features/clipstatistics.h"
#include "features/extractor.h"
#include "features/recipes.h"
#include "features/statsrecipe.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace genrescope::features;

namespace {
std::vector<float> music(std::size_t n)
{
    // A chord with a beat and a little noise: every statistic is non-trivial.
    std::vector<float> x(n);
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.0f, 0.02f);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = double(i) / 22050.0;
        const double beat = std::fmod(t, 0.5) < 0.05 ? 0.5 : 0.0;
        x[i] = float(0.2 * std::sin(2 * M_PI * 220 * t) + 0.15 * std::sin(2 * M_PI * 277.2 * t) + beat * noise(rng) * 20 +
                     noise(rng));
    }
    return x;
}
} // namespace

class TestStatsFrontEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stats57IsTheClipStatisticsRow()
    {
        auto config = recipe("stats57");
        QVERIFY(config.ok());
        QCOMPARE(config->frontEnd, FrontEnd::Statistics);
        QCOMPARE(config->bands(), 57);
        const auto x = music(22050 * 8);
        auto ex = Extractor::create(*config);
        QVERIFY(ex.ok());
        QCOMPARE(ex->itemShape(x.size()), (std::vector<std::int64_t>{57}));
        auto t = ex->extract(x.data(), x.size());
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().toString().c_str());
        QCOMPARE(t->shape, (std::vector<std::int64_t>{1, 57}));
        auto direct = clipStatistics(x, 22050);
        QVERIFY(direct.ok());
        for (std::size_t i = 0; i < 57; ++i)
            QCOMPARE(t->data[i], direct->values[i]);
        QCOMPARE(ex->itemSpans(x.size()).size(), std::size_t(1));
    }
    void stats55HasTenF4VectorsAlignedWithMlfiSegments()
    {
        auto config = recipe("stats55");
        auto mlfi = recipe("mlfi-f3");
        QVERIFY(config.ok() && mlfi.ok());
        const auto x = music(661500);
        auto ex = Extractor::create(*config);
        auto exMlfi = Extractor::create(*mlfi);
        QVERIFY(ex.ok() && exMlfi.ok());
        auto t = ex->extract(x.data(), x.size());
        QVERIFY(t.ok());
        QCOMPARE(t->shape, (std::vector<std::int64_t>{10, 55}));
        // Item i covers the same samples as MLFI's spectrogram segment i, so the two inputs line up.
        const auto spans = ex->itemSpans(x.size()), mlfiSpans = exMlfi->itemSpans(x.size());
        QCOMPARE(spans.size(), mlfiSpans.size());
        for (std::size_t i = 0; i < spans.size(); ++i) {
            QCOMPARE(spans[i].startSeconds, mlfiSpans[i].startSeconds);
            QCOMPARE(spans[i].endSeconds, mlfiSpans[i].endSeconds);
        }
        // The third segment's vector is the F4 subset of that segment's statistics.
        const std::vector<float> seg(x.begin() + 2 * 66149, x.begin() + 3 * 66149);
        auto f4 = f4Vector(*clipStatistics(seg, 22050));
        QVERIFY(f4.ok());
        for (std::size_t i = 0; i < 55; ++i)
            QCOMPARE(t->data[2 * 55 + i], (*f4)[i]);
    }
    void statisticsConfigRoundTripsAndValidates()
    {
        auto config = recipe("stats55");
        auto back = FeatureConfig::fromJson(config->toJson());
        QVERIFY(back.ok());
        QVERIFY(*back == *config);
        QVERIFY(config->hash() != recipe("stats57")->hash());
        FeatureConfig bad = *config;
        bad.nStatistics = 40;
        QVERIFY(!bad.validate().ok());
        bad = *config;
        bad.channelAxis = true;
        QVERIFY(!bad.validate().ok());
        // Other recipes keep their JSON (and hash) without the statistics key.
        QVERIFY(!recipe("logmel128")->toJson().contains("nStatistics"));
    }
    void statisticsHaveNoDisplay()
    {
        auto ex = Extractor::create(*recipe("stats57"));
        const auto x = music(22050);
        QVERIFY(!ex->display(x.data(), x.size()).ok());
    }
};

QTEST_GUILESS_MAIN(TestStatsFrontEnd)
#include "tst_statsfrontend.moc"
