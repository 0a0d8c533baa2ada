// Communicator on loopback: two ranks as two threads of this process (each with its own TCPStore
// connection and Gloo group) sum, broadcast and meet; a rank that never joins, or that joins and then
// stops answering, ends the other's operation with an Io error within the timeout instead of a hang.
#include "distributed/communicator.h"
#include "freeport.h"

#include <QElapsedTimer>
#include <QTest>

#include <future>
#include <thread>

using namespace genrescope;
using namespace genrescope::distributed;
using namespace std::chrono_literals;

namespace {

DistributedOptions rankOptions(int rank, int port, std::chrono::milliseconds timeout = 20s)
{
    DistributedOptions o;
    o.host = "127.0.0.1";
    o.port = port;
    o.worldSize = 2;
    o.rank = rank;
    o.timeout = timeout;
    return o;
}

} // namespace

class TestCommunicator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoRanksSumBroadcastAndMeet()
    {
        const int port = testing::freeLoopbackPort();
        QVERIFY(port > 0);
        auto work = [port](int rank) -> std::string {
            auto c = Communicator::connect(rankOptions(rank, port));
            if (!c.ok())
                return c.error().toString();
            auto &comm = **c;
            if (comm.rank() != rank || comm.worldSize() != 2)
                return "wrong rank or world size";
            std::vector<float> f{float(rank + 1), 0.5f, float(10 * rank)};
            if (auto s = comm.allReduceSum(f.data(), f.size()); !s.ok())
                return s.error().toString();
            if (f != std::vector<float>{3.0f, 1.0f, 10.0f})
                return "float sum wrong";
            std::vector<double> d{1e-12 * (rank + 1), double(rank)};
            if (auto s = comm.allReduceSum(d.data(), d.size()); !s.ok())
                return s.error().toString();
            if (d[0] != 3e-12 || d[1] != 1.0)
                return "double sum wrong";
            std::string bytes = rank == 0 ? std::string("rank zero's \0 bytes", 19) : std::string("other");
            if (auto s = comm.broadcast(bytes); !s.ok())
                return s.error().toString();
            if (bytes != std::string("rank zero's \0 bytes", 19))
                return "broadcast wrong: " + bytes;
            std::string empty = rank == 0 ? std::string() : std::string("not empty");
            if (auto s = comm.broadcast(empty); !s.ok() || !empty.empty())
                return "empty broadcast wrong";
            if (auto s = comm.barrier(); !s.ok())
                return s.error().toString();
            return {};
        };
        auto r1 = std::async(std::launch::async, work, 1);
        const std::string r0 = work(0);
        const std::string other = r1.get();
        QVERIFY2(r0.empty(), r0.c_str());
        QVERIFY2(other.empty(), other.c_str());
    }

    void rankThatNeverJoinsIsAnErrorWithinTheTimeout()
    {
        const int port = testing::freeLoopbackPort();
        QElapsedTimer t;
        t.start();
        auto c = Communicator::connect(rankOptions(0, port, 2s));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, base::ErrorCode::Io);
        QVERIFY2(c.error().detail.find("127.0.0.1:" + std::to_string(port)) != std::string::npos, c.error().detail.c_str());
        QVERIFY2(t.elapsed() < 15000, qPrintable(QString("took %1 ms").arg(t.elapsed())));
        qInfo("rank 0 alone: %s (%lld ms)", c.error().detail.c_str(), t.elapsed());
    }

    void missingRankZeroIsAnErrorWithinTheTimeout()
    {
        const int port = testing::freeLoopbackPort();
        QElapsedTimer t;
        t.start();
        auto c = Communicator::connect(rankOptions(1, port, 2s));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, base::ErrorCode::Io);
        QVERIFY2(c.error().detail.find("rank 1") != std::string::npos, c.error().detail.c_str());
        QVERIFY2(t.elapsed() < 15000, qPrintable(QString("took %1 ms").arg(t.elapsed())));
    }

    void silentPeerEndsTheOperationWithinTheTimeout()
    {
        const int port = testing::freeLoopbackPort();
        std::promise<void> joined, release;
        auto peer = std::async(std::launch::async, [&] {
            auto c = Communicator::connect(rankOptions(1, port, 3s));
            joined.set_value();
            // Joined, then never takes part in an operation until the test is done.
            release.get_future().wait();
            return c.ok();
        });
        auto c = Communicator::connect(rankOptions(0, port, 3s));
        QVERIFY2(c.ok(), c.ok() ? "" : c.error().toString().c_str());
        joined.get_future().wait();
        QElapsedTimer t;
        t.start();
        float v = 1.0f;
        auto s = (*c)->allReduceSum(&v, 1);
        const qint64 ms = t.elapsed();
        release.set_value();
        QVERIFY(peer.get());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, base::ErrorCode::Io);
        QVERIFY2(s.error().detail.find("rank 0 of 2") != std::string::npos, s.error().detail.c_str());
        QVERIFY2(ms >= 2000 && ms < 20000, qPrintable(QString("the all-reduce ended after %1 ms").arg(ms)));
        qInfo("silent peer: %s (%lld ms)", s.error().detail.c_str(), ms);
    }

    void badOptionsAreRejectedBeforeAnyNetworking()
    {
        DistributedOptions o = rankOptions(3, 1);
        auto c = Communicator::connect(o);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, base::ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestCommunicator)
#include "tst_communicator.moc"
