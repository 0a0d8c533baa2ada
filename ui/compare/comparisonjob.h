#pragma once

#include "base/canceltoken.h"
#include "base/error.h"
#include "inference/comparison.h"

#include <QFuture>
#include <QString>
#include <QStringList>

class QThreadPool;

namespace genrescope::ui {

/** What to compare: model files, a dataset folder or CSV manifest, and the core's options. */
struct ComparisonRequest
{
    QStringList modelPaths;
    QString dataset;
    inference::ComparisonOptions options;
    /** Index into modelPaths whose stored test split selects the songs; -1 = every song. */
    int testSplitOf = -1;
};

/** The job's single result: the comparison, or why there is none (Cancelled when the user stopped it). */
struct ComparisonOutcome
{
    bool ok = false;
    inference::ComparisonResult result;
    base::Error error;
    QString failedFile; ///< the model file that failed to load, if that is what failed
};

/**
 * Load the models and run inference::runComparison() on `pool` (one thread runs the job) while the
 * files are classified in parallel on `workers`; both pools belong to the caller and must outlive the
 * future. Progress is reported in 0..1000. `cancel` stops the work between files, segments and
 * batches (canceling the future sets it too). The request is taken by value: the job touches no widget.
 */
QFuture<ComparisonOutcome> startComparison(QThreadPool *pool, QThreadPool *workers, ComparisonRequest request,
                                           base::CancelToken cancel);

} // namespace genrescope::ui
