#pragma once

#include "base/result.h"

#include <cstddef>
#include <string>

namespace genrescope::training {

/**
 * The collective operations data-parallel training needs, across `worldSize()` ranks that each run
 * the same training code (distributed::Communicator implements it with libtorch's c10d; the trainer
 * and runTraining only see this interface, so no c10d header reaches them).
 *
 * Every rank must call the same operations in the same order with the same sizes. A peer that dies
 * or stops answering ends every operation with an Io error within the implementation's timeout,
 * never a hang. Not thread-safe: one training thread per rank calls it.
 */
class Collective
{
public:
    virtual ~Collective() = default;

    virtual int rank() const = 0;      ///< 0 .. worldSize()-1; rank 0 writes checkpoints and the bundle
    virtual int worldSize() const = 0; ///< >= 1

    /** Element-wise sum over all ranks, in place (every rank ends with the same values). Errors: Io. */
    virtual base::Status allReduceSum(float *values, std::size_t count) = 0;
    virtual base::Status allReduceSum(double *values, std::size_t count) = 0;

    /** Rank 0's `bytes` replace every other rank's. Errors: Io. */
    virtual base::Status broadcast(std::string &bytes) = 0;

    /** Returns when every rank has called it. Errors: Io. */
    virtual base::Status barrier() = 0;
};

} // namespace genrescope::training
