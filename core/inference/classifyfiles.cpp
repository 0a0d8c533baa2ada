#include "classifyfiles.h"

#include "classifygate.h"
#include "models/bundlemodel.h"
#include "models/loadedmodel.h"
#include "torchthreads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <semaphore>

namespace genrescope::inference {

bool allowsConcurrentPasses(const models::LoadedModel &model)
{
    const auto *bundle = dynamic_cast<const models::BundleModel *>(&model);
    return bundle && bundle->fusedInference();
}

base::Result<BatchSummary> classifyFiles(const std::vector<std::filesystem::path> &paths,
                                         const std::vector<models::LoadedModel *> &models,
                                         const ClassifyOptions &options, const base::ParallelFor &parallelFor,
                                         const base::ProgressFn &progress, const base::CancelToken &cancel,
                                         const FileCallback &perFile, const ForwardSharing &sharing)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (models.empty())
        return base::makeError(base::ErrorCode::InvalidArgument, "classifyFiles: no model given");
    if (sharing.concurrentForwards < 1 || sharing.threadsPerForward < 0)
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "classifyFiles: concurrentForwards must be >= 1 and threadsPerForward >= 0");
    // The caller's thread count, read on the caller's thread: workers started by the parallel-for may
    // have other defaults, so every pass sets its count explicitly.
    const int outerThreads = std::max(1, ScopedTorchThreads::current());
    // At least 2 threads per pass by default: with 1 thread libtorch 1.13 sends batch-1 1x1 convolutions
    // to its slow reference kernel (aten::thnn_conv2d, 7x slower than oneDNN), so 2 passes x 1 thread
    // are slower than 1 pass x 2 threads, while 2 passes x 2 threads beat both (docs/benchmarks/inference.md).
    const int concurrentThreads =
        sharing.threadsPerForward > 0
            ? sharing.threadsPerForward
            : std::max(std::min(2, outerThreads), outerThreads / sharing.concurrentForwards);
    std::vector<std::unique_ptr<std::mutex>> mutexes;
    std::vector<std::unique_ptr<std::counting_semaphore<>>> semaphores;
    std::vector<detail::ModelGate> gates(models.size());
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (!models[i])
            return base::makeError(base::ErrorCode::InvalidArgument, "classifyFiles: null model");
        if (sharing.concurrentForwards > 1 && allowsConcurrentPasses(*models[i])) {
            semaphores.push_back(std::make_unique<std::counting_semaphore<>>(sharing.concurrentForwards));
            gates[i].slots = semaphores.back().get();
            gates[i].torchThreads = concurrentThreads;
        } else {
            mutexes.push_back(std::make_unique<std::mutex>());
            gates[i].exclusive = mutexes.back().get();
            gates[i].torchThreads = outerThreads;
        }
    }
    std::atomic<std::size_t> done{0}, ok{0}, failed{0};
    auto body = [&](std::size_t i) {
        if (cancel.isCancelled())
            return;
        FileOutcome outcome;
        outcome.index = i;
        outcome.path = paths[i];
        outcome.result = detail::classifyGated(AudioSource::file(paths[i]), models, options, {}, cancel, {}, gates);
        if (!outcome.result.ok() && outcome.result.error().isCancelled())
            return;
        (outcome.result.ok() ? ok : failed).fetch_add(1);
        if (perFile) {
            try {
                perFile(outcome);
            } catch (...) {
                // A callback's exception must not cross the worker thread; the file still counts.
            }
        }
        base::reportProgress(progress, double(done.fetch_add(1) + 1) / double(paths.size()));
    };
    try {
        if (parallelFor)
            parallelFor(paths.size(), body);
        else
            base::serialFor(paths.size(), body);
    } catch (const std::exception &e) {
        return base::makeError(base::ErrorCode::Internal, std::string("classifyFiles: ") + e.what());
    }
    if (cancel.isCancelled())
        return base::makeError(base::ErrorCode::Cancelled, "batch classification cancelled");
    BatchSummary s;
    s.files = paths.size();
    s.ok = ok.load();
    s.failed = failed.load();
    s.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

} // namespace genrescope::inference
