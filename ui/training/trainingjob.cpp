#include "trainingjob.h"

#include <QThreadPool>

namespace genrescope::ui {

TrainingJob::TrainingJob(QObject *parent) : QObject(parent), m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    m_pool->setObjectName(QStringLiteral("trainingPool"));
}

TrainingJob::~TrainingJob()
{
    cancelAndWait();
}

bool TrainingJob::start(training::TrainingRequest request)
{
    if (m_running)
        return false;
    m_cancel = base::CancelToken();
    setRunning(true);
    const base::CancelToken cancel = m_cancel;
    // The worker captures the job, never a widget: the job's destructor waits for the worker.
    m_pool->start([this, request = std::move(request), cancel] {
        training::TrainingCallbacks cb;
        cb.preparing = [this](double f) { Q_EMIT preparing(f); };
        cb.dataPrepared = [this](const training::PreparedSummary &s) { Q_EMIT dataPrepared(s); };
        cb.foldStarted = [this](int fold, int folds, const std::vector<training::EpochRecord> &history) {
            Q_EMIT foldStarted(fold, folds, history);
        };
        cb.progress = [this](int fold, const training::TrainProgress &p) { Q_EMIT progress(fold, p); };
        cb.foldFinished = [this](const training::FoldOutcome &o) { Q_EMIT foldFinished(o); };
        auto result = training::runTraining(request, cancel, cb);
        // The end is delivered on the GUI thread: running is false before finished/failed arrive, so a
        // receiver may start the next run at once.
        if (result.ok()) {
            QMetaObject::invokeMethod(
                this,
                [this, r = std::move(result).value()] {
                    setRunning(false);
                    Q_EMIT finished(r);
                },
                Qt::QueuedConnection);
        } else {
            QMetaObject::invokeMethod(
                this,
                [this, e = result.error()] {
                    setRunning(false);
                    Q_EMIT failed(e);
                },
                Qt::QueuedConnection);
        }
    });
    return true;
}

void TrainingJob::cancel()
{
    m_cancel.cancel();
}

void TrainingJob::cancelAndWait()
{
    m_cancel.cancel();
    m_pool->waitForDone();
}

void TrainingJob::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    Q_EMIT runningChanged(running);
}

} // namespace genrescope::ui
