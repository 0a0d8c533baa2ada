#include "features/bandstats.h"
#include "features/recipes.h"

#include <QTest>

#include <cmath>

using namespace genrescope;
using namespace genrescope::features;

class TestBandStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statisticsArePerBandAlongTheLayoutsBandAxis()
    {
        // seed004-f7 items are [frames, 72 bands]; band b holds b + frame index.
        FeatureConfig c = recipe("seed004-f7").value();
        FeatureTensor t{{2, 3, 72}, {}};
        for (int item = 0; item < 2; ++item)
            for (int f = 0; f < 3; ++f)
                for (int b = 0; b < 72; ++b)
                    t.data.push_back(float(b + f));
        BandStatsAccumulator acc;
        QVERIFY(acc.add(t, c).ok());
        const auto s = acc.finish().value();
        QCOMPARE(s.bands(), std::size_t(72));
        for (int b = 0; b < 72; ++b) {
            QVERIFY(std::abs(s.mean[std::size_t(b)] - float(b + 1)) < 1e-5f);
            QVERIFY(std::abs(s.std[std::size_t(b)] - std::sqrt(2.0f / 3.0f)) < 1e-5f);
        }
        QVERIFY(normalise(t, c, s).ok());
        BandStatsAccumulator after;
        QVERIFY(after.add(t, c).ok());
        const auto z = after.finish().value();
        for (std::size_t b = 0; b < 72; ++b) {
            QVERIFY(std::abs(z.mean[b]) < 1e-5f);
            QVERIFY(std::abs(z.std[b] - 1.0f) < 1e-4f);
        }
    }

    void binsByFramesUsesTheRowAxis()
    {
        FeatureConfig c = recipe("seed004-f6").value(); // [1, 33, frames]
        FeatureTensor t{{1, 1, 33, 4}, std::vector<float>(33 * 4)};
        for (std::size_t b = 0; b < 33; ++b)
            for (std::size_t f = 0; f < 4; ++f)
                t.data[b * 4 + f] = float(b) * 10.0f;
        BandStatsAccumulator acc;
        QVERIFY(acc.add(t, c).ok());
        const auto s = acc.finish().value();
        QCOMPARE(s.mean[7], 70.0f);
        QCOMPARE(s.std[7], 0.0f);
    }

    void mismatchesAndEmptyAreErrors()
    {
        BandStatsAccumulator acc;
        QCOMPARE(acc.finish().error().code, base::ErrorCode::InvalidArgument);
        FeatureConfig c = recipe("seed004-f6").value();
        FeatureTensor wrong{{1, 1, 32, 4}, std::vector<float>(128)};
        QCOMPARE(acc.add(wrong, c).error().code, base::ErrorCode::Mismatch);
        BandStats s{std::vector<float>(10), std::vector<float>(10, 1.0f)};
        QCOMPARE(normalise(wrong, c, s).error().code, base::ErrorCode::Mismatch);
    }

    void jsonRoundTrip()
    {
        const BandStats s{{1.5f, -2.0f}, {0.5f, 3.0f}};
        const auto back = BandStats::fromJson(s.toJson());
        QVERIFY(back.ok());
        QVERIFY(*back == s);
        QCOMPARE(BandStats::fromJson(QJsonObject{{"mean", 1}}).error().code, base::ErrorCode::BadFormat);
    }
};

QTEST_GUILESS_MAIN(TestBandStats)
#include "tst_bandstats.moc"
