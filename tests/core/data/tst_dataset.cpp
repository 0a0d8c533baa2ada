#include "wavfiles.h"

#include "data/csvreader.h"
#include "data/dataset.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <mutex>

using namespace genrescope;
using namespace genrescope::data;
namespace fs = std::filesystem;

namespace {

const SkippedFile *findSkipped(const std::vector<SkippedFile> &list, const fs::path &p)
{
    for (const auto &s : list)
        if (s.path == p)
            return &s;
    return nullptr;
}

bool hasItem(const Dataset &d, const std::string &key)
{
    return std::any_of(d.items.begin(), d.items.end(), [&](const Item &i) { return i.key == key; });
}

/** A folder-per-genre dataset with every kind of trouble a real collection has. */
struct GenreTree
{
    QTemporaryDir tmp;
    fs::path root;

    GenreTree()
    {
        root = fs::path(tmp.path().toStdString()) / "set";
        test::writeSineWav(root / "blues" / "a.wav", 1.0, 440);
        test::writeSineWav(root / "blues" / "b.wav", 1.0, 550);
        test::writeSineWav(root / "blues" / "live" / "2019" / "c.wav", 1.0, 660); // nested
        test::writeText(root / "blues" / "notes.txt", "liner notes");
        test::writeText(root / "blues" / "cover.jpg", "not really a jpeg");
        test::writeText(root / "blues" / ".DS_Store", "finder");
        test::writeSineWav(root / "jazz" / "caf\xC3\xA9 \xC3\xBC.wav", 1.0, 700); // UTF-8 name
        test::writeSineWav(root / "rock" / "d.wav", 1.0, 880);
        fs::copy_file(root / "rock" / "d.wav", root / "rock" / "d copy.wav"); // duplicate bytes
        test::writeSineWav(root / "rock" / "short.wav", 0.1, 880);
        test::writeText(root / "rock" / "fake.wav", "this is a text file named .wav");
        test::writeSineWav(root / "rock" / ".hidden" / "e.wav", 1.0, 990);
        test::writeText(root / "README.md", "top-level file");
    }

    ScanOptions options() const
    {
        ScanOptions o;
        o.probe = test::probeWav;
        o.minDurationSeconds = 0.5;
        return o;
    }
};

} // namespace

class TestDataset : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void genreFoldersKeepGoodFilesAndReportTheRest()
    {
        GenreTree t;
        auto result = scanGenreFolders(t.root, t.options());
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
        const Dataset &d = result.value();

        QCOMPARE(d.labels, (std::vector<std::string>{"blues", "jazz", "rock"}));
        QCOMPARE(d.items.size(), std::size_t(5));
        QVERIFY(hasItem(d, "blues/a.wav"));
        QVERIFY(hasItem(d, "blues/live/2019/c.wav"));
        QVERIFY(hasItem(d, "jazz/caf\xC3\xA9 \xC3\xBC.wav"));
        QVERIFY(hasItem(d, "rock/d copy.wav") != hasItem(d, "rock/d.wav"));
        QCOMPARE(d.report.classCounts.at("blues"), std::size_t(3));
        QCOMPARE(d.report.classCounts.at("jazz"), std::size_t(1));
        QCOMPARE(d.report.classCounts.at("rock"), std::size_t(1));
        QCOMPARE(d.report.candidates, std::size_t(8));

        QCOMPARE(d.report.problems.size(), std::size_t(3));
        const auto *fake = findSkipped(d.report.problems, t.root / "rock" / "fake.wav");
        QVERIFY(fake && fake->reason == SkipReason::Unreadable);
        QVERIFY(fake->detail.find("not-audio") != std::string::npos);
        const auto *shortFile = findSkipped(d.report.problems, t.root / "rock" / "short.wav");
        QVERIFY(shortFile && shortFile->reason == SkipReason::TooShort);
        // Sorted by path, so "d copy.wav" is kept and "d.wav" is its duplicate.
        const auto *dup = findSkipped(d.report.problems, t.root / "rock" / "d.wav");
        QVERIFY(dup && dup->reason == SkipReason::Duplicate);
        QVERIFY(dup->detail.find("d copy.wav") != std::string::npos);

        auto ignoredAs = [&](const fs::path &p, SkipReason r) {
            const auto *s = findSkipped(d.report.ignored, p);
            return s && s->reason == r;
        };
        QVERIFY(ignoredAs(t.root / "blues" / "notes.txt", SkipReason::NotAudio));
        QVERIFY(ignoredAs(t.root / "blues" / "cover.jpg", SkipReason::NotAudio));
        QVERIFY(ignoredAs(t.root / "blues" / ".DS_Store", SkipReason::Hidden));
        QVERIFY(ignoredAs(t.root / "rock" / ".hidden", SkipReason::Hidden));
        QVERIFY(ignoredAs(t.root / "README.md", SkipReason::NotInGenreFolder));
        QVERIFY(!findSkipped(d.report.ignored, t.root / "rock" / ".hidden" / "e.wav")); // folder listed, not walked
    }

    void itemsCarryLabelGroupAndDuration()
    {
        GenreTree t;
        auto d = scanGenreFolders(t.root, t.options()).value();
        for (const auto &item : d.items) {
            QCOMPARE(item.group, item.key);
            QVERIFY(!item.fixedSplit);
            QVERIFY(std::fabs(item.durationSeconds - 1.0) < 1e-3);
            QCOMPARE(item.label, item.key.substr(0, item.key.find('/')));
            QVERIFY(fs::exists(item.path));
        }
        QVERIFY(std::is_sorted(d.items.begin(), d.items.end(),
                               [](const Item &a, const Item &b) { return a.key < b.key; }));
        QCOMPARE(d.labelIndex("jazz"), 1);
        QCOMPARE(d.labelIndex("polka"), -1);
    }

    void parallelScanEqualsSerialScan()
    {
        GenreTree t;
        auto serial = scanGenreFolders(t.root, t.options()).value();
        ScanOptions o = t.options();
        o.parallelFor = base::threadedFor(2);
        auto parallel = scanGenreFolders(t.root, o).value();
        QCOMPARE(parallel.items.size(), serial.items.size());
        for (std::size_t i = 0; i < serial.items.size(); ++i)
            QCOMPARE(parallel.items[i].key, serial.items[i].key);
        QCOMPARE(parallel.report.problems.size(), serial.report.problems.size());
        for (std::size_t i = 0; i < serial.report.problems.size(); ++i)
            QCOMPARE(parallel.report.problems[i].path, serial.report.problems[i].path);
    }

    void progressEndsAtOneAndCancelStops()
    {
        GenreTree t;
        std::vector<double> seen;
        std::mutex m;
        auto ok = scanGenreFolders(t.root, t.options(), base::CancelToken::none(), [&](double f) {
            std::lock_guard lock(m);
            seen.push_back(f);
        });
        QVERIFY(ok.ok());
        QVERIFY(!seen.empty());
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));

        base::CancelToken cancel;
        ScanOptions o = t.options();
        int calls = 0;
        o.probe = [&](const fs::path &p) {
            if (++calls == 2)
                cancel.cancel();
            return test::probeWav(p);
        };
        auto cancelled = scanGenreFolders(t.root, o, cancel);
        QVERIFY(!cancelled.ok());
        QVERIFY(cancelled.error().isCancelled());
        QCOMPARE(calls, 2);
    }

    void decodedContentFindsReencodedDuplicates()
    {
        GenreTree t;
        ScanOptions o = t.options();
        // The same samples with a trailing chunk: other bytes, same audio. The injected content hash
        // reads only the PCM data chunk, as a decoder would.
        fs::copy_file(t.root / "blues" / "a.wav", t.root / "blues" / "a-again.wav");
        { std::ofstream(t.root / "blues" / "a-again.wav", std::ios::binary | std::ios::app) << "JUNK-trailing-bytes"; }
        o.contentHash = [](const fs::path &p) -> base::Result<std::string> {
            std::ifstream in(p, std::ios::binary);
            std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            std::uint32_t dataBytes = 0;
            std::memcpy(&dataBytes, b.data() + 40, 4);
            return b.substr(44, dataBytes);
        };
        auto d = scanGenreFolders(t.root, o).value();
        const auto *dup = findSkipped(d.report.problems, t.root / "blues" / "a.wav");
        QVERIFY(dup && dup->reason == SkipReason::Duplicate);
        QVERIFY(dup->detail.find("decoded audio") != std::string::npos);
    }

    void missingOrEmptyRootIsAnError()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        ScanOptions o;
        o.probe = test::probeWav;
        auto missing = scanGenreFolders(root / "nope", o);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, base::ErrorCode::FileNotFound);
        test::writeText(root / "only-a-file.wav", "x");
        auto noGenres = scanGenreFolders(root, o);
        QVERIFY(!noGenres.ok());
        QCOMPARE(noGenres.error().code, base::ErrorCode::InvalidArgument);
    }

    void defaultProbeReadsRealWavFiles()
    {
        if (!defaultProbe())
            QSKIP("skipped: this build has no audio::probe, so there is no default probe to check");
        GenreTree t;
        ScanOptions o;
        o.minDurationSeconds = 0.5;
        o.parallelFor = base::threadedFor(2);
        auto d = scanGenreFolders(t.root, o);
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().toString().c_str());
        QCOMPARE(d.value().items.size(), std::size_t(5));
        QCOMPARE(d.value().report.problems.size(), std::size_t(3));
        for (const auto &item : d.value().items)
            QVERIFY(std::fabs(item.durationSeconds - 1.0) < 0.01);
    }

    void audioExtensionsAreRecognised()
    {
        for (const char *e : {"mp3", ".WAV", "au", "flac", "ogg", "oga", "opus", "m4a", "aac", "aif", "aiff", "wma",
                              "mp4", "mkv", "webm"})
            QVERIFY2(isAudioExtension(e), e);
        for (const char *e : {"txt", ".jpg", "cue", "", ".DS_Store", "m3u"})
            QVERIFY2(!isAudioExtension(e), e);
    }

    // --- CSV --------------------------------------------------------------------------------------

    void csvHandlesQuotesNewlinesCrlfAndBom()
    {
        const std::string text = "\xEF\xBB\xBFpath,label\r\n"
                                 "\"a, b.wav\",rock\r\n"
                                 "\"say \"\"hi\"\".wav\",pop\n"
                                 "\n"
                                 "\"two\nlines.wav\",jazz\n"
                                 "plain.wav,\"\"\n";
        auto r = CsvReader::parse(text, "t.csv");
        QVERIFY(r.ok());
        const auto &rows = r.value();
        QCOMPARE(rows.size(), std::size_t(5));
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"path", "label"}));
        QCOMPARE(rows[1].fields[0], std::string("a, b.wav"));
        QCOMPARE(rows[2].fields[0], std::string("say \"hi\".wav"));
        QCOMPARE(rows[3].fields[0], std::string("two\nlines.wav"));
        QCOMPARE(rows[3].line, 5);
        QCOMPARE(rows[4].line, 7);
        QCOMPARE(rows[4].fields, (std::vector<std::string>{"plain.wav", ""}));
    }

    void csvRejectsUnclosedQuote()
    {
        auto r = CsvReader::parse("path,label\n\"open.wav,rock\n", "t.csv");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, base::ErrorCode::BadFormat);
        QVERIFY(r.error().detail.find("t.csv:2") != std::string::npos);
        auto after = CsvReader::parse("path,label\n\"x.wav\"junk,rock\n", "t.csv");
        QVERIFY(!after.ok());
    }

    // --- manifests --------------------------------------------------------------------------------

    void manifestReadsSplitsGroupsQuotedAndUtf8Paths()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        test::writeSineWav(root / "audio" / "with, comma.wav", 1.0, 300);
        test::writeSineWav(root / "audio" / "\xE6\x97\xA5\xE6\x9C\xAC.wav", 1.0, 400); // 日本
        test::writeSineWav(root / "audio" / "c.wav", 1.0, 500);
        test::writeSineWav(root / "audio" / "d.wav", 1.0, 600);
        test::writeText(root / "list.csv", "label,path,split,artist,comment\n"
                                           "rock,\"audio/with, comma.wav\",train,Band A,\"x, y\"\n"
                                           "jazz,audio/\xE6\x97\xA5\xE6\x9C\xAC.wav,val,Band B,\n"
                                           "jazz,audio/c.wav,validation,,\n"
                                           "rock,audio/d.wav,Test,Band A,\n"
                                           "rock,audio/missing.wav,test,Band C,\n");
        auto items = readManifest(root / "list.csv");
        QVERIFY2(items.ok(), items.ok() ? "" : items.error().toString().c_str());
        QCOMPARE(items.value().size(), std::size_t(5));
        const Item &first = items.value()[0];
        QCOMPARE(first.key, std::string("audio/with, comma.wav"));
        QCOMPARE(first.path, root / "audio" / "with, comma.wav");
        QCOMPARE(first.label, std::string("rock"));
        QCOMPARE(first.group, std::string("Band A"));
        QVERIFY(first.fixedSplit == Split::Train);
        QVERIFY(items.value()[1].fixedSplit == Split::Validation);
        QVERIFY(items.value()[2].fixedSplit == Split::Validation);
        QCOMPARE(items.value()[2].group, std::string("audio/c.wav")); // empty group -> the file itself
        QVERIFY(items.value()[3].fixedSplit == Split::Test);

        ScanOptions o;
        o.probe = test::probeWav;
        auto d = scanManifest(root / "list.csv", o);
        QVERIFY(d.ok());
        QCOMPARE(d.value().items.size(), std::size_t(4));
        QCOMPARE(d.value().labels, (std::vector<std::string>{"jazz", "rock"}));
        QCOMPARE(d.value().report.problems.size(), std::size_t(1));
        QCOMPARE(d.value().report.problems[0].reason, SkipReason::Unreadable);
        QVERIFY(d.value().report.problems[0].detail.find("file-not-found") != std::string::npos);
        // scanDataset dispatches a file to the manifest reader and a folder to the genre scan.
        QCOMPARE(scanDataset(root / "list.csv", o).value().items.size(), std::size_t(4));
    }

    void manifestErrorsNameTheLine()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        auto errorFor = [&](const std::string &text) {
            test::writeText(root / "m.csv", text);
            auto r = readManifest(root / "m.csv");
            return r.ok() ? std::string("ok") : r.error().toString();
        };
        const std::string shortRow = errorFor("path,label,split\na.wav,rock,train\nb.wav\n");
        QVERIFY2(shortRow.find("m.csv:3:") != std::string::npos, shortRow.c_str());
        const std::string badSplit = errorFor("path,label,split\na.wav,rock,train\nb.wav,rock,dev\n");
        QVERIFY2(badSplit.find("m.csv:3:") != std::string::npos, badSplit.c_str());
        QVERIFY2(badSplit.find("'dev'") != std::string::npos, badSplit.c_str());
        const std::string noLabel = errorFor("path,genre_name\na.wav,rock\n");
        QVERIFY2(noLabel.find("bad-format") == 0 && noLabel.find("label") != std::string::npos, noLabel.c_str());
        const std::string emptyLabel = errorFor("path,label\na.wav,\n");
        QVERIFY2(emptyLabel.find("m.csv:2:") != std::string::npos, emptyLabel.c_str());
        QVERIFY(errorFor("").find("empty-file") == 0);
        QVERIFY(errorFor("path,label\n").find("empty-file") == 0);
        QVERIFY(errorFor("path,label\n\n\n").find("empty-file") == 0);
    }

    void splitNamesParse()
    {
        QVERIFY(parseSplit("train") == Split::Train);
        QVERIFY(parseSplit(" VAL ") == Split::Validation);
        QVERIFY(parseSplit("validation") == Split::Validation);
        QVERIFY(parseSplit("test") == Split::Test);
        QVERIFY(!parseSplit("dev"));
        QVERIFY(!parseSplit(""));
        QCOMPARE(splitName(Split::Validation), std::string_view("validation"));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
