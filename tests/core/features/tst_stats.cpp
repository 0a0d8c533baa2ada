#include "dsp/stft.h"
#include "features/clipstatistics.h"
#include "features/statsrecipe.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace genrescope;
using namespace genrescope::features;

namespace {

constexpr int kSr = 22050;

std::vector<float> sine(double hz, std::size_t n)
{
    std::vector<float> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = 0.5f * float(std::sin(2 * std::numbers::pi * hz * double(i) / kSr));
    return x;
}

std::vector<float> clickTrack(double bpm, std::size_t n)
{
    std::vector<float> x(n, 0.0f);
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    for (double start = 0.1 * kSr; start < double(n); start += 60.0 / bpm * kSr) {
        const auto s = std::size_t(std::lround(start));
        for (std::size_t i = 0; i < 220 && s + i < n; ++i)
            x[s + i] = 0.8f * d(rng) * float(std::exp(-double(i) / 50.0));
    }
    return x;
}

float value(const ClipStatistics &s, int column)
{
    return s.values.at(std::size_t(column));
}

} // namespace

class TestStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columnsFollowTheFeatureTable()
    {
        const auto &names = ClipStatistics::columnNames();
        QCOMPARE(names.size(), std::size_t(57));
        QCOMPARE(names.size(), std::size_t(kStatCount));
        QCOMPARE(names.front(), std::string("chroma_stft_mean"));
        QCOMPARE(names[kBandwidthVar], std::string("spectral_bandwidth_var"));
        QCOMPARE(names[kZcrMean], std::string("zero_crossing_rate_mean"));
        QCOMPARE(names[kPerceptrVar], std::string("perceptr_var"));
        QCOMPARE(names[kTempo], std::string("tempo"));
        QCOMPARE(names[kMfccFirst], std::string("mfcc1_mean"));
        QCOMPARE(names.back(), std::string("mfcc20_var"));

        const auto &f4 = f4ColumnNames();
        QCOMPARE(f4.size(), kF4Size);
        QCOMPARE(f4[6], std::string("rolloff_mean"));
        for (const auto &n : f4)
            QVERIFY(n.rfind("spectral_bandwidth", 0) != 0);
    }

    void invalidInputReturnsErrors()
    {
        QCOMPARE(clipStatistics({}).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(clipStatistics(std::vector<float>(2047, 0.1f)).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(clipStatistics(std::vector<float>(4096, 0.1f), 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(chromaStft(base::Matrix(1025, 4), 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(f4Vector(ClipStatistics{{1.0f, 2.0f}}).error().code, base::ErrorCode::Mismatch);
        QCOMPARE(segmentStatistics(std::vector<float>(1000, 0.0f)).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(segmentStatistics(std::vector<float>(100000, 0.0f), kSr, 100).error().code,
                 base::ErrorCode::InvalidArgument);
    }

    // librosa on silence: chroma, rms, centroid, bandwidth, rolloff, zcr and HPSS are all 0; MFCC 1 is
    // the DCT of a flat -100 dB (amin 1e-10): -100 sqrt(128); tempo is the prior's 117.45 BPM.
    void silenceGivesFiniteLibrosaValues()
    {
        auto s = clipStatistics(std::vector<float>(kSr * 2, 0.0f));
        QVERIFY(s.ok());
        QCOMPARE(s->values.size(), std::size_t(57));
        for (float v : s->values)
            QVERIFY(std::isfinite(v));
        for (int c = kChromaMean; c <= kPerceptrVar; ++c)
            QCOMPARE(value(*s, c), 0.0f);
        QVERIFY(std::abs(value(*s, kMfccFirst) + 100.0f * std::sqrt(128.0f)) < 1e-2f);
        QVERIFY(value(*s, kMfccFirst + 1) < 1e-6f);
        QVERIFY(std::abs(value(*s, kMfccFirst + 2)) < 1e-3f);
        QVERIFY(std::abs(value(*s, kTempo) - 60.0f * kSr / (512.0f * 22)) < 1e-3f);
    }

    void sineStatisticsSitAtItsFrequency()
    {
        const double hz = 440.0;
        auto s = clipStatistics(sine(hz, kSr * 3));
        QVERIFY(s.ok());
        const double binHz = double(kSr) / 2048;
        qInfo("440 Hz: centroid %.1f Hz, rolloff %.1f Hz, zcr %.4f, rms %.4f, harmony var %.4f, perceptr var %.6f",
              value(*s, kCentroidMean), value(*s, kRolloffMean), value(*s, kZcrMean), value(*s, kRmsMean),
              value(*s, kHarmonyVar), value(*s, kPerceptrVar));
        QVERIFY(std::abs(value(*s, kCentroidMean) - hz) < binHz);
        QVERIFY(std::abs(value(*s, kRolloffMean) - hz) < 2 * binHz);
        QVERIFY(std::abs(value(*s, kZcrMean) - 2 * hz / kSr) < 2e-3);
        QVERIFY(std::abs(value(*s, kRmsMean) - 0.5f / std::sqrt(2.0f)) < 5e-3f);
        // A steady tone is harmonic: the harmonic signal carries (almost) all of the variance 0.125.
        QVERIFY(std::abs(value(*s, kHarmonyVar) - 0.125f) < 0.01f);
        QVERIFY(value(*s, kPerceptrVar) < 0.01f * value(*s, kHarmonyVar));
    }

    void chromaPeaksAtThePitchClass()
    {
        auto stft = dsp::Stft::create({});
        for (const auto &[hz, pitchClass] : {std::pair{440.0, 9}, std::pair{261.6255653, 0}, std::pair{392.0, 7}}) {
            const auto x = sine(hz, kSr);
            const base::Matrix power = stft->spectrogram(x.data(), x.size(), 2.0f);
            auto chroma = chromaStft(power);
            QVERIFY(chroma.ok());
            QCOMPARE(chroma->rows, std::size_t(12));
            const std::size_t t = chroma->cols / 2;
            for (std::size_t c = 0; c < 12; ++c) {
                if (int(c) == pitchClass)
                    QCOMPARE((*chroma)(c, t), 1.0f);
                else
                    QVERIFY((*chroma)(c, t) < 0.5f);
            }
        }
    }

    // A click track exactly on the hop-512 tempo grid (lag 21 frames, 123.05 BPM) is found exactly;
    // at 120 BPM the nearest grid values are 117.45 and 123.05 BPM, so the bound is 2.6%.
    void clickTrackTempo()
    {
        const double onGrid = 60.0 * kSr / (512.0 * 21);
        auto s = clipStatistics(clickTrack(onGrid, kSr * 12));
        QVERIFY(s.ok());
        QCOMPARE(value(*s, kTempo), float(onGrid));
        auto t120 = clipStatistics(clickTrack(120.0, kSr * 12));
        qInfo("120 BPM click track: %.2f BPM", value(*t120, kTempo));
        QVERIFY(std::abs(value(*t120, kTempo) - 120.0f) / 120.0f < 0.026f);
        // Clicks are percussive.
        QVERIFY(value(*s, kPerceptrVar) > value(*s, kHarmonyVar));
    }

    void segmentsAndF4()
    {
        std::vector<float> x = sine(440.0, 3 * kStatsSegmentSamples + 1000);
        for (std::size_t i = kStatsSegmentSamples; i < 2 * kStatsSegmentSamples; ++i)
            x[i] = 0.0f; // the second segment is silent
        std::vector<double> progress;
        auto segs = segmentStatistics(x, kSr, kStatsSegmentSamples, base::CancelToken::none(),
                                      [&](double f) { progress.push_back(f); });
        QVERIFY(segs.ok());
        QCOMPARE(segs->size(), std::size_t(3));
        QCOMPARE(progress.back(), 1.0);
        QVERIFY(value((*segs)[0], kRmsMean) > 0.3f);
        QCOMPARE(value((*segs)[1], kRmsMean), 0.0f);
        const std::vector<float> first(x.begin(), x.begin() + std::ptrdiff_t(kStatsSegmentSamples));
        QCOMPARE((*segs)[0].values, clipStatistics(first)->values);

        auto f4 = f4Vector((*segs)[0]);
        QVERIFY(f4.ok());
        QCOMPARE(f4->size(), kF4Size);
        QCOMPARE((*f4)[5], value((*segs)[0], kCentroidVar));
        QCOMPARE((*f4)[6], value((*segs)[0], kRolloffMean));
        QCOMPARE(f4->back(), (*segs)[0].values.back());
    }

    void cancellationIsReported()
    {
        base::CancelToken token;
        token.cancel();
        QCOMPARE(clipStatistics(sine(440.0, kSr), kSr, token).error().code, base::ErrorCode::Cancelled);
        QCOMPARE(segmentStatistics(sine(440.0, kSr * 4), kSr, kStatsSegmentSamples, token).error().code,
                 base::ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
