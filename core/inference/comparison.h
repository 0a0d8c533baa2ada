#pragma once

#include "base/canceltoken.h"
#include "base/parallel.h"
#include "base/result.h"
#include "data/dataset.h"
#include "training/aggregation.h"
#include "training/evaluation.h"

#include <QJsonObject>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace genrescope::models {
class LoadedModel;
}

namespace genrescope::inference {

/** How McNemar's p-value was computed. */
enum class McNemarMethod {
    ExactBinomial,      ///< two-sided exact binomial test on b of b + c with p = 0.5 (used when b + c < 25)
    ChiSquareCorrected, ///< chi-square with Edwards' continuity correction, 1 degree of freedom (b + c >= 25)
};

/** "exact-binomial", "chi-square-corrected". */
std::string_view mcNemarMethodId(McNemarMethod method);

/** McNemar's test of two classifiers on the same songs, from the discordant counts. */
struct McNemarResult
{
    std::int64_t b = 0; ///< songs the first model got right and the second wrong
    std::int64_t c = 0; ///< songs the first model got wrong and the second right
    McNemarMethod method = McNemarMethod::ExactBinomial;
    /**
     * The test statistic: for the exact test min(b, c) (binomial with n = b + c, p = 0.5); for the
     * chi-square test (|b - c| - 1)^2 / (b + c).
     */
    double statistic = 0;
    double pValue = 1; ///< two-sided, capped at 1; 1 when b + c = 0

    bool significant(double alpha = 0.05) const { return pValue < alpha; }
};

/**
 * McNemar's test: the exact two-sided binomial p-value 2 * P(X <= min(b, c)), X ~ Bin(b + c, 1/2),
 * when b + c < 25, otherwise chi-square (|b - c| - 1)^2 / (b + c) with 1 degree of freedom.
 * Negative counts are treated as 0. Pure function.
 */
McNemarResult mcnemar(std::int64_t b, std::int64_t c);

/** One model's figures on the comparison's songs. */
struct ModelComparison
{
    std::string name;  ///< display name (ComparisonOptions::modelNames, or LoadedModel::name(), made unique)
    std::string kind;  ///< "bundle" or "torchscript"
    std::int64_t parameters = 0;
    /** Segment- and song-level metrics in the comparison's label space (ComparisonResult::labels). */
    training::EvaluationResult evaluation;
    /** Mean milliseconds per song of the model stage (forward pass and the model's normalisation). */
    double modelMsPerSong = 0;
    /**
     * Mean milliseconds per song of decode + features + model for this model. Decode and features are
     * shared between models with the same sample rate / FeatureConfig and counted in full for each of
     * them, so this is what classifying the song with this model alone costs. Files run in parallel,
     * so the times include contention for the cores.
     */
    double totalMsPerSong = 0;
    /**
     * Compared songs that were on this model's training or validation side, as far as the model knows:
     * the file name without folder and extension ("blues.00000") of each compared song against those of
     * the train and validation keys of the split stored in its card (provenance.split). Models without a
     * stored split count 0. When it is not 0 the model's figures are not test figures for those songs.
     * File names are the only identity two datasets share (the default model's features table names
     * blues.00000.au, a GTZAN folder blues/blues.00000.flac), so a different song with the same file
     * name is counted too.
     */
    std::size_t seenInTraining = 0;
};

/** McNemar's test for one pair of models (indices into ComparisonResult::models, first < second). */
struct PairComparison
{
    int first = 0;
    int second = 0;
    std::int64_t bothRight = 0;
    std::int64_t bothWrong = 0;
    McNemarResult test;
};

/** A song on which the models' song-level predictions differ. */
struct Disagreement
{
    std::string key;
    std::string path;
    int trueLabel = -1;                ///< index into ComparisonResult::labels
    std::vector<int> predicted;        ///< per model; -1 = rejected (vote with threshold)
    std::vector<float> probability;    ///< per model: its song-level score of its prediction (0 when rejected)
};

/** A dataset file that is not part of the comparison, and why. */
struct SkippedSong
{
    std::string path;   ///< the file (the dataset key for "not-in-dataset")
    /** The scan's reason ("unreadable", "duplicate", "too-short"), "not-in-dataset" for a requested key
     *  the dataset lacks, or the classification error's code name ("corrupt-data", ...). */
    std::string reason;
    std::string detail;
};

struct ComparisonResult
{
    /**
     * The label space of every matrix and index: the dataset's labels (sorted), then labels that only
     * some models know, in the order they first appear. Macro-F1 counts classes with songs only, i.e.
     * the dataset's labels.
     */
    std::vector<std::string> labels;
    std::size_t datasetLabels = 0;       ///< the first datasetLabels entries of `labels` are the dataset's
    std::string source;                  ///< the dataset folder or CSV
    training::AggregationRule rule = training::AggregationRule::MeanProbability;
    int threshold = 0;
    std::size_t songs = 0;               ///< songs classified by every model (the evaluated set)
    std::vector<ModelComparison> models; ///< in the order given
    std::vector<PairComparison> pairs;   ///< every pair (i < j), in order (0,1), (0,2), ..., (1,2), ...
    std::vector<Disagreement> disagreements; ///< sorted by key
    std::vector<SkippedSong> skipped;    ///< scan problems and files that failed to decode, sorted by path
    double wallMs = 0;

    /** Everything above, with per-file predictions of each model. */
    QJsonObject toJson() const;
    /** model,kind,songs,segment_accuracy,song_accuracy,macro_f1,parameters,model_ms_per_song,total_ms_per_song */
    std::string summaryCsv() const;
    /** model_a,model_b,b,c,both_right,both_wrong,statistic,p_value,method,significant_0.05 */
    std::string mcnemarCsv() const;
    /** key,path,true,<model> predicted,<model> probability,... */
    std::string disagreementsCsv() const;
    /** path,reason,detail */
    std::string skippedCsv() const;
};

struct ComparisonOptions
{
    training::AggregationRule rule = training::AggregationRule::MeanProbability;
    int voteThreshold = 0;  ///< T of VoteWithThreshold
    int batchSize = 16;     ///< items per forward pass
    /** Display names, one per model; empty = each model's name(). Duplicates get " (2)", " (3)". */
    std::vector<std::string> modelNames;
    /** When not empty, only dataset items with these keys are compared (e.g. a bundle's test split). */
    std::vector<std::string> onlyKeys;
};

/**
 * The dataset keys of the test side of the split a bundle was trained on (card "provenance"/"split"),
 * so a comparison can leave out the songs the model was trained on. InvalidArgument when the model
 * carries no split (TorchScript models, bundles from elsewhere) or its test side is empty.
 */
base::Result<std::vector<std::string>> storedTestKeys(const models::LoadedModel &model);

/**
 * The file name without folder and extension: "blues.00000" for "blues/blues.00000.flac",
 * "/a/b/blues.00000.au", "blues.00000.au" and "blues.00000" (an extension is 1-5 letters and digits
 * with at least one letter).
 */
std::string songStem(const std::string &keyOrPath);

/**
 * Compare several models on one labelled dataset.
 *
 * Labels are matched by name. Every dataset label must be one of each model's labels: a model that
 * lacks some is refused with Mismatch naming the model and the missing labels (its songs could only
 * ever be errors, which would make the comparison meaningless). Labels a model has beyond the
 * dataset's are kept (see ComparisonResult::labels); predicting them counts as an error.
 *
 * Every song is classified by every model through classifyFiles() (one decode per sample rate and one
 * feature computation per FeatureConfig shared by the models, files in parallel through `parallelFor`,
 * one file per worker in memory). A song that fails to decode is listed in `skipped` and left out for
 * all models, so every model is judged on the same songs. Each model's per-song segment probabilities
 * go through training::evaluateSongs() with options.rule; McNemar's test runs on song-level
 * correctness for every pair.
 *
 * Threads: runs on the calling thread plus what `parallelFor` uses; the models must not be used by
 * anyone else meanwhile. Progress 0..1 over the files. Errors: InvalidArgument (no model, empty or
 * unknown keys, no song left), Mismatch (labels, or features that do not fit a model: then the first
 * file's error is returned), Cancelled. Never throws.
 */
base::Result<ComparisonResult> runComparison(const std::vector<models::LoadedModel *> &models,
                                             const data::Dataset &dataset, const ComparisonOptions &options,
                                             const base::ParallelFor &parallelFor,
                                             const base::ProgressFn &progress = {},
                                             const base::CancelToken &cancel = base::CancelToken::none());

/**
 * The same on a dataset folder (folder per genre) or CSV manifest: scanDataset() first (probing the
 * files in parallel; that scan is the first 10 % of the progress), its problems listed in `skipped`.
 */
base::Result<ComparisonResult> runComparison(const std::vector<models::LoadedModel *> &models,
                                             const std::filesystem::path &source, const ComparisonOptions &options,
                                             const base::ParallelFor &parallelFor,
                                             const base::ProgressFn &progress = {},
                                             const base::CancelToken &cancel = base::CancelToken::none());

} // namespace genrescope::inference
