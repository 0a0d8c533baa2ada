#pragma once

#include "base/result.h"
#include "distributed/distributedoptions.h"
#include "training/collective.h"

#include <memory>
#include <string>

namespace genrescope::distributed {

/**
 * One process's membership in a distributed run, on libtorch's c10d: rank 0 hosts a TCPStore at
 * options.host:port, every rank connects to it and joins a Gloo process group (CPU tensors; TCP).
 * The Gloo device binds to the interface named by GLOO_SOCKET_IFNAME when set, to the rendezvous
 * address when that is a loopback address, else to the address this machine's hostname resolves to.
 *
 * Every operation is bounded by options.timeout: a rank that never joins, dies, or stops answering
 * ends the others' operations with an Io error that names the rank and the rendezvous, not a hang.
 * No exception leaves this class. Not thread-safe (one training thread per process).
 */
class Communicator final : public training::Collective
{
public:
    /**
     * Join the run: returns when all worldSize ranks have joined. Errors: InvalidArgument (bad
     * options), Io (the rendezvous port cannot be bound, rank 0 cannot be reached, or not every rank
     * joined within the timeout).
     */
    static base::Result<std::shared_ptr<Communicator>> connect(const DistributedOptions &options);

    ~Communicator() override;
    Communicator(const Communicator &) = delete;
    Communicator &operator=(const Communicator &) = delete;

    int rank() const override;
    int worldSize() const override;
    const DistributedOptions &options() const;

    base::Status allReduceSum(float *values, std::size_t count) override;
    base::Status allReduceSum(double *values, std::size_t count) override;
    base::Status broadcast(std::string &bytes) override;
    base::Status barrier() override;

private:
    struct Impl;
    explicit Communicator(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m;
};

} // namespace genrescope::distributed
