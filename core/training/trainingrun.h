#pragma once

#include "base/canceltoken.h"
#include "base/parallel.h"
#include "base/result.h"
#include "data/dataset.h"
#include "data/split.h"
#include "training/evaluation.h"
#include "training/samples.h"
#include "training/trainer.h"

#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::training {

/** What a training source holds, found before any feature is computed (for a "scan" panel). */
struct SourceScan
{
    enum class Kind { GenreFolders, Manifest, FeatureTable };
    Kind kind = Kind::GenreFolders;
    std::filesystem::path path;
    std::vector<std::string> labels;                 ///< sorted
    std::map<std::string, std::size_t> classCounts;  ///< label -> items kept (files, or table rows)
    std::size_t items = 0;                           ///< files kept, or table rows
    std::size_t songs = 0;                           ///< distinct song groups among the items
    std::size_t candidates = 0;                      ///< audio files considered (table: rows)
    std::vector<data::SkippedFile> problems;         ///< unreadable, duplicate, too-short files (audio only)
    std::vector<data::SkippedFile> ignored;          ///< non-audio, hidden, misplaced files (audio only)
    std::size_t columns = 0;                         ///< feature table: numeric columns a table model reads
};

/** "genre-folders", "manifest", "feature-table". */
std::string_view sourceKindName(SourceScan::Kind kind);

/**
 * What training on `source` would start from: a feature table is parsed (its rows, classes and
 * columns), a folder-per-genre or CSV manifest is scanned with data::scanDataset (each file probed,
 * in parallel through `parallelFor`; duplicates and unreadable files listed). Costs a probe per file,
 * no decode. Errors: those of data::scanDataset / data::loadFeatureTable, Cancelled. Never throws.
 */
base::Result<SourceScan> scanSource(const std::filesystem::path &source, const base::ParallelFor &parallelFor = {},
                                    const base::CancelToken &cancel = base::CancelToken::none(),
                                    const base::ProgressFn &progress = {});

/**
 * Shard `rank` of `world` of a dataset: the items whose index in the key-sorted item list is
 * congruent to rank modulo world (round robin, so shards are of equal size +-1 and mix the classes).
 * The shards of 0..world-1 are disjoint and cover every item. world < 1 or rank outside [0, world)
 * gives an empty item list. Labels, root and report are kept.
 */
data::Dataset datasetShard(const data::Dataset &dataset, int rank, int world);

/** Everything `genrescope-cli train` takes: one training run, a single split or k folds. */
struct TrainingRequest
{
    std::filesystem::path source;   ///< dataset folder, manifest CSV or feature-table CSV
    std::string architecture;       ///< registry name; ignored when resumeFrom is set
    QJsonObject config;             ///< model switches (checked and completed with models::normalizedConfig)
    /**
     * Trainer settings; its checkpointPath and resume fields are set per fold by runTraining. With
     * options.collective (several ranks), every rank runs runTraining with the same request: each
     * first featurises its datasetShard into the cache (a shared cache directory makes the ranks
     * split the work), then every rank prepares the whole dataset from the cache and trains its
     * slices (see TrainerOptions::collective); rank 0 alone writes checkpoints and the bundle.
     */
    TrainerOptions options;
    /** 0 = one stratified split with the fractions below; k >= 3 = k-fold cross-validation by song. */
    int folds = 0;
    double validationFraction = 0.1;
    double testFraction = 0.2;
    bool useCache = true;
    std::filesystem::path cacheDirectory;   ///< empty = data::FeatureCache::defaultDirectory()
    /** > 0: at::set_num_threads(threads) on the calling thread and the featurising width; 0 = leave as is. */
    unsigned threads = 0;
    base::ParallelFor parallelFor;          ///< featurises files; empty = base::threadedFor(threads)
    std::filesystem::path outputPath;       ///< the bundle to write
    /** Checkpoint file; empty = <out>.ckpt. With folds: <checkpoint>.fold<i>, or <out>.fold<i>.ckpt. */
    std::filesystem::path checkpointPath;
    /**
     * Continue an interrupted run of this same request: every fold whose checkpoint exists continues
     * from it (a finished fold is only evaluated again), the others start afresh.
     */
    bool resume = false;
    /**
     * Continue one run from this checkpoint instead: its model, switches, split and trainer options are
     * used (architecture and config above are ignored; options.epochs may extend it) and it stays the
     * checkpoint file.
     */
    std::filesystem::path resumeFrom;
};

/** The checkpoint file of fold `fold` of `folds` (folds <= 1: the single run) for `request`. */
std::filesystem::path checkpointPathFor(const TrainingRequest &request, int fold, int folds);

/** The data a run trains on, once featurised. */
struct PreparedSummary
{
    std::size_t songs = 0;                ///< prepared songs (table rows for a feature table)
    std::size_t items = 0;                ///< model inputs over all songs (segments)
    std::vector<std::string> labels;
    std::vector<std::size_t> classCounts; ///< songs per label, in label order
    std::vector<std::int64_t> itemShape;
    std::vector<FailedFile> failed;       ///< files left out, with why
    std::uint64_t cacheHits = 0;
    std::uint64_t cacheMisses = 0;
    bool featureTable = false;
};

/** One fold (or the single split) after training. */
struct FoldOutcome
{
    int fold = 0;
    std::vector<EpochRecord> history;
    int bestEpoch = 0;
    bool stoppedEarly = false;
    bool resumed = false;
    std::optional<EvaluationResult> test; ///< on the fold's test songs, when there are any
    std::filesystem::path checkpointPath;
};

struct TrainingRunResult
{
    std::filesystem::path bundlePath;
    std::string architecture;
    PreparedSummary data;
    std::vector<FoldOutcome> folds;
    std::optional<FoldSummary> summary; ///< k-fold runs (more than one split)
    QJsonObject card;                   ///< the saved bundle's card (title, notes)
    QJsonObject evaluation;             ///< the saved bundle's evaluation field
};

/**
 * Reports from runTraining, all on the calling thread, in this order: preparing (0..1 while the
 * features are computed), dataPrepared, then per fold foldStarted, progress (after every batch and
 * epoch), foldFinished; finished after the bundle is saved. Empty functions are skipped.
 */
struct TrainingCallbacks
{
    base::ProgressFn preparing;
    std::function<void(const PreparedSummary &)> dataPrepared;
    /** `resumedHistory`: the epochs a resumed fold already has (from its checkpoint), else empty. */
    std::function<void(int fold, int folds, const std::vector<EpochRecord> &resumedHistory)> foldStarted;
    std::function<void(int fold, const TrainProgress &progress)> progress;
    std::function<void(const FoldOutcome &outcome)> foldFinished;
    std::function<void(const TrainingRunResult &result)> finished;
};

/** The stage at which runTraining stopped (for callers that map errors, e.g. to CLI exit codes). */
enum class TrainingStage { Setup, Data, Split, Train, Save, Done };

/**
 * Train as `genrescope-cli train` does: featurise the source (through the feature cache unless
 * useCache is off), build the split (or k folds by song, fold i tests on fold i and validates on
 * fold i+1), train each with training::train (a checkpoint after every epoch), and save the bundle:
 * the model of the first split, with card title "<model> on <source name>", card notes describing
 * the split, and for k folds evaluation = summariseFolds(...) with "kind": "kfold". Synchronous;
 * call it from a worker thread. `stage`, when given, receives the stage reached (the failing one on
 * error). Errors: InvalidArgument (unknown model, bad switches, folds or fractions), those of
 * prepareSource, train and saveBundle; Cancelled keeps every checkpoint written so far. Never throws.
 */
base::Result<TrainingRunResult> runTraining(const TrainingRequest &request,
                                            const base::CancelToken &cancel = base::CancelToken::none(),
                                            const TrainingCallbacks &callbacks = {},
                                            TrainingStage *stage = nullptr);

} // namespace genrescope::training
