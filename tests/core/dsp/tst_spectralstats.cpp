#include "dsp/spectralstats.h"
#include "dsp/stft.h"
#include "dsp/tuning.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace genrescope;
using namespace genrescope::dsp;

namespace {

constexpr int kSr = 22050;

std::vector<float> sine(double hz, std::size_t n, float amplitude = 0.5f)
{
    std::vector<float> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = amplitude * float(std::sin(2 * std::numbers::pi * hz * double(i) / kSr));
    return x;
}

base::Matrix spectrum(const std::vector<float> &x, float exponent)
{
    auto stft = Stft::create({});
    return stft->spectrogram(x.data(), x.size(), exponent);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

class TestSpectralStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidArgumentsReturnErrors()
    {
        const base::Matrix m(1025, 3, 1.0f);
        QCOMPARE(spectralCentroid(m, 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(spectralCentroid(base::Matrix(1, 3), kSr).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(spectralBandwidth(m, kSr, {1.0}).error().code, base::ErrorCode::Mismatch);
        QCOMPARE(spectralBandwidth(m, kSr, {1, 2, 3}, 0.0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(spectralRolloff(m, kSr, 1.5).error().code, base::ErrorCode::InvalidArgument);
        const std::vector<float> x(100, 0.1f);
        QCOMPARE(zeroCrossingRate(x.data(), x.size(), 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(rms(x.data(), x.size(), 2048, 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(rms(x.data(), 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(rms(x.data(), x.size(), 2048, 512, false).error().code, base::ErrorCode::InvalidArgument);
        TuningConfig tc;
        tc.resolution = 0;
        QCOMPARE(estimateTuning(m, tc).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(estimateTuning(base::Matrix(2, 3)).error().code, base::ErrorCode::InvalidArgument);
    }

    void silenceGivesZerosNotNan()
    {
        const std::vector<float> x(22050, 0.0f);
        const base::Matrix mag = spectrum(x, 1.0f);
        const auto c = *spectralCentroid(mag, kSr);
        const auto b = *spectralBandwidth(mag, kSr, c);
        const auto r = *spectralRolloff(mag, kSr);
        const auto z = *zeroCrossingRate(x.data(), x.size());
        const auto e = *rms(x.data(), x.size());
        QCOMPARE(c.size(), mag.cols);
        QCOMPARE(z.size(), mag.cols);
        QCOMPARE(e.size(), mag.cols);
        for (std::size_t t = 0; t < mag.cols; ++t) {
            QCOMPARE(c[t], 0.0);
            QCOMPARE(b[t], 0.0);
            QCOMPARE(r[t], 0.0);
            QCOMPARE(z[t], 0.0);
            QCOMPARE(e[t], 0.0);
        }
        QCOMPARE(*estimateTuning(spectrum(x, 2.0f)), 0.0);
    }

    void sineCentroidAndRolloffSitAtItsFrequency()
    {
        const double hz = 1000.0;
        const auto x = sine(hz, kSr);
        const base::Matrix mag = spectrum(x, 1.0f);
        const auto c = *spectralCentroid(mag, kSr);
        const auto b = *spectralBandwidth(mag, kSr, c);
        const auto r = *spectralRolloff(mag, kSr);
        const double binHz = double(kSr) / 2048;
        qInfo("centroid %.1f Hz, bandwidth %.1f Hz, rolloff %.1f Hz", median(c), median(b), median(r));
        QVERIFY(std::abs(median(c) - hz) < binHz);
        QVERIFY(median(b) < 4 * binHz);
        QVERIFY(std::abs(median(r) - hz) <= 2 * binHz);
    }

    void sineZeroCrossingsAndRms()
    {
        const double hz = 441.0;
        const auto x = sine(hz, kSr, 0.5f);
        const auto z = *zeroCrossingRate(x.data(), x.size());
        const auto e = *rms(x.data(), x.size());
        // Two crossings per period: 2 hz / sr per sample, counted over 2047 of 2048 neighbours.
        QVERIFY(std::abs(median(z) - 2 * hz / kSr) < 1.5 / 2048);
        QVERIFY(std::abs(median(e) - 0.5 / std::sqrt(2.0)) < 1e-3);
    }

    // Frame counts and edge padding: librosa pads zcr with edge values, rms with a reflection.
    void framingFollowsLibrosa()
    {
        std::vector<float> x(5000);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = (i % 2 == 0) ? 0.25f : -0.25f;
        const auto z = *zeroCrossingRate(x.data(), x.size());
        QCOMPARE(z.size(), std::size_t(1 + 5000 / 512));
        // Frame 0 is 1024 copies of x[0] then x[0..1023]: 1023 changes within x plus none at the seam.
        QCOMPARE(z[0], 1023.0 / 2048);
        const auto e = *rms(x.data(), x.size(), 2048, 512, false);
        QCOMPARE(e.size(), std::size_t(1 + (5000 - 2048) / 512));
        QCOMPARE(e[0], 0.25);
        std::vector<float> ramp = {1, 2, 3, 4};
        // reflect-padded by 2: 3 2 | 1 2 3 4 | 3 2, frames of 4 at hop 2: (3 2 1 2) (1 2 3 4) (3 4 3 2)
        const auto er = *rms(ramp.data(), ramp.size(), 4, 2, true);
        QCOMPARE(er.size(), std::size_t(3));
        QVERIFY(std::abs(er[0] - std::sqrt(18.0 / 4)) < 1e-12);
        QVERIFY(std::abs(er[2] - std::sqrt(38.0 / 4)) < 1e-12);
    }

    void pitchTuningFindsTheDeviation()
    {
        QCOMPARE(pitchTuning({440.0, 880.0, 261.6255653005986}), 0.0);
        QCOMPARE(pitchTuning({}), 0.0);
        QCOMPARE(pitchTuning({-5.0, 0.0}), 0.0);
        const double up = 440.0 * std::pow(2.0, 0.255 / 12);
        QVERIFY(std::abs(pitchTuning({up, up, 440.0}) - 0.25) < 1e-9);
        const double down = 440.0 * std::pow(2.0, -0.305 / 12);
        QVERIFY(std::abs(pitchTuning({down}) - (-0.31)) < 1e-9);
    }

    // A tone 30 cents sharp of A4: piptrack's interpolated peaks put the tuning near +0.3 bins. The
    // parabola through three bins of a Hann power spectrum overshoots by a few cents (librosa too:
    // 0.33 here), hence the 5-cent bound.
    void estimatedTuningOfASharpSine()
    {
        const double hz = 440.0 * std::pow(2.0, 0.3 / 12);
        const auto power = spectrum(sine(hz, kSr), 2.0f);
        auto peaks = pitchTrack(power);
        QVERIFY(peaks.ok());
        QVERIFY(!peaks->empty());
        const double t = *estimateTuning(power);
        qInfo("estimated tuning %.2f bins", t);
        QVERIFY(std::abs(t - 0.3) <= 0.05);
    }
};

QTEST_GUILESS_MAIN(TestSpectralStats)
#include "tst_spectralstats.moc"
