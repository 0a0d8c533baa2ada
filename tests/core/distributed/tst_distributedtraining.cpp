// Data-parallel training with genrescope-cli on loopback (issue #13): two ranks train like one process
// with the same global batch and seed (weights within 1e-5, and both ranks' weights compared after
// every step with --dist-check); a rank killed mid-epoch ends the other with an error within the
// timeout, and restarting both with --resume ends exactly where an uninterrupted two-rank run ends; a
// rank whose partner never joins stops with an error instead of waiting for ever.
#include "faultsupport.h"
#include "freeport.h"

#include "models/bundle.h"
#include "models/genrenet.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace genrescope;

namespace {

const QString kCli = QStringLiteral(GS_CLI_PATH);

/** The largest absolute difference between two bundles' parameters and buffers (inf when they do not match). */
double maxWeightDifference(const QString &a, const QString &b, QString *why)
{
    auto ba = models::loadBundle(a.toStdString());
    auto bb = models::loadBundle(b.toStdString());
    if (!ba.ok() || !bb.ok()) {
        *why = QString::fromStdString(!ba.ok() ? ba.error().toString() : bb.error().toString());
        return std::numeric_limits<double>::infinity();
    }
    const auto pa = ba->net->named_parameters(), pb = bb->net->named_parameters();
    if (pa.size() != pb.size() || pa.size() == 0) {
        *why = "different parameter lists";
        return std::numeric_limits<double>::infinity();
    }
    double worst = 0;
    for (const auto &item : pa) {
        const auto *other = pb.find(item.key());
        if (!other || !other->sizes().equals(item.value().sizes())) {
            *why = QString::fromStdString("parameter " + item.key() + " differs in shape");
            return std::numeric_limits<double>::infinity();
        }
        worst = std::max(worst, (item.value() - *other).abs().max().template item<double>());
    }
    return worst;
}

/** One rank of a run, started now. */
std::unique_ptr<QProcess> startRank(const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    p->start(kCli, args);
    p->waitForStarted(); // without an event loop, state() says Running only after this
    return p;
}

} // namespace

class TestDistributedTraining : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_table, m_bigTable;

    QStringList trainArgs(const QString &table, const QString &out, int epochs, int batch) const
    {
        return {"train", "--data", table, "--model", "mlp", "--set", "hidden1=16", "--set", "hidden2=16",
                "--set", "batch_norm=false", "--set", "dropout=0", "--epochs", QString::number(epochs),
                "--batch", QString::number(batch), "--seed", "11", "--threads", "1", "--no-cache",
                "--patience", "0", "--jsonl", "--out", out};
    }

    static QStringList rankArgs(int rank, int port, double timeoutSeconds = 60)
    {
        return {"--world-size", "2", "--rank", QString::number(rank), "--rendezvous",
                QString("127.0.0.1:%1").arg(port), "--dist-timeout", QString::number(timeoutSeconds)};
    }

    /** Runs both ranks to the end; both must succeed. */
    static void runTwoRanks(const QStringList &args, QByteArray *rank0Out = nullptr, QByteArray *rank1Out = nullptr)
    {
        const int port = testing::freeLoopbackPort();
        QVERIFY(port > 0);
        auto r0 = startRank(args + rankArgs(0, port));
        auto r1 = startRank(args + rankArgs(1, port));
        QVERIFY(r0->waitForFinished(300000));
        QVERIFY(r1->waitForFinished(300000));
        const QByteArray e0 = r0->readAllStandardError(), e1 = r1->readAllStandardError();
        QVERIFY2(r0->exitStatus() == QProcess::NormalExit && r0->exitCode() == 0, e0.constData());
        QVERIFY2(r1->exitStatus() == QProcess::NormalExit && r1->exitCode() == 0, e1.constData());
        if (rank0Out)
            *rank0Out = r0->readAllStandardOutput();
        if (rank1Out)
            *rank1Out = r1->readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
        m_table = m_dir.filePath("table.csv");
        QVERIFY(fault::writeBytes(m_table, fault::syntheticFeatureTable(40)));
        m_bigTable = m_dir.filePath("big.csv");
        QVERIFY(fault::writeBytes(m_bigTable, fault::syntheticFeatureTable(200, 9)));
    }

    void twoRanksTrainLikeOneProcess()
    {
        // 93 training rows, batch 10: the last global batch (3 rows) leaves rank 0 one row, rank 1 two.
        const QString one = m_dir.filePath("one.gsm"), two = m_dir.filePath("two.gsm");
        const auto single = fault::runCli(kCli, trainArgs(m_table, one, 6, 10) << "--checkpoint" << m_dir.filePath("one.ckpt"));
        QVERIFY2(!single.crashed && single.exitCode == 0, single.err.constData());
        QByteArray out0, out1;
        // --dist-check: after every step both ranks compare a digest of their weights and stop on a difference.
        runTwoRanks(trainArgs(m_table, two, 6, 10) << "--checkpoint" << m_dir.filePath("two.ckpt") << "--dist-check",
                    &out0, &out1);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(out1.trimmed().isEmpty(), "rank 1 printed results; only rank 0 should");
        QVERIFY(out0.contains("\"event\":\"saved\""));
        QVERIFY(out0.contains("\"commSeconds\""));
        QString why;
        const double diff = maxWeightDifference(one, two, &why);
        qInfo("largest weight difference, 2 ranks vs 1 process: %g", diff);
        QVERIFY2(diff <= 1e-5, qPrintable(QString("weights differ by %1 %2").arg(diff).arg(why)));
        // The epoch decisions (plateau, best epoch) rest on the same numbers: the histories agree closely.
        const QJsonArray h1 = fault::bundleManifest(fault::readBytes(one)).value("history").toArray();
        const QJsonArray h2 = fault::bundleManifest(fault::readBytes(two)).value("history").toArray();
        QCOMPARE(h2.size(), h1.size());
        for (int i = 0; i < h1.size(); ++i)
            QVERIFY(std::abs(h1[i].toObject().value("trainLoss").toDouble() - h2[i].toObject().value("trainLoss").toDouble()) < 1e-5);
    }

    void rankWithoutPartnerStopsWithinTheTimeout()
    {
        const int port = testing::freeLoopbackPort();
        QElapsedTimer t;
        t.start();
        const auto r = fault::runCli(kCli, trainArgs(m_table, m_dir.filePath("alone.gsm"), 2, 10) + rankArgs(0, port, 3),
                                     0, 120000);
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("distributed") && r.err.contains(QString::number(port).toUtf8()), r.err.constData());
        QVERIFY2(t.elapsed() < 30000, qPrintable(QString("rank 0 alone took %1 ms to give up").arg(t.elapsed())));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("alone.gsm")));
    }

    void killedRankStopsTheOtherAndBothResume()
    {
        // Eight epochs after the kill point: rank 1 is still training when rank 0's second epoch report arrives.
        const int epochs = 10, batch = 4;
        const QString ref = m_dir.filePath("ref.gsm"), refCkpt = m_dir.filePath("ref.ckpt");
        QElapsedTimer refTimer;
        refTimer.start();
        runTwoRanks(trainArgs(m_bigTable, ref, epochs, batch) << "--checkpoint" << refCkpt << "--dist-check");
        if (QTest::currentTestFailed())
            return;
        qInfo("uninterrupted two-rank run: %lld ms for %d epochs", refTimer.elapsed(), epochs);

        const QString out = m_dir.filePath("killed.gsm"), ckpt = m_dir.filePath("killed.ckpt");
        const QStringList args = trainArgs(m_bigTable, out, epochs, batch) << "--checkpoint" << ckpt << "--dist-check";
        const double timeoutSeconds = 15;
        const int port = testing::freeLoopbackPort();
        auto r0 = startRank(args + rankArgs(0, port, timeoutSeconds));
        auto r1 = startRank(args + rankArgs(1, port, timeoutSeconds));
        // Wait for rank 0's second epoch report, then kill rank 1 in the middle of the third epoch.
        QByteArray text;
        const QDeadlineTimer deadline(300000);
        while (text.count("\"event\":\"epoch\"") < 2 && r0->state() != QProcess::NotRunning && !deadline.hasExpired()) {
            r0->waitForReadyRead(20);
            text += r0->readAllStandardOutput();
        }
        QVERIFY2(text.count("\"event\":\"epoch\"") >= 2, r0->readAllStandardError().constData());
        QVERIFY2(r1->state() == QProcess::Running, "rank 1 ended before it could be killed");
        ::kill(pid_t(r1->processId()), SIGKILL);
        QElapsedTimer sinceKill;
        sinceKill.start();
        QVERIFY(r1->waitForFinished(30000));
        QVERIFY2(r0->waitForFinished(int(timeoutSeconds * 1000) + 30000), "rank 0 still runs after its partner died");
        const qint64 stopMs = sinceKill.elapsed();
        const QByteArray err0 = r0->readAllStandardError();
        text += r0->readAllStandardOutput();
        qInfo("rank 0 stopped %lld ms after rank 1 was killed: %s", stopMs, err0.trimmed().constData());
        QCOMPARE(r0->exitStatus(), QProcess::NormalExit);
        QCOMPARE(r0->exitCode(), 1);
        QVERIFY2(err0.contains("rank 0") && err0.contains("distributed"), err0.constData());
        QVERIFY(stopMs < qint64(timeoutSeconds * 1000) + 20000);
        QVERIFY2(!text.contains("\"event\":\"saved\""), "the run finished before the kill took effect");
        QVERIFY(!QFileInfo::exists(out));

        auto header = training::readCheckpointHeader(ckpt.toStdString());
        QVERIFY2(header.ok(), "no intact checkpoint to resume from");
        const int resumedFrom = header->value("epoch").toInt();
        QVERIFY(resumedFrom >= 2 && resumedFrom < epochs);
        QVERIFY(fault::atomicTemporaries(m_dir.path()).isEmpty());

        QByteArray out0;
        runTwoRanks(args + QStringList{"--resume", ckpt}, &out0);
        if (QTest::currentTestFailed())
            return;
        qInfo("both ranks resumed from epoch %d and finished", resumedFrom);
        const QByteArray refBytes = fault::readBytes(ref), runBytes = fault::readBytes(out);
        QVERIFY(!fault::bundleWeights(refBytes).isEmpty());
        QVERIFY2(fault::bundleWeights(refBytes) == fault::bundleWeights(runBytes),
                 "the resumed two-rank model differs from the uninterrupted two-rank run's");
        QCOMPARE(fault::historyWithoutTimes(fault::bundleManifest(runBytes).value("history").toArray()),
                 fault::historyWithoutTimes(fault::bundleManifest(refBytes).value("history").toArray()));
    }

    void ranksRefuseDifferentCheckpoints()
    {
        // Rank 1 resumes from another run's checkpoint (as when a machine holds a stale copy): both stop.
        const QString a = m_dir.filePath("a.ckpt"), b = m_dir.filePath("b.ckpt");
        const auto base = trainArgs(m_table, m_dir.filePath("mixed.gsm"), 8, 10);
        for (const auto &[ckpt, seed] : {std::pair{a, "11"}, std::pair{b, "12"}}) {
            const auto r = fault::runCli(kCli, trainArgs(m_table, m_dir.filePath("x.gsm"), 2, 10)
                                                   << "--seed" << seed << "--checkpoint" << ckpt);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        const int port = testing::freeLoopbackPort();
        // Both files hold epoch 2, of runs with different seeds.
        auto r0 = startRank(base + QStringList{"--checkpoint", a, "--resume", a} + rankArgs(0, port, 30));
        auto r1 = startRank(base + QStringList{"--checkpoint", b, "--resume", b} + rankArgs(1, port, 30));
        QVERIFY(r0->waitForFinished(120000));
        QVERIFY(r1->waitForFinished(120000));
        const QByteArray e0 = r0->readAllStandardError(), e1 = r1->readAllStandardError();
        QCOMPARE(r0->exitCode(), 1);
        QCOMPARE(r1->exitCode(), 1);
        QVERIFY2(e0.contains("same checkpoint") && e1.contains("same checkpoint"), (e0 + e1).constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath("mixed.gsm")));
    }
};

QTEST_GUILESS_MAIN(TestDistributedTraining)
#include "tst_distributedtraining.moc"
