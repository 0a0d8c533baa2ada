// genrescope-cli compare as a script uses it: the shipped default model against a copy of itself on a
// generated two-genre set (same predictions, so McNemar finds no discordant song), JSON and CSV output,
// a usage error and a dataset genre the models do not know.
#include "support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(GS_CLI_EXE), QStringList{"compare"} + args);
    Run r;
    if (!p.waitForFinished(180000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFile::exists(QStringLiteral(GS_DEFAULT_MODEL)))
            QSKIP("the default model resources/models/default.gsm is not in this checkout");
        m_a = m_dir.filePath("first.gsm");
        m_b = m_dir.filePath("second.gsm");
        QVERIFY(QFile::copy(QStringLiteral(GS_DEFAULT_MODEL), m_a));
        QVERIFY(QFile::copy(QStringLiteral(GS_DEFAULT_MODEL), m_b));
        m_data = m_dir.filePath("set");
        QVERIFY(QDir().mkpath(m_data + "/blues") && QDir().mkpath(m_data + "/rock"));
        for (int i = 0; i < 2; ++i) {
            QVERIFY(!genrescope::test::writeSineWav(m_data + QString("/blues/b%1.wav").arg(i), 3.0, 220 + 30 * i).isEmpty());
            QVERIFY(!genrescope::test::writeSineWav(m_data + QString("/rock/r%1.wav").arg(i), 3.0, 3000 + 300 * i).isEmpty());
        }
    }

    void oneModelIsAUsageError()
    {
        const Run r = runCli({"--model", m_a, "--data", m_data});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("at least two"));
    }

    void jsonReportsTheComparison()
    {
        const Run r = runCli({"--model", m_a, "--model", m_b, "--data", m_data, "--json", "-j", "2"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("songs").toInt(), 4);
        const QJsonArray models = j.value("models").toArray();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].toObject().value("name").toString(), QString("first"));
        QCOMPARE(models[1].toObject().value("name").toString(), QString("second"));
        QCOMPARE(models[0].toObject().value("songAccuracy").toDouble(),
                 models[1].toObject().value("songAccuracy").toDouble());
        QVERIFY(models[0].toObject().value("parameters").toDouble() > 1000);
        const QJsonObject m = j.value("mcnemar").toArray().at(0).toObject();
        QCOMPARE(m.value("b").toInt(), 0);
        QCOMPARE(m.value("c").toInt(), 0);
        QCOMPARE(m.value("pValue").toDouble(), 1.0);
        QCOMPARE(m.value("method").toString(), QString("exact-binomial"));
        QCOMPARE(m.value("bothRight").toInt() + m.value("bothWrong").toInt(), 4);
        QCOMPARE(j.value("disagreements").toArray().size(), 0);
    }

    void tablesAndCsvFiles()
    {
        QTemporaryDir out;
        const Run r = runCli({"--model", m_a, "--model", m_b, "--data", m_data, "--csv-out", out.path()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("McNemar"));
        QVERIFY(r.out.contains("4 songs compared"));
        QFile summary(out.filePath("summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = summary.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("model,kind,songs,segment_accuracy,song_accuracy,macro_f1"));
        QVERIFY(lines[1].startsWith("first,bundle,4,"));
        for (const char *f : {"mcnemar.csv", "disagreements.csv", "skipped.csv", "model1_confusion.csv",
                              "model2_predictions.csv"})
            QVERIFY2(QFile::exists(out.filePath(f)), f);
    }

    void aGenreTheModelsDoNotKnowFails()
    {
        const QString data = m_dir.filePath("polkaset");
        QVERIFY(QDir().mkpath(data + "/polka") && QDir().mkpath(data + "/rock"));
        QVERIFY(!genrescope::test::writeSineWav(data + "/polka/p.wav", 3.0, 440).isEmpty());
        QVERIFY(!genrescope::test::writeSineWav(data + "/rock/r.wav", 3.0, 880).isEmpty());
        const Run r = runCli({"--model", m_a, "--model", m_b, "--data", data});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("polka"));
    }

private:
    QTemporaryDir m_dir;
    QString m_a, m_b, m_data;
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_clicompare.moc"
