#include "dsp/dct.h"

#include "core/dsp/torchaudiofixtures.h"

#include <QTest>

#include <cmath>

using namespace genrescope;
using namespace genrescope::dsp;

class TestDct : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidSizesGiveAnEmptyMatrix()
    {
        QVERIFY(dctOrthoMatrix(0, 10).empty());
        QVERIFY(dctOrthoMatrix(5, -1).empty());
    }

    void squareMatrixIsOrthonormal()
    {
        const auto d = dctOrthoMatrix(16, 16);
        for (std::size_t i = 0; i < 16; ++i)
            for (std::size_t j = 0; j < 16; ++j) {
                double s = 0;
                for (std::size_t k = 0; k < 16; ++k)
                    s += double(d(i, k)) * d(j, k);
                QVERIFY(std::abs(s - (i == j ? 1.0 : 0.0)) < 1e-6);
            }
    }

    void constantInputHasOnlyDc()
    {
        const auto d = dctOrthoMatrix(4, 8);
        for (std::size_t k = 1; k < 4; ++k) {
            double s = 0;
            for (std::size_t n = 0; n < 8; ++n)
                s += d(k, n);
            QVERIFY(std::abs(s) < 1e-6);
        }
    }

    void matchesTorchaudioCreateDct()
    {
        const auto ref = test::torchaudioFixture("dct_20_128");
        const float diff = test::maxAbsDiff(dctOrthoMatrix(20, 128), ref);
        qInfo("DCT vs torchaudio create_dct: max abs diff %.3g", double(diff));
        QVERIFY(diff < 1e-6f);
    }
};

QTEST_GUILESS_MAIN(TestDct)
#include "tst_dct.moc"
