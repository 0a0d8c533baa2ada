#include "analysisjob.h"

#include "views/spectrogramview.h"

#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent>

namespace genrescope::ui {

namespace {

void fail(QPromise<AnalysisUpdate> &promise, base::Error error)
{
    AnalysisUpdate u;
    u.type = AnalysisUpdate::Type::Failed;
    u.error = std::move(error);
    promise.addResult(std::move(u));
}

/** Emits the columns that are complete in signal[0, n) as one tile. */
void emitColumns(QPromise<AnalysisUpdate> &promise, DisplayLayerBuilder &builder, const std::vector<float> &signal,
                 bool final, RenderSettings &render, double progress)
{
    const std::size_t first = builder.nextColumn();
    base::Matrix cols = builder.feed(signal.data(), signal.size(), final);
    if (cols.cols == 0)
        return;
    AnalysisUpdate u;
    u.type = AnalysisUpdate::Type::Tile;
    if (first == 0 && render.useDefaultRange && builder.axis().valueUnit == "dB") {
        // Like librosa's ref=np.max for display: the top of the range follows the loudest value of the
        // first columns (rounded up to 5 dB), the bottom is 80 dB below it.
        const float mx = *std::max_element(cols.data.begin(), cols.data.end());
        render.high = std::ceil(mx / 5.0f) * 5.0f;
        render.low = render.high - 80.0f;
        u.range = {render.low, render.high};
        u.rangeChanged = true;
    }
    u.tile.firstColumn = first;
    auto values = std::make_shared<const base::Matrix>(std::move(cols));
    u.tile.image = SpectrogramView::renderImage(*values, ColorMap(render.colorMap), render.low, render.high,
                                                builder.axis().rgb);
    u.tile.renderKey = SpectrogramView::renderKey(render.colorMap, render.low, render.high);
    u.tile.values = std::move(values);
    u.progress = progress;
    promise.addResult(std::move(u));
}

base::Result<std::unique_ptr<DisplayLayerBuilder>> makeBuilder(const DisplaySettings &display, RenderSettings &render)
{
    auto builder = DisplayLayerBuilder::create(display);
    if (builder && render.useDefaultRange) {
        if (render.dbRange && (*builder)->axis().valueUnit == "dB") {
            render.low = render.dbRange->first;
            render.high = render.dbRange->second;
            render.useDefaultRange = false;
        } else {
            render.low = (*builder)->defaultRange().first;
            render.high = (*builder)->defaultRange().second;
        }
    }
    return builder;
}

AnalysisUpdate openedUpdate(const DisplayLayerBuilder &builder, const RenderSettings &render, int sampleRate)
{
    AnalysisUpdate u;
    u.type = AnalysisUpdate::Type::Opened;
    u.axis = builder.axis();
    u.range = {render.low, render.high};
    u.sampleRate = sampleRate;
    return u;
}

} // namespace

QFuture<AnalysisUpdate> startFileAnalysis(QThreadPool *pool, const QString &path, const DisplaySettings &display,
                                          const RenderSettings &renderIn)
{
    return QtConcurrent::run(pool, [path, display, renderIn](QPromise<AnalysisUpdate> &promise) {
        RenderSettings render = renderIn;
        audio::DecodeOptions options;
        options.sampleRate = display.sampleRate;
        auto decoder = audio::StreamDecoder::open(std::filesystem::path(path.toStdString()), options);
        if (!decoder)
            return fail(promise, decoder.error());
        auto builder = makeBuilder(display, render);
        if (!builder)
            return fail(promise, builder.error());

        AnalysisUpdate opened = openedUpdate(**builder, render, display.sampleRate);
        opened.info = (*decoder)->info();
        promise.addResult(std::move(opened));

        auto signal = std::make_shared<std::vector<float>>();
        // A short first chunk makes the first screen appear at once; later chunks are larger.
        std::size_t chunk = std::size_t(display.sampleRate) * 3;
        for (;;) {
            if (promise.isCanceled())
                return fail(promise, base::makeError(base::ErrorCode::Cancelled));
            const std::size_t before = signal->size();
            auto got = (*decoder)->read(*signal, chunk);
            if (!got)
                return fail(promise, got.error());
            if (*got == 0)
                break;
            AnalysisUpdate samples;
            samples.type = AnalysisUpdate::Type::Samples;
            samples.samples.assign(signal->begin() + long(before), signal->end());
            samples.progress = (*decoder)->progress();
            promise.addResult(std::move(samples));
            emitColumns(promise, **builder, *signal, false, render, (*decoder)->progress());
            chunk = std::size_t(display.sampleRate) * 15;
        }
        emitColumns(promise, **builder, *signal, true, render, 1.0);
        AnalysisUpdate done;
        done.type = AnalysisUpdate::Type::Finished;
        done.partial = (*decoder)->partial();
        done.warning = QString::fromStdString((*decoder)->warning());
        done.progress = 1.0;
        done.signal = std::move(signal);
        promise.addResult(std::move(done));
    });
}

QFuture<AnalysisUpdate> startLayerAnalysis(QThreadPool *pool, std::shared_ptr<const std::vector<float>> signal,
                                           const DisplaySettings &display, const RenderSettings &renderIn)
{
    return QtConcurrent::run(pool, [signal, display, renderIn](QPromise<AnalysisUpdate> &promise) {
        RenderSettings render = renderIn;
        auto builder = makeBuilder(display, render);
        if (!builder)
            return fail(promise, builder.error());
        promise.addResult(openedUpdate(**builder, render, display.sampleRate));
        // Tiles of about 15 s, so the visible part appears before the whole layer is done.
        const std::size_t step = std::size_t(display.sampleRate) * 15;
        std::vector<float> prefix;
        prefix.reserve(signal->size());
        for (std::size_t n = 0; n < signal->size();) {
            if (promise.isCanceled())
                return fail(promise, base::makeError(base::ErrorCode::Cancelled));
            const std::size_t end = std::min(signal->size(), n + step);
            prefix.insert(prefix.end(), signal->begin() + long(n), signal->begin() + long(end));
            n = end;
            emitColumns(promise, **builder, prefix, n == signal->size(), render, double(n) / signal->size());
        }
        AnalysisUpdate done;
        done.type = AnalysisUpdate::Type::Finished;
        done.signal = signal;
        done.progress = 1.0;
        promise.addResult(std::move(done));
    });
}

} // namespace genrescope::ui
