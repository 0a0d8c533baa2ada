// Fault test (issue #12): `genrescope-cli train` killed with SIGKILL at random points - during an epoch
// and while a checkpoint is being written - never leaves a corrupt checkpoint or bundle, and resuming
// from the surviving checkpoint ends with exactly the weights and history of an uninterrupted run
// (the trainer's determinism guarantee, core/training/trainer.h).
#include "faultsupport.h"

#include "models/bundle.h"
#include "training/trainer.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
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
                "--epochs", "8", "--batch", "4", "--seed", "5", "--threads", "1", "--no-cache",
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
        QVERIFY(fault::writeBytes(m_table, fault::syntheticFeatureTable(200)));
    }

    void killedTrainingResumesToTheSameModel()
    {
        const QString refOut = m_dir.filePath("ref.gsm"), refCkpt = m_dir.filePath("ref.ckpt");
        QElapsedTimer refTimer;
        refTimer.start();
        const fault::CliRun ref = fault::runCli(kCli, trainArgs(refOut, refCkpt));
        QVERIFY2(!ref.crashed && ref.exitCode == 0, ref.err.constData());
        // The time one epoch takes on this machine and build: the last epoch event's "elapsed" (seconds
        // since training started), else the whole run's wall time (an upper bound).
        double epochMs = double(refTimer.elapsed()) / 8.0;
        for (const QByteArray &line : ref.out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value("event").toString() == "epoch" && o.value("elapsed").toDouble() > 0)
                epochMs = o.value("elapsed").toDouble() * 1000.0 / 8.0;
        }

        const QString out = m_dir.filePath("run.gsm"), ckpt = m_dir.filePath("run.ckpt");
        // The kill points are random but reproducible: GS_FAULT_SEED overrides the seed.
        const quint32 seed = qEnvironmentVariableIsSet("GS_FAULT_SEED") ? quint32(qEnvironmentVariableIntValue("GS_FAULT_SEED"))
                                                                        : 20261122u;
        QRandomGenerator rng(seed);
        qInfo("kill points from seed %u; about %.0f ms per epoch", seed, epochMs);
        int kills = 0, killsDuringWrite = 0, finishedRuns = 0, resumedFromEpoch = 0;
        for (int attempt = 0; attempt < 12 && finishedRuns == 0; ++attempt) {
            QStringList args = trainArgs(out, ckpt);
            if (QFileInfo::exists(ckpt))
                args << "--resume" << ckpt;
            // Even attempts: after one or two epochs of this run (random), SIGKILL a random 10-90 % into
            // the next epoch. Odd attempts: after one epoch, SIGKILL the moment a checkpoint temporary
            // appears, i.e. during the next checkpoint write (after three epochs without catching one,
            // right away). Each attempt so advances one or two epochs, never to the end; from the fifth
            // attempt on the run goes to the end.
            const bool duringWrite = attempt % 2 == 1;
            const bool lastAttempt = attempt >= 4;
            const int killAfterEpochs = 1 + int(rng.bounded(2));
            const qint64 killIntoEpochMs = qint64(epochMs * (0.1 + 0.8 * rng.generateDouble()));
            if (lastAttempt) {
                auto header = training::readCheckpointHeader(ckpt.toStdString());
                QVERIFY2(header.ok(), "no checkpoint survived the kills to resume from");
                resumedFromEpoch = header->value("epoch").toInt();
            }
            QProcess p;
            p.start(kCli, args);
            QVERIFY2(p.waitForStarted(), qPrintable(p.errorString()));
            QByteArray stdoutText;
            QElapsedTimer sinceEpoch;
            bool killed = false, caughtWrite = false;
            int epochsSeen = 0;
            const QDeadlineTimer deadline(900000);
            while (p.state() != QProcess::NotRunning && !deadline.hasExpired()) {
                p.waitForReadyRead(2); // wakes on every progress line; short so the temporary is seen
                stdoutText += p.readAllStandardOutput();
                const int epochs = int(stdoutText.count("\"event\":\"epoch\""));
                if (epochs != epochsSeen)
                    sinceEpoch.start();
                epochsSeen = epochs;
                if (lastAttempt)
                    continue;
                bool kill = false;
                if (duringWrite && epochsSeen >= 1 && !fault::atomicTemporaries(m_dir.path()).isEmpty()) {
                    kill = true;
                    caughtWrite = true;
                } else if (duringWrite && epochsSeen >= 3) {
                    kill = true;
                } else if (!duringWrite && epochsSeen >= killAfterEpochs && sinceEpoch.elapsed() >= killIntoEpochMs) {
                    kill = true;
                }
                if (kill) {
                    ::kill(pid_t(p.processId()), SIGKILL);
                    killed = true;
                    break;
                }
            }
            QVERIFY2(!deadline.hasExpired(), "training did not finish in 15 minutes");
            p.waitForFinished(60000);
            const QStringList temporaries = fault::atomicTemporaries(m_dir.path());
            if (killed) {
                ++kills;
                if (caughtWrite && !temporaries.isEmpty())
                    ++killsDuringWrite;
                auto header = training::readCheckpointHeader(ckpt.toStdString());
                qInfo("attempt %d: SIGKILL after %d epoch events of this run%s; checkpoint at epoch %d", attempt,
                      epochsSeen, caughtWrite ? ", while a checkpoint temporary existed" : "",
                      header.ok() ? header->value("epoch").toInt() : 0);
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
        QVERIFY2(kills >= 3, qPrintable(QString("only %1 kills happened").arg(kills)));
        qInfo("%d kills (%d while a checkpoint was being written), then a run resumed from epoch %d to the end",
              kills, killsDuringWrite, resumedFromEpoch);
        QVERIFY2(resumedFromEpoch >= 1 && resumedFromEpoch < 8, "the last run did not resume from a mid-training checkpoint");

        const QByteArray refBytes = fault::readBytes(refOut), runBytes = fault::readBytes(out);
        QVERIFY(!fault::bundleWeights(refBytes).isEmpty());
        QVERIFY2(fault::bundleWeights(refBytes) == fault::bundleWeights(runBytes),
                 "the resumed model's weights differ from the uninterrupted run's");
        const QJsonObject refManifest = fault::bundleManifest(refBytes), runManifest = fault::bundleManifest(runBytes);
        QCOMPARE(fault::historyWithoutTimes(runManifest.value("history").toArray()),
                 fault::historyWithoutTimes(refManifest.value("history").toArray()));
        QCOMPARE(runManifest.value("history").toArray().size(), 8);
    }
};

QTEST_GUILESS_MAIN(TestKillResume)
#include "tst_killresume.moc"
