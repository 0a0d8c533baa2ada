#include "dsp/db.h"
#include "dsp/mel.h"
#include "dsp/onset.h"
#include "dsp/stft.h"
#include "dsp/tempo.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace genrescope;
using namespace genrescope::dsp;

namespace {

// Decaying noise bursts of 10 ms every 60/bpm seconds.
std::vector<float> clickTrack(double bpm, double seconds, int sr)
{
    std::vector<float> x(std::size_t(seconds * sr), 0.0f);
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> d(-1.0f, 1.0f);
    const double period = 60.0 / bpm * sr;
    for (double start = 0.1 * sr; start < double(x.size()); start += period) {
        const auto s = std::size_t(std::lround(start));
        for (std::size_t i = 0; i < 220 && s + i < x.size(); ++i)
            x[s + i] = 0.8f * d(rng) * float(std::exp(-double(i) / 50.0));
    }
    return x;
}

// librosa.beat.beat_track's envelope: median over 128 mel bands of the dB flux.
std::vector<float> envelope(const std::vector<float> &x, int sr, int hop)
{
    StftConfig sc;
    sc.hop = hop;
    auto stft = Stft::create(sc);
    const base::Matrix power = stft->spectrogram(x.data(), x.size(), 2.0f);
    MelConfig mc;
    mc.sampleRate = sr;
    base::Matrix mel = applyFilterbank(*melFilterbank(mc), power);
    powerToDb(mel);
    OnsetConfig oc;
    oc.hop = hop;
    oc.aggregate = OnsetAggregate::Median;
    return *onsetStrength(mel, oc);
}

} // namespace

class TestTempo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidArgumentsReturnErrors()
    {
        const std::vector<float> env(100, 1.0f);
        QCOMPARE(onsetStrength(base::Matrix(4, 4), {0}).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(autocorrelationTempogram(env, 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(estimateTempo({}).error().code, base::ErrorCode::InvalidArgument);
        TempoConfig bad;
        bad.sampleRate = 0;
        QCOMPARE(estimateTempo(env, bad).error().code, base::ErrorCode::InvalidArgument);
        bad = {};
        bad.startBpm = -1;
        QCOMPARE(estimateTempo(env, bad).error().code, base::ErrorCode::InvalidArgument);
        bad = {};
        bad.acSizeSeconds = 0.01;
        QCOMPARE(estimateTempo(env, bad).error().code, base::ErrorCode::InvalidArgument);
    }

    // A 80 dB step at frame 10: flux between frames 9 and 10, shifted by lag + nFft / (2 hop) = 3.
    void onsetOfAStepLandsAfterTheCentringShift()
    {
        base::Matrix s(4, 20, -80.0f);
        for (std::size_t b = 0; b < 4; ++b)
            for (std::size_t t = 10; t < 20; ++t)
                s(b, t) = 0.0f;
        s(0, 15) = 10.0f; // one band only: moves the mean, not the median
        auto mean = onsetStrength(s);
        QCOMPARE(mean->size(), std::size_t(20));
        for (std::size_t t = 0; t < 20; ++t) {
            const float want = t == 12 ? 80.0f : (t == 17 ? 2.5f : 0.0f);
            QCOMPARE((*mean)[t], want);
        }
        OnsetConfig median;
        median.aggregate = OnsetAggregate::Median;
        auto med = onsetStrength(s, median);
        QCOMPARE((*med)[12], 80.0f);
        QCOMPARE((*med)[17], 0.0f);
        OnsetConfig uncentred;
        uncentred.center = false;
        uncentred.lag = 2;
        auto u = onsetStrength(s, uncentred);
        QCOMPARE((*u)[10], 80.0f); // frames 8 -> 10 and 9 -> 11 compare across the step
        QCOMPARE((*u)[11], 80.0f);
        QCOMPARE((*u)[12], 0.0f);
    }

    void emptyAndSilentEnvelopes()
    {
        QVERIFY(onsetStrength(base::Matrix(128, 0))->empty());
        auto tg = autocorrelationTempogram(std::vector<float>(50, 0.0f), 16);
        QCOMPARE(tg->rows, std::size_t(16));
        for (float v : tg->data)
            QCOMPARE(v, 0.0f);
        // With no onsets the prior alone decides: lag 22 (117.45 BPM) is closest to 120 in log2.
        auto t = estimateTempo(std::vector<float>(1293, 0.0f));
        QVERIFY(t.ok());
        QVERIFY(std::isfinite(*t));
        QCOMPARE(*t, 60.0 * 22050 / (512.0 * 22));
    }

    void tempogramColumnsAreMaxNormalised()
    {
        std::vector<float> env(400, 0.0f);
        for (std::size_t t = 5; t < env.size(); t += 20)
            env[t] = 1.0f;
        auto tg = autocorrelationTempogram(env, 128);
        QVERIFY(tg.ok());
        QCOMPARE(tg->cols, env.size());
        for (std::size_t t = 0; t < tg->cols; ++t)
            QCOMPARE((*tg)(0, t), 1.0f);
        // The average over time peaks at the period among lags 10 .. 30.
        std::size_t best = 10;
        double bestValue = -1;
        for (std::size_t lag = 10; lag <= 30; ++lag) {
            double m = 0;
            for (std::size_t t = 0; t < tg->cols; ++t)
                m += (*tg)(lag, t);
            if (m > bestValue) {
                bestValue = m;
                best = lag;
            }
        }
        QCOMPARE(best, std::size_t(20));
    }

    // 120 BPM is 43.07 frames at hop 256, so the estimate can land within 2%.
    void clickTrackAt120BpmIsFound()
    {
        const int sr = 22050;
        const auto x = clickTrack(120.0, 12.0, sr);
        TempoConfig tc;
        tc.hop = 256;
        auto t = estimateTempo(envelope(x, sr, 256), tc);
        QVERIFY(t.ok());
        qInfo("120 BPM click track, hop 256: %.2f BPM", *t);
        QVERIFY(std::abs(*t - 120.0) / 120.0 < 0.02);
    }

    // At hop 512 the grid is 60 sr / (512 lag): a track on the grid (lag 21) is found exactly, and one
    // at 90 BPM (lag 28.7) lands on the nearest lag, despite the prior's pull towards 120.
    void clickTracksOnTheHop512Grid()
    {
        const int sr = 22050;
        const double onGrid = 60.0 * sr / (512.0 * 21);
        auto t = estimateTempo(envelope(clickTrack(onGrid, 12.0, sr), sr, 512));
        QCOMPARE(*t, onGrid);
        auto slow = estimateTempo(envelope(clickTrack(90.0, 12.0, sr), sr, 512));
        qInfo("90 BPM click track, hop 512: %.2f BPM", *slow);
        QVERIFY(std::abs(*slow - 90.0) / 90.0 < 0.03);
    }
};

QTEST_GUILESS_MAIN(TestTempo)
#include "tst_tempo.moc"
