#pragma once

#include <cstddef>
#include <functional>

namespace genrescope::base {

/**
 * A parallel-for supplied by the caller (ui/jobs or the CLI own the threads; core never does):
 * calls body(i) for every i in [0, n), possibly concurrently, and returns when all are done.
 */
using ParallelFor = std::function<void(std::size_t n, const std::function<void(std::size_t)> &body)>;

/** The serial parallel-for: body(0), body(1), ... on the calling thread. */
void serialFor(std::size_t n, const std::function<void(std::size_t)> &body);

/** A parallel-for on up to `threads` std::threads (0 = hardware concurrency); for the CLI and tests. */
ParallelFor threadedFor(unsigned threads = 0);

} // namespace genrescope::base
