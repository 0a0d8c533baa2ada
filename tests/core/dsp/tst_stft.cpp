#include "dsp/stft.h"

#include "core/dsp/torchaudiofixtures.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

using namespace genrescope;
using namespace genrescope::dsp;

class TestStft : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidConfigsReturnErrors()
    {
        QVERIFY(!Stft::create({.nFft = 0}).ok());
        QVERIFY(!Stft::create({.nFft = 512, .hop = 0}).ok());
        QVERIFY(!Stft::create({.nFft = 512, .hop = 128, .winLength = 600}).ok());
        QVERIFY(!Stft::create({.nFft = 512, .hop = 128, .winLength = -1}).ok());
        QCOMPARE(Stft::create({.nFft = 0}).error().code, base::ErrorCode::InvalidArgument);
        QVERIFY(Stft::create({}).ok());
    }

    void frameCountFollowsLibrosa()
    {
        const auto s = Stft::create({}).value();
        QCOMPARE(s.frameCount(0), std::size_t(0));
        QCOMPARE(s.frameCount(1), std::size_t(1));
        QCOMPARE(s.frameCount(661500), std::size_t(1 + 661500 / 512));
        QCOMPARE(s.frameCount(66149), std::size_t(130));
        // odd n_fft: padding n_fft // 2 per side
        const auto odd = Stft::create({.nFft = 2205, .hop = 220}).value();
        QCOMPARE(odd.frameCount(661500), std::size_t(1 + (661500 + 2204 - 2205) / 220));
        const auto noCenter = Stft::create({.nFft = 512, .hop = 256, .center = false}).value();
        QCOMPARE(noCenter.frameCount(511), std::size_t(0));
        QCOMPARE(noCenter.frameCount(1024), std::size_t(3));
    }

    void emptyInputGivesNoFrames()
    {
        const auto s = Stft::create({}).value();
        const auto m = s.spectrogram(nullptr, 0);
        QCOMPARE(m.rows, std::size_t(1025));
        QCOMPARE(m.cols, std::size_t(0));
    }

    void silenceGivesZeros()
    {
        const std::vector<float> x(5000, 0.0f);
        const auto m = Stft::create({}).value().spectrogram(x.data(), x.size());
        QCOMPARE(m.cols, std::size_t(10));
        for (float v : m.data)
            QCOMPARE(v, 0.0f);
    }

    void sineLandsInItsBin()
    {
        const int sr = 22050, nFft = 2048, bin = 100;
        const double f = double(bin) * sr / nFft;
        std::vector<float> x(sr);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = float(std::sin(2 * std::numbers::pi * f * double(i) / sr));
        const auto m = Stft::create({}).value().spectrogram(x.data(), x.size(), 1.0f);
        const std::size_t t = m.cols / 2;
        std::size_t best = 0;
        for (std::size_t k = 0; k < m.rows; ++k)
            if (m(k, t) > m(best, t))
                best = k;
        QCOMPARE(best, std::size_t(bin));
        // Periodic Hann has coherent gain 0.5: peak magnitude = nFft/2 * 0.5 for a unit sine.
        QVERIFY(std::abs(m(bin, t) - nFft / 4.0f) < 0.5f);
    }

    void parsevalHoldsPerFrame()
    {
        const auto s = Stft::create({.nFft = 1024, .hop = 1024, .window = WindowType::Rectangular, .center = false}).value();
        std::vector<float> x(4096);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = float(std::sin(0.1 * double(i)) + 0.3 * std::cos(0.77 * double(i)));
        const auto p = s.spectrogram(x.data(), x.size(), 2.0f);
        for (std::size_t t = 0; t < p.cols; ++t) {
            double time = 0, freq = 0;
            for (std::size_t i = 0; i < 1024; ++i)
                time += double(x[t * 1024 + i]) * x[t * 1024 + i];
            for (std::size_t k = 0; k < p.rows; ++k)
                freq += (k == 0 || k == 512 ? 1.0 : 2.0) * p(k, t);
            QVERIFY(std::abs(freq / 1024 - time) / time < 1e-5);
        }
    }

    void shortSignalReflectsLikeNumpy()
    {
        // 5 samples, n_fft 16: numpy.pad(reflect) folds the signal repeatedly.
        const std::vector<float> x = {1, 2, 3, 4, 5};
        const auto s = Stft::create({.nFft = 16, .hop = 4, .window = WindowType::Rectangular}).value();
        base::Matrix re, im;
        s.complexSpectrogram(x.data(), x.size(), re, im);
        QCOMPARE(re.cols, std::size_t(2));
        // numpy.pad([1,2,3,4,5], 8, mode="reflect") = [1 2 3 4 5 4 3 2 1 2 3 4 5 4 3 2 1 2 3 4 5]:
        // frame 0 = its first 16 values, frame 1 starts 4 later; numpy.fft.rfft gives DC 48 for both
        // and bin 2 = -13.65685 / +13.65685.
        QVERIFY(std::abs(re(0, 0) - 48.0f) < 1e-4f);
        QVERIFY(std::abs(re(0, 1) - 48.0f) < 1e-4f);
        QVERIFY(std::abs(re(2, 0) + 13.656854f) < 1e-4f);
        QVERIFY(std::abs(re(2, 1) - 13.656854f) < 1e-4f);
    }

    void matchesTorchStftPower()
    {
        const auto x = test::torchaudioFixture("sig_chirp");
        const auto ref = test::torchaudioFixture("stft_chirp_512_256");
        const auto m = Stft::create({.nFft = 512, .hop = 256}).value().spectrogram(x.data.data(), x.data.size());
        QCOMPARE(m.rows, ref.rows);
        QCOMPARE(m.cols, ref.cols);
        float peak = 0;
        for (float v : ref.data)
            peak = std::max(peak, v);
        const float d = test::maxAbsDiff(m, ref);
        qInfo("STFT power vs torch.stft: max abs diff %.3g (peak %.3g)", double(d), double(peak));
        QVERIFY(d < 1e-5f * peak);
    }

    void matchesTorchComplexWithShortWindowAndConstantPad()
    {
        auto x = test::torchaudioFixture("sig_sine440");
        x.data.resize(4096);
        const auto ref = test::torchaudioFixture("stftc_sine_512_160_w400_const"); // (2*257) x frames
        base::Matrix re, im;
        Stft::create({.nFft = 512, .hop = 160, .winLength = 400, .pad = PadMode::Constant})
            .value()
            .complexSpectrogram(x.data.data(), 4096, re, im);
        QCOMPARE(re.rows * 2, ref.rows);
        QCOMPARE(re.cols, ref.cols);
        float d = 0;
        for (std::size_t k = 0; k < re.rows; ++k)
            for (std::size_t t = 0; t < re.cols; ++t) {
                d = std::max(d, std::abs(re(k, t) - ref(k, t)));
                d = std::max(d, std::abs(im(k, t) - ref(re.rows + k, t)));
            }
        qInfo("complex STFT vs torch.stft: max abs diff %.3g", double(d));
        QVERIFY(d < 1e-3f);
    }
};

QTEST_GUILESS_MAIN(TestStft)
#include "tst_stft.moc"
