#include "classify.h"
#include "classifygate.h"

#include "audio/decoder.h"
#include "features/clipstatistics.h"
#include "features/extractor.h"
#include "features/featureconfig.h"
#include "features/statsrecipe.h"
#include "models/loadedmodel.h"
#include "torchthreads.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>

namespace genrescope::inference {

using base::ErrorCode;
using base::makeError;
using Clock = std::chrono::steady_clock;

AudioSource AudioSource::file(std::filesystem::path path)
{
    AudioSource s;
    s.path = std::move(path);
    return s;
}

AudioSource AudioSource::decoded(std::vector<float> samples, int sampleRate)
{
    AudioSource s;
    s.samples = std::make_shared<const std::vector<float>>(std::move(samples));
    s.sampleRate = sampleRate;
    return s;
}

std::string AudioSource::name() const
{
    return samples ? std::string("<samples>") : path.string();
}

const training::SongDecision &ModelResult::decision(training::AggregationRule rule) const
{
    for (const RuleDecision &d : decisions)
        if (d.rule == rule)
            return d.decision;
    static const training::SongDecision kNone;
    return kNone;
}

std::string ModelResult::label(training::AggregationRule rule) const
{
    const int l = decision(rule).label;
    return l >= 0 && std::size_t(l) < labels.size() ? labels[std::size_t(l)] : std::string();
}

namespace {

constexpr const char *kStats57 = "stats57";

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < shape.size(); ++i)
        s << (i ? ", " : "") << shape[i];
    s << ']';
    return s.str();
}

/** Models reading the same features. */
struct FeatureGroup
{
    std::string key;
    int sampleRate = 0;
    bool stats57 = false;
    std::optional<features::Extractor> extractor; // not for stats57
    std::vector<int> models;
    bool streamable = false;
    int segmentsDone = 0;   // segments classified so far
    double featuresMs = 0;
};

struct PendingItem
{
    features::ItemSpan span;
    std::vector<float> values;
    std::vector<float> aux; // 55 values for two-input models' groups, else empty
};

struct Engine
{
    const std::vector<models::LoadedModel *> &models;
    const ClassifyOptions &options;
    const SegmentCallback &onSegment;
    const base::CancelToken &cancel;
    const std::vector<detail::ModelGate> &gates;
    ClassifyResult &result;

    /** predictProbabilities() of model m, admitted by its gate and with the gate's thread count. */
    base::Result<at::Tensor> predict(int m, const at::Tensor &batch, const at::Tensor &aux)
    {
        const detail::ModelGate gate = m < int(gates.size()) ? gates[std::size_t(m)] : detail::ModelGate{};
        std::unique_lock<std::mutex> lock;
        std::counting_semaphore<> *slot = nullptr;
        if (gate.exclusive) {
            lock = std::unique_lock(*gate.exclusive);
        } else if (gate.slots) {
            gate.slots->acquire();
            slot = gate.slots;
        }
        struct Release
        {
            std::counting_semaphore<> *slot;
            ~Release()
            {
                if (slot)
                    slot->release();
            }
        } release{slot};
        ScopedTorchThreads threads(gate.torchThreads);
        return models[std::size_t(m)]->predictProbabilities(batch, aux);
    }

    /** Runs every model of `group` on `items`, appends and reports the results. */
    base::Status runBatch(const FeatureGroup &group, const std::vector<PendingItem> &items)
    {
        if (items.empty())
            return {};
        for (int m : group.models) {
            if (cancel.isCancelled())
                return makeError(ErrorCode::Cancelled, "classification cancelled");
            models::LoadedModel &model = *models[std::size_t(m)];
            const std::vector<std::int64_t> shape = model.inputShape();
            std::size_t itemSize = 1;
            for (std::int64_t d : shape)
                itemSize *= std::size_t(d);
            std::vector<std::int64_t> batchShape{std::int64_t(items.size())};
            batchShape.insert(batchShape.end(), shape.begin(), shape.end());
            at::Tensor batch = at::empty(batchShape, at::kFloat);
            float *dst = batch.data_ptr<float>();
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (items[i].values.size() != itemSize)
                    return makeError(ErrorCode::Mismatch, "model " + model.name() + " expects items of shape " +
                                                              shapeText(shape) + " but the features " + group.key +
                                                              " give " + std::to_string(items[i].values.size()) +
                                                              " values");
                std::memcpy(dst + i * itemSize, items[i].values.data(), itemSize * sizeof(float));
            }
            at::Tensor aux;
            const std::vector<std::int64_t> auxShape = model.auxInputShape();
            if (!auxShape.empty()) {
                aux = at::empty({std::int64_t(items.size()), std::int64_t(features::kF4Size)}, at::kFloat);
                float *a = aux.data_ptr<float>();
                for (std::size_t i = 0; i < items.size(); ++i)
                    std::memcpy(a + i * features::kF4Size, items[i].aux.data(), features::kF4Size * sizeof(float));
            }
            const auto t0 = Clock::now();
            base::Result<at::Tensor> probs = predict(m, batch, aux);
            ModelResult &mr = result.models[std::size_t(m)];
            mr.timings.modelMs += msSince(t0);
            if (!probs.ok())
                return probs.error();
            const at::Tensor out = probs.value().to(at::kCPU, at::kFloat).contiguous();
            const std::size_t classes = mr.labels.size();
            if (out.dim() != 2 || out.size(0) != std::int64_t(items.size()) || out.size(1) != std::int64_t(classes))
                return makeError(ErrorCode::Mismatch, "model " + model.name() + " returned " +
                                                          shapeText(out.sizes().vec()) + " for a batch of " +
                                                          std::to_string(items.size()));
            const float *p = out.data_ptr<float>();
            for (std::size_t i = 0; i < items.size(); ++i) {
                SegmentResult s;
                s.model = m;
                s.item = int(mr.segments.size());
                s.segment = items[i].span.segment;
                s.piece = items[i].span.piece;
                s.startSeconds = items[i].span.startSeconds;
                s.endSeconds = items[i].span.endSeconds;
                s.probabilities.assign(p + i * classes, p + (i + 1) * classes);
                mr.segments.push_back(std::move(s));
                if (onSegment)
                    onSegment(mr.segments.back());
            }
        }
        return {};
    }

    /**
     * Classifies the segments of `group` that are ready in samples[0, n): the complete ones when not
     * final (streamable groups only), all remaining ones when final.
     */
    base::Status process(FeatureGroup &group, const std::vector<float> &samples, std::size_t n, bool final)
    {
        if (!final && !group.streamable)
            return {};
        const int rate = group.sampleRate;
        if (group.stats57) {
            if (!final || group.segmentsDone > 0)
                return {};
            const auto t0 = Clock::now();
            std::vector<float> clip(samples.begin(), samples.begin() + std::ptrdiff_t(n));
            base::Result<features::ClipStatistics> stats = features::clipStatistics(clip, rate, cancel);
            group.featuresMs += msSince(t0);
            if (!stats.ok())
                return stats.error();
            PendingItem item;
            item.span = {0, 0, 0.0, double(n) / rate};
            item.values = std::move(stats.value().values);
            group.segmentsDone = 1;
            return runBatch(group, {item});
        }
        const features::Extractor &ex = *group.extractor;
        const long long segLen = ex.config().segmentLength;
        std::vector<features::Segment> segs = ex.segments(n);
        if (!final) {
            // Only segments wholly inside the decoded prefix are those of the whole song too.
            while (!segs.empty() && (segs.back().length != segLen || segs.back().start + segLen > (long long)n))
                segs.pop_back();
        }
        if (int(segs.size()) <= group.segmentsDone)
            return {};
        const std::vector<features::ItemSpan> spans = ex.itemSpans(n);
        bool needsAux = false;
        for (int m : group.models)
            needsAux = needsAux || !models[std::size_t(m)]->auxInputShape().empty();

        std::vector<PendingItem> pending;
        const std::size_t batchSize = std::size_t(std::clamp(options.batchSize, 1, 1024));
        for (std::size_t si = std::size_t(group.segmentsDone); si < segs.size(); ++si) {
            if (cancel.isCancelled())
                return makeError(ErrorCode::Cancelled, "classification cancelled");
            const features::Segment &seg = segs[si];
            const auto t0 = Clock::now();
            base::Result<features::FeatureTensor> t = ex.extractSegment(samples.data(), n, seg.index);
            if (!t.ok()) {
                group.featuresMs += msSince(t0);
                return t.error();
            }
            std::vector<float> aux;
            if (needsAux) {
                const std::size_t begin = std::size_t(seg.start);
                const std::size_t end = std::min(n, begin + std::size_t(seg.length));
                std::vector<float> part(samples.begin() + std::ptrdiff_t(begin), samples.begin() + std::ptrdiff_t(end));
                part.resize(std::max<std::size_t>(part.size(), std::size_t(std::max<long long>(segLen, 2048))), 0.0f);
                base::Result<features::ClipStatistics> stats = features::clipStatistics(part, rate, cancel);
                if (!stats.ok()) {
                    group.featuresMs += msSince(t0);
                    return stats.error();
                }
                base::Result<std::vector<float>> f4 = features::f4Vector(stats.value());
                if (!f4.ok()) {
                    group.featuresMs += msSince(t0);
                    return f4.error();
                }
                aux = std::move(f4.value());
            }
            group.featuresMs += msSince(t0);
            const features::FeatureTensor &ft = t.value();
            std::vector<features::ItemSpan> segSpans;
            for (const features::ItemSpan &sp : spans)
                if (sp.segment == seg.index)
                    segSpans.push_back(sp);
            const std::size_t itemSize = ft.itemSize();
            for (std::size_t i = 0; i < ft.items(); ++i) {
                PendingItem item;
                item.span = i < segSpans.size() ? segSpans[i]
                                                 : features::ItemSpan{seg.index, int(i), seg.startSeconds, seg.endSeconds};
                item.values.assign(ft.data.begin() + std::ptrdiff_t(i * itemSize),
                                   ft.data.begin() + std::ptrdiff_t((i + 1) * itemSize));
                item.aux = aux;
                pending.push_back(std::move(item));
                if (pending.size() >= batchSize) {
                    GS_TRY(runBatch(group, pending));
                    pending.clear();
                }
            }
            group.segmentsDone = int(si) + 1;
        }
        GS_TRY(runBatch(group, pending));
        return {};
    }
};

/** The features model `m` reads, its group key and the checks that it can be fed. */
base::Status planModel(models::LoadedModel &model, std::vector<FeatureGroup> &groups, int index)
{
    const std::string name = model.name();
    const std::vector<std::int64_t> shape = model.inputShape();
    if (model.featureRecipe() == kStats57) {
        int rate = 22050;
        if (!model.featureConfig().isEmpty()) {
            base::Result<features::FeatureConfig> fc = features::FeatureConfig::fromJson(model.featureConfig());
            if (fc.ok())
                rate = fc->sampleRate;
        }
        if (shape != std::vector<std::int64_t>{std::int64_t(features::ClipStatistics::columnNames().size())})
            return makeError(ErrorCode::Mismatch, "model " + name + " reads " + kStats57 + " (57 values) but its input shape is " +
                                                      shapeText(shape));
        const std::string key = std::string(kStats57) + "@" + std::to_string(rate);
        for (FeatureGroup &g : groups)
            if (g.key == key) {
                g.models.push_back(index);
                return {};
            }
        FeatureGroup g;
        g.key = key;
        g.sampleRate = rate;
        g.stats57 = true;
        g.models.push_back(index);
        groups.push_back(std::move(g));
        return {};
    }
    if (model.featureConfig().isEmpty())
        return makeError(ErrorCode::Mismatch, "model " + name + " has no FeatureConfig (recipe \"" +
                                                  model.featureRecipe() + "\"): its features cannot be computed");
    base::Result<features::FeatureConfig> fc = features::FeatureConfig::fromJson(model.featureConfig());
    if (!fc.ok())
        return makeError(ErrorCode::Mismatch, "model " + name + ": its FeatureConfig cannot be parsed: " +
                                                  fc.error().toString());
    const std::string key = fc->hash();
    const std::vector<std::int64_t> auxShape = model.auxInputShape();
    if (!auxShape.empty() && auxShape != std::vector<std::int64_t>{std::int64_t(features::kF4Size)})
        return makeError(ErrorCode::Mismatch, "model " + name + " wants a second input of shape " + shapeText(auxShape) +
                                                  " but inference provides the 55 F4 statistics (stats55)");
    for (FeatureGroup &g : groups)
        if (g.key == key) {
            const std::vector<std::int64_t> item = g.extractor->itemShape(std::size_t(fc->segmentLength));
            if (fc->segmentLength > 0 && item != shape)
                return makeError(ErrorCode::Mismatch, "model " + name + " expects input " + shapeText(shape) +
                                                          " but its features (recipe " + fc->recipe + ") give " +
                                                          shapeText(item));
            g.models.push_back(index);
            return {};
        }
    base::Result<features::Extractor> ex = features::Extractor::create(fc.value());
    if (!ex.ok())
        return makeError(ErrorCode::Mismatch, "model " + name + ": its FeatureConfig is not usable: " +
                                                  ex.error().toString());
    if (fc->segmentLength > 0) {
        const std::vector<std::int64_t> item = ex->itemShape(std::size_t(fc->segmentLength));
        if (item != shape)
            return makeError(ErrorCode::Mismatch, "model " + name + " expects input " + shapeText(shape) +
                                                      " but its features (recipe " + fc->recipe + ") give " +
                                                      shapeText(item));
    }
    FeatureGroup g;
    g.key = key;
    g.sampleRate = fc->sampleRate;
    g.streamable = fc->segmentLength > 0 && fc->segmentAlign == features::SegmentAlign::Start;
    g.extractor.emplace(std::move(ex.value()));
    g.models.push_back(index);
    groups.push_back(std::move(g));
    return {};
}

base::Result<ClassifyResult> classifyImpl(const AudioSource &source, const std::vector<models::LoadedModel *> &models,
                                          const ClassifyOptions &options, const SegmentCallback &onSegment,
                                          const base::CancelToken &cancel, const base::ProgressFn &progress,
                                          const std::vector<detail::ModelGate> &gates)
{
    const auto tStart = Clock::now();
    if (models.empty())
        return makeError(ErrorCode::InvalidArgument, "classify: no model given");
    if (options.batchSize < 1 || options.batchSize > 1024)
        return makeError(ErrorCode::InvalidArgument, "classify: batch size must be 1..1024");
    if (!source.samples && source.path.empty())
        return makeError(ErrorCode::InvalidArgument, "classify: no audio source");

    ClassifyResult result;
    result.source = source.name();
    std::vector<FeatureGroup> groups;
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (!models[i])
            return makeError(ErrorCode::InvalidArgument, "classify: null model");
        GS_TRY(planModel(*models[i], groups, int(i)));
        ModelResult mr;
        mr.name = models[i]->name();
        mr.labels = models[i]->labels();
        result.models.push_back(std::move(mr));
    }
    for (const FeatureGroup &g : groups)
        for (int m : g.models) {
            result.models[std::size_t(m)].featureKey = g.key;
            result.models[std::size_t(m)].sampleRate = g.sampleRate;
        }

    std::vector<int> rates;
    for (const FeatureGroup &g : groups)
        if (std::find(rates.begin(), rates.end(), g.sampleRate) == rates.end())
            rates.push_back(g.sampleRate);

    Engine engine{models, options, onSegment, cancel, gates, result};
    bool durationSet = false;
    for (std::size_t r = 0; r < rates.size(); ++r) {
        const int rate = rates[r];
        std::vector<FeatureGroup *> rateGroups;
        for (FeatureGroup &g : groups)
            if (g.sampleRate == rate)
                rateGroups.push_back(&g);
        const double progressBase = double(r) / double(rates.size());
        const double progressSpan = 1.0 / double(rates.size());
        double decodeMs = 0;
        std::vector<float> owned;
        const std::vector<float> *samples = &owned;
        if (source.samples) {
            if (source.sampleRate != rate)
                return makeError(ErrorCode::InvalidArgument,
                                 "classify: the samples are at " + std::to_string(source.sampleRate) + " Hz but model " +
                                     result.models[std::size_t(rateGroups.front()->models.front())].name + " needs " +
                                     std::to_string(rate) + " Hz");
            samples = source.samples.get();
        } else if (!options.streaming) {
            const auto t0 = Clock::now();
            audio::DecodeOptions dopt;
            dopt.sampleRate = rate;
            base::Result<audio::DecodedAudio> dec = audio::decodeFile(
                source.path, dopt, cancel, [&](double f) { base::reportProgress(progress, progressBase + 0.5 * progressSpan * f); });
            decodeMs = msSince(t0);
            ++result.decodes;
            if (!dec.ok())
                return dec.error();
            owned = std::move(dec.value().samples);
            if (dec->partial) {
                result.partial = true;
                result.warning = dec->warning;
            }
        } else {
            auto t0 = Clock::now();
            audio::DecodeOptions dopt;
            dopt.sampleRate = rate;
            base::Result<std::unique_ptr<audio::StreamDecoder>> opened = audio::StreamDecoder::open(source.path, dopt);
            ++result.decodes;
            decodeMs += msSince(t0);
            if (!opened.ok())
                return opened.error();
            audio::StreamDecoder &decoder = *opened.value();
            const std::size_t chunk = std::size_t(std::max(1024.0, options.chunkSeconds * rate));
            for (;;) {
                if (cancel.isCancelled())
                    return makeError(ErrorCode::Cancelled, "classification cancelled");
                t0 = Clock::now();
                base::Result<std::size_t> got = decoder.read(owned, chunk);
                decodeMs += msSince(t0);
                if (!got.ok())
                    return got.error();
                if (got.value() == 0)
                    break;
                for (FeatureGroup *g : rateGroups)
                    GS_TRY(engine.process(*g, owned, owned.size(), false));
                base::reportProgress(progress, progressBase + 0.9 * progressSpan * decoder.progress());
            }
            if (decoder.partial()) {
                result.partial = true;
                result.warning = decoder.warning();
            }
        }
        if (samples->empty())
            return makeError(ErrorCode::ZeroLength, source.name() + ": no samples");
        if (!durationSet) {
            result.durationSeconds = double(samples->size()) / rate;
            durationSet = true;
        }
        for (FeatureGroup *g : rateGroups) {
            GS_TRY(engine.process(*g, *samples, samples->size(), true));
            ++result.featureComputations;
            for (int m : g->models) {
                result.models[std::size_t(m)].timings.decodeMs += decodeMs;
                result.models[std::size_t(m)].timings.featuresMs += g->featuresMs;
            }
            result.timings.featuresMs += g->featuresMs;
        }
        result.timings.decodeMs += decodeMs;
        base::reportProgress(progress, progressBase + progressSpan);
    }

    for (ModelResult &mr : result.models) {
        const std::size_t classes = mr.labels.size();
        std::vector<float> probs;
        probs.reserve(mr.segments.size() * classes);
        for (const SegmentResult &s : mr.segments)
            probs.insert(probs.end(), s.probabilities.begin(), s.probabilities.end());
        for (training::AggregationRule rule : training::allAggregationRules())
            mr.decisions.push_back({rule, training::aggregate(probs, classes, rule, options.voteThreshold)});
        result.timings.modelMs += mr.timings.modelMs;
    }
    result.timings.totalMs = msSince(tStart);
    return result;
}

} // namespace

base::Result<ClassifyResult> classify(const AudioSource &source, const std::vector<models::LoadedModel *> &models,
                                      const ClassifyOptions &options, const SegmentCallback &onSegment,
                                      const base::CancelToken &cancel, const base::ProgressFn &progress,
                                      const std::vector<std::mutex *> &guards)
{
    std::vector<detail::ModelGate> gates(guards.size());
    for (std::size_t i = 0; i < guards.size(); ++i)
        gates[i].exclusive = guards[i];
    return detail::classifyGated(source, models, options, onSegment, cancel, progress, gates);
}

base::Result<ClassifyResult> detail::classifyGated(const AudioSource &source,
                                                   const std::vector<models::LoadedModel *> &models,
                                                   const ClassifyOptions &options, const SegmentCallback &onSegment,
                                                   const base::CancelToken &cancel, const base::ProgressFn &progress,
                                                   const std::vector<ModelGate> &gates)
{
    try {
        return classifyImpl(source, models, options, onSegment, cancel, progress, gates);
    } catch (const c10::Error &e) {
        return makeError(ErrorCode::Internal, std::string("libtorch: ") + e.what_without_backtrace());
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("classify: ") + e.what());
    }
}

} // namespace genrescope::inference
