// DistributedOptions: rendezvous and shard parsing, torchrun's environment variables, validation, and
// the dataset shards that `features --shard` and distributed training featurise.
#include "distributed/distributedoptions.h"
#include "training/trainingrun.h"

#include <QTest>

#include <set>

using namespace genrescope;
using namespace genrescope::distributed;

class TestDistributedOptions : public QObject
{
    Q_OBJECT

    static void clearEnvironment()
    {
        for (const char *v : {"WORLD_SIZE", "RANK", "MASTER_ADDR", "MASTER_PORT"})
            qunsetenv(v);
    }

private Q_SLOTS:
    void cleanup() { clearEnvironment(); }

    void rendezvousParsesHostAndPort()
    {
        auto e = parseRendezvous("10.0.0.5:29500");
        QVERIFY(e.ok());
        QCOMPARE(e->host, std::string("10.0.0.5"));
        QCOMPARE(e->port, 29500);
        auto named = parseRendezvous("node-a.example:1234");
        QVERIFY(named.ok());
        QCOMPARE(named->host, std::string("node-a.example"));
        auto v6 = parseRendezvous("[fe80::1]:29400");
        QVERIFY(v6.ok());
        QCOMPARE(v6->host, std::string("fe80::1"));
        QCOMPARE(v6->port, 29400);
    }

    void badRendezvousIsRejected()
    {
        for (const char *bad : {"", "host", ":29500", "host:", "host:0", "host:65536", "host:12x", "fe80::1:29500", "[::1]29500"}) {
            auto e = parseRendezvous(bad);
            QVERIFY2(!e.ok(), bad);
            QCOMPARE(e.error().code, base::ErrorCode::InvalidArgument);
        }
    }

    void shardParses()
    {
        auto s = parseShard("1/4");
        QVERIFY(s.ok());
        QCOMPARE(s->first, 1);
        QCOMPARE(s->second, 4);
        for (const char *bad : {"", "1", "4/4", "-1/2", "0/0", "a/b", "1/2/3", "1 /2"})
            QVERIFY2(!parseShard(bad).ok(), bad);
    }

    void environmentAbsentMeansOneProcess()
    {
        clearEnvironment();
        auto o = DistributedOptions::fromEnvironment();
        QVERIFY(o.ok());
        QCOMPARE(o->worldSize, 1);
        QVERIFY(!o->distributed());
    }

    void environmentAsTorchrunSetsIt()
    {
        qputenv("WORLD_SIZE", "3");
        qputenv("RANK", "2");
        qputenv("MASTER_ADDR", "192.168.1.10");
        qputenv("MASTER_PORT", "29511");
        auto o = DistributedOptions::fromEnvironment();
        QVERIFY(o.ok());
        QCOMPARE(o->worldSize, 3);
        QCOMPARE(o->rank, 2);
        QCOMPARE(o->host, std::string("192.168.1.10"));
        QCOMPARE(o->port, 29511);
        QVERIFY(o->distributed());
    }

    void incompleteEnvironmentNamesTheVariable()
    {
        qputenv("WORLD_SIZE", "2");
        qputenv("RANK", "1");
        qputenv("MASTER_PORT", "29511");
        auto o = DistributedOptions::fromEnvironment();
        QVERIFY(!o.ok());
        QVERIFY2(o.error().detail.find("MASTER_ADDR") != std::string::npos, o.error().detail.c_str());
        qputenv("MASTER_ADDR", "localhost");
        qputenv("RANK", "2");
        QVERIFY(!DistributedOptions::fromEnvironment().ok()); // rank outside 0..1
        qputenv("RANK", "1");
        qputenv("WORLD_SIZE", "two");
        QVERIFY(!DistributedOptions::fromEnvironment().ok());
    }

    void validateChecksRanges()
    {
        DistributedOptions o;
        QVERIFY(o.validate().ok());
        o.worldSize = 2;
        o.rank = 2;
        QVERIFY(!o.validate().ok());
        o.rank = 1;
        QVERIFY(o.validate().ok());
        o.port = 0;
        QVERIFY(!o.validate().ok());
        o.port = 29500;
        o.timeout = std::chrono::milliseconds(0);
        QVERIFY(!o.validate().ok());
    }

    void shardsAreDisjointAndCoverTheDataset()
    {
        data::Dataset d;
        d.labels = {"a", "b"};
        for (int i = 0; i < 11; ++i) {
            data::Item item;
            item.key = "k" + std::to_string(100 + i);
            item.label = i % 2 ? "a" : "b";
            d.items.push_back(item);
        }
        for (int world : {1, 2, 3, 11, 12}) {
            std::multiset<std::string> seen;
            std::size_t largest = 0, smallest = d.items.size();
            for (int r = 0; r < world; ++r) {
                const data::Dataset s = training::datasetShard(d, r, world);
                QCOMPARE(s.labels, d.labels);
                largest = std::max(largest, s.items.size());
                smallest = std::min(smallest, s.items.size());
                for (const auto &item : s.items)
                    seen.insert(item.key);
            }
            QCOMPARE(seen.size(), d.items.size());
            for (const auto &item : d.items)
                QCOMPARE(int(seen.count(item.key)), 1);
            QVERIFY(largest - smallest <= 1);
        }
        QCOMPARE(training::datasetShard(d, 1, 4).items.front().key, std::string("k101"));
        QCOMPARE(training::datasetShard(d, 1, 4).items.back().key, std::string("k109"));
        QVERIFY(training::datasetShard(d, 2, 2).items.empty());
        QVERIFY(training::datasetShard(d, 0, 0).items.empty());
    }
};

QTEST_GUILESS_MAIN(TestDistributedOptions)
#include "tst_distributedoptions.moc"
