#include "dsp/window.h"

#include <QTest>

#include <cmath>

using namespace genrescope::dsp;

class TestWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyAndSingleSample()
    {
        QVERIFY(makeWindow(WindowType::Hann, 0).empty());
        QVERIFY(makeWindow(WindowType::Hann, -3).empty());
        QCOMPARE(makeWindow(WindowType::Hann, 1), std::vector<float>{1.0f});
    }

    void periodicHannIsTheSymmetricOneWithoutItsLastSample()
    {
        const auto p = makeWindow(WindowType::Hann, 8, true);
        const auto s = makeWindow(WindowType::Hann, 9, false);
        for (int i = 0; i < 8; ++i)
            QVERIFY(std::abs(p[std::size_t(i)] - s[std::size_t(i)]) < 1e-7f);
        // numpy.hanning(5) = [0, 0.5, 1, 0.5, 0]
        const auto h5 = makeWindow(WindowType::Hann, 5, false);
        const float expect[] = {0.0f, 0.5f, 1.0f, 0.5f, 0.0f};
        for (int i = 0; i < 5; ++i)
            QVERIFY(std::abs(h5[std::size_t(i)] - expect[i]) < 1e-7f);
        QCOMPARE(p[0], 0.0f);
        QVERIFY(std::abs(p[4] - 1.0f) < 1e-7f);
    }

    void hammingAndRectangular()
    {
        // numpy.hamming(3) = [0.08, 1, 0.08]
        const auto h = makeWindow(WindowType::Hamming, 3, false);
        QVERIFY(std::abs(h[0] - 0.08f) < 1e-6f && std::abs(h[1] - 1.0f) < 1e-6f && std::abs(h[2] - 0.08f) < 1e-6f);
        for (float v : makeWindow(WindowType::Rectangular, 7))
            QCOMPARE(v, 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestWindow)
#include "tst_window.moc"
