#include "distributed/communicator.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include <cstdlib>
#include <exception>

namespace genrescope::distributed {

using base::ErrorCode;
using base::makeError;

namespace {

std::string what(const std::exception &e)
{
    if (const auto *c = dynamic_cast<const c10::Error *>(&e))
        return c->what_without_backtrace();
    return e.what();
}

std::string seconds(std::chrono::milliseconds t)
{
    const auto ms = t.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

bool isLoopback(const std::string &host)
{
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

} // namespace

struct Communicator::Impl
{
    DistributedOptions options;
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;

    std::string where() const
    {
        return "rank " + std::to_string(options.rank) + " of " + std::to_string(options.worldSize) +
               ", rendezvous " + options.host + ":" + std::to_string(options.port);
    }

    base::Status run(const char *operation, std::vector<at::Tensor> &tensors)
    {
        try {
            c10::intrusive_ptr<c10d::Work> work;
            if (std::string_view(operation) == "all-reduce")
                work = group->allreduce(tensors);
            else
                work = group->broadcast(tensors);
            work->wait();
            return {};
        } catch (const std::exception &e) {
            return failure(operation, e);
        }
    }

    /** In-place all-reduce (sum) of `count` values of `type` at `values`. */
    base::Status allReduceSum(void *values, std::size_t count, c10::ScalarType type)
    {
        if (count == 0)
            return {};
        try {
            std::vector<at::Tensor> t{torch::from_blob(values, {std::int64_t(count)}, type)};
            return run("all-reduce", t);
        } catch (const std::exception &e) {
            return failure("all-reduce", e);
        }
    }

    base::Error failure(const char *operation, const std::exception &e) const
    {
        return makeError(ErrorCode::Io, std::string("distributed ") + operation + " failed (" + where() +
                                            "): another rank died or did not answer within " +
                                            seconds(options.timeout) + ": " + what(e));
    }
};

Communicator::Communicator(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Communicator::~Communicator() = default;

base::Result<std::shared_ptr<Communicator>> Communicator::connect(const DistributedOptions &options)
{
    GS_TRY(options.validate());
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    const std::string at = options.host + ":" + std::to_string(options.port);
    try {
        c10d::TCPStoreOptions so;
        so.port = std::uint16_t(options.port);
        so.isServer = options.rank == 0;
        so.numWorkers = std::size_t(options.worldSize);
        so.waitWorkers = true;
        so.timeout = options.timeout;
        impl->store = c10::make_intrusive<c10d::TCPStore>(options.host, so);
    } catch (const std::exception &e) {
        const std::string role = options.rank == 0
                                     ? "rank 0 could not host the rendezvous at " + at + " or not all " +
                                           std::to_string(options.worldSize) + " ranks joined within " +
                                           seconds(options.timeout)
                                     : "rank " + std::to_string(options.rank) + " could not reach rank 0's rendezvous at " +
                                           at + " within " + seconds(options.timeout);
        return makeError(ErrorCode::Io, "distributed: " + role + ": " + what(e));
    }
    try {
        auto go = c10d::ProcessGroupGloo::Options::create(options.timeout);
        if (const char *ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
            go->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else if (isLoopback(options.host))
            go->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(options.host));
        else
            go->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        impl->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, options.rank, options.worldSize, go);
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Io, "distributed: rank " + std::to_string(options.rank) +
                                            " could not join the Gloo group at " + at + " within " +
                                            seconds(options.timeout) + ": " + what(e));
    }
    return std::shared_ptr<Communicator>(new Communicator(std::move(impl)));
}

int Communicator::rank() const
{
    return m->options.rank;
}

int Communicator::worldSize() const
{
    return m->options.worldSize;
}

const DistributedOptions &Communicator::options() const
{
    return m->options;
}

base::Status Communicator::allReduceSum(float *values, std::size_t count)
{
    return m->allReduceSum(values, count, torch::kFloat32);
}

base::Status Communicator::allReduceSum(double *values, std::size_t count)
{
    return m->allReduceSum(values, count, torch::kFloat64);
}

base::Status Communicator::broadcast(std::string &bytes)
{
    try {
        std::vector<at::Tensor> size{torch::tensor({std::int64_t(bytes.size())}, torch::kInt64)};
        GS_TRY(m->run("broadcast", size));
        const std::int64_t n = size[0].item<std::int64_t>();
        if (n < 0)
            return makeError(ErrorCode::Internal, "distributed broadcast: negative size");
        if (n == 0) {
            bytes.clear();
            return {};
        }
        auto buffer = torch::empty({n}, torch::kUInt8);
        if (rank() == 0)
            std::memcpy(buffer.data_ptr<std::uint8_t>(), bytes.data(), std::size_t(n));
        std::vector<at::Tensor> t{buffer};
        GS_TRY(m->run("broadcast", t));
        bytes.assign(reinterpret_cast<const char *>(buffer.data_ptr<std::uint8_t>()), std::size_t(n));
        return {};
    } catch (const std::exception &e) {
        return m->failure("broadcast", e);
    }
}

base::Status Communicator::barrier()
{
    // An all-reduce of one value: bounded by the Gloo timeout like every other operation.
    double one = 1.0;
    return allReduceSum(&one, 1);
}

} // namespace genrescope::distributed
