#pragma once

#include "base/canceltoken.h"
#include "base/error.h"
#include "training/trainingrun.h"

#include <QObject>
#include <vector>

class QThreadPool;

namespace genrescope::ui {

/**
 * One training run (training::runTraining, the same call as `genrescope-cli train`) on a pool of
 * its own with one thread, so training never takes a thread from the analysis or inference pools.
 * The run reports through the signals below, emitted from the worker and delivered queued on the
 * GUI thread, in runTraining's order, then exactly one of finished / failed. cancel() sets the
 * run's CancelToken; the destructor cancels and waits for the worker, so no signal outlives the job.
 * Inside the worker, libtorch's intra-op threads are set from the request's thread count
 * (at::set_num_threads, by runTraining).
 */
class TrainingJob : public QObject
{
    Q_OBJECT
public:
    explicit TrainingJob(QObject *parent = nullptr);
    ~TrainingJob() override;

    /** Start a run; false (and nothing happens) while another run is going. */
    bool start(training::TrainingRequest request);
    void cancel();
    /** Cancel and block until the worker has returned (for shutdown). */
    void cancelAndWait();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void preparing(double fraction);
    void dataPrepared(const genrescope::training::PreparedSummary &summary);
    void foldStarted(int fold, int folds, const std::vector<genrescope::training::EpochRecord> &resumedHistory);
    void progress(int fold, const genrescope::training::TrainProgress &progress);
    void foldFinished(const genrescope::training::FoldOutcome &outcome);
    void finished(const genrescope::training::TrainingRunResult &result);
    void failed(const genrescope::base::Error &error);
    void runningChanged(bool running);

private:
    void setRunning(bool running);

    QThreadPool *m_pool;
    base::CancelToken m_cancel;
    bool m_running = false;
};

} // namespace genrescope::ui
