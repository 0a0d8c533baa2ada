#pragma once

#include <string>

namespace genrescope::models {

/** libtorch's version, e.g. "1.13.1". */
std::string torchVersion();

/** The BLAS/LAPACK and parallel back ends libtorch reports (at::get_parallel_info / show_config). */
std::string torchBackendSummary();

/**
 * Set libtorch's intra-op thread count (0 = all cores). Every main calls this once at start-up:
 * libtorch's OpenMP starts with one thread on these machines.
 */
void configureTorchThreads(int threads = 0);

/** The intra-op thread count libtorch currently uses. */
int torchThreads();

} // namespace genrescope::models
