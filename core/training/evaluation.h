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
};

FoldSummary summariseFolds(std::vector<EvaluationResult> folds);

/** Mean and sample standard deviation (n - 1; 0 for fewer than 2 values). */
std::pair<double, double> meanStd(const std::vector<double> &values);

} // namespace genrescope::training
