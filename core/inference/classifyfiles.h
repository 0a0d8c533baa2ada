#pragma once

#include "base/canceltoken.h"
#include "base/parallel.h"
#include "base/result.h"
#include "inference/classify.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

namespace genrescope::inference {

/** The outcome of one file of a batch. */
struct FileOutcome
{
    std::size_t index = 0; ///< into the paths given to classifyFiles()
    std::filesystem::path path;
    base::Result<ClassifyResult> result = base::makeError(base::ErrorCode::Internal, "not classified");
};

/** Called from a worker thread once per finished file (not for files skipped after a cancel); must be thread-safe. */
using FileCallback = std::function<void(const FileOutcome &)>;

struct BatchSummary
{
    std::size_t files = 0;
    std::size_t ok = 0;
    std::size_t failed = 0;
    double wallMs = 0;
};

/**
 * Classify many files with the same models. Files run in parallel through the caller's `parallelFor`
 * (core owns no threads); each worker holds one file at a time, so at most as many files are in memory
 * as the parallel-for runs at once. The models are shared: each model's predictProbabilities() is
 * guarded by its own mutex (a LoadedModel is single-threaded), while decoding and features run
 * concurrently. A file that fails (unreadable, not audio, ...) is reported through `perFile` with its
 * Error and counted as failed; the batch goes on. Progress is the fraction of files done.
 * Errors: InvalidArgument (no model), Cancelled when the token was set (files not yet started are
 * skipped, the summary of the others is lost). Never throws.
 */
base::Result<BatchSummary> classifyFiles(const std::vector<std::filesystem::path> &paths,
                                         const std::vector<models::LoadedModel *> &models,
                                         const ClassifyOptions &options, const base::ParallelFor &parallelFor,
                                         const base::ProgressFn &progress = {},
                                         const base::CancelToken &cancel = base::CancelToken::none(),
                                         const FileCallback &perFile = {});

} // namespace genrescope::inference
