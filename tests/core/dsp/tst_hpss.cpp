#include "dsp/istft.h"
#include "dsp/medianfilter.h"
#include "dsp/stft.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace genrescope;
using namespace genrescope::dsp;

namespace {

base::Matrix rowMatrix(std::vector<float> v)
{
    base::Matrix m(1, v.size());
    m.data = std::move(v);
    return m;
}

base::Matrix columnMatrix(std::vector<float> v)
{
    base::Matrix m(v.size(), 1);
    m.data = std::move(v);
    return m;
}

} // namespace

class TestHpss : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidArgumentsReturnErrors()
    {
        base::Matrix m(4, 4, 1.0f);
        QCOMPARE(medianFilter(m, 0, MedianAxis::Time).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(hpssMasks(m, 0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(hpssMasks(m, 31, 0.0).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(hpssMasks(m, 31, INFINITY).error().code, base::ErrorCode::InvalidArgument);
        QCOMPARE(hpssMasks(m, 31, 2.0, 0.5).error().code, base::ErrorCode::InvalidArgument);
    }

    void emptyMatrixGivesEmptyResults()
    {
        auto f = medianFilter(base::Matrix{}, 31, MedianAxis::Frequency);
        QVERIFY(f.ok());
        QVERIFY(f->empty());
        auto m = hpssMasks(base::Matrix(1025, 0));
        QVERIFY(m.ok());
        QCOMPARE(m->harmonic.rows, std::size_t(1025));
        QCOMPARE(m->harmonic.cols, std::size_t(0));
    }

    // scipy.ndimage.median_filter(x, size=3 / 5, mode='reflect'), worked by hand:
    // reflect pads [1 5 2 8 3] as 5 1 | 1 5 2 8 3 | 3 8.
    void medianUsesScipyReflectEdges()
    {
        const std::vector<float> x = {1, 5, 2, 8, 3};
        auto t3 = medianFilter(rowMatrix(x), 3, MedianAxis::Time);
        QCOMPARE(t3->data, (std::vector<float>{1, 2, 5, 3, 3}));
        auto t5 = medianFilter(rowMatrix(x), 5, MedianAxis::Time);
        QCOMPARE(t5->data, (std::vector<float>{2, 2, 3, 3, 3}));
        auto f3 = medianFilter(columnMatrix(x), 3, MedianAxis::Frequency);
        QCOMPARE(f3->data, (std::vector<float>{1, 2, 5, 3, 3}));
        // Filtering along the other axis of a single row/column is the identity.
        auto same = medianFilter(rowMatrix(x), 5, MedianAxis::Frequency);
        QCOMPARE(same->data, x);
        // A window longer than the line keeps reflecting: ... 2 1 | 1 2 | 2 1 ...
        auto longer = medianFilter(rowMatrix({1, 2}), 5, MedianAxis::Time);
        QCOMPARE(longer->data, (std::vector<float>{2, 1}));
    }

    void medianOfEachRowIsIndependent()
    {
        base::Matrix m(2, 5);
        m.data = {1, 5, 2, 8, 3, 10, 50, 20, 80, 30};
        auto t = medianFilter(m, 3, MedianAxis::Time);
        QCOMPARE(t->data, (std::vector<float>{1, 2, 5, 3, 3, 10, 20, 50, 30, 30}));
        auto f = medianFilter(m, 3, MedianAxis::Frequency);
        // Each column of two values: reflect gives (a, a, b) and (a, b, b).
        QCOMPARE(f->data, m.data);
    }

    // A horizontal line is harmonic, a vertical line percussive, empty cells are split evenly.
    void linesAreSeparatedAndMasksSumToOne()
    {
        base::Matrix s(64, 64);
        for (std::size_t t = 0; t < 64; ++t)
            s(10, t) = 1.0f;
        for (std::size_t k = 0; k < 64; ++k)
            s(k, 30) = 1.0f;
        auto m = hpssMasks(s, 31, 2.0, 1.0);
        QVERIFY(m.ok());
        QCOMPARE(m->harmonic(10, 5), 1.0f);
        QCOMPARE(m->percussive(10, 5), 0.0f);
        QCOMPARE(m->percussive(40, 30), 1.0f);
        QCOMPARE(m->harmonic(40, 30), 0.0f);
        QCOMPARE(m->harmonic(40, 5), 0.5f);
        for (std::size_t i = 0; i < s.data.size(); ++i)
            QVERIFY(std::abs(m->harmonic.data[i] + m->percussive.data[i] - 1.0f) < 1e-6f);
        // With a margin, cells where neither dominates belong to neither.
        auto strict = hpssMasks(s, 31, 2.0, 2.0);
        QCOMPARE(strict->harmonic(40, 5), 0.0f);
        QCOMPARE(strict->percussive(40, 5), 0.0f);
    }

    // A steady 1 kHz tone with clicks every 0.5 s: the tone goes to the harmonic signal, the clicks to
    // the percussive one, and the two signals add back up to the input.
    void toneIsHarmonicAndClicksArePercussive()
    {
        const int sr = 22050;
        const std::size_t n = 3 * sr;
        std::vector<float> x(n);
        for (std::size_t i = 0; i < n; ++i)
            x[i] = 0.3f * float(std::sin(2 * std::numbers::pi * 1000.0 * double(i) / sr));
        for (std::size_t c = sr / 4; c < n; c += sr / 2)
            x[c] += 1.0f;
        auto stft = Stft::create({});
        base::Matrix re, im;
        stft->complexSpectrogram(x.data(), n, re, im);
        base::Matrix mag(re.rows, re.cols);
        for (std::size_t i = 0; i < re.data.size(); ++i)
            mag.data[i] = std::hypot(re.data[i], im.data[i]);
        auto masks = hpssMasks(mag);
        QVERIFY(masks.ok());
        const std::size_t toneBin = std::size_t(std::lround(1000.0 * 2048 / sr));
        const std::size_t clickFrame = (sr / 4 + 256) / 512; // the frame centred nearest the first click
        QVERIFY(masks->harmonic(toneBin, 60) > 0.9f);
        QVERIFY(masks->percussive(700, clickFrame) > 0.9f);

        auto istft = Istft::create({2048, 512});
        base::Matrix hr = re, hi = im, pr = re, pi = im;
        for (std::size_t i = 0; i < re.data.size(); ++i) {
            hr.data[i] *= masks->harmonic.data[i];
            hi.data[i] *= masks->harmonic.data[i];
            pr.data[i] *= masks->percussive.data[i];
            pi.data[i] *= masks->percussive.data[i];
        }
        auto yh = istft->compute(hr, hi, std::ptrdiff_t(n));
        auto yp = istft->compute(pr, pi, std::ptrdiff_t(n));
        double err = 0, clickPerc = 0;
        for (std::size_t i = 0; i < n; ++i)
            err = std::max(err, std::abs(double((*yh)[i]) + (*yp)[i] - x[i]));
        for (std::size_t c = sr / 4; c < n; c += sr / 2) {
            clickPerc += std::abs((*yp)[c]);
        }
        qInfo("sum error %.3g, click amplitude in percussive %.3f", err, clickPerc / 6);
        QVERIFY(err < 1e-4);
        QVERIFY(clickPerc / 6 > 0.5);
    }
};

QTEST_GUILESS_MAIN(TestHpss)
#include "tst_hpss.moc"
