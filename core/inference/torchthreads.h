#pragma once

namespace genrescope::inference {

/**
 * Sets the calling thread's libtorch intra-op thread count for the guard's lifetime and restores it
 * afterwards. libtorch 1.13 (Debian) parallelises with OpenMP, whose thread count is a per-thread
 * setting: two threads can each run a forward pass with their own count (2 passes x 1 thread) without
 * touching each other. at::set_num_threads() is not used because it also changes the process-wide
 * default that threads started later inherit, and re-creates the shared XNNPACK thread pool while
 * another thread may be using it.
 *
 * `threads` <= 0 leaves the count alone. When libtorch was built without OpenMP the guard does nothing
 * (active() is false). Not copyable; create and destroy it on the same thread.
 */
class ScopedTorchThreads
{
public:
    explicit ScopedTorchThreads(int threads);
    ~ScopedTorchThreads();
    ScopedTorchThreads(const ScopedTorchThreads &) = delete;
    ScopedTorchThreads &operator=(const ScopedTorchThreads &) = delete;

    /** True when the per-thread count can be set in this build (libtorch with OpenMP). */
    static bool available();
    /** The calling thread's intra-op thread count (at::get_num_threads()). */
    static int current();

private:
    int m_previous = 0; // 0: nothing to restore
};

} // namespace genrescope::inference
