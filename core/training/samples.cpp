#include "training/samples.h"

#include "audio/decoder.h"
#include "features/extractor.h"

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

base::Result<PreparedData> prepareAudio(const data::Dataset &dataset, const features::FeatureConfig &config,
                                        const PrepareOptions &options, const base::CancelToken &cancel,
                                        const base::ProgressFn &progress)
{
    auto extractor = features::Extractor::create(config);
    if (!extractor.ok())
        return extractor.error();
    const auto &ex = *extractor;
    const std::string configHash = config.hash();
    const std::size_t n = dataset.items.size();

    std::vector<std::optional<features::FeatureTensor>> tensors(n);
    std::vector<std::optional<base::Error>> errors(n);
    std::atomic<std::size_t> done{0};
    std::atomic<std::uint64_t> misses{0};
    std::mutex progressMutex;

    auto work = [&](std::size_t i) {
        if (cancel.isCancelled())
            return;
        const auto &item = dataset.items[i];
        auto compute = [&]() -> base::Result<data::CachedFeatures> {
            misses.fetch_add(1, std::memory_order_relaxed);
            audio::DecodeOptions opt;
            opt.sampleRate = config.sampleRate;
            auto decoded = audio::decodeFile(item.path, opt, cancel);
            if (!decoded.ok())
                return decoded.error();
            auto t = ex.extract(decoded->samples.data(), decoded->samples.size(), cancel);
            if (!t.ok())
                return t.error();
            data::CachedFeatures cf;
            cf.shape = t->shape;
            cf.data = std::move(t->data);
            return cf;
        };
        base::Result<data::CachedFeatures> r = makeError(ErrorCode::Internal, "not computed");
        if (options.cache) {
            auto id = data::FileIdentity::of(item.path);
            if (!id.ok())
                r = id.error();
            else
                r = options.cache->getOrCompute(data::CacheKey{*id, configHash}, compute);
        } else {
            r = compute();
        }
        if (r.ok()) {
            features::FeatureTensor t;
            t.shape = r->shape;
            t.data = std::move(r->data);
            tensors[i] = std::move(t);
        } else {
            errors[i] = r.error();
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
        SongSamples s;
        s.key = item.key;
        s.path = item.path.string();
        s.group = item.group.empty() ? item.key : item.group;
        s.label = dataset.labelIndex(item.label);
        s.items = std::int64_t(t.items());
        s.data = std::move(t.data);
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
