#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace genrescope::base {

void serialFor(std::size_t n, const std::function<void(std::size_t)> &body)
{
    for (std::size_t i = 0; i < n; ++i)
        body(i);
}

ParallelFor threadedFor(unsigned threads)
{
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    return [threads](std::size_t n, const std::function<void(std::size_t)> &body) {
        const std::size_t workers = std::min<std::size_t>(threads, n);
        if (workers <= 1) {
            serialFor(n, body);
            return;
        }
        std::atomic<std::size_t> next{0};
        std::exception_ptr firstError;
        std::mutex errorMutex;
        auto run = [&] {
            for (std::size_t i; (i = next.fetch_add(1)) < n;) {
                try {
                    body(i);
                } catch (...) {
                    std::lock_guard lock(errorMutex);
                    if (!firstError)
                        firstError = std::current_exception();
                }
            }
        };
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < workers; ++t)
            pool.emplace_back(run);
        run();
        for (auto &t : pool)
            t.join();
        if (firstError)
            std::rethrow_exception(firstError);
    };
}

} // namespace genrescope::base
