#include "predictionjob.h"

#include "models/device.h"
#include "models/loadedmodel.h"
#include "models/torchinfo.h"

#include <QPromise>
#include <QtConcurrent>

namespace genrescope::ui {

QFuture<PredictionUpdate> startPrediction(QThreadPool *pool, const QString &path, std::vector<ModelEntry> entries,
                                          ComputeSettings compute)
{
    return QtConcurrent::run(pool, [path, entries = std::move(entries), compute](QPromise<PredictionUpdate> &promise) {
        // libtorch's OpenMP thread count is per thread: set it here, where the models run.
        if (compute.torchThreads >= 0)
            models::configureTorchThreads(compute.torchThreads);
        const c10::Device device = models::chooseDevice(compute.allowCuda).device;
        for (const auto &e : entries) {
            const std::lock_guard lock(*e.guard);
            if (e.model->device() == device)
                continue;
            if (auto s = e.model->setDevice(device); !s.ok()) {
                PredictionUpdate failed;
                failed.type = PredictionUpdate::Type::Failed;
                failed.error = s.error();
                promise.addResult(std::move(failed));
                return;
            }
        }
        std::vector<models::LoadedModel *> models;
        std::vector<std::mutex *> guards;
        for (const auto &e : entries) {
            models.push_back(e.model.get());
            guards.push_back(e.guard.get());
        }
        // The promise's cancel flag drives core's token, checked between chunks, segments and batches.
        base::CancelToken cancel;
        inference::ClassifyOptions options;
        options.streaming = true;
        auto onSegment = [&](const inference::SegmentResult &s) {
            if (promise.isCanceled())
                cancel.cancel();
            PredictionUpdate u;
            u.type = PredictionUpdate::Type::Segment;
            u.segment = s;
            promise.addResult(std::move(u));
        };
        auto onProgress = [&](double) {
            if (promise.isCanceled())
                cancel.cancel();
        };
        auto result = inference::classify(inference::AudioSource::file(path.toStdString()), models, options, onSegment,
                                          cancel, onProgress, guards);
        PredictionUpdate done;
        if (result) {
            done.type = PredictionUpdate::Type::Finished;
            done.result = std::move(result).value();
        } else {
            done.type = PredictionUpdate::Type::Failed;
            done.error = result.error();
        }
        promise.addResult(std::move(done));
    });
}

} // namespace genrescope::ui
