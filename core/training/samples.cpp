#include "training/samples.h"

#include "audio/decoder.h"
#include "features/extractor.h"
#include "models/bundle.h"
#include "models/registry.h"

#include <atomic>
#include <fstream>
#include <mutex>

namespace genrescope::training {

using base::ErrorCode;
using base::makeError;

std::size_t PreparedData::itemSize() const
{
    std::size_t n = 1;
    for (auto d : itemShape)
        n *= std::size_t(d);
    return itemShape.empty() ? 0 : n;
}

std::size_t PreparedData::auxItemSize() const
{
    std::size_t n = 1;
    for (auto d : auxItemShape)
        n *= std::size_t(d);
    return auxItemShape.empty() ? 0 : n;
}

std::optional<features::FeatureConfig> auxConfigFor(const features::FeatureConfig &main)
{
    for (const auto &spec : models::modelSpecs()) {
        if (spec.auxRecipe.empty() || spec.recipe != main.recipe)
            continue;
        auto aux = models::auxFeatureConfigFor(spec.name, main);
        if (aux.ok())
            return *aux;
    }
    return std::nullopt;
}

base::Result<PreparedData> prepareAudio(const data::Dataset &dataset, const features::FeatureConfig &config,
                                        const PrepareOptions &options, const base::CancelToken &cancel,
                                        const base::ProgressFn &progress)
{
    auto extractor = features::Extractor::create(config);
    if (!extractor.ok())
        return extractor.error();
    const auto &ex = *extractor;
    const std::string configHash = config.hash();

    std::optional<features::FeatureConfig> auxConfig;
    if (!options.noAux)
        auxConfig = options.auxConfig ? options.auxConfig : auxConfigFor(config);
    std::optional<features::Extractor> auxEx;
    std::string auxHash;
    if (auxConfig) {
        auto a = features::Extractor::create(*auxConfig);
        if (!a.ok())
            return a.error();
        auxEx = std::move(*a);
        auxHash = auxConfig->hash();
    }
    const std::size_t n = dataset.items.size();

    std::vector<std::optional<features::FeatureTensor>> tensors(n), auxTensors(n);
    std::vector<std::optional<base::Error>> errors(n);
    std::atomic<std::size_t> done{0};
    std::atomic<std::uint64_t> misses{0};
    std::mutex progressMutex;

    auto toTensor = [](data::CachedFeatures &&cf) {
        features::FeatureTensor t;
        t.shape = std::move(cf.shape);
        t.data = std::move(cf.data);
        return t;
    };
    // Both inputs come from one decode; each is cached under its own FeatureConfig hash, so a
    // second run decodes nothing and a change of either config recomputes only that one.
    auto featurise = [&](std::size_t i) -> base::Status {
        const auto &item = dataset.items[i];
        std::optional<data::CacheKey> mainKey, auxKey;
        std::optional<data::CachedFeatures> mainF, auxF;
        if (options.cache) {
            auto id = data::FileIdentity::of(item.path);
            if (!id.ok())
                return id.error();
            mainKey = data::CacheKey{*id, configHash};
            mainF = options.cache->lookup(*mainKey);
            if (auxEx) {
                auxKey = data::CacheKey{*id, auxHash};
                auxF = options.cache->lookup(*auxKey);
            }
        }
        if (!mainF || (auxEx && !auxF)) {
            misses.fetch_add(1, std::memory_order_relaxed);
            audio::DecodeOptions opt;
            opt.sampleRate = config.sampleRate;
            auto decoded = audio::decodeFile(item.path, opt, cancel);
            if (!decoded.ok())
                return decoded.error();
            auto compute = [&](const features::Extractor &e, const std::optional<data::CacheKey> &key,
                               std::optional<data::CachedFeatures> &slot) -> base::Status {
                auto t = e.extract(decoded->samples.data(), decoded->samples.size(), cancel);
                if (!t.ok())
                    return t.error();
                data::CachedFeatures cf;
                cf.shape = t->shape;
                cf.data = std::move(t->data);
                if (key)
                    (void)options.cache->store(*key, cf); // a failed store only costs a recomputation later
                slot = std::move(cf);
                return {};
            };
            if (!mainF)
                GS_TRY(compute(ex, mainKey, mainF));
            if (auxEx && !auxF)
                GS_TRY(compute(*auxEx, auxKey, auxF));
        }
        tensors[i] = toTensor(std::move(*mainF));
        if (auxEx) {
            if (auxF->shape.empty() || tensors[i]->shape.empty() || auxF->shape[0] != tensors[i]->shape[0])
                return makeError(ErrorCode::Mismatch, "the second input has another number of segments than the first");
            auxTensors[i] = toTensor(std::move(*auxF));
        }
        return {};
    };

    auto work = [&](std::size_t i) {
        if (cancel.isCancelled())
            return;
        auto st = featurise(i);
        if (!st.ok()) {
            tensors[i].reset();
            errors[i] = st.error();
        }
        const std::size_t d = done.fetch_add(1) + 1;
        std::lock_guard lock(progressMutex);
        base::reportProgress(progress, double(d) / double(std::max<std::size_t>(n, 1)));
    };
    try {
        if (options.parallelFor)
            options.parallelFor(n, work);
        else
            base::serialFor(n, work);
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("prepareAudio: ") + e.what());
    }
    if (cancel.isCancelled())
        return makeError(ErrorCode::Cancelled, "feature extraction cancelled");

    PreparedData out;
    out.labels = dataset.labels;
    if (auxConfig)
        out.auxFeatureConfig = auxConfig->toJson();
    out.cacheMisses = misses.load();
    out.cacheHits = options.cache ? (n - out.cacheMisses) : 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto &item = dataset.items[i];
        if (errors[i]) {
            if (errors[i]->isCancelled())
                return *errors[i];
            out.failed.push_back({item.key, item.path.string(), *errors[i]});
            continue;
        }
        auto &t = *tensors[i];
        if (t.items() == 0) {
            out.failed.push_back({item.key, item.path.string(), makeError(ErrorCode::ZeroLength, "no segment")});
            continue;
        }
        std::vector<std::int64_t> shape(t.shape.begin() + 1, t.shape.end());
        if (out.itemShape.empty())
            out.itemShape = shape;
        else if (shape != out.itemShape) {
            out.failed.push_back({item.key, item.path.string(),
                                  makeError(ErrorCode::Mismatch, "item shape differs from the other files")});
            continue;
        }
        std::vector<float> auxValues;
        if (auxEx) {
            auto &a = *auxTensors[i];
            std::vector<std::int64_t> auxShape(a.shape.begin() + 1, a.shape.end());
            if (out.auxItemShape.empty())
                out.auxItemShape = auxShape;
            else if (auxShape != out.auxItemShape) {
                out.failed.push_back({item.key, item.path.string(),
                                      makeError(ErrorCode::Mismatch, "second-input shape differs from the other files")});
                continue;
            }
            auxValues = std::move(a.data);
        }
        SongSamples s;
        s.key = item.key;
        s.path = item.path.string();
        s.group = item.group.empty() ? item.key : item.group;
        s.label = dataset.labelIndex(item.label);
        s.items = std::int64_t(t.items());
        s.data = std::move(t.data);
        s.aux = std::move(auxValues);
        out.songs.push_back(std::move(s));
    }
    if (out.songs.empty())
        return makeError(ErrorCode::InvalidArgument, "no file of the dataset could be featurised");
    return out;
}

base::Result<data::FeatureTable> tableForModel(const data::FeatureTable &table)
{
    if (table.columnIndex("length") >= 0)
        return table.withoutColumns({"length"});
    return table;
}

base::Result<PreparedData> prepareTable(const data::FeatureTable &input)
{
    auto table = tableForModel(input);
    if (!table.ok())
        return table.error();
    if (table->size() == 0)
        return makeError(ErrorCode::EmptyFile, "feature table has no rows");
    PreparedData out;
    out.labels = table->labelNames;
    out.itemShape = {std::int64_t(table->columns.size())};
    const auto groups = table->groups();
    for (std::size_t i = 0; i < table->size(); ++i) {
        SongSamples s;
        s.key = table->filenames[i];
        s.path = table->filenames[i];
        s.group = groups[i];
        s.label = table->labels[i];
        s.items = 1;
        s.data = table->rows[i];
        out.songs.push_back(std::move(s));
    }
    return out;
}

bool looksLikeFeatureTable(const std::filesystem::path &p)
{
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec))
        return false;
    std::ifstream in(p, std::ios::binary);
    std::string first;
    std::getline(in, first);
    if (!first.empty() && first.back() == '\r')
        first.pop_back();
    if (first.rfind("\xEF\xBB\xBF", 0) == 0)
        first.erase(0, 3);
    return first.rfind("filename,", 0) == 0 && first.size() > 6 && first.substr(first.size() - 6) == ",label";
}

base::Result<PreparedData> prepareSource(const std::filesystem::path &source, const features::FeatureConfig &config,
                                         const PrepareOptions &options, const base::CancelToken &cancel,
                                         const base::ProgressFn &progress)
{
    if (looksLikeFeatureTable(source)) {
        if (config.recipe != "stats57")
            return makeError(ErrorCode::Mismatch, source.string() +
                                                      " is a feature table; only table models (recipe stats57, e.g. mlp) read it");
        auto table = data::loadFeatureTable(source);
        if (!table.ok())
            return table.error();
        return prepareTable(*table);
    }
    data::ScanOptions scan;
    scan.parallelFor = options.parallelFor;
    auto dataset = data::scanDataset(source, scan, cancel, [&](double f) { base::reportProgress(progress, 0.1 * f); });
    if (!dataset.ok())
        return dataset.error();
    auto prepared = prepareAudio(*dataset, config, options, cancel,
                                 [&](double f) { base::reportProgress(progress, 0.1 + 0.9 * f); });
    if (!prepared.ok())
        return prepared.error();
    for (const auto &p : dataset->report.problems)
        prepared->failed.push_back({p.path.string(), p.path.string(),
                                    makeError(ErrorCode::CorruptData, std::string(data::skipReasonName(p.reason)) +
                                                                          (p.detail.empty() ? "" : ": " + p.detail))});
    return prepared;
}

} // namespace genrescope::training
