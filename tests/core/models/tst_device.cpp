// Device choice: CUDA only when the build has it and the user allows it; the choice is explained.
#include "models/device.h"

#include <QTest>

#include <ATen/Parallel.h>
#include <torch/cuda.h>

using namespace genrescope::models;

class TestDevice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void disallowingCudaAlwaysGivesTheCpuWithAReason()
    {
        const DeviceChoice c = chooseDevice(false);
        QVERIFY(c.device.is_cpu());
        QVERIFY(!c.isCuda());
        QVERIFY2(QString::fromStdString(c.description).startsWith("CPU ("), c.description.c_str());
        QVERIFY(!c.reason.empty());
        if (cudaAvailable())
            QVERIFY(QString::fromStdString(c.reason).contains("disallowed"));
    }

    void allowingCudaFollowsWhatTheBuildHas()
    {
        const DeviceChoice c = chooseDevice(true);
        QCOMPARE(cudaAvailable(), torch::cuda::is_available());
        if (torch::cuda::is_available()) {
            QVERIFY(c.isCuda());
            QVERIFY(QString::fromStdString(c.description).startsWith("CUDA: "));
        } else {
            // This machine (Debian's CPU-only libtorch): the CPU, and the reason names the missing CUDA.
            QVERIFY(c.device.is_cpu());
            QVERIFY(QString::fromStdString(c.reason).contains("no CUDA"));
        }
    }

    void cpuDescriptionNamesTheThreadCount()
    {
        at::set_num_threads(2);
        QVERIFY2(QString::fromStdString(cpuDescription()).startsWith("CPU (2 threads"), cpuDescription().c_str());
        at::set_num_threads(1);
        QVERIFY2(QString::fromStdString(cpuDescription()).startsWith("CPU (1 thread"), cpuDescription().c_str());
    }
};

QTEST_GUILESS_MAIN(TestDevice)
#include "tst_device.moc"
