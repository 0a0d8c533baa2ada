#include "predictionjob.h"

#include <QPromise>
#include <QtConcurrent>

namespace genrescope::ui {

QFuture<PredictionUpdate> startPrediction(QThreadPool *pool, const QString &path, std::vector<ModelEntry> entries)
{
    return QtConcurrent::run(pool, [path, entries = std::move(entries)](QPromise<PredictionUpdate> &promise) {
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
