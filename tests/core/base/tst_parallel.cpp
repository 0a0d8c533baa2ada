#include "base/canceltoken.h"
#include "base/parallel.h"

#include <QTest>
#include <atomic>
#include <set>
#include <mutex>
#include <thread>

using namespace genrescope::base;

class TestParallel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyIndexRunsOnce()
    {
        std::vector<std::atomic<int>> hits(1000);
        threadedFor(4)(hits.size(), [&](std::size_t i) { hits[i]++; });
        for (auto &h : hits)
            QCOMPARE(h.load(), 1);
    }
    void serialRunsInOrder()
    {
        std::vector<std::size_t> order;
        serialFor(5, [&](std::size_t i) { order.push_back(i); });
        QCOMPARE(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
    }
    void exceptionsReachTheCaller()
    {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, threadedFor(2)(10, [](std::size_t i) {
            if (i == 7)
                throw std::runtime_error("boom");
        }));
    }
    void usesSeveralThreads()
    {
        std::set<std::thread::id> ids;
        std::mutex m;
        threadedFor(2)(64, [&](std::size_t) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            std::lock_guard lock(m);
            ids.insert(std::this_thread::get_id());
        });
        QVERIFY(ids.size() >= 2);
    }
    void cancelTokenIsShared()
    {
        CancelToken a;
        CancelToken b = a;
        QVERIFY(!b.isCancelled());
        a.cancel();
        QVERIFY(b.isCancelled());
        QVERIFY(!CancelToken::none().isCancelled());
        double seen = -1;
        reportProgress([&](double f) { seen = f; }, 1.5);
        QCOMPARE(seen, 1.0);
        reportProgress({}, 0.5); // an empty callback is allowed
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
