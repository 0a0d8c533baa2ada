#include "data/datainfo.h"
#include "data/featurecache.h"

#include "base/atomicfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace genrescope;
using namespace genrescope::data;
namespace fs = std::filesystem;

namespace {

CachedFeatures makeFeatures(float base, std::int64_t rows = 4, std::int64_t cols = 3)
{
    CachedFeatures f;
    f.shape = {rows, cols};
    for (std::int64_t i = 0; i < rows * cols; ++i)
        f.data.push_back(base + float(i));
    f.metadata = "{\"base\":" + std::to_string(base) + "}";
    return f;
}

struct Fixture
{
    QTemporaryDir tmp;
    fs::path dir;
    fs::path audio;
    FeatureCache cache;

    Fixture() : dir(fs::path(tmp.path().toStdString())), audio(dir / "song.wav"), cache(dir / "cache")
    {
        std::ofstream(audio, std::ios::binary) << "pretend audio bytes";
    }
    CacheKey key(const std::string &config = "cfg-1") const
    {
        return CacheKey{FileIdentity::of(audio).value(), config};
    }
};

void writeRaw(const fs::path &p, const std::string &bytes)
{
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

} // namespace

class TestFeatureCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missThenHitWithTheSameValue()
    {
        Fixture f;
        QVERIFY(!f.cache.lookup(f.key()));
        QVERIFY(f.cache.store(f.key(), makeFeatures(1)).ok());
        auto hit = f.cache.lookup(f.key());
        QVERIFY(hit);
        QCOMPARE(hit->shape, (std::vector<std::int64_t>{4, 3}));
        QCOMPARE(hit->data, makeFeatures(1).data);
        QCOMPARE(hit->metadata, makeFeatures(1).metadata);
        QCOMPARE(f.cache.stats().hits, std::uint64_t(1));
        QCOMPARE(f.cache.stats().misses, std::uint64_t(1));
        QCOMPARE(f.cache.stats().damaged, std::uint64_t(0));
    }

    void getOrComputeComputesOnce()
    {
        Fixture f;
        int computed = 0;
        auto compute = [&]() -> base::Result<CachedFeatures> {
            ++computed;
            return makeFeatures(7);
        };
        QCOMPARE(f.cache.getOrCompute(f.key(), compute).value().data, makeFeatures(7).data);
        QCOMPARE(f.cache.getOrCompute(f.key(), compute).value().data, makeFeatures(7).data);
        QCOMPARE(computed, 1);
        // A failing compute is returned and nothing is stored.
        auto failing = f.cache.getOrCompute(f.key("other"), [] () -> base::Result<CachedFeatures> {
            return base::makeError(base::ErrorCode::CorruptData, "decode failed");
        });
        QVERIFY(!failing.ok());
        QCOMPARE(failing.error().code, base::ErrorCode::CorruptData);
        QVERIFY(!f.cache.lookup(f.key("other")));
    }

    void touchingTheFileOrChangingTheConfigInvalidates()
    {
        Fixture f;
        QVERIFY(f.cache.store(f.key(), makeFeatures(1)).ok());
        QVERIFY(f.cache.lookup(f.key()));
        QVERIFY(!f.cache.lookup(f.key("cfg-2"))); // other FeatureConfig hash
        // touch: a newer mtime, same size and bytes
        const CacheKey before = f.key();
        fs::last_write_time(f.audio, fs::last_write_time(f.audio) + std::chrono::seconds(3));
        QVERIFY(f.key().file.mtimeNs != before.file.mtimeNs);
        QVERIFY(!f.cache.lookup(f.key()));
        // rewrite with another size, mtime put back: still a miss because the size changed
        const auto mtime = fs::last_write_time(f.audio);
        QVERIFY(f.cache.store(f.key(), makeFeatures(2)).ok());
        std::ofstream(f.audio, std::ios::binary | std::ios::app) << "more";
        fs::last_write_time(f.audio, mtime);
        QVERIFY(!f.cache.lookup(f.key()));
        int computed = 0;
        auto v = f.cache.getOrCompute(f.key(), [&]() -> base::Result<CachedFeatures> {
            ++computed;
            return makeFeatures(3);
        });
        QCOMPARE(computed, 1);
        QCOMPARE(v.value().data, makeFeatures(3).data);
    }

    void damagedEntriesAreRecomputedNeverTrusted()
    {
        Fixture f;
        const CacheKey key = f.key();
        const fs::path entry = f.cache.entryPath(key);
        QVERIFY(f.cache.store(key, makeFeatures(1, 64, 8)).ok());
        const std::string good = base::readFile(entry).value();

        std::vector<std::pair<const char *, std::string>> damage;
        damage.push_back({"truncated payload", good.substr(0, good.size() - 100)});
        damage.push_back({"truncated header", good.substr(0, 12)});
        damage.push_back({"empty", std::string()});
        damage.push_back({"garbage", std::string(good.size(), 'x')});
        std::string flippedPayload = good;
        flippedPayload[good.size() - 300] ^= 0x01;
        damage.push_back({"flipped payload bit", flippedPayload});
        std::string flippedShape = good;
        flippedShape[good.size() - 20 - 8 - 64 * 8 * 4 - 8] ^= 0x02; // inside the last shape dimension
        damage.push_back({"flipped shape bit", flippedShape});
        std::string flippedChecksum = good;
        flippedChecksum.back() ^= 0x40;
        damage.push_back({"flipped checksum", flippedChecksum});
        std::string extra = good + "tail";
        damage.push_back({"trailing bytes", extra});
        std::string otherVersion = good;
        const std::uint32_t v = kCacheFormatVersion + 1;
        std::memcpy(otherVersion.data() + 8, &v, 4);
        damage.push_back({"other format version", otherVersion});

        for (const auto &[what, bytes] : damage) {
            writeRaw(entry, bytes);
            const auto damagedBefore = f.cache.stats().damaged;
            QVERIFY2(!f.cache.lookup(key), what);
            QCOMPARE(f.cache.stats().damaged, damagedBefore + 1);
            QVERIFY2(!fs::exists(entry), what); // the bad entry is removed
            writeRaw(entry, bytes);
            int computed = 0;
            auto value = f.cache.getOrCompute(key, [&]() -> base::Result<CachedFeatures> {
                ++computed;
                return makeFeatures(1, 64, 8);
            });
            QCOMPARE(computed, 1);
            QCOMPARE(value.value().data, makeFeatures(1, 64, 8).data);
            QCOMPARE(base::readFile(entry).value(), good); // rewritten whole
        }
    }

    void anEntryForAnotherKeyIsAMiss()
    {
        // What a collision in the file name would look like: the file holds another key's entry.
        Fixture f;
        const CacheKey a = f.key("cfg-a"), b = f.key("cfg-b");
        QVERIFY(f.cache.store(a, makeFeatures(1)).ok());
        fs::create_directories(f.cache.entryPath(b).parent_path());
        fs::copy_file(f.cache.entryPath(a), f.cache.entryPath(b));
        QVERIFY(!f.cache.lookup(b));
        QVERIFY(f.cache.lookup(a));
    }

    void keysAreUnambiguous()
    {
        CacheKey x{{"/a|size:1", 2, 3}, "c"};
        CacheKey y{{"/a", 1, 3}, "c"};
        QVERIFY(x.canonical() != y.canonical());
        CacheKey z{{"/a", 1, 3}, "c:"};
        QVERIFY(y.canonical() != z.canonical());
        QVERIFY(!FileIdentity::of("/nonexistent/file.wav").ok());
    }

    void storeRejectsAShapeThatDoesNotFit()
    {
        Fixture f;
        CachedFeatures bad = makeFeatures(1);
        bad.data.pop_back();
        QCOMPARE(f.cache.store(f.key(), bad).error().code, base::ErrorCode::InvalidArgument);
        CachedFeatures scalar;
        scalar.data = {42.f}; // rank 0 holds one value
        QVERIFY(f.cache.store(f.key("scalar"), scalar).ok());
        QCOMPARE(f.cache.lookup(f.key("scalar"))->data, std::vector<float>{42.f});
    }

    void usageAndClear()
    {
        Fixture f;
        QCOMPARE(f.cache.usage().value().entries, std::size_t(0));
        for (int i = 0; i < 3; ++i)
            QVERIFY(f.cache.store(f.key("c" + std::to_string(i)), makeFeatures(float(i))).ok());
        const auto u = f.cache.usage().value();
        QCOMPARE(u.entries, std::size_t(3));
        QVERIFY(u.bytes > 3 * 12 * sizeof(float));
        // a stale temporary file from a crashed writer, and a file that is not ours
        const fs::path sub = f.cache.entryPath(f.key("c0")).parent_path();
        writeRaw(sub / ".abc.gsf.tmp-123456", "half");
        writeRaw(f.cache.directory() / "notes.txt", "keep me");
        QCOMPARE(f.cache.usage().value().entries, std::size_t(3));
        QVERIFY(f.cache.clear().ok());
        QCOMPARE(f.cache.usage().value().entries, std::size_t(0));
        QVERIFY(!fs::exists(sub / ".abc.gsf.tmp-123456"));
        QVERIFY(fs::exists(f.cache.directory() / "notes.txt"));
        QVERIFY(!f.cache.lookup(f.key("c1")));
    }

    void defaultDirectoryFollowsXdg()
    {
        const QByteArray oldXdg = qgetenv("XDG_CACHE_HOME");
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("XDG_CACHE_HOME", "/xdg/cache");
        QCOMPARE(FeatureCache::defaultDirectory(), fs::path("/xdg/cache/genrescope/features"));
        qunsetenv("XDG_CACHE_HOME");
        qputenv("HOME", "/home/someone");
        QCOMPARE(FeatureCache::defaultDirectory(), fs::path("/home/someone/.cache/genrescope/features"));
        qputenv("XDG_CACHE_HOME", "relative/ignored");
        QCOMPARE(FeatureCache::defaultDirectory(), fs::path("/home/someone/.cache/genrescope/features"));
        if (oldXdg.isNull())
            qunsetenv("XDG_CACHE_HOME");
        else
            qputenv("XDG_CACHE_HOME", oldXdg);
        qputenv("HOME", oldHome);
    }

    void twoProcessesNeverReadABadEntry()
    {
        // Three forked writers/readers and this process hammer the same few keys. Each value is
        // self-describing (data[i] = version * 1000 + i, metadata = version), so a reader can tell a
        // whole entry from a mix of two; the damaged counter tells whether any entry failed its checks.
        Fixture f;
        std::vector<CacheKey> keys;
        for (int k = 0; k < 4; ++k)
            keys.push_back(f.key("shared-" + std::to_string(k)));

        int parentHits = 0;
        auto hammer = [&](unsigned seed, int rounds) -> int {
            FeatureCache cache(f.cache.directory());
            std::mt19937 rng(seed);
            int bad = 0;
            for (int r = 0; r < rounds; ++r) {
                const CacheKey &key = keys[rng() % keys.size()];
                if (auto hit = cache.lookup(key)) {
                    ++parentHits; // only the parent's count is read
                    const int version = std::stoi(hit->metadata);
                    if (hit->data.size() != 20000)
                        ++bad;
                    else
                        for (std::size_t i = 0; i < hit->data.size(); i += 97)
                            if (hit->data[i] != float(version * 1000 + int(i)))
                                ++bad;
                }
                CachedFeatures v;
                const int version = int(rng() % 1000);
                v.shape = {100, 200};
                v.data.resize(20000);
                for (std::size_t i = 0; i < v.data.size(); ++i)
                    v.data[i] = float(version * 1000 + int(i));
                v.metadata = std::to_string(version);
                const auto stored = cache.store(key, v);
                if (!stored.ok()) {
                    std::fprintf(stderr, "store failed: %s\n", stored.error().toString().c_str());
                    ++bad;
                }
            }
            return bad + int(cache.stats().damaged);
        };

        std::vector<pid_t> children;
        for (unsigned c = 0; c < 3; ++c) {
            const pid_t pid = ::fork();
            QVERIFY(pid >= 0);
            if (pid == 0)
                ::_exit(std::min(hammer(100 + c, 60), 100));
            children.push_back(pid);
        }
        const int parentBad = hammer(7, 60);
        std::vector<int> statuses;
        for (pid_t pid : children) { // reap every child before any check can return early
            int status = 0;
            if (::waitpid(pid, &status, 0) != pid)
                status = -1;
            statuses.push_back(status);
        }
        for (int status : statuses) {
            QVERIFY(status != -1 && WIFEXITED(status));
            QCOMPARE(WEXITSTATUS(status), 0);
        }
        QCOMPARE(parentBad, 0);
        QVERIFY(parentHits > 0);
        for (const auto &key : keys)
            QVERIFY(f.cache.lookup(key)); // every key ends with a whole entry
    }
};

QTEST_GUILESS_MAIN(TestFeatureCache)
#include "tst_featurecache.moc"
