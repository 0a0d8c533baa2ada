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

/** How classifyFiles() shares a model's forward passes between its workers (see there). */
struct ForwardSharing
{
    /**
     * Forward passes of one model that may run at once on different workers, for models that allow
     * it (allowsConcurrentPasses()); each holds its own working memory (about 200 MB for the broadcast
     * network on a 30-s segment), so this bounds the memory. 1 = one at a time, as for other models.
     */
    int concurrentForwards = 1;
    /**
     * libtorch threads of each such pass; 0 = the calling thread's count / concurrentForwards, but at
     * least 2 when the caller has 2 or more (with 1 thread libtorch 1.13 runs batch-1 1x1 convolutions in
     * its slow reference kernel, so 2 passes x 2 threads on 2 cores beat 2 x 1 and 1 x 2: measured).
     */
    int threadsPerForward = 0;
};

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
 * as the parallel-for runs at once. The models are shared and decoding and features run concurrently.
 * Forward passes:
 * - a model whose network is read-only while it runs (allowsConcurrentPasses(): a BundleModel running
 *   the fused broadcast network) runs up to sharing.concurrentForwards passes at once, each on its
 *   worker with sharing.threadsPerForward libtorch threads (0: see ForwardSharing), e.g. 2 files x 2
 *   threads on 2 cores instead of 1 file x 2 threads; each pass holds its own working memory (about
 *   200 MB for the broadcast network);
 * - every other model (a LoadedModel is single-threaded) runs one pass at a time under its own mutex,
 *   with the calling thread's thread count.
 * The thread counts are set per worker thread around each pass (inference/torchthreads.h) and
 * restored afterwards; the process-wide default is not changed. Results do not depend on these
 * settings beyond float rounding of the libtorch kernels (tests: within 1e-5).
 * A file that fails (unreadable, not audio, ...) is reported through `perFile` with its
 * Error and counted as failed; the batch goes on. Progress is the fraction of files done.
 * Errors: InvalidArgument (no model, sharing.concurrentForwards < 1 or threadsPerForward < 0), Cancelled when the token was set (files not yet started are
 * skipped, the summary of the others is lost). Never throws.
 */
base::Result<BatchSummary> classifyFiles(const std::vector<std::filesystem::path> &paths,
                                         const std::vector<models::LoadedModel *> &models,
                                         const ClassifyOptions &options, const base::ParallelFor &parallelFor,
                                         const base::ProgressFn &progress = {},
                                         const base::CancelToken &cancel = base::CancelToken::none(),
                                         const FileCallback &perFile = {}, const ForwardSharing &sharing = {});

/**
 * True when several threads may run `model`'s predictProbabilities() at once: a BundleModel whose
 * fused broadcast network is in use (models/fusedbroadcast.h: read-only after construction).
 */
bool allowsConcurrentPasses(const models::LoadedModel &model);

} // namespace genrescope::inference
