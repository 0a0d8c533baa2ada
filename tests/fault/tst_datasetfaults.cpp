// Fault tests (issue #12) on dataset folders: a read-only dataset (scanning and training work, the
// feature cache lives elsewhere, nothing in the dataset changes) and a dataset that changes while it
// is being scanned (files deleted and added mid-scan: no crash, the vanished file is reported).
#include "faultsupport.h"

#include "support/audiogen.h"
#include "data/dataset.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <filesystem>
#include <sys/stat.h>

using namespace genrescope;
namespace fs = std::filesystem;

namespace {

const QString kCli = QStringLiteral(GS_CLI_PATH);

/** root/<genre>/<genre>_<i>.wav: sines for one genre, noise for the other, `seconds` long. */
void writeDataset(const fs::path &root, int perGenre, double seconds)
{
    for (int g = 0; g < 2; ++g) {
        const std::string genre = g == 0 ? "tonal" : "noisy";
        fs::create_directories(root / genre);
        for (int i = 0; i < perGenre; ++i) {
            const auto samples = g == 0 ? test::sine(220.0 * (i + 1), 22050, seconds)
                                        : test::noise(22050, seconds, 1, 0.5f, unsigned(i + 1));
            const auto written = test::writeAudioFile(root / genre / (genre + "_" + std::to_string(i) + ".wav"),
                                                      samples, 22050, 1, test::AudioFormat::WavS16);
            QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
        }
    }
}

/** Every path under root with its size, mode and mtime: what "nothing changed" compares. */
QStringList snapshot(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        struct stat st{};
        ::lstat(QFile::encodeName(p).constData(), &st);
        out << QString("%1 %2 %3 %4.%5").arg(p).arg(qint64(st.st_size)).arg(st.st_mode, 0, 8)
                   .arg(qint64(st.st_mtim.tv_sec)).arg(qint64(st.st_mtim.tv_nsec));
    }
    out.sort();
    return out;
}

void setWritable(const QString &root, bool writable)
{
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList paths{root};
    while (it.hasNext())
        paths << it.next();
    for (const QString &p : paths) {
        const bool dir = QFileInfo(p).isDir();
        ::chmod(QFile::encodeName(p).constData(), writable ? (dir ? 0755 : 0644) : (dir ? 0555 : 0444));
    }
}

} // namespace

class TestDatasetFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readOnlyDatasetScansAndTrainsWithTheCacheElsewhere()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.filePath("dataset"), cache = dir.filePath("cache"), out = dir.filePath("m.gsm");
        writeDataset(root.toStdString(), 6, 1.0);
        if (QTest::currentTestFailed())
            return;
        setWritable(root, false);
        const QStringList before = snapshot(root);

        const fault::CliRun scan = fault::runCli(kCli, {"dataset", "scan", root, "--json"});
        QVERIFY2(!scan.crashed && scan.exitCode == 0, scan.err.constData());
        QVERIFY2(scan.out.contains("\"tonal\"") && scan.out.contains("\"noisy\""), scan.out.constData());

        const QStringList train{"train", "--data", root, "--model", "mlp", "--set", "hidden1=8", "--set", "hidden2=8",
                                "--epochs", "2", "--threads", "1", "--cache", cache, "--jsonl", "--out", out,
                                "--val-fraction", "0.2", "--test-fraction", "0.2"};
        const fault::CliRun first = fault::runCli(kCli, train);
        QVERIFY2(!first.crashed && first.exitCode == 0, first.err.constData());
        QVERIFY(QFileInfo(out).size() > 0);
        // Second run: every clip's features come from the cache outside the dataset.
        const fault::CliRun second = fault::runCli(kCli, train);
        QVERIFY2(!second.crashed && second.exitCode == 0, second.err.constData());
        QVERIFY2(second.out.contains("\"cacheHits\":12"), second.out.left(2000).constData());

        QCOMPARE(snapshot(root), before);
        setWritable(root, true);
    }

    void filesVanishingDuringAScanAreReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path root = dir.filePath("dataset").toStdString();
        writeDataset(root, 4, 0.5);
        if (QTest::currentTestFailed())
            return;
        const fs::path victim = root / "noisy" / "noisy_3.wav";
        const fs::path victimDir = root / "tonal";
        const fs::path added = root / "noisy" / "noisy_added.wav";
        std::atomic<int> calls{0};
        data::ScanOptions options;
        const data::ProbeFn real = data::defaultProbe();
        QVERIFY(bool(real));
        // The first probe deletes a file not yet probed, adds a new one, and empties the genre folder
        // that has not been reached yet except for one file: the scan must go on and report them.
        options.probe = [&](const fs::path &p) -> base::Result<double> {
            if (calls.fetch_add(1) == 0) {
                std::error_code ec;
                fs::remove(victim, ec);
                fs::copy_file(root / "noisy" / "noisy_0.wav", added, ec);
                fs::remove(victimDir / "tonal_1.wav", ec);
                fs::remove(victimDir / "tonal_2.wav", ec);
            }
            return real(p);
        };
        options.contentHash = data::decodedAudioHash();
        auto scanned = data::scanGenreFolders(root, options);
        QVERIFY2(scanned.ok(), scanned.ok() ? "" : scanned.error().toString().c_str());
        const data::ScanReport &report = scanned->report;
        QStringList vanished;
        for (const data::SkippedFile &s : report.problems)
            if (s.reason == data::SkipReason::Unreadable)
                vanished << QString::fromStdString(s.path.filename().string());
        vanished.sort();
        QVERIFY2(vanished.contains("noisy_3.wav"), qPrintable(vanished.join(", ")));
        QVERIFY2(vanished.contains("tonal_1.wav") && vanished.contains("tonal_2.wav"), qPrintable(vanished.join(", ")));
        QCOMPARE(scanned->items.size() + std::size_t(vanished.size()), report.candidates);
        for (const data::Item &item : scanned->items)
            QVERIFY2(fs::exists(item.path), item.path.c_str());
    }

    void genreFolderRemovedDuringAScanIsNotACrash()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const fs::path root = dir.filePath("dataset").toStdString();
        writeDataset(root, 3, 0.5);
        if (QTest::currentTestFailed())
            return;
        std::atomic<int> calls{0};
        data::ScanOptions options;
        const data::ProbeFn real = data::defaultProbe();
        options.probe = [&](const fs::path &p) -> base::Result<double> {
            if (calls.fetch_add(1) == 0) {
                std::error_code ec;
                fs::remove_all(root / "tonal", ec);
                fs::remove_all(root / "noisy", ec);
            }
            return real(p);
        };
        auto scanned = data::scanGenreFolders(root, options);
        // Either a dataset of what survived, or a clear error: never a crash, never a vanished item.
        if (scanned.ok()) {
            for (const data::Item &item : scanned->items)
                QVERIFY2(fs::exists(item.path), item.path.c_str());
            QVERIFY(scanned->report.problems.size() >= 5);
        } else {
            QVERIFY(!scanned.error().detail.empty());
        }
    }
};

QTEST_GUILESS_MAIN(TestDatasetFaults)
#include "tst_datasetfaults.moc"
