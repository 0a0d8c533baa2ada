#include "dsp/istft.h"
#include "dsp/stft.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace genrescope;
using namespace genrescope::dsp;

namespace {

std::vector<float> noise(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d(-0.5f, 0.5f);
    std::vector<float> x(n);
    for (float &v : x)
        v = d(rng);
    return x;
}

double maxAbsDiff(const std::vector<float> &a, const std::vector<float> &b, std::size_t from, std::size_t to)
{
    double m = 0;
    for (std::size_t i = from; i < to; ++i)
        m = std::max(m, std::abs(double(a[i]) - double(b[i])));
    return m;
}

} // namespace

class TestIstft : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidConfigsReturnErrors()
    {
        QCOMPARE(Istft::create({0}).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(Istft::create({2047}).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(Istft::create({2048, -1}).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(Istft::create({2048, 512, 4096}).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(Istft::create({2048, 512, -3}).error().code, base::ErrorCode::InvalidArgument);
    }

    void defaultsAreLibrosas()
    {
        auto istft = Istft::create({1024});
        QVERIFY(istft.ok());
        QCOMPARE(istft->config().winLength, 1024);
        QCOMPARE(istft->config().hop, 256);
        QCOMPARE(istft->bins(), std::size_t(513));
        QCOMPARE(istft->naturalLength(11), std::size_t(2560));
    }

    void wrongShapeIsMismatch()
    {
        auto istft = Istft::create({2048, 512});
        base::Matrix re(1024, 3), im(1025, 3);
        QCOMPARE(istft->compute(re, im).error().code, base::ErrorCode::Mismatch);
    }

    void noFramesGiveAnEmptySignal()
    {
        auto istft = Istft::create({2048, 512});
        base::Matrix re(1025, 0), im(1025, 0);
        auto y = istft->compute(re, im);
        QVERIFY(y.ok());
        QVERIFY(y->empty());
        auto padded = istft->compute(re, im, 10);
        QCOMPARE(padded->size(), std::size_t(10));
        QCOMPARE(padded->at(9), 0.0f);
    }

    void silenceStaysSilent()
    {
        auto istft = Istft::create({2048, 512});
        base::Matrix re(1025, 20), im(1025, 20);
        auto y = istft->compute(re, im);
        QCOMPARE(y->size(), std::size_t(512 * 19));
        for (float v : *y)
            QCOMPARE(v, 0.0f);
    }

    // librosa.istft(librosa.stft(y)) reconstructs y (window-sum normalisation) up to the last hop.
    void centredRoundTripReconstructsTheSignal()
    {
        const std::size_t n = 22050;
        const auto x = noise(n, 7);
        auto stft = Stft::create({});
        base::Matrix re, im;
        stft->complexSpectrogram(x.data(), n, re, im);
        auto istft = Istft::create({2048, 512});
        auto y = istft->compute(re, im);
        QVERIFY(y.ok());
        QCOMPARE(y->size(), std::size_t(512) * (re.cols - 1));
        const double err = maxAbsDiff(x, *y, 0, y->size());
        qInfo("round trip max abs error %.3g", err);
        QVERIFY(err < 1e-5);

        auto exact = istft->compute(re, im, std::ptrdiff_t(n));
        QCOMPARE(exact->size(), n);
        QVERIFY(maxAbsDiff(x, *exact, 0, n) < 1e-5);
    }

    void shortWindowAndUncentredRoundTrip()
    {
        const std::size_t n = 8000;
        const auto x = noise(n, 3);
        StftConfig sc;
        sc.nFft = 512;
        sc.hop = 100;
        sc.winLength = 400;
        sc.center = false;
        auto stft = Stft::create(sc);
        base::Matrix re, im;
        stft->complexSpectrogram(x.data(), n, re, im);
        auto istft = Istft::create({512, 100, 400, WindowType::Hann, true, false});
        auto y = istft->compute(re, im);
        QCOMPARE(y->size(), std::size_t(512 + 100 * (re.cols - 1)));
        // Away from the edges (where the window sum is small) the signal comes back exactly.
        QVERIFY(maxAbsDiff(x, *y, 512, y->size() - 512) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestIstft)
#include "tst_istft.moc"
