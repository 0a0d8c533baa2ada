#pragma once

#include <atomic>
#include <functional>
#include <memory>

namespace genrescope::base {

/**
 * A shared flag a caller sets to ask a long operation to stop. Copies share the flag.
 * Thread-safe: cancel() from any thread, isCancelled() polled by the worker.
 * A default-constructed token can be cancelled too; CancelToken::none() is never cancelled.
 */
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

    static const CancelToken &none()
    {
        static const CancelToken token;
        return token;
    }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

/**
 * Progress of a long operation as a fraction in [0, 1]. Called from the worker thread;
 * the callee must be cheap and thread-safe. An empty function is allowed.
 */
using ProgressFn = std::function<void(double fraction)>;

inline void reportProgress(const ProgressFn &fn, double fraction)
{
    if (fn)
        fn(fraction < 0 ? 0 : (fraction > 1 ? 1 : fraction));
}

} // namespace genrescope::base
