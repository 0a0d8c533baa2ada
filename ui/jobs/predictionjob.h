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

/**
 * Classify `path` with the given models on `pool` (the inference pool), streaming: segments arrive as
 * soon as they are classified, so the timeline fills while the song is still being decoded. Each
 * model runs under its entry's guard. Cancel the future to stop.
 */
QFuture<PredictionUpdate> startPrediction(QThreadPool *pool, const QString &path, std::vector<ModelEntry> entries);

} // namespace genrescope::ui
