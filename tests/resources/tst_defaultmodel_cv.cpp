// Issue #10: the default model's card figures are reproducible. Reruns the README's documented command
// (genrescope-cli train ... --folds 10 --seed 1 --threads 1, then genrescope-cli bundle --complete-card
// --reproducible) on ../shared/data and checks that the recomputed cross-validated accuracy matches the
// shipped card within the card's spread. Skipped without ../shared/data. Slow (10 folds of MLP training).
#include "models/loadedmodel.h"
#include "support/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace genrescope;

class TestDefaultModelCv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void documentedCommandReproducesTheCardAccuracy()
    {
        GS_REQUIRE_SHARED_DATA(shared);
        const QString table = QString::fromStdString((shared / "gtzan-features" / "features_30_sec.csv").string());
        if (!QFile::exists(table))
            QSKIP("skipped: no gtzan-features/features_30_sec.csv in the shared data");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath("default.gsm");

        QProcess train;
        train.setProcessChannelMode(QProcess::MergedChannels);
        train.start(GS_CLI, {"train", "--data", table, "--model", "mlp", "--folds", "10", "--seed", "1", "--threads",
                             "1", "--out", out});
        QVERIFY(train.waitForStarted());
        QVERIFY2(train.waitForFinished(-1), "train did not finish");
        QVERIFY2(train.exitStatus() == QProcess::NormalExit && train.exitCode() == 0,
                 train.readAll().right(2000).constData());

        QProcess finish;
        finish.setProcessChannelMode(QProcess::MergedChannels);
        finish.start(GS_CLI, {"bundle", out, "--complete-card", "--reproducible"});
        QVERIFY(finish.waitForStarted());
        QVERIFY(finish.waitForFinished(-1));
        QVERIFY2(finish.exitCode() == 0, finish.readAll().constData());

        auto shipped = models::loadModel(GS_DEFAULT_MODEL);
        QVERIFY(shipped.ok());
        auto rerun = models::loadModel(out.toStdString());
        QVERIFY2(rerun.ok(), rerun.ok() ? "" : rerun.error().toString().c_str());
        const QJsonObject cardCv = (*shipped)->card().value("crossValidation").toObject();
        const QJsonObject rerunCv = (*rerun)->card().value("crossValidation").toObject();
        const double mean = cardCv.value("songAccuracyMean").toDouble();
        const double spread = cardCv.value("songAccuracyStd").toDouble();
        const double again = rerunCv.value("songAccuracyMean").toDouble();
        QVERIFY(spread > 0);
        QCOMPARE(rerunCv.value("folds").toInt(), 10);
        QVERIFY2(std::abs(again - mean) <= spread,
                 qPrintable(QString("recomputed %1, card %2 +- %3").arg(again).arg(mean).arg(spread)));
        // Same machine, same libtorch: normally identical; another CPU may round differently.
        qInfo("recomputed cross-validated song accuracy %.4f, card %.4f +- %.4f", again, mean, spread);
    }
};

QTEST_GUILESS_MAIN(TestDefaultModelCv)
#include "tst_defaultmodel_cv.moc"
