#include "classifyfiles.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>

namespace genrescope::inference {

base::Result<BatchSummary> classifyFiles(const std::vector<std::filesystem::path> &paths,
                                         const std::vector<models::LoadedModel *> &models,
                                         const ClassifyOptions &options, const base::ParallelFor &parallelFor,
                                         const base::ProgressFn &progress, const base::CancelToken &cancel,
                                         const FileCallback &perFile)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (models.empty())
        return base::makeError(base::ErrorCode::InvalidArgument, "classifyFiles: no model given");
    std::vector<std::unique_ptr<std::mutex>> mutexes;
    std::vector<std::mutex *> guards;
    for (std::size_t i = 0; i < models.size(); ++i) {
        mutexes.push_back(std::make_unique<std::mutex>());
        guards.push_back(mutexes.back().get());
    }
    std::atomic<std::size_t> done{0}, ok{0}, failed{0};
    auto body = [&](std::size_t i) {
        if (cancel.isCancelled())
            return;
        FileOutcome outcome;
        outcome.index = i;
        outcome.path = paths[i];
        outcome.result = classify(AudioSource::file(paths[i]), models, options, {}, cancel, {}, guards);
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
