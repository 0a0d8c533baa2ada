#pragma once

#include "base/canceltoken.h"
#include "base/parallel.h"
#include "base/result.h"
#include "data/dataset.h"
#include "data/featurecache.h"
#include "data/featuretable.h"
#include "features/featureconfig.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::training {

/** One song ready for training: all its model inputs (items x itemSize, row-major) and its label. */
struct SongSamples
{
    std::string key;   ///< dataset key or table filename (what splits hold)
    std::string path;
    std::string group;
    int label = -1;
    std::int64_t items = 0;
    std::vector<float> data; ///< items * itemSize values
};

/** A file left out while preparing samples, and why. */
struct FailedFile
{
    std::string key;
    std::string path;
    base::Error error;
};

/** Every song of a dataset featurised for one model. */
struct PreparedData
{
    std::vector<std::string> labels;
    std::vector<std::int64_t> itemShape; ///< per item, without the batch axis
    std::vector<SongSamples> songs;      ///< in dataset order, failed files left out
    std::vector<FailedFile> failed;
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheMisses = 0;

    std::size_t itemSize() const;
};

struct PrepareOptions
{
    /** On-disk cache (file identity + FeatureConfig hash); nullopt = no cache. */
    std::optional<data::FeatureCache> cache;
    /** Featurises files; empty = serial. The CLI passes base::threadedFor(). */
    base::ParallelFor parallelFor;
};

/**
 * Decode (22050 Hz mono, or the config's rate) and featurise every item of `dataset` with `config`,
 * through the cache when one is given. A file that fails to decode or featurise is listed in
 * `failed` and left out; the rest goes on. Songs of different item shapes are a Mismatch (all
 * recipes used for training have fixed shapes). Errors: InvalidArgument (bad config, nothing
 * usable), Cancelled. Progress 0..1 over files.
 */
base::Result<PreparedData> prepareAudio(const data::Dataset &dataset, const features::FeatureConfig &config,
                                        const PrepareOptions &options = {},
                                        const base::CancelToken &cancel = base::CancelToken::none(),
                                        const base::ProgressFn &progress = {});

/**
 * A feature table as training data: one item of columns.size() values per row (the `length` column
 * is dropped when present), key = filename, group = songGroupFromFilename.
 */
base::Result<PreparedData> prepareTable(const data::FeatureTable &table);

/** The columns a table model reads: the table's without `length`. */
base::Result<data::FeatureTable> tableForModel(const data::FeatureTable &table);

/** True when the file is a feature table (first line "filename,...,label"), not a manifest or folder. */
bool looksLikeFeatureTable(const std::filesystem::path &path);

/**
 * Any training source: a feature table (config.recipe must be "stats57"), or a folder-per-genre /
 * CSV manifest dataset scanned with data::scanDataset (its unreadable, duplicate and too-short
 * files are listed in `failed` too) and featurised with prepareAudio.
 */
base::Result<PreparedData> prepareSource(const std::filesystem::path &source, const features::FeatureConfig &config,
                                         const PrepareOptions &options = {},
                                         const base::CancelToken &cancel = base::CancelToken::none(),
                                         const base::ProgressFn &progress = {});

} // namespace genrescope::training
