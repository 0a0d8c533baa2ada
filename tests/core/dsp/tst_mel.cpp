#include "dsp/mel.h"

#include "core/dsp/torchaudiofixtures.h"

#include <QTest>

#include <cmath>

using namespace genrescope;
using namespace genrescope::dsp;

class TestMel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scalesHaveTheirKnownValues()
    {
        QVERIFY(std::abs(hzToMel(1000.0, MelScale::Slaney) - 15.0) < 1e-12);
        QVERIFY(std::abs(hzToMel(200.0 / 3.0, MelScale::Slaney) - 1.0) < 1e-12);
        QVERIFY(std::abs(hzToMel(700.0, MelScale::Htk) - 2595.0 * std::log10(2.0)) < 1e-9);
        for (double f : {0.0, 123.0, 999.0, 1000.0, 4321.0, 11025.0})
            for (auto s : {MelScale::Slaney, MelScale::Htk})
                QVERIFY(std::abs(melToHz(hzToMel(f, s), s) - f) < 1e-6);
    }

    void invalidConfigsReturnErrors()
    {
        QVERIFY(!melFilterbank({.nMels = 0}).ok());
        QVERIFY(!melFilterbank({.sampleRate = 0}).ok());
        QVERIFY(!melFilterbank({.nFft = 1}).ok());
        QVERIFY(!melFilterbank({.fmin = 5000, .fmax = 4000}).ok());
        QVERIFY(!melFilterbank({.fmin = -1}).ok());
        QCOMPARE(melFilterbank({.nMels = 0}).error().code, base::ErrorCode::InvalidArgument);
    }

    void sumsMatchLibrosaFormula_data()
    {
        QTest::addColumn<int>("sr");
        QTest::addColumn<int>("nFft");
        QTest::addColumn<int>("nMels");
        QTest::addColumn<double>("fmax");
        QTest::addColumn<bool>("htk");
        QTest::addColumn<QString>("fixture");
        QTest::newRow("slaney 128") << 22050 << 2048 << 128 << 11025.0 << false << "slaney_norm_22050_2048_128";
        QTest::newRow("htk 128 no norm") << 22050 << 2048 << 128 << 11025.0 << true << "htk_nonorm_22050_2048_128";
        QTest::newRow("choi 96") << 12000 << 512 << 96 << 6000.0 << false << "slaney_norm_12000_512_96";
        QTest::newRow("seed004 33") << 22050 << 1024 << 33 << 11025.0 << false << "slaney_norm_22050_1024_33";
    }
    void sumsMatchLibrosaFormula()
    {
        QFETCH(int, sr);
        QFETCH(int, nFft);
        QFETCH(int, nMels);
        QFETCH(double, fmax);
        QFETCH(bool, htk);
        QFETCH(QString, fixture);
        const auto fb = melFilterbank({sr, nFft, nMels, 0.0, fmax, htk ? MelScale::Htk : MelScale::Slaney,
                                       htk ? MelNorm::None : MelNorm::Slaney});
        QVERIFY(fb.ok());
        const auto sums = test::torchaudioFixture("melfbsums_" + fixture.toStdString());
        QCOMPARE(sums.data.size(), fb->rows + fb->cols);
        double worst = 0;
        for (std::size_t m = 0; m < fb->rows; ++m) {
            double s = 0;
            for (std::size_t k = 0; k < fb->cols; ++k)
                s += (*fb)(m, k);
            worst = std::max(worst, std::abs(s - sums.data[m]) / std::max(1e-12, double(std::abs(sums.data[m]))));
        }
        for (std::size_t k = 0; k < fb->cols; ++k) {
            double s = 0;
            for (std::size_t m = 0; m < fb->rows; ++m)
                s += (*fb)(m, k);
            const double ref = sums.data[fb->rows + k];
            worst = std::max(worst, std::abs(s - ref) / std::max(1e-6, std::abs(ref)));
        }
        qInfo("%s: worst relative difference of band/bin sums %.3g", qPrintable(fixture), worst);
        QVERIFY(worst < 1e-5);
    }

    void wholeFilterbankMatchesTorchaudio()
    {
        const auto fb = melFilterbank({22050, 1024, 33, 0.0, 11025.0, MelScale::Slaney, MelNorm::Slaney}).value();
        const auto ref = test::torchaudioFixture("melfb_slaney_norm_22050_1024_33");
        const float d = test::maxAbsDiff(fb, ref);
        qInfo("33-band filterbank vs torchaudio: max abs diff %.3g", double(d));
        QVERIFY(d < 1e-7f);
    }

    void applyFilterbankEqualsDenseProduct()
    {
        const auto fb = melFilterbank({.nFft = 256, .nMels = 20}).value();
        base::Matrix spec(129, 7);
        for (std::size_t i = 0; i < spec.data.size(); ++i)
            spec.data[i] = float((i * 37) % 101) / 10.0f;
        const auto out = applyFilterbank(fb, spec);
        QCOMPARE(out.rows, std::size_t(20));
        QCOMPARE(out.cols, std::size_t(7));
        for (std::size_t m = 0; m < 20; ++m)
            for (std::size_t t = 0; t < 7; ++t) {
                double s = 0;
                for (std::size_t k = 0; k < 129; ++k)
                    s += double(fb(m, k)) * spec(k, t);
                QVERIFY(std::abs(out(m, t) - s) < 1e-4 * std::max(1.0, std::abs(s)));
            }
    }
};

QTEST_GUILESS_MAIN(TestMel)
#include "tst_mel.moc"
