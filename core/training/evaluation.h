#pragma once

#include "base/result.h"
#include "training/aggregation.h"

#include <QJsonObject>
#include <cstdint>
#include <string>
#include <vector>

namespace genrescope::training {

/** Precision, recall and F1 of one class (0 when undefined: no prediction / no example). */
struct ClassMetrics
{
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    std::int64_t support = 0; ///< examples whose true label is this class
};

/**
 * Classification metrics over (truth, prediction) pairs. A prediction of -1 (rejected by a vote
 * threshold) counts as an error and is counted in `rejected`, not in the confusion matrix.
 */
struct Metrics
{
    std::int64_t total = 0;
    std::int64_t correct = 0;
    std::int64_t rejected = 0;
    double accuracy = 0;  ///< correct / total
    double macroF1 = 0;   ///< mean F1 over classes with support > 0
    std::vector<ClassMetrics> perClass;
    std::vector<std::vector<std::int64_t>> confusion; ///< [true][predicted] counts

    /** Each row divided by its sum (rows without examples stay 0). */
    std::vector<std::vector<double>> rowNormalised() const;
    QJsonObject toJson(const std::vector<std::string> &labels) const;
    /**
     * Reads what toJson() writes for `classes` classes: counts, confusion and per-class figures
     * exactly as stored. BadFormat (detail names the field) when a field is missing or has the
     * wrong shape.
     */
    static base::Result<Metrics> fromJson(const QJsonObject &json, std::size_t classes);
};

/** Metrics of `predicted` against `truth` (same length; labels in [0, classes)). */
Metrics computeMetrics(const std::vector<int> &truth, const std::vector<int> &predicted, int classes);

/** What the model said about one file. */
struct FilePrediction
{
    std::string key;  ///< dataset key (or table filename)
    std::string path;
    int trueLabel = -1;
    int predicted = -1;               ///< song-level decision (-1 = rejected)
    std::vector<float> scores;        ///< song-level per-class scores from the aggregation rule
    std::vector<int> segmentPredictions; ///< argmax of every segment
    /**
     * Segments x classes probabilities (row-major), as the model gave them; stored in JSON rounded to
     * 5 significant digits. Empty for evaluations saved before they were kept: such results cannot be
     * re-aggregated.
     */
    std::vector<float> segmentProbabilities;
};

/** Segment- and song-level evaluation of one model on one set of songs. */
struct EvaluationResult
{
    std::vector<std::string> labels;
    AggregationRule rule = AggregationRule::MeanProbability;
    int threshold = 0;
    Metrics segment;
    Metrics song;
    std::vector<FilePrediction> files;

    QJsonObject toJson() const;
    /**
     * Reads what toJson() writes. Labels, rule, counts and per-file decisions come back exactly;
     * probabilities as stored (5 significant digits). Files without "segmentProbabilities" load with
     * an empty vector. BadFormat with the offending field in the detail when the JSON is not an
     * evaluation (missing labels, unknown rule or label name, matrix of the wrong size, ...).
     */
    static base::Result<EvaluationResult> fromJson(const QJsonObject &json);
    /** True when every file has segment probabilities (segments x classes), so reaggregate() works. */
    bool hasSegmentProbabilities() const;
    /** One row per file: key,path,true,predicted,correct,<p_label...>,segment_predictions. */
    std::string predictionsCsv() const;
    /** Song-level confusion matrix as CSV (counts, or row-normalised). */
    std::string confusionCsv(bool normalised) const;
};

/**
 * Evaluate from per-song segment probabilities: segmentProbs[s] is segments x classes (row-major)
 * of song s. Errors: InvalidArgument on inconsistent sizes.
 */
base::Result<EvaluationResult> evaluateSongs(const std::vector<std::string> &labels,
                                             const std::vector<std::string> &keys,
                                             const std::vector<std::string> &paths,
                                             const std::vector<int> &truth,
                                             const std::vector<std::vector<float>> &segmentProbs,
                                             AggregationRule rule, int threshold = 0);

/** Mean and (sample) standard deviation of the fold results. */
struct FoldSummary
{
    std::vector<EvaluationResult> folds;
    double songAccuracyMean = 0, songAccuracyStd = 0;
    double segmentAccuracyMean = 0, segmentAccuracyStd = 0;
    double macroF1Mean = 0, macroF1Std = 0;

    QJsonObject toJson() const;
    /**
     * Reads what toJson() writes: the per-fold results under "perFold"; the means and deviations are
     * recomputed from them (summariseFolds). BadFormat when "perFold" is missing or empty, a fold is
     * malformed, or the folds disagree on the labels.
     */
    static base::Result<FoldSummary> fromJson(const QJsonObject &json);
};

FoldSummary summariseFolds(std::vector<EvaluationResult> folds);

/**
 * The song level (and its metrics) recomputed under another aggregation rule from the stored segment
 * probabilities; the segment level is unchanged. InvalidArgument when a file has no segment
 * probabilities or they do not fit the labels. Pure function.
 */
base::Result<EvaluationResult> reaggregate(const EvaluationResult &result, AggregationRule rule, int threshold = 0);

/**
 * Several evaluations with the same labels (e.g. the test folds of a k-fold run, each song in exactly
 * one fold) pooled into one: files concatenated, segment and song metrics recomputed over all of them.
 * Mismatch when the labels or the aggregation rules differ; InvalidArgument when there is nothing to pool.
 */
base::Result<EvaluationResult> poolEvaluations(const std::vector<EvaluationResult> &results);

/** Mean and sample standard deviation (n - 1; 0 for fewer than 2 values). */
std::pair<double, double> meanStd(const std::vector<double> &values);

} // namespace genrescope::training
