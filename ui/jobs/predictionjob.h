#pragma once

#include "inference/classify.h"
#include "mainwindow/modelset.h"

#include <QFuture>
#include <QString>
#include <vector>

class QThreadPool;

namespace genrescope::ui {

/** One step of classifying a song, delivered in order through QFutureWatcher::resultReadyAt. */
struct PredictionUpdate
{
    enum class Type { Segment, Finished, Failed };
    Type type = Type::Segment;
    inference::SegmentResult segment; ///< Segment: model index is into the job's entries
    inference::ClassifyResult result; ///< Finished
    base::Error error;                ///< Failed (Cancelled when a newer song replaced this one)
};

/** Where and how the models of one job run (from the user's settings, appsettings.h). */
struct ComputeSettings
{
    /** libtorch intra-op threads, applied on the job's thread (0 = every core, < 0 = leave as is). */
    int torchThreads = -1;
    /** Move each model to CUDA when the linked libtorch has it (models::chooseDevice), else to the CPU. */
    bool allowCuda = false;
};

/**
 * Classify `path` with the given models on `pool` (the inference pool), streaming: segments arrive as
 * soon as they are classified, so the timeline fills while the song is still being decoded. Each
 * model runs under its entry's guard, on the device `compute` chooses (moved there under the guard
 * before the song starts). Cancel the future to stop.
 */
QFuture<PredictionUpdate> startPrediction(QThreadPool *pool, const QString &path, std::vector<ModelEntry> entries,
                                          ComputeSettings compute = {});

} // namespace genrescope::ui
