// `genrescope-cli features --dataset DIR --shard R/N` (issue #13): two processes filling one cache
// with shards 0/2 and 1/2 give exactly the cache one process gives (the same entry files, byte for
// byte), no file is computed twice, and a rerun computes only what is missing.
#include "faultsupport.h"

#include "support/audiogen.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace genrescope;

namespace {

const QString kCli = QStringLiteral(GS_CLI_PATH);

/** Entry files of a cache folder (relative path -> bytes), temporaries excluded. */
std::map<QString, QByteArray> cacheEntries(const QString &dir)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains(".tmp-"))
            out[QDir(dir).relativeFilePath(path)] = fault::readBytes(path);
    }
    return out;
}

QJsonObject summaryLine(const QByteArray &out)
{
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value("event").toString() == "shard")
            return o;
    }
    return {};
}

} // namespace

class TestShardedFeatures : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data;

    QStringList args(const QString &cache, const QString &shard) const
    {
        return {"features", "--dataset", m_data, "--recipe", "logmel96", "--cache", cache, "--shard", shard,
                "--threads", "1", "--json"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
        m_data = m_dir.filePath("data");
        // 3 genres x 3 clips of 2 s: tones, chirps and noise, so every file's features differ.
        const std::vector<std::string> genres{"blues", "jazz", "rock"};
        for (std::size_t g = 0; g < genres.size(); ++g) {
            QVERIFY(QDir().mkpath(m_data + "/" + QString::fromStdString(genres[g])));
            for (int i = 0; i < 3; ++i) {
                const auto samples = g == 0   ? test::sine(220.0 * (i + 1), 22050, 2.0)
                                     : g == 1 ? test::chirp(100.0 * (i + 1), 4000, 22050, 2.0)
                                              : test::noise(22050, 2.0, 1, 0.3f, unsigned(i + 1));
                const std::string path = m_data.toStdString() + "/" + genres[g] + "/" + genres[g] + "." +
                                         std::to_string(i) + ".wav";
                auto st = test::writeAudioFile(path, samples, 22050, 1, test::AudioFormat::WavS16);
                QVERIFY2(st.ok(), st.ok() ? "" : st.error().toString().c_str());
            }
        }
    }

    void twoShardsFillTheSameCacheAsOneProcess()
    {
        const QString single = m_dir.filePath("single"), sharded = m_dir.filePath("sharded");
        const auto one = fault::runCli(kCli, args(single, "0/1"));
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QCOMPARE(summaryLine(one.out).value("cacheMisses").toInt(), 9);

        QProcess a, b;
        a.start(kCli, args(sharded, "0/2"));
        b.start(kCli, args(sharded, "1/2"));
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());
        const QJsonObject sa = summaryLine(a.readAllStandardOutput()), sb = summaryLine(b.readAllStandardOutput());
        // Every file computed exactly once over the two shards.
        QCOMPARE(sa.value("files").toInt() + sb.value("files").toInt(), 9);
        QCOMPARE(sa.value("cacheMisses").toInt(), sa.value("files").toInt());
        QCOMPARE(sb.value("cacheMisses").toInt(), sb.value("files").toInt());
        QVERIFY(std::abs(sa.value("files").toInt() - sb.value("files").toInt()) <= 1);

        const auto expected = cacheEntries(single), got = cacheEntries(sharded);
        QCOMPARE(int(expected.size()), 9);
        QCOMPARE(got.size(), expected.size());
        for (const auto &[name, bytes] : expected) {
            QVERIFY2(got.count(name), qPrintable(name + " is missing from the sharded cache"));
            QVERIFY2(got.at(name) == bytes, qPrintable(name + " differs from the single-process entry"));
        }
    }

    void rerunComputesOnlyWhatIsMissing()
    {
        const QString cache = m_dir.filePath("rerun");
        const auto first = fault::runCli(kCli, args(cache, "1/2"));
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const int shardFiles = summaryLine(first.out).value("files").toInt();
        QVERIFY(shardFiles > 0);
        // Shard 1 again: all hits. The whole dataset: only shard 0's files are computed.
        const auto again = fault::runCli(kCli, args(cache, "1/2"));
        QCOMPARE(summaryLine(again.out).value("cacheMisses").toInt(), 0);
        QCOMPARE(summaryLine(again.out).value("cacheHits").toInt(), shardFiles);
        // A dead writer's temporary is ignored, and a removed entry is computed again.
        auto entries = cacheEntries(cache);
        QVERIFY(!entries.empty());
        const QString victim = cache + "/" + entries.begin()->first;
        QVERIFY(fault::writeBytes(victim + ".tmp-12345", entries.begin()->second.left(40)));
        QVERIFY(QFile::remove(victim));
        const auto all = fault::runCli(kCli, args(cache, "0/1"));
        QVERIFY2(all.exitCode == 0, all.err.constData());
        QCOMPARE(summaryLine(all.out).value("cacheMisses").toInt(), 9 - shardFiles + 1);
        QCOMPARE(summaryLine(all.out).value("cacheHits").toInt(), shardFiles - 1);
        QCOMPARE(int(cacheEntries(cache).size()), 9);
    }

    void badShardIsAUsageError()
    {
        const auto r = fault::runCli(kCli, args(m_dir.filePath("bad"), "2/2"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--shard"));
    }
};

QTEST_GUILESS_MAIN(TestShardedFeatures)
#include "tst_shardedfeatures.moc"
