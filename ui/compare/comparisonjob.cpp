#include "comparisonjob.h"

#include "models/loadedmodel.h"

#include <QFile>
#include <QPromise>
#include <QtConcurrent>

#include <memory>
#include <numeric>
#include <vector>

namespace genrescope::ui {

QFuture<ComparisonOutcome> startComparison(QThreadPool *pool, QThreadPool *workers, ComparisonRequest request,
                                           base::CancelToken cancel)
{
    return QtConcurrent::run(pool, [workers, request = std::move(request),
                                    cancel](QPromise<ComparisonOutcome> &promise) {
        promise.setProgressRange(0, 1000);
        ComparisonOutcome out;
        auto finish = [&] { promise.addResult(std::move(out)); };

        std::vector<std::unique_ptr<models::LoadedModel>> owned;
        std::vector<models::LoadedModel *> list;
        inference::ComparisonOptions options = request.options;
        options.modelNames.clear();
        for (const QString &path : request.modelPaths) {
            if (promise.isCanceled() || cancel.isCancelled()) {
                out.error = base::makeError(base::ErrorCode::Cancelled, "comparison cancelled");
                return finish();
            }
            auto m = models::loadModel(std::filesystem::path(QFile::encodeName(path).toStdString()));
            if (!m) {
                out.error = m.error();
                out.failedFile = path;
                return finish();
            }
            list.push_back(m.value().get());
            owned.push_back(std::move(m.value()));
            options.modelNames.push_back(QFileInfo(path).completeBaseName().toStdString());
        }
        if (request.testSplitOf >= 0 && request.testSplitOf < int(list.size())) {
            auto keys = inference::storedTestKeys(*list[std::size_t(request.testSplitOf)]);
            if (!keys) {
                out.error = keys.error();
                out.failedFile = request.modelPaths[request.testSplitOf];
                return finish();
            }
            options.onlyKeys = std::move(keys.value());
        }

        // Files are classified on the workers pool; this thread only waits for them.
        base::ParallelFor parallelFor = [workers](std::size_t n, const std::function<void(std::size_t)> &body) {
            std::vector<std::size_t> indices(n);
            std::iota(indices.begin(), indices.end(), std::size_t(0));
            QtConcurrent::blockingMap(workers, indices, [&body](std::size_t &i) { body(i); });
        };
        auto progress = [&promise, cancel](double f) {
            if (promise.isCanceled())
                cancel.cancel();
            promise.setProgressValue(int(f * 1000));
        };
        auto r = inference::runComparison(list, std::filesystem::path(QFile::encodeName(request.dataset).toStdString()),
                                          options, parallelFor, progress, cancel);
        if (r) {
            out.ok = true;
            out.result = std::move(r).value();
        } else {
            out.error = r.error();
        }
        finish();
    });
}

} // namespace genrescope::ui
