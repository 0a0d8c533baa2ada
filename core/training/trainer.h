#pragma once

#include "base/canceltoken.h"
#include "base/result.h"
#include "data/split.h"
#include "models/bundle.h"
#include "training/aggregation.h"
#include "training/collective.h"
#include "training/evaluation.h"
#include "training/samples.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace genrescope::training {

enum class OptimizerKind { Adam, AdamW, SgdNesterov };

std::string_view optimizerId(OptimizerKind kind); ///< "adam", "adamw", "sgd"
std::optional<OptimizerKind> optimizerFromId(std::string_view id);

/** Everything that steers a training run (all of it is stored in checkpoints and the bundle). */
struct TrainerOptions
{
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double weightDecay = 0.0;   ///< L2 (Adam, SGD) or decoupled (AdamW)
    double momentum = 0.9;      ///< SGD (Nesterov)
    int epochs = 20;
    int batchSize = 32;
    std::uint64_t seed = 0;
    /** Label-smoothing epsilon; < 0 = the model config's "label_smoothing" switch (0 when absent). */
    double labelSmoothing = -1.0;

    /** ReduceLROnPlateau: lr *= factor after `patience` epochs without improvement of the watched loss. */
    bool plateau = true;
    bool plateauOnValidation = true; ///< watch the validation loss (train loss when false or no validation)
    double plateauFactor = 0.5;
    int plateauPatience = 3;
    double minLearningRate = 1e-6;

    /** Early stopping on the validation loss (train loss without validation). */
    bool earlyStopping = true;
    double earlyStoppingMinDelta = 0.0;
    int earlyStoppingPatience = 8;

    /** Augmentation: random gain of up to +-gainDb dB (recipes with a dB log only). */
    double gainDb = 0.0;
    /** Augmentation: random circular shift of up to this fraction of the time axis (spectrogram recipes). */
    double timeShiftFraction = 0.0;

    /** Written (atomically) after every epoch; empty = no checkpoint. */
    std::filesystem::path checkpointPath;
    /** Continue from checkpointPath when it exists (its split and options win over the job's). */
    bool resume = false;
    /** Test hook: stop (Cancelled) right after this epoch (1-based) has been checkpointed; 0 = never. */
    int stopAfterEpoch = 0;

    /**
     * Data-parallel training (not serialised; empty = one process). Every rank runs train() with the
     * same job and options: each global batch of batchSize (the same seeded shuffle everywhere) is cut
     * into worldSize contiguous slices, rank r computes slice r, the loss is weighted by
     * slice/batch size and the gradients are all-reduce-summed, so the step is the one-process step
     * on the whole batch (batch norm excepted: it normalises each rank's slice on its own).
     * Augmentation is drawn for the whole batch on every rank; dropout masks are seeded per
     * (seed, epoch, rank). Epoch metrics and validation are summed over the ranks, so plateau and
     * early-stopping decisions agree. Rank 0 alone writes the checkpoint; on resume every rank reads
     * it and a checkpoint that differs from rank 0's is a Mismatch. A dead or silent peer is an Io error.
     */
    std::shared_ptr<Collective> collective;
    /** Test hook (not serialised): with a collective, compare every rank's weights after every step. */
    bool verifyReplicas = false;

    QJsonObject toJson() const;
    static base::Result<TrainerOptions> fromJson(const QJsonObject &json);
};

/** One epoch of the history (stored in the bundle). */
struct EpochRecord
{
    int epoch = 0; ///< 1-based
    double trainLoss = 0, trainAccuracy = 0;
    bool hasValidation = false;
    double validationLoss = 0, validationAccuracy = 0;
    double learningRate = 0;
    double seconds = 0;

    QJsonObject toJson() const;
    static EpochRecord fromJson(const QJsonObject &json);
};

/** A progress report: after every batch (kind Batch) and after every epoch (kind Epoch, with its record). */
struct TrainProgress
{
    enum class Kind { Batch, Epoch } kind = Kind::Batch;
    int epoch = 0; ///< 1-based
    int epochs = 0;
    int batch = 0; ///< 1-based within the epoch
    int batches = 0;
    double loss = 0;     ///< running mean over the epoch so far
    double accuracy = 0; ///< running segment accuracy over the epoch so far
    double learningRate = 0;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
    /** Epoch reports of data-parallel runs: seconds spent in the gradient all-reduce this epoch. */
    double communicationSeconds = 0;
    std::optional<EpochRecord> record;
};

using TrainProgressFn = std::function<void(const TrainProgress &)>;

/** What to train: a registry model, the features it reads, the data and the split by song. */
struct TrainingJob
{
    std::string architecture;
    QJsonObject config;                     ///< model switches (normalised by the trainer)
    QJsonObject featureConfig;              ///< FeatureConfig JSON stored in the bundle
    /**
     * Two-input models: the second input's FeatureConfig JSON; empty = take it from data (it must be
     * models::auxFeatureConfigFor(architecture, featureConfig) either way, else Mismatch).
     */
    QJsonObject auxFeatureConfig;
    std::shared_ptr<const PreparedData> data;
    data::DataSplit split;                  ///< keys = PreparedData song keys
    QJsonObject datasetInfo;                ///< provenance: {"path", "description", "failed": [...]}
};

struct TrainOutcome
{
    models::ModelBundle bundle;      ///< best model (by validation accuracy; the last one without validation)
    std::vector<EpochRecord> history;
    int bestEpoch = 0;
    bool stoppedEarly = false;
    bool resumed = false;
    std::optional<EvaluationResult> test; ///< on the split's test songs (mean-probability rule) when there are any
};

/**
 * Train `job` with `options`. Deterministic for a seed and a thread count: the model is initialised
 * after torch::manual_seed(seed); epoch e reseeds torch (dropout) and a std::mt19937_64 (shuffling,
 * augmentation) from (seed, e), so a run resumed from the checkpoint of epoch k continues exactly as
 * the uninterrupted run. Input normalisation (per band / per feature mean and std) comes from the
 * training songs only; two-input models (MLFI) get a second per-feature normalisation of their
 * statistics input, and the bundle stores both FeatureConfigs and both normalisations. Errors: InvalidArgument (bad options, empty training side, unknown model),
 * Mismatch (checkpoint of another job, items that do not fit the model), Cancelled (the last
 * checkpoint stays intact), Io/DiskFull (checkpoint), Internal (libtorch). Never throws.
 */
base::Result<TrainOutcome> train(const TrainingJob &job, const TrainerOptions &options,
                                 const base::CancelToken &cancel = base::CancelToken::none(),
                                 const TrainProgressFn &progress = {});

/** The JSON header of a checkpoint (architecture, config, featureConfig, labels, split, options, epoch, history). */
base::Result<QJsonObject> readCheckpointHeader(const std::filesystem::path &path);

/**
 * Per-song segment probabilities (segments x classes, row-major) of `songs` (indices into data.songs)
 * through `net` (eval mode, no grad), after `normalization`. Errors: Mismatch, Cancelled, Internal.
 */
base::Result<std::vector<std::vector<float>>> predictSongs(const models::GenreNet &net,
                                                           const models::Normalization &normalization,
                                                           const PreparedData &data,
                                                           const std::vector<std::size_t> &songs, int batchSize = 64,
                                                           const base::CancelToken &cancel = base::CancelToken::none());

/**
 * predictSongs for two-input models: data's second input (PreparedData::aux) is standardised with
 * `auxNormalization` and fed with each batch. The overload above passes identity.
 */
base::Result<std::vector<std::vector<float>>> predictSongs(const models::GenreNet &net,
                                                           const models::Normalization &normalization,
                                                           const models::Normalization &auxNormalization,
                                                           const PreparedData &data,
                                                           const std::vector<std::size_t> &songs, int batchSize = 64,
                                                           const base::CancelToken &cancel = base::CancelToken::none());

/** predictSongs + evaluateSongs with the given aggregation rule. */
base::Result<EvaluationResult> evaluateModel(const models::GenreNet &net, const models::Normalization &normalization,
                                             const PreparedData &data, const std::vector<std::size_t> &songs,
                                             AggregationRule rule = AggregationRule::MeanProbability,
                                             int threshold = 0, int batchSize = 64,
                                             const base::CancelToken &cancel = base::CancelToken::none());

/** evaluateModel for two-input models (see the predictSongs overload with auxNormalization). */
base::Result<EvaluationResult> evaluateModel(const models::GenreNet &net, const models::Normalization &normalization,
                                             const models::Normalization &auxNormalization, const PreparedData &data,
                                             const std::vector<std::size_t> &songs,
                                             AggregationRule rule = AggregationRule::MeanProbability,
                                             int threshold = 0, int batchSize = 64,
                                             const base::CancelToken &cancel = base::CancelToken::none());

/** Which songs of a dataset an evaluation of a bundle uses, and why. */
struct EvaluationSongs
{
    enum class Kind {
        TestSplit, ///< the bundle's stored test songs (the data is the bundle's dataset)
        All,       ///< every song (asked for, or the data is another dataset, or the bundle has no test side)
    } kind = Kind::All;
    std::vector<std::size_t> songs; ///< indices into PreparedData::songs
    /** Songs among `songs` the bundle was trained or validated on (All on the bundle's own dataset). */
    std::size_t seenInTraining = 0;
    /** Test keys of the stored split that are not in the data (e.g. files that no longer decode). */
    std::size_t missingTestSongs = 0;
    std::string description; ///< one line for people: which songs and why
};

/**
 * The songs to evaluate a bundle on. When the bundle's provenance stores a split (by song keys) and
 * `data` is the same dataset — every stored test key is one of data's song keys — the default is the
 * split's test songs only (a k-fold bundle is fold 0's model: fold 0's test songs). `all` = every
 * song, counting in seenInTraining the ones on the split's train or validation side. Without a
 * stored split, with an empty test side or on another dataset: every song. Never fails.
 */
EvaluationSongs evaluationSongs(const QJsonObject &provenance, const PreparedData &data, bool all);

/** Split entries of prepared songs (key, label name, group). */
std::vector<data::SplitEntry> splitEntries(const PreparedData &data);

/** The FeatureConfig JSON a table-trained ("stats57") model stores. */
QJsonObject stats57FeatureConfig();

} // namespace genrescope::training
