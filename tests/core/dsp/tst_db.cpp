#include "dsp/db.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace genrescope;
using namespace genrescope::dsp;

class TestDb : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void powerToDbHasKnownValues()
    {
        base::Matrix m(1, 4);
        m.data = {1.0f, 10.0f, 100.0f, 0.0f};
        powerToDb(m, 1.0f, 1e-10f, -1.0f);
        QVERIFY(std::abs(m.data[0]) < 1e-6f);
        QVERIFY(std::abs(m.data[1] - 10.0f) < 1e-5f);
        QVERIFY(std::abs(m.data[2] - 20.0f) < 1e-5f);
        QVERIFY(std::abs(m.data[3] + 100.0f) < 1e-4f); // amin 1e-10
    }

    void topDbFloorsBelowTheMaximum()
    {
        base::Matrix m(2, 2);
        m.data = {1.0f, 1e-3f, 1e-9f, 0.0f};
        powerToDb(m, 1.0f, 1e-10f, 80.0f);
        QVERIFY(std::abs(m.data[0]) < 1e-6f);
        QVERIFY(std::abs(m.data[1] + 30.0f) < 1e-4f);
        QVERIFY(std::abs(m.data[2] + 80.0f) < 1e-4f);
        QVERIFY(std::abs(m.data[3] + 80.0f) < 1e-4f);
    }

    void refShiftsAndSilenceStaysFinite()
    {
        base::Matrix m(1, 2);
        m.data = {100.0f, 10.0f};
        powerToDb(m, 100.0f, 1e-10f, 0.0f);
        QVERIFY(std::abs(m.data[0]) < 1e-5f && std::abs(m.data[1] + 10.0f) < 1e-5f);
        base::Matrix z(3, 3, 0.0f);
        powerToDb(z);
        for (float v : z.data)
            QVERIFY(std::abs(v + 100.0f) < 1e-4f);
        base::Matrix empty;
        powerToDb(empty); // no crash, nothing to do
        QVERIFY(empty.data.empty());
    }

    void fastLogMatchesDoublePrecision()
    {
        // tenLog10 uses its own vectorisable logarithm: compare with double precision over the
        // whole range a power spectrogram spans (and beyond), including exact powers of two.
        std::vector<float> x;
        for (double e = -38; e <= 38; e += 0.0137)
            x.push_back(float(std::pow(10.0, e)));
        for (int k = -120; k <= 120; ++k)
            x.push_back(std::ldexp(1.0f, k));
        std::vector<float> y = x;
        tenLog10(y.data(), y.size(), 1e-37f);
        double worst = 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            worst = std::max(worst, std::abs(double(y[i]) - 10.0 * std::log10(std::max(1e-37, double(x[i])))));
        qInfo("tenLog10: max abs error %.3g dB", worst);
        QVERIFY(worst < 1e-4);
        std::vector<float> special = {0.0f, -1.0f, std::numeric_limits<float>::infinity(),
                                      std::numeric_limits<float>::quiet_NaN()};
        tenLog10(special.data(), special.size(), 1e-10f);
        QVERIFY(std::abs(special[0] + 100.0f) < 1e-4f);
        QVERIFY(std::abs(special[1] + 100.0f) < 1e-4f);
        QVERIFY(std::isinf(special[2]) && special[2] > 0);
        QVERIFY(std::isnan(special[3]));
    }

    void amplitudeToDbIsTwentyLog10()
    {
        base::Matrix m(1, 3);
        m.data = {1.0f, 10.0f, 0.0f};
        amplitudeToDb(m, 1.0f, 1e-5f, 0.0f);
        QVERIFY(std::abs(m.data[0]) < 1e-5f);
        QVERIFY(std::abs(m.data[1] - 20.0f) < 1e-4f);
        QVERIFY(std::abs(m.data[2] + 100.0f) < 1e-3f);
    }
};

QTEST_GUILESS_MAIN(TestDb)
#include "tst_db.moc"
