#include "dsp/resize.h"

#include "core/dsp/torchaudiofixtures.h"

#include <QTest>

using namespace genrescope;
using namespace genrescope::dsp;

class TestResize : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyGivesEmpty()
    {
        QVERIFY(resizeBilinear(base::Matrix(), 3, 3).empty());
        QVERIFY(resizeBilinear(base::Matrix(2, 2, 1.0f), 0, 3).empty());
    }

    void sameSizeIsIdentity()
    {
        const auto in = test::torchaudioFixture("resize_in");
        for (auto method : {ResizeMethod::PilBilinear, ResizeMethod::TorchBilinear})
            QCOMPARE(test::maxAbsDiff(resizeBilinear(in, in.rows, in.cols, method), in), 0.0f);
    }

    void constantStaysConstant()
    {
        const base::Matrix c(5, 9, 2.5f);
        for (auto method : {ResizeMethod::PilBilinear, ResizeMethod::TorchBilinear})
            for (float v : resizeBilinear(c, 11, 4, method).data)
                QVERIFY(std::abs(v - 2.5f) < 1e-6f);
    }

    void matchesPillowDownAndUp()
    {
        const auto in = test::torchaudioFixture("resize_in");
        const auto down = test::torchaudioFixture("resize_down");
        const auto up = test::torchaudioFixture("resize_up");
        const float dd = test::maxAbsDiff(resizeBilinear(in, down.rows, down.cols), down);
        const float du = test::maxAbsDiff(resizeBilinear(in, up.rows, up.cols), up);
        qInfo("PIL bilinear: max abs diff down %.3g, up %.3g", double(dd), double(du));
        QVERIFY(dd < 1e-5f);
        QVERIFY(du < 1e-5f);
    }

    void torchBilinearInterpolatesBetweenCentres()
    {
        base::Matrix m(1, 2);
        m.data = {0.0f, 1.0f};
        const auto r = resizeBilinear(m, 1, 4, ResizeMethod::TorchBilinear);
        // align_corners=False: source x = (i + 0.5) / 2 - 0.5 -> -0.25 (clamped), 0.25, 0.75, 1.25
        const float expect[] = {0.0f, 0.25f, 0.75f, 1.0f};
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(r.data[std::size_t(i)] - expect[i]) < 1e-6f);
    }
};

QTEST_GUILESS_MAIN(TestResize)
#include "tst_resize.moc"
