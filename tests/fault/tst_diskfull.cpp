// Fault test (issue #12): a full disk while saving a model bundle, a checkpoint, a feature-cache entry
// and an evaluation export. Each write runs in a child process under RLIMIT_FSIZE (SIGXFSZ ignored), so
// the write fails with EFBIG exactly as it would with ENOSPC on a full disk. Every one must fail with
// disk-full (or io-error), say so, leave the previous file byte for byte intact and leave no temporary.
#include "faultsupport.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;

namespace {

const QString kCli = QStringLiteral(GS_CLI_PATH);
const QString kWriter = QStringLiteral(GS_FAULT_WRITER_PATH);

bool saysDiskFull(const QByteArray &text)
{
    return text.contains("disk-full") || text.contains("io-error");
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_table, m_model, m_checkpoint;

    QStringList trainArgs(const QString &seed) const
    {
        return {"train", "--data", m_table, "--model", "mlp", "--set", "hidden1=8", "--set", "hidden2=8",
                "--epochs", "2", "--seed", seed, "--threads", "1", "--no-cache", "--out", m_model,
                "--checkpoint", m_checkpoint};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
        m_table = m_dir.filePath("table.csv");
        m_model = m_dir.filePath("model.gsm");
        m_checkpoint = m_dir.filePath("model.ckpt");
        QVERIFY(fault::writeBytes(m_table, fault::syntheticFeatureTable(12)));
        // The "previous" model and checkpoint, written without a limit.
        const fault::CliRun r = fault::runCli(kCli, trainArgs("1"));
        QVERIFY2(!r.crashed && r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo(m_model).size() > 4096);
        QVERIFY(QFileInfo(m_checkpoint).size() > 4096);
    }

    void checkpointWriteOnAFullDiskKeepsThePreviousOne()
    {
        const QByteArray model = fault::readBytes(m_model), ckpt = fault::readBytes(m_checkpoint);
        const fault::CliRun r = fault::runCli(kCli, trainArgs("2"), 4096);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(saysDiskFull(r.err), r.err.constData());
        QVERIFY2(fault::readBytes(m_checkpoint) == ckpt, "the previous checkpoint changed");
        QVERIFY2(fault::readBytes(m_model) == model, "the previous model changed");
        QVERIFY2(fault::atomicTemporaries(m_dir.path()).isEmpty(),
                 qPrintable(fault::atomicTemporaries(m_dir.path()).join(", ")));
    }

    void bundleSaveOnAFullDiskKeepsThePreviousOne()
    {
        const QString target = m_dir.filePath("copy.gsm");
        const fault::CliRun first = fault::runCli(kWriter, {"bundle", m_model, target});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QVERIFY(fault::writeBytes(target, fault::readBytes(target).left(0) + QByteArray("previous model bytes")));
        const fault::CliRun r = fault::runCli(kWriter, {"bundle", m_model, target}, 4096);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(saysDiskFull(r.out), r.out.constData());
        QCOMPARE(fault::readBytes(target), QByteArray("previous model bytes"));
        QVERIFY(fault::atomicTemporaries(m_dir.path()).isEmpty());
    }

    void cacheStoreOnAFullDiskKeepsThePreviousEntry()
    {
        const QString cache = m_dir.filePath("cache");
        const fault::CliRun small = fault::runCli(kWriter, {"cache", cache, "100"});
        QVERIFY2(small.exitCode == 0, small.err.constData());
        const fault::CliRun big = fault::runCli(kWriter, {"cache", cache, "100000"}, 65536);
        QVERIFY(!big.crashed);
        QCOMPARE(big.exitCode, 1);
        QVERIFY2(saysDiskFull(big.out), big.out.constData());
        const fault::CliRun read = fault::runCli(kWriter, {"cache-read", cache});
        QCOMPARE(read.out.trimmed(), QByteArray("100"));
        QStringList litter;
        for (const QFileInfo &d : QDir(cache).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
            litter += fault::atomicTemporaries(d.filePath());
        QVERIFY2(litter.isEmpty(), qPrintable(litter.join(", ")));
    }

    void exportOnAFullDiskKeepsThePreviousFile()
    {
        const QString json = m_dir.filePath("evaluation.json");
        const QStringList args{"evaluate", "--model", m_model, "--data", m_table, "--no-cache", "--threads", "1",
                               "--json", json};
        const fault::CliRun first = fault::runCli(kCli, args);
        QVERIFY2(!first.crashed && first.exitCode == 0, first.err.constData());
        const QByteArray previous = fault::readBytes(json);
        QVERIFY(previous.size() > 2048);
        const fault::CliRun r = fault::runCli(kCli, args, 1024);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(saysDiskFull(r.err), r.err.constData());
        QVERIFY2(fault::readBytes(json) == previous, "the previous export changed");
        QVERIFY(fault::atomicTemporaries(m_dir.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
