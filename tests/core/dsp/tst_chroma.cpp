#include "dsp/chroma.h"

#include "core/dsp/torchaudiofixtures.h"

#include <QTest>

#include <cmath>

using namespace genrescope;
using namespace genrescope::dsp;

class TestChroma : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidSizesGiveAnEmptyMatrix()
    {
        QVERIFY(chromaFilterbank(0, 2048).empty());
        QVERIFY(chromaFilterbank(22050, 1).empty());
        QVERIFY(chromaFilterbank(22050, 2048, 0).empty());
    }

    void matchesLibrosaFormula()
    {
        const auto fb = chromaFilterbank(22050, 2048);
        const auto ref = test::torchaudioFixture("chromafb_22050_2048");
        const float d = test::maxAbsDiff(fb, ref);
        qInfo("chroma filterbank vs librosa formula: max abs diff %.3g", double(d));
        QVERIFY(d < 1e-6f);
    }

    void a440LandsInPitchClassA()
    {
        // Bin nearest 440 Hz: its weight is largest in row 9 (C-based: C C# D D# E F F# G G# A).
        const auto fb = chromaFilterbank(22050, 4096);
        const std::size_t k = std::size_t(std::lround(440.0 * 4096 / 22050));
        std::size_t best = 0;
        for (std::size_t c = 0; c < 12; ++c)
            if (fb(c, k) > fb(best, k))
                best = c;
        QCOMPARE(best, std::size_t(9));
    }
};

QTEST_GUILESS_MAIN(TestChroma)
#include "tst_chroma.moc"
