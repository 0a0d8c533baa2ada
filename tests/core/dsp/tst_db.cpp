#include "dsp/db.h"

#include <QTest>

#include <cmath>

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
