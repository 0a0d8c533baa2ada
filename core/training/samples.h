#pragma once

#include "base/canceltoken.h"
#include "base/parallel.h"
#include "base/result.h"
#include "data/dataset.h"
#include "data/featurecache.h"
#include "data/featuretable.h"
#include "features/featureconfig.h"

#include <QJsonObject>

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
    std::vector<float> aux;  ///< items * auxItemSize values of the second input (two-input models), else empty
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
    /** The second input (MLFI's per-segment statistics): its FeatureConfig JSON and per-item shape; empty = none. */
    QJsonObject auxFeatureConfig;
    std::vector<std::int64_t> auxItemShape;
    std::vector<SongSamples> songs;      ///< in dataset order, failed files left out
    std::vector<FailedFile> failed;
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheMisses = 0;

    std::size_t itemSize() const;
    std::size_t auxItemSize() const; ///< 0 when there is no second input
    bool hasAux() const { return !auxItemShape.empty(); }
};

struct PrepareOptions
{
    /** On-disk cache (file identity + FeatureConfig hash); nullopt = no cache. */
    std::optional<data::FeatureCache> cache;
    /** Featurises files; empty = serial. The CLI passes base::threadedFor(). */
    base::ParallelFor parallelFor;
    /**
     * The second input computed per segment in the same decode pass and cached under its own
     * FeatureConfig hash. Unset = auxConfigFor(config): the statistics of two-input models whose main
     * recipe `config` is (MLFI: stats55 for mlfi-f3), none otherwise. noAux = never.
     */
    std::optional<features::FeatureConfig> auxConfig;
    bool noAux = false; ///< never compute a second input
};

/**
 * The FeatureConfig of the second input that goes with `main`: when a registry model reads `main`'s
 * recipe and has a second input (models::ModelSpec::auxRecipe), that recipe with main's sample rate
 * and segmentation (one statistics vector per main segment, as inference computes it); nullopt otherwise.
 */
std::optional<features::FeatureConfig> auxConfigFor(const features::FeatureConfig &main);

/**
 * Decode (22050 Hz mono, or the config's rate) and featurise every item of `dataset` with `config`,
 * through the cache when one is given. When options.auxConfig (or auxConfigFor(config)) names a second
 * input, it is computed from the same decode, per segment, and cached under its own config hash;
 * PreparedData::auxFeatureConfig / auxItemShape and SongSamples::aux carry it. A file that fails to decode or featurise is listed in
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
