// Fault test (issue #12): `genrescope-cli train` killed with SIGKILL at random points - during an epoch
// and while a checkpoint is being written - never leaves a corrupt checkpoint or bundle, and resuming
// from the surviving checkpoint ends with exactly the weights and history of an uninterrupted run
// (the trainer's determinism guarantee, core/training/trainer.h).
#include "faultsupport.h"

#include "models/bundle.h"
#include "training/trainer.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;

namespace {

const QString kCli = QStringLiteral(GS_CLI_PATH);

} // namespace

class TestKillResume : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_table;

    QStringList trainArgs(const QString &out, const QString &checkpoint) const
    {
        return {"train", "--data", m_table, "--model", "mlp", "--set", "hidden1=16", "--set", "hidden2=16",
                "--epochs", "6", "--batch", "4", "--seed", "5", "--threads", "1", "--no-cache",
                "--patience", "0", "--jsonl", "--out", out, "--checkpoint", checkpoint};
    }

    /** A checkpoint on disk must always be a whole one (the header parses, the checksum holds). */
    static void verifyCheckpoint(const QString &path)
    {
        if (!QFileInfo::exists(path))
            return;
        auto header = training::readCheckpointHeader(path.toStdString());
        QVERIFY2(header.ok(), qPrintable("checkpoint left damaged after SIGKILL: " +
                                         QString::fromStdString(header.ok() ? "" : header.error().toString())));
    }

    static void verifyBundle(const QString &path)
    {
        if (!QFileInfo::exists(path))
            return;
        auto bundle = models::loadBundle(path.toStdString());
        QVERIFY2(bundle.ok(), qPrintable("bundle left damaged after SIGKILL: " +
                                         QString::fromStdString(bundle.ok() ? "" : bundle.error().toString())));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
        m_table = m_dir.filePath("table.csv");
        QVERIFY(fault::writeBytes(m_table, fault::syntheticFeatureTable(30)));
    }

    void killedTrainingResumesToTheSameModel()
    {
        const QString refOut = m_dir.filePath("ref.gsm"), refCkpt = m_dir.filePath("ref.ckpt");
        const fault::CliRun ref = fault::runCli(kCli, trainArgs(refOut, refCkpt));
        QVERIFY2(!ref.crashed && ref.exitCode == 0, ref.err.constData());

        const QString out = m_dir.filePath("run.gsm"), ckpt = m_dir.filePath("run.ckpt");
        // The kill points are random but reproducible: GS_FAULT_SEED overrides the seed.
        const quint32 seed = qEnvironmentVariableIsSet("GS_FAULT_SEED") ? quint32(qEnvironmentVariableIntValue("GS_FAULT_SEED"))
                                                                        : 20261122u;
        QRandomGenerator rng(seed);
        qInfo("kill points from seed %u", seed);
        int kills = 0, killsDuringWrite = 0, finishedRuns = 0;
        for (int attempt = 0; attempt < 10 && finishedRuns == 0; ++attempt) {
            QStringList args = trainArgs(out, ckpt);
            if (QFileInfo::exists(ckpt))
                args << "--resume" << ckpt;
            // Even attempts: kill after a random number of batches (mid-epoch). Odd attempts: kill the
            // moment a checkpoint temporary appears (mid-write); if none is caught within two epochs,
            // kill mid-epoch instead so every attempt ends in a kill until the last one.
            const bool duringWrite = attempt % 2 == 1;
            const int killAfterBatches = int(rng.bounded(6, 40));
            const bool lastAttempt = attempt >= 6;
            QProcess p;
            p.start(kCli, args);
            QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
            QByteArray stdoutText;
            int batches = 0, epochs = 0;
            bool killed = false, caughtWrite = false;
            const QDeadlineTimer deadline(600000);
            while (p.state() != QProcess::NotRunning && !deadline.hasExpired()) {
                p.waitForReadyRead(2); // wakes on every progress line; short so the temp file is seen
                stdoutText += p.readAllStandardOutput();
                batches = int(stdoutText.count("\"event\":\"batch\""));
                epochs = int(stdoutText.count("\"event\":\"epoch\""));
                if (lastAttempt)
                    continue;
                bool kill = false;
                if (duringWrite && !fault::atomicTemporaries(m_dir.path()).isEmpty()) {
                    kill = true;
                    caughtWrite = true;
                } else if (!duringWrite && batches >= killAfterBatches) {
                    kill = true;
                } else if (duringWrite && epochs >= 2 && batches > 0) {
                    kill = true;
                }
                if (kill) {
                    ::kill(pid_t(p.processId()), SIGKILL);
                    killed = true;
                    break;
                }
            }
            QVERIFY2(!deadline.hasExpired(), "training did not finish in 10 minutes");
            p.waitForFinished(60000);
            const QStringList temporaries = fault::atomicTemporaries(m_dir.path());
            if (killed) {
                ++kills;
                if (caughtWrite && !temporaries.isEmpty())
                    ++killsDuringWrite;
                qInfo("attempt %d: SIGKILL after %d batches, %d epochs%s", attempt, batches, epochs,
                      caughtWrite ? " while a checkpoint temporary existed" : "");
            } else {
                QCOMPARE(p.exitStatus(), QProcess::NormalExit);
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
                ++finishedRuns;
            }
            verifyCheckpoint(ckpt);
            if (QTest::currentTestFailed())
                return;
            verifyBundle(out);
            if (QTest::currentTestFailed())
                return;
            // A killed writer cannot remove its temporary; it must never be mistaken for the real file.
            for (const QString &t : temporaries)
                QFile::remove(m_dir.filePath(t));
        }
        QVERIFY2(finishedRuns == 1, "the last resumed run did not finish");
        QVERIFY2(kills >= 4, qPrintable(QString("only %1 kills happened").arg(kills)));
        qInfo("%d kills (%d while a checkpoint was being written), then a resumed run to the end", kills,
              killsDuringWrite);

        const QByteArray refBytes = fault::readBytes(refOut), runBytes = fault::readBytes(out);
        QVERIFY(!fault::bundleWeights(refBytes).isEmpty());
        QVERIFY2(fault::bundleWeights(refBytes) == fault::bundleWeights(runBytes),
                 "the resumed model's weights differ from the uninterrupted run's");
        const QJsonObject refManifest = fault::bundleManifest(refBytes), runManifest = fault::bundleManifest(runBytes);
        QCOMPARE(fault::historyWithoutTimes(runManifest.value("history").toArray()),
                 fault::historyWithoutTimes(refManifest.value("history").toArray()));
        QCOMPARE(runManifest.value("history").toArray().size(), 6);
    }
};

QTEST_GUILESS_MAIN(TestKillResume)
#include "tst_killresume.moc"
