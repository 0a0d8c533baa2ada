#pragma once

// Internal to core/inference: how classifyFiles() lets workers share models (not a public header).
#include "inference/classify.h"

#include <mutex>
#include <semaphore>
#include <vector>

namespace genrescope::inference::detail {

/** How one model's forward passes are admitted when workers share it. */
struct ModelGate
{
    std::mutex *exclusive = nullptr;            ///< when set: one pass at a time
    std::counting_semaphore<> *slots = nullptr; ///< else when set: up to its count at once
    int torchThreads = 0;                       ///< intra-op threads of each pass on its thread (0: leave)
};

/** classify() with a gate per model (empty: no gating, the calling thread's thread count). */
base::Result<ClassifyResult> classifyGated(const AudioSource &source, const std::vector<models::LoadedModel *> &models,
                                           const ClassifyOptions &options, const SegmentCallback &onSegment,
                                           const base::CancelToken &cancel, const base::ProgressFn &progress,
                                           const std::vector<ModelGate> &gates);

} // namespace genrescope::inference::detail
